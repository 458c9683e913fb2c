# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# Custodian department role by kind of item (R-B1): samples and parts to
# production, drawings to technical, documents and gauges to quality.
KIND_DEPARTMENT = {
    "sample": "production",
    "part": "production",
    "material": "production",
    "tooling": "production",
    "drawing": "technical",
    "intellectual_property": "technical",
    "document": "quality",
    "gauge": "quality",
    "personal_data": "quality",
}

# Allowed moves of an item's state. ``write`` checks every change of
# ``state`` against this table and the preconditions of the target state.
PROPERTY_TRANSITIONS = {
    "in_custody": ("lent_out", "returned", "consumed", "damaged", "lost"),
    "lent_out": ("in_custody", "damaged", "lost"),
    "damaged": ("in_custody", "returned", "lost"),
    "lost": ("in_custody",),
    "returned": (),
    "consumed": (),
}


class QmsCustomerProperty(models.Model):
    """An item the customer gave us (顾客财产台帐, R-B1)."""

    _name = "qms.customer.property"
    _description = "Customer Property"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.workflow.guard"]
    _qms_transitions = PROPERTY_TRANSITIONS
    _qms_state_by_workflow = False
    _order = "date_received desc, id desc"

    name = fields.Char(
        string="Ledger No.", required=True, copy=False, readonly=True,
        default="/", index=True)
    description = fields.Char(string="Item", required=True,
                              track_visibility="onchange")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True,
        track_visibility="onchange")
    customer_reference = fields.Char(
        string="Customer Reference",
        help="The customer's own number for the item (part number, drawing "
             "number, gauge number...).")
    kind = fields.Selection(
        [
            ("sample", "Sample"),
            ("part", "Part"),
            ("material", "Material"),
            ("drawing", "Drawing"),
            ("document", "Document"),
            ("gauge", "Measuring equipment"),
            ("tooling", "Tooling"),
            ("intellectual_property", "Intellectual property"),
            ("personal_data", "Personal data"),
        ],
        required=True, default="sample")
    date_received = fields.Date(required=True,
                                default=fields.Date.context_today)
    quantity = fields.Float(required=True, default=1.0)
    uom_id = fields.Many2one(
        "product.uom", string="Unit", required=True,
        default=lambda self: self.env.ref("product.product_uom_unit",
                                          raise_if_not_found=False))
    condition_received = fields.Selection(
        [
            ("good", "Good"),
            ("fair", "Usable with remarks"),
            ("damaged", "Damaged on receipt"),
        ],
        string="Condition on Receipt", required=True, default="good")
    condition_notes = fields.Text(string="Condition Notes")
    department_id = fields.Many2one(
        "qms.department", string="Custodian Department", required=True,
        index=True, track_visibility="onchange")
    location = fields.Char(track_visibility="onchange")
    responsible_id = fields.Many2one(
        "res.users", string="Responsible", track_visibility="onchange")
    attachment_ids = fields.Many2many(
        "ir.attachment", "qms_customer_property_attachment_rel",
        "property_id", "attachment_id", string="Photos and Attachments")
    state = fields.Selection(
        [
            ("in_custody", "In Custody"),
            ("lent_out", "Lent Out"),
            ("returned", "Returned to Customer"),
            ("consumed", "Consumed"),
            ("damaged", "Damaged"),
            ("lost", "Lost"),
        ],
        required=True, default="in_custody", readonly=True, copy=False,
        index=True, track_visibility="onchange")
    loan_ids = fields.One2many("qms.property.loan", "property_id",
                               string="Loans")
    incident_ids = fields.One2many("qms.property.incident", "property_id",
                                   string="Incidents")
    loan_count = fields.Integer(compute="_compute_counts")
    incident_count = fields.Integer(compute="_compute_counts")
    consent_required = fields.Boolean(
        related="partner_id.commercial_partner_id."
                "qms_property_consent_required",
        readonly=True, string="Loans Need Customer Consent")
    company_id = fields.Many2one(
        "res.company", required=True, index=True,
        default=lambda self: self.env["res.company"]._company_default_get(
            "qms.customer.property"))
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)",
         "The quantity of a customer property item must be positive."),
    ]

    @api.multi
    def _compute_counts(self):
        loans = self.env["qms.property.loan"].read_group(
            [("property_id", "in", self.ids)], ["property_id"],
            ["property_id"])
        loans = {g["property_id"][0]: g["property_id_count"] for g in loans}
        incidents = self.env["qms.property.incident"].read_group(
            [("property_id", "in", self.ids)], ["property_id"],
            ["property_id"])
        incidents = {g["property_id"][0]: g["property_id_count"]
                     for g in incidents}
        for item in self:
            item.loan_count = loans.get(item.id, 0)
            item.incident_count = incidents.get(item.id, 0)

    @api.constrains("quantity")
    def _check_quantity(self):
        for item in self:
            if item.quantity <= 0:
                raise ValidationError(_(
                    "The quantity of %(item)s must be positive.") % {
                        "item": item.description})

    @api.onchange("kind")
    def _onchange_kind(self):
        department = self._default_department(self.kind, self.company_id)
        if department:
            self.department_id = department

    @api.model
    def _default_department(self, kind, company=None):
        code = KIND_DEPARTMENT.get(kind)
        if not code:
            return self.env["qms.department"]
        return self.env["qms.department"]._get_by_code(code, company or None)

    @api.model
    def create(self, vals):
        if vals.get("quantity") is not None and vals["quantity"] <= 0:
            raise ValidationError(_(
                "The quantity of a customer property item must be "
                "positive."))
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals["partner_id"] = partner.commercial_partner_id.id
        if not vals.get("department_id"):
            company = self.env["res.company"].browse(
                vals.get("company_id")) if vals.get("company_id") else None
            department = self._default_department(
                vals.get("kind") or "sample", company)
            if not department:
                raise UserError(_(
                    "No custodian department is configured for this kind "
                    "of item; choose the department."))
            vals["department_id"] = department.id
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code(
                "qms.customer.property") or "/"
        if vals.get("state", "in_custody") != "in_custody":
            raise UserError(_(
                "A customer property item is registered in custody; its "
                "state changes through loans, returns and incidents."))
        return super(QmsCustomerProperty, self).create(vals)

    @api.multi
    def write(self, vals):
        if "quantity" in vals and not (vals["quantity"] or 0) > 0:
            raise ValidationError(_(
                "The quantity of a customer property item must be "
                "positive."))
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals["partner_id"] = partner.commercial_partner_id.id
        if "state" in vals:
            self._check_state_change(vals["state"])
        res = super(QmsCustomerProperty, self).write(vals)
        if vals.get("state") in ("damaged", "lost"):
            self._end_open_loans()
        return res

    @api.multi
    def _check_state_change(self, new_state):
        """Refuse a state change the procedure does not allow (R-B1, R-B3).

        The item goes out only with a loan in progress, comes back only
        when no loan is in progress, and becomes damaged or lost only with
        an incident recorded.
        """
        open_loans = self.env["qms.property.loan"].search([
            ("property_id", "in", self.ids), ("state", "=", "open")])
        on_loan = set(open_loans.mapped("property_id").ids)
        incidents = self.env["qms.property.incident"].search([
            ("property_id", "in", self.ids)])
        self._qms_check_transition(new_state)
        for item in self:
            if item.state == new_state:
                continue
            if new_state == "lent_out" and item.id not in on_loan:
                raise UserError(_(
                    "The customer property item %(item)s is lent out only "
                    "by starting a loan (顾客财产借用单).") % {
                        "item": item.display_name})
            if new_state == "in_custody" and item.id in on_loan:
                raise UserError(_(
                    "The customer property item %(item)s is still on loan: "
                    "record the return of the loan.") % {
                        "item": item.display_name})
            if new_state in ("damaged", "lost") and not incidents.filtered(
                    lambda i: i.property_id == item
                    and i.incident_type == ("damage" if new_state == "damaged"
                                            else "loss")):
                raise UserError(_(
                    "Record an incident to mark the customer property item "
                    "%(item)s as damaged or lost.") % {
                        "item": item.display_name})

    @api.multi
    def _end_open_loans(self):
        """Damage or loss ends the loans in progress of these items."""
        loans = self.env["qms.property.loan"].search([
            ("property_id", "in", self.ids), ("state", "=", "open")])
        if loans:
            loans.write({"state": "ended"})

    @api.multi
    def name_get(self):
        return [(item.id, "%s %s" % (item.name, item.description))
                for item in self]

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        args = list(args or [])
        if name:
            args = ["|", "|", ("name", operator, name),
                    ("description", operator, name),
                    ("customer_reference", operator, name)] + args
            return self.search(args, limit=limit).name_get()
        return super(QmsCustomerProperty, self).name_search(
            name, args, operator, limit)

    @api.multi
    def action_return_to_customer(self):
        self.write({"state": "returned"})
        return True

    @api.multi
    def action_consume(self):
        self.write({"state": "consumed"})
        return True

    @api.multi
    def action_view_loans(self):
        self.ensure_one()
        action = self.env.ref("qms_customer.qms_property_loan_action").read()[0]
        action["domain"] = [("property_id", "=", self.id)]
        action["context"] = {"default_property_id": self.id}
        return action

    @api.multi
    def action_view_incidents(self):
        self.ensure_one()
        action = self.env.ref(
            "qms_customer.qms_property_incident_action").read()[0]
        action["domain"] = [("property_id", "=", self.id)]
        action["context"] = {"default_property_id": self.id}
        return action
