# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models


class QmsOrderType(models.Model):
    """Kind of customer order and the review it needs (R-A6, R-A2, R-A9)."""

    _name = "qms.order.type"
    _description = "Order Type (Order Review)"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(
        [
            ("regular", "Regular"),
            ("special", "Special"),
            ("phone", "Telephone / Oral / Fax"),
            ("small", "Small Order"),
        ],
        help="The procedure rule this type stands for: 'special' is chosen "
             "automatically above the company's special-order amount.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True,
        default=lambda self: self.env["res.company"]._company_default_get(
            "qms.order.type"))
    description = fields.Text(translate=True)
    all_departments = fields.Boolean(
        string="All Departments Review",
        help="Every active department of the company must sign its part "
             "(special orders: review meeting with all departments).")
    department_ids = fields.Many2many(
        "qms.department", "qms_order_type_review_department_rel",
        "type_id", "department_id", string="Reviewing Departments",
        help="Departments that must sign their part of the review (R-A2).")
    release_department_ids = fields.Many2many(
        "qms.department", "qms_order_type_release_department_rel",
        "type_id", "department_id", string="Released To",
        help="Departments asked to act on the order once it is confirmed "
             "(任务实施单, R-A9).")
    requires_meeting = fields.Boolean(
        string="Review Meeting Required",
        help="A review meeting record (date, attendees, minutes) is needed "
             "before the order can pass review.")
    requires_confirmation = fields.Boolean(
        string="Order Confirmation Record Required",
        help="Telephone, oral and fax orders: the order confirmation record "
             "(电话(口头)传真订单确认表) is needed before the order can pass "
             "review.")
    delivery_note_confirmation = fields.Boolean(
        string="Delivery Note Is the Confirmation",
        help="Small orders: the signed delivery note stands for the "
             "customer's confirmation.")
    max_amount = fields.Float(
        string="Maximum Amount",
        help="In company currency; 0 means no maximum. An order at or above "
             "it cannot be submitted with this type (small orders: "
             "below 10,000).")

    @api.multi
    def _get_review_departments(self, company):
        """Departments that must sign the review of an order of this type."""
        self.ensure_one()
        if self.all_departments:
            return self.env["qms.department"].search(
                [("company_id", "=", company.id)])
        return self.department_ids.filtered(
            lambda d: d.company_id == company)

    @api.multi
    def _qms_release(self, order):
        """R-A9: the release departments of this type are told to carry
        out the confirmed order (任务实施单), each through an activity."""
        self.ensure_one()
        users = self.env["res.users"]
        for dept in self.release_department_ids.filtered(
                lambda d: d.company_id == order.company_id):
            users |= dept._get_responsible_user()
        deadline = order._qms_date_in(
            order.company_id.qms_release_deadline_days)
        for user in users:
            # _() reads the recipient's language from ``context``
            context = {"lang": user.lang}  # noqa: F841
            order.activity_schedule(
                "qms_customer.mail_activity_qms_order_release", deadline,
                _("Carry out order %(order)s (任务实施单)") % {
                    "order": order.name}, self.name, user_id=user.id)
        return True
