# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    qms_satisfaction_objective = fields.Float(
        string="Customer Satisfaction Objective",
        default=85.0,
        help="The company's quality objective for the overall customer "
             "satisfaction score (0-100), shown in the analysis report.",
    )
    qms_satisfaction_threshold = fields.Float(
        string="Improvement Threshold",
        default=60.0,
        help="A dimension scored below this value by a customer opens an "
             "improvement action.",
    )
    qms_satisfaction_threshold_mode = fields.Selection(
        [("threshold", "Below the threshold"),
         ("objective", "Below the objective")],
        string="Open Improvement Actions",
        default="threshold",
        required=True,
    )

    @api.constrains("qms_satisfaction_objective", "qms_satisfaction_threshold")
    def _check_qms_satisfaction_values(self):
        for company in self:
            for value in (company.qms_satisfaction_objective,
                          company.qms_satisfaction_threshold):
                if value < 0 or value > 100:
                    raise ValidationError(_(
                        "Satisfaction objective and threshold must lie "
                        "between 0 and 100."))
