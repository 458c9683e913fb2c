# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    qms_order_review_required = fields.Boolean(
        string="Order Review Required", default=True,
        help="Sale orders of this company can only be confirmed after their "
             "contract review is approved by the signer of their tier.")
    qms_special_order_amount = fields.Float(
        string="Special Order Above", default=1000000.0,
        help="Orders above this amount (company currency) are reviewed as "
             "special orders (R-A6). 0 disables the rule.")
    qms_credit_overdue_days = fields.Integer(
        string="Credit: Overdue Days Allowed", default=30,
        help="A customer with invoices overdue for more days than this "
             "needs the finance review (R-A7).")
    qms_no_framework_skip_review = fields.Boolean(
        string="Skip Departmental Review Without Framework Agreement",
        default=True,
        help="Orders of customers flagged 'no framework agreement' skip the "
             "departmental review; the tier signature is still required.")
    qms_release_deadline_days = fields.Integer(
        string="Days to Act on a Released Order", default=3)
