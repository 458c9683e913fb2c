# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .qms_mixins import commit_batch

_logger = logging.getLogger(__name__)

# Allowed moves of a loan's state, checked in ``write``.
LOAN_TRANSITIONS = {
    "draft": ("open", "cancelled"),
    "open": ("returned", "ended"),
    "returned": (),
    "ended": (),
    "cancelled": ("draft",),
}


class QmsPropertyLoan(models.Model):
    """A loan of a customer property item (顾客财产借用单, R-B3)."""

    _name = "qms.property.loan"
    _description = "Customer Property Loan"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.workflow.guard"]
    _qms_transitions = LOAN_TRANSITIONS
    _qms_state_by_workflow = False
    _order = "date_loan desc, id desc"

    name = fields.Char(string="Loan No.", required=True, copy=False,
                       readonly=True, default="/", index=True)
    property_id = fields.Many2one(
        "qms.customer.property", string="Item", required=True, index=True,
        ondelete="restrict", track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)]})
    partner_id = fields.Many2one(
        related="property_id.partner_id", store=True, readonly=True,
        string="Customer")
    department_id = fields.Many2one(
        related="property_id.department_id", store=True, readonly=True,
        string="Custodian Department")
    borrower_id = fields.Many2one(
        "res.users", string="Borrower", required=True, index=True,
        default=lambda self: self.env.user, track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)]})
    reason = fields.Text(required=True)
    date_loan = fields.Date(
        string="Loan Date", required=True, default=fields.Date.context_today,
        readonly=True, states={"draft": [("readonly", False)]})
    date_due = fields.Date(string="Due Back", required=True, index=True,
                           track_visibility="onchange")
    date_returned = fields.Date(string="Returned On", copy=False,
                                track_visibility="onchange")
    condition_returned = fields.Selection(
        [
            ("good", "Good"),
            ("fair", "Usable with remarks"),
            ("damaged", "Damaged"),
        ],
        string="Condition on Return", copy=False)
    return_notes = fields.Text(copy=False)
    consent_required = fields.Boolean(related="property_id.consent_required",
                                      readonly=True)
    consent_date = fields.Date(
        string="Customer Consent Date", copy=False,
        track_visibility="onchange")
    consent_by = fields.Char(
        string="Consent Given By", copy=False,
        help="Who at the customer consented, and how (e-mail, letter...).")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("open", "On Loan"),
            ("returned", "Returned"),
            ("ended", "Ended by Incident"),
            ("cancelled", "Cancelled"),
        ],
        required=True, default="draft", readonly=True, copy=False,
        index=True, track_visibility="onchange")
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue",
        string="Overdue")
    overdue_chased_date = fields.Date(
        string="Overdue Chased On", copy=False, readonly=True,
        help="When the scheduled job asked the borrower and the custodian "
             "to bring the item back; it asks once per loan.")
    company_id = fields.Many2one(
        related="property_id.company_id", store=True, readonly=True)

    @api.depends("state", "date_due")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for loan in self:
            loan.is_overdue = (loan.state == "open" and loan.date_due
                               and loan.date_due < today)

    def _search_is_overdue(self, operator, value):
        today = fields.Date.context_today(self)
        overdue = ["&", ("state", "=", "open"), ("date_due", "<", today)]
        if (operator == "=") == bool(value):
            return overdue
        return ["|", ("state", "!=", "open"), ("date_due", ">=", today)]

    @api.constrains("date_loan", "date_due", "date_returned")
    def _check_dates(self):
        for loan in self:
            loan._check_dates_values(loan.name, loan.date_loan, loan.date_due,
                                     loan.date_returned)

    @api.model
    def _check_dates_values(self, name, date_loan, date_due, date_returned):
        """Refuse a due or return date before the loan date; called before
        anything is written, and again as a constraint."""
        if date_loan and date_due and date_due < date_loan:
            raise ValidationError(_(
                "The loan %(loan)s cannot be due back before the loan "
                "date.") % {"loan": name or ""})
        if date_loan and date_returned and date_returned < date_loan:
            raise ValidationError(_(
                "The loan %(loan)s cannot be returned before it was "
                "lent.") % {"loan": name or ""})

    @api.model
    def create(self, vals):
        self._check_dates_values(
            vals.get("name"),
            vals.get("date_loan") or fields.Date.context_today(self),
            vals.get("date_due"), vals.get("date_returned"))
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code(
                "qms.property.loan") or "/"
        state = vals.pop("state", "draft")
        loan = super(QmsPropertyLoan, self).create(vals)
        if state != "draft":
            loan.write({"state": state})
        return loan

    @api.multi
    def write(self, vals):
        if {"date_loan", "date_due", "date_returned"}.intersection(vals):
            for loan in self:
                self._check_dates_values(
                    loan.name, vals.get("date_loan", loan.date_loan),
                    vals.get("date_due", loan.date_due),
                    vals.get("date_returned", loan.date_returned))
        frozen = {"property_id", "borrower_id", "date_loan"}.intersection(
            vals)
        if frozen and any(loan.state != "draft" for loan in self):
            raise UserError(_(
                "The item, borrower and loan date of a loan that started "
                "do not change."))
        if "state" in vals:
            self._check_state_change(vals["state"], vals)
        res = super(QmsPropertyLoan, self).write(vals)
        if "state" in vals:
            self._sync_property_state(vals["state"])
        return res

    @api.multi
    def _check_state_change(self, new_state, vals):
        """Enforce the loan's state machine and its gates (R-B3)."""
        self._qms_check_transition(new_state)
        if new_state == "open":
            others = self.search([
                ("property_id", "in", self.mapped("property_id").ids),
                ("state", "=", "open"), ("id", "not in", self.ids)])
            if others or len(self.mapped("property_id")) < len(self):
                raise UserError(_(
                    "The item %(item)s is already lent out (loan "
                    "%(loan)s).") % {
                        "item": (others.mapped("property_id")
                                 or self.mapped("property_id"))[:1]
                        .display_name,
                        "loan": ", ".join(others.mapped("name"))})
        for loan in self:
            if loan.state == new_state:
                continue
            item = loan.property_id
            if new_state == "open":
                if item.state != "in_custody":
                    raise UserError(_(
                        "The item %(item)s can be lent only while it is in "
                        "custody; it is %(state)s.") % {
                            "item": item.display_name,
                            "state": item._qms_state_label(item.state)})
                consent = vals.get("consent_date", loan.consent_date)
                if item.consent_required and not consent:
                    raise UserError(_(
                        "The customer of %(item)s must consent to the loan: "
                        "record the date of its consent before the loan "
                        "starts.") % {"item": item.display_name})
                date_loan = vals.get("date_loan", loan.date_loan)
                if consent and date_loan and consent > date_loan:
                    raise UserError(_(
                        "The customer's consent to lend %(item)s must be "
                        "given on or before the loan date.") % {
                            "item": item.display_name})
            if new_state == "returned":
                if not vals.get("date_returned", loan.date_returned):
                    raise UserError(_(
                        "Record the date the item of loan %(loan)s came "
                        "back.") % {"loan": loan.name})
                if not vals.get("condition_returned",
                                loan.condition_returned):
                    raise UserError(_(
                        "Record the condition of the item of loan %(loan)s "
                        "on return.") % {"loan": loan.name})
            if new_state == "ended" and item.state not in ("damaged",
                                                           "lost"):
                raise UserError(_(
                    "The loan %(loan)s ends this way only when its item is "
                    "damaged or lost.") % {"loan": loan.name})

    @api.multi
    def _sync_property_state(self, new_state):
        """Lending takes the item out of custody; the return restores it."""
        items = self.mapped("property_id")
        if new_state == "open":
            items.filtered(lambda i: i.state == "in_custody").write(
                {"state": "lent_out"})
        elif new_state == "returned":
            items.filtered(lambda i: i.state == "lent_out").write(
                {"state": "in_custody"})

    @api.multi
    def action_start(self):
        self.write({"state": "open"})
        return True

    @api.multi
    def action_return(self):
        for loan in self:
            vals = {"state": "returned"}
            if not loan.date_returned:
                vals["date_returned"] = fields.Date.context_today(self)
            loan.write(vals)
        return True

    @api.multi
    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True

    @api.multi
    def action_reset_draft(self):
        self.write({"state": "draft"})
        return True

    @api.model
    def _cron_chase_overdue_loans(self, batch_size=500):
        """Ask the borrower and the custodian of each overdue loan to bring
        the item back (R-B3), once per loan.

        The number of queries does not grow with the number of loans, except
        for those of the activities created: one SELECT gathers the overdue
        loans with what the activities need, the custodians are resolved per
        department (a handful), one UPDATE per batch of loans marks them
        as chased and the batch is committed (a job stopped by its time
        limit resumes after it). Plain SQL here because the ORM reads and
        writes in chunks of 1,000 records.
        """
        today = fields.Date.context_today(self)
        self.env.cr.execute("""
            SELECT loan.id, loan.name, loan.borrower_id, loan.date_due,
                   item.name, item.description, item.responsible_id,
                   item.department_id
              FROM qms_property_loan loan
              JOIN qms_customer_property item ON item.id = loan.property_id
             WHERE loan.state = 'open'
               AND loan.date_due < %s
               AND loan.overdue_chased_date IS NULL
             ORDER BY loan.id
        """, (today,))
        rows = self.env.cr.fetchall()
        if not rows:
            return 0
        departments = self.env["qms.department"].browse(
            {row[7] for row in rows})
        custodian_by_department = {
            department.id: department._get_responsible_user().id
            for department in departments}
        activity_type = self.env.ref(
            "qms_customer.mail_activity_type_property_loan_overdue",
            raise_if_not_found=False)
        langs = {user.id: user.lang for user in self.env["res.users"].browse(
            {row[2] for row in rows} | set(custodian_by_department.values())
            | {row[6] for row in rows if row[6]})}
        created = 0
        # a batch of loans is chased and committed at a time: a job
        # stopped by its time limit resumes after the last batch
        for start in range(0, len(rows), batch_size):
            batch = rows[start:start + batch_size]
            for (loan_id, loan_name, borrower_id, date_due, item_name,
                 item_description, responsible_id, department_id) in batch:
                custodian_id = (responsible_id
                                or custodian_by_department.get(department_id))
                item = "%s %s" % (item_name, item_description)
                user_ids = [borrower_id]
                if custodian_id and custodian_id != borrower_id:
                    user_ids.append(custodian_id)
                for user_id in user_ids:
                    # each reads the reminder in his own language: _()
                    # reads it from ``context``
                    context = {"lang": langs.get(user_id)}  # noqa: F841
                    self.browse(loan_id).activity_schedule(
                        date_deadline=today,
                        summary=_("Overdue loan: bring %(item)s back") % {
                            "item": item},
                        note=_("Loan %(loan)s of %(item)s was due back on "
                               "%(date)s.") % {
                                   "loan": loan_name, "item": item,
                                   "date": date_due},
                        user_id=user_id, activity_type_id=activity_type.id)
                    created += 1
            loan_ids = [row[0] for row in batch]
            self.env.cr.execute("""
                UPDATE qms_property_loan
                   SET overdue_chased_date = %s, write_uid = %s,
                       write_date = (now() at time zone 'UTC')
                 WHERE id = ANY(%s)
            """, (today, self.env.uid, loan_ids))
            self.invalidate_cache(["overdue_chased_date"], loan_ids)
            commit_batch(self.env)
        _logger.info("Overdue customer property loans: %s loans chased, "
                     "%s activities", len(rows), created)
        return created
