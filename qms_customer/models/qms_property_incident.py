# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Allowed moves of an incident's state, checked in ``write``.
INCIDENT_TRANSITIONS = {
    "open": ("remedied", "to_notify"),
    "to_notify": ("notified",),
    "notified": ("closed",),
    "remedied": (),
    "closed": (),
}


class QmsPropertyIncident(models.Model):
    """Damage to or loss of a customer property item (R-B4).

    Recording the incident marks the item damaged or lost (and ends its
    loan). If it can be remedied, the item goes back into custody; if not,
    the customer's salesperson is asked to inform the customer and request a
    replacement; the notice is sent from a mail template and recorded with
    its date and the customer's answer.
    """

    _name = "qms.property.incident"
    _description = "Customer Property Incident"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.workflow.guard"]
    _qms_transitions = INCIDENT_TRANSITIONS
    _qms_state_by_workflow = False
    _order = "date desc, id desc"

    name = fields.Char(string="Incident No.", required=True, copy=False,
                       readonly=True, default="/", index=True)
    property_id = fields.Many2one(
        "qms.customer.property", string="Item", required=True, index=True,
        ondelete="restrict", readonly=True,
        states={"open": [("readonly", False)]})
    partner_id = fields.Many2one(
        related="property_id.partner_id", store=True, readonly=True,
        string="Customer")
    department_id = fields.Many2one(
        related="property_id.department_id", store=True, readonly=True,
        string="Custodian Department")
    incident_type = fields.Selection(
        [("damage", "Damage"), ("loss", "Loss")], required=True,
        default="damage", readonly=True,
        states={"open": [("readonly", False)]})
    date = fields.Date(string="Date of the Incident", required=True,
                       default=fields.Date.context_today)
    found_by_id = fields.Many2one("res.users", string="Found By",
                                  required=True,
                                  default=lambda self: self.env.user)
    description = fields.Text(string="What Happened", required=True)
    remedy = fields.Text(help="What was done or is proposed to remedy it.")
    salesperson_id = fields.Many2one(
        "res.users", compute="_compute_salesperson", string="Salesperson",
        help="The customer's salesperson, who informs the customer.")
    notice_date = fields.Datetime(string="Customer Informed On", copy=False,
                                  readonly=True, track_visibility="onchange")
    customer_answer = fields.Text(copy=False, track_visibility="onchange")
    answer_date = fields.Date(string="Answer Received On", copy=False)
    state = fields.Selection(
        [
            ("open", "Open"),
            ("remedied", "Remedied"),
            ("to_notify", "Customer to Be Informed"),
            ("notified", "Customer Informed"),
            ("closed", "Closed"),
        ],
        required=True, default="open", readonly=True, copy=False,
        index=True, track_visibility="onchange")
    company_id = fields.Many2one(
        related="property_id.company_id", store=True, readonly=True)

    @api.depends("partner_id.user_id")
    def _compute_salesperson(self):
        for incident in self:
            incident.salesperson_id = (
                incident.partner_id.commercial_partner_id.user_id)

    @api.model
    def create(self, vals):
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code(
                "qms.property.incident") or "/"
        if vals.get("state", "open") != "open":
            raise UserError(_("An incident is recorded open; it moves on "
                              "through its buttons."))
        item = self.env["qms.customer.property"].browse(
            vals.get("property_id"))
        if item.state in ("returned", "consumed"):
            raise UserError(_(
                "The item %(item)s is no longer in our hands (%(state)s).")
                % {"item": item.display_name,
                   "state": item._qms_state_label(item.state)})
        incident = super(QmsPropertyIncident, self).create(vals)
        target = "damaged" if incident.incident_type == "damage" else "lost"
        if item.state != target:
            item.write({"state": target})
        return incident

    @api.multi
    def write(self, vals):
        if "state" in vals:
            self._check_state_change(vals["state"], vals)
        if "notice_date" in vals:
            raise UserError(_(
                "The notice date is recorded when the notice is sent."))
        res = super(QmsPropertyIncident, self).write(vals)
        if vals.get("state") == "remedied":
            self.mapped("property_id").filtered(
                lambda i: i.state in ("damaged", "lost")).write(
                    {"state": "in_custody"})
        return res

    @api.multi
    def _check_state_change(self, new_state, vals):
        self._qms_check_transition(new_state)
        for incident in self:
            if incident.state == new_state:
                continue
            if new_state == "remedied" and not vals.get(
                    "remedy", incident.remedy):
                raise UserError(_(
                    "Describe the remedy of incident %(name)s.") % {
                        "name": incident.name})
            if new_state == "notified" and not vals.get(
                    "notice_date", incident.notice_date):
                raise UserError(_(
                    "Send the notice of incident %(name)s to the customer "
                    "first.") % {"name": incident.name})
            if new_state == "closed" and not vals.get(
                    "customer_answer", incident.customer_answer):
                raise UserError(_(
                    "Record the customer's answer to incident %(name)s "
                    "before closing it.") % {"name": incident.name})

    @api.multi
    def action_remedied(self):
        self.write({"state": "remedied"})
        return True

    @api.multi
    def action_cannot_remedy(self):
        """The item can't be remedied: ask the customer's salesperson to
        inform the customer and request a replacement (R-B4)."""
        self.write({"state": "to_notify"})
        activity_type = self.env.ref(
            "qms_customer.mail_activity_type_property_notice")
        for incident in self:
            user = (incident.salesperson_id
                    or incident.department_id._get_responsible_user()
                    or self.env.user)
            incident.activity_schedule_notice(activity_type, user)
        return True

    @api.multi
    def activity_schedule_notice(self, activity_type, user):
        self.ensure_one()
        # sudo: the salesperson is asked even when the quality user who
        # records the incident may not write the salesperson's records; the
        # activity is on this incident, which the caller may write.
        # _() reads the salesperson's language from ``context``.
        context = {"lang": user.lang}  # noqa: F841
        incident = self.sudo()
        incident.activity_schedule(
            summary=_("Inform %(customer)s and request a replacement") % {
                "customer": incident.partner_id.display_name},
            note=_("%(item)s: %(what)s") % {
                "item": incident.property_id.display_name,
                "what": incident.description},
            user_id=user.id, activity_type_id=activity_type.id)

    @api.multi
    def action_send_notice(self):
        """Open the e-mail composer with the customer notice template."""
        self.ensure_one()
        if self.state not in ("to_notify", "notified"):
            raise UserError(_(
                "The customer is informed only of an incident that cannot "
                "be remedied."))
        template = self.env.ref(
            "qms_customer.mail_template_property_incident_notice")
        ctx = {
            "default_model": self._name,
            "default_res_id": self.id,
            "default_use_template": True,
            "default_template_id": template.id,
            "default_composition_mode": "comment",
            "qms_incident_notice": True,
        }
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": ctx,
        }

    @api.multi
    def action_send_notice_now(self):
        """Send the notice from the template without the composer (several
        incidents at once, or from a script)."""
        template = self.env.ref(
            "qms_customer.mail_template_property_incident_notice")
        for incident in self:
            if incident.state != "to_notify":
                raise UserError(_(
                    "The customer is informed only of an incident that "
                    "cannot be remedied."))
            incident.with_context(
                qms_incident_notice=True).message_post_with_template(
                    template.id, message_type="comment")
        return True

    @api.multi
    @api.returns("self", lambda value: value.id)
    def message_post(self, **kwargs):
        """Sending the notice from the composer records it: date, state,
        and the salesperson's activity done."""
        message = super(QmsPropertyIncident, self).message_post(**kwargs)
        if self.env.context.get("qms_incident_notice"):
            customers = message.partner_ids.mapped("commercial_partner_id")
            self.filtered(
                lambda i: i.state == "to_notify"
                and i.partner_id.commercial_partner_id in customers
            )._record_notice()
        return message

    @api.multi
    def _record_notice(self):
        """Record that the notice went to the customer: date, state, and the
        salesperson's activity done. Only message_post calls it, after a
        message addressed to the customer was posted; write() refuses the
        notice date otherwise, so it skips that override here."""
        activity_type = self.env.ref(
            "qms_customer.mail_activity_type_property_notice")
        super(QmsPropertyIncident, self).write({
            "notice_date": fields.Datetime.now(), "state": "notified"})
        self.env["mail.activity"].search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids),
            ("activity_type_id", "=", activity_type.id),
        ]).action_feedback(feedback=_("Notice sent to the customer."))
        return True

    @api.multi
    def action_close(self):
        self.write({"state": "closed"})
        return True
