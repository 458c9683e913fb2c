# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SurveyUserInputLine(models.Model):
    """An answer line: refused once its campaign is closed, so the
    customers' scores of a closed campaign never change (R-D2)."""

    _inherit = "survey.user_input_line"

    # Indexed: a customer's scores are read from his answer lines (the
    # views of qms.survey.response.score), which Odoo leaves unindexed.
    user_input_id = fields.Many2one(index=True)

    @api.model
    def create(self, vals):
        self.env["survey.user_input"]._qms_check_campaign_open(
            [vals.get("user_input_id")])
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self.env["survey.user_input"]._qms_check_campaign_open(
            self.mapped("user_input_id").ids + [vals.get("user_input_id")])
        return super().write(vals)

    @api.multi
    def unlink(self):
        self.env["survey.user_input"]._qms_check_campaign_open(
            self.mapped("user_input_id").ids)
        return super().unlink()
