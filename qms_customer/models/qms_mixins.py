# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one workflow guard of the three QMS addons (R-E1).

Every QMS model with a workflow inherits ``qms.workflow.guard``:

- the fields only its workflow writes are declared once per model
  (``_qms_protected_fields``, extended through ``_qms_get_protected_fields``)
  and refused in ``create`` and ``write`` outside the workflow; deny by
  default: the state field, every stored computed field and every read-only
  related field are protected too;
- the workflow writes through ``_qms_workflow()``, whose context carries an
  object. The external API sends JSON, so no RPC client can produce it: a
  plain context flag could be forged, this token cannot;
- the allowed state transitions are data (``_qms_transitions``) checked on
  every state change, the workflow's included;
- records in ``_qms_locked_states`` take only chatter changes; records that
  are evidence (``_qms_evidence``) are deleted only in
  ``_qms_deletable_states``;
- ``company_id`` can only be one of the user's companies, and the records a
  guarded record links to must belong to its company.
"""
import threading

from odoo import SUPERUSER_ID, _, api, models, tools
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import formatLang

# Module-private: importing modules use _qms_workflow(), never the object.
_WORKFLOW_TOKEN = object()


def qms_workflow(records):
    """records in the workflow: their protected fields may be written."""
    return records.with_context(qms_workflow=_WORKFLOW_TOKEN)


def in_workflow(env):
    return env.context.get("qms_workflow") is _WORKFLOW_TOKEN


def format_amount(env, amount, currency, lang=None):
    """An amount as a person reads it, in his language (``lang``, else the
    environment's): "¥250,000.00", not "250000.0 CNY"."""
    if lang:
        env = env(context=dict(env.context, lang=lang))
    return formatLang(env, amount, currency_obj=currency)


def commit_batch(env):
    """Commit a scheduled job's finished batch, so that a job stopped by
    its time limit resumes after it; not in tests, which roll back."""
    if not getattr(threading.current_thread(), "testing", False):
        env.cr.commit()


# Models commonly shared between companies (users, the catalogue): a link
# to them is not checked against the record's company.
SHARED_MODELS = frozenset([
    "res.users", "res.company", "product.product", "product.template",
    "product.uom", "res.currency",
])

# Fields of the chatter, writable on any record the user may write.
CHATTER_FIELDS = frozenset([
    "message_follower_ids", "message_ids", "activity_ids",
    "message_attachment_count", "message_main_attachment_id",
    "website_message_ids",
])


def _company_and_parents(company):
    """A company sees what its parent companies share (as Odoo's partner
    rule does)."""
    companies = company.browse()
    while company:
        companies |= company
        company = company.parent_id
    return companies


class QmsWorkflowGuard(models.AbstractModel):
    _name = "qms.workflow.guard"
    _description = "QMS Workflow Guard"

    # fields that only the workflow writes (besides state and stored computes)
    _qms_protected_fields = ()
    # name of the state field and the allowed transitions {from: (to, ...)}
    _qms_state_field = "state"
    _qms_transitions = {}
    # False: users may write the state themselves, each change still checked
    # against the transitions and the model's gates (_check_state_change)
    _qms_state_by_workflow = True
    # states in which only the workflow changes the record
    _qms_locked_states = ()
    # records are evidence: deleted only in these states (or by the workflow)
    _qms_evidence = False
    _qms_deletable_states = ()
    # fields still writable on a locked record besides the chatter
    _qms_locked_writable = ()
    # records written by the workflow only (rounds, bookings): no direct
    # create, write or unlink at all
    _qms_workflow_only = False
    # records created by the workflow only (review rounds and their lines)
    _qms_workflow_create = False
    # when set, the only fields (besides the chatter) a user writes directly
    _qms_user_fields = None

    # ------------------------------------------------------------ token
    def _qms_workflow(self):
        """These records, in the workflow: their protected fields may be
        written. Call only after the action checked the user's right."""
        return qms_workflow(self)

    def _qms_in_workflow(self):
        return in_workflow(self.env)

    # ------------------------------------------------------------ hooks
    @api.model
    @tools.ormcache()
    def _qms_get_protected_fields(self):
        """Field names written by the workflow only (computed once per model
        and registry: every create and write asks). Override to extend."""
        fnames = set(self._qms_protected_fields)
        if self._qms_transitions and self._qms_state_by_workflow:
            fnames.add(self._qms_state_field)
        for fname, field in self._fields.items():
            if field.related:
                if field.readonly:
                    fnames.add(fname)
            elif field.compute and field.store and not field.inverse:
                fnames.add(fname)
        return frozenset(fnames)

    @api.model
    @tools.ormcache()
    def _qms_get_company_link_fields(self):
        """Many2one fields whose target must be in the record's company
        (computed once per model and registry)."""
        if "company_id" not in self._fields:
            return frozenset()
        fnames = set()
        for fname, field in self._fields.items():
            if field.type != "many2one" or field.related or \
                    fname == "company_id" or \
                    field.comodel_name in SHARED_MODELS:
                continue
            comodel = self.env[field.comodel_name]
            if "company_id" in comodel._fields and \
                    comodel._fields["company_id"].type == "many2one":
                fnames.add(fname)
        return frozenset(fnames)

    # ------------------------------------------------------------ checks
    @api.model
    def _qms_reader(self):
        """This model in the user's language: an RPC call carries no
        language in its context, the messages must still be his."""
        if self.env.lang:
            return self
        return self.with_context(lang=self.env.user.lang or "en_US")

    @api.model
    def _qms_model_label(self):
        reader = self._qms_reader()
        # sudo: the model's name only, for the message
        return reader.env["ir.model"].sudo()._get(self._name).name or \
            self._description

    @api.model
    def _qms_field_labels(self, fnames):
        env = self._qms_reader().env
        return ", ".join(sorted(
            self._fields[f].get_description(env)["string"]
            for f in fnames if f in self._fields))

    @api.model
    def _qms_state_label(self, state):
        selection = dict(self._fields[self._qms_state_field]
                         ._description_selection(self._qms_reader().env))
        return selection.get(state, state or "")

    @api.model
    def _qms_check_protected_vals(self, vals, creating=False):
        if self._qms_in_workflow():
            return
        protected = self._qms_get_protected_fields() & set(vals)
        if self._qms_user_fields is not None and not creating:
            protected |= set(vals) - set(self._qms_user_fields) - \
                CHATTER_FIELDS
        if creating and protected:
            # the initial value a new record gets anyway is no forcing
            defaults = self.default_get(list(protected))
            protected = {f for f in protected
                         if f not in defaults or defaults[f] != vals[f]}
        if protected:
            raise UserError(_(
                "%(model)s: %(fields)s can only be set by the workflow "
                "(its buttons), not written directly.") % {
                    "model": self._qms_model_label(),
                    "fields": self._qms_field_labels(protected)})

    @api.model
    def _qms_check_company_vals(self, vals):
        company_id = vals.get("company_id")
        if not company_id or "company_id" not in self._fields or \
                self.env.uid == SUPERUSER_ID:
            return
        if company_id not in self.env.user.company_ids.ids:
            raise AccessError(_(
                "%(model)s: you may only file records in your own "
                "companies.") % {"model": self._qms_model_label()})

    @api.multi
    def _qms_check_company_links(self, fnames):
        if self._qms_in_workflow():
            return  # the workflow links records of the record's own data
        fnames = self._qms_get_company_link_fields() & set(fnames)
        if "company_id" in fnames or not fnames:
            return
        for record in self:
            company = record.company_id
            for fname in fnames:
                # sudo: only the target's company is read, to refuse a link
                # the user may not even see.
                target = record[fname].sudo()
                if target and target.company_id and company and \
                        target.company_id not in _company_and_parents(
                            company):
                    raise UserError(_(
                        "%(model)s %(record)s belongs to %(company)s: "
                        "%(field)s %(target)s belongs to another company.")
                        % {"model": self._qms_model_label(),
                           "record": record.display_name,
                           "company": company.name,
                           "field": self._qms_field_labels([fname]),
                           "target": target.display_name})

    @api.multi
    def _qms_check_transition(self, new_state):
        """The allowed transitions are data: refuse any other state change."""
        if not self._qms_transitions:
            return
        for record in self:
            old = record[self._qms_state_field]
            if old == new_state:
                continue
            if new_state not in self._qms_transitions.get(old, ()):
                raise UserError(_(
                    "%(record)s cannot go from %(old)s to %(new)s.") % {
                        "record": record.display_name,
                        "old": self._qms_state_label(old),
                        "new": self._qms_state_label(new_state)})

    @api.multi
    def _qms_check_locked(self, vals):
        if self._qms_in_workflow() or not self._qms_locked_states:
            return
        if not set(vals) - CHATTER_FIELDS - set(self._qms_locked_writable):
            return
        locked = self.filtered(lambda r: r[self._qms_state_field]
                               in self._qms_locked_states)
        if locked:
            raise UserError(_(
                "%(record)s is %(state)s and can no longer be changed.") % {
                    "record": locked[0].display_name,
                    "state": self._qms_state_label(
                        locked[0][self._qms_state_field])})

    @api.model
    def _qms_check_role(self, group_xmlids, action):
        """Only members of one of the groups may do this step."""
        user = self.env.user
        if self.env.uid == SUPERUSER_ID or any(
                user.has_group(g) for g in group_xmlids):
            return True
        reader = self._qms_reader().sudo()  # sudo: group names only
        names = [reader.env.ref(g).full_name for g in group_xmlids]
        raise AccessError(_(
            "Only %(groups)s may %(action)s.") % {
                "groups": _(" or ").join(names), "action": action})

    @api.model
    def _qms_check_workflow_only(self, creating=False):
        if self._qms_in_workflow():
            return
        if self._qms_workflow_only or (
                creating and self._qms_workflow_create):
            raise UserError(_(
                "%(model)s records are written by the workflow only (the "
                "buttons of the document they belong to).") % {
                    "model": self._qms_model_label()})

    # ------------------------------------------------------------ CRUD
    @api.model
    def create(self, vals):
        self._qms_check_workflow_only(creating=True)
        self._qms_check_protected_vals(vals, creating=True)
        self._qms_check_company_vals(vals)
        record = super(QmsWorkflowGuard, self).create(vals)
        record._qms_check_company_links(vals)
        return record

    @api.multi
    def write(self, vals):
        self._qms_check_workflow_only()
        self._qms_check_protected_vals(vals)
        self._qms_check_company_vals(vals)
        self._qms_check_locked(vals)
        state_field = self._qms_state_field
        if state_field in vals:
            self._qms_check_transition(vals[state_field])
        res = super(QmsWorkflowGuard, self).write(vals)
        self._qms_check_company_links(vals)
        return res

    @api.multi
    def unlink(self):
        self._qms_check_workflow_only()
        if self._qms_evidence and not self._qms_in_workflow():
            kept = self.filtered(lambda r: r[self._qms_state_field]
                                 not in self._qms_deletable_states)
            if kept:
                raise UserError(_(
                    "%(record)s is part of the quality records and cannot "
                    "be deleted; cancel it instead.") % {
                        "record": kept[0].display_name})
        return super(QmsWorkflowGuard, self).unlink()

    # ------------------------------------------------------------ workflow
    @api.multi
    def _qms_set_state(self, new_state, vals=None):
        """Move the records to new_state (checked against the transitions),
        writing vals with it, as the workflow."""
        values = dict(vals or {})
        values[self._qms_state_field] = new_state
        return self._qms_workflow().write(values)
