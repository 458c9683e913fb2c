# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """Complaint policy settings of a company (R-C2, R-C7)."""

    _inherit = "res.company"

    qms_complaint_recurrence_days = fields.Integer(
        string="Complaint Recurrence Window (days)", default=180,
        help="A complaint is recurring when the same customer complained "
             "about the same product or defect category within this many "
             "days before it.")
    qms_complaint_amber_hours = fields.Integer(
        string="Complaint Deadline Warning (hours)", default=24,
        help="A complaint turns amber when its response deadline is this "
             "close.")
    qms_complaint_trend_factor = fields.Float(
        string="Complaint Trend Alert Factor", default=1.5,
        help="A month is flagged when its number of complaints exceeds the "
             "trailing average by this factor.")
    qms_complaint_trend_months = fields.Integer(
        string="Complaint Trend Trailing Months", default=3,
        help="Number of previous months the trailing average is taken "
             "over.")

    @api.constrains("qms_complaint_recurrence_days", "qms_complaint_amber_hours",
                    "qms_complaint_trend_factor", "qms_complaint_trend_months")
    def _check_qms_complaint_policy(self):
        for company in self:
            if (company.qms_complaint_recurrence_days < 0 or
                    company.qms_complaint_amber_hours < 0 or
                    company.qms_complaint_trend_factor <= 0 or
                    company.qms_complaint_trend_months <= 0):
                raise ValidationError(_(
                    "The complaint policy settings must be positive."))
