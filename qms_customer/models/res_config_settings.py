# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    qms_order_review_required = fields.Boolean(
        related="company_id.qms_order_review_required")
    qms_special_order_amount = fields.Float(
        related="company_id.qms_special_order_amount")
    qms_credit_overdue_days = fields.Integer(
        related="company_id.qms_credit_overdue_days")
    qms_no_framework_skip_review = fields.Boolean(
        related="company_id.qms_no_framework_skip_review")
    qms_release_deadline_days = fields.Integer(
        related="company_id.qms_release_deadline_days")
