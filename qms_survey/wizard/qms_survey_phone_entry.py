# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class QmsSurveyPhoneEntry(models.TransientModel):
    """A salesperson types in the answers a customer gave on the phone
    (R-D1); the rules live in ``qms.survey.response.record_phone_answer``."""

    _name = "qms.survey.phone.entry"
    _description = "Satisfaction Answer by Phone"

    response_id = fields.Many2one(
        "qms.survey.response", required=True, readonly=True)
    partner_id = fields.Many2one(related="response_id.partner_id", readonly=True)
    line_ids = fields.One2many(
        "qms.survey.phone.entry.line", "wizard_id", string="Ratings")
    suggestion = fields.Text()

    @api.model
    def default_get(self, field_names):
        res = super().default_get(field_names)
        response = self.env["qms.survey.response"].browse(
            res.get("response_id") or self.env.context.get("default_response_id"))
        if response and "line_ids" in field_names:
            matrix = response.campaign_id.survey_id._qms_get_matrix()
            res["line_ids"] = [
                (0, 0, {"dimension_id": row.qms_dimension_id.id,
                        "question_id": matrix.id})
                for row in matrix.labels_ids_2 if row.qms_dimension_id]
        return res

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        ratings = {line.dimension_id.id: line.label_id.id
                   for line in self.line_ids if line.label_id}
        self.response_id.record_phone_answer(ratings, self.suggestion)
        return {"type": "ir.actions.act_window_close"}


class QmsSurveyPhoneEntryLine(models.TransientModel):
    _name = "qms.survey.phone.entry.line"
    _description = "Satisfaction Answer by Phone: Rating"

    wizard_id = fields.Many2one(
        "qms.survey.phone.entry", required=True, ondelete="cascade")
    question_id = fields.Many2one("survey.question")
    dimension_id = fields.Many2one("qms.survey.dimension", required=True)
    label_id = fields.Many2one(
        "survey.label", string="Rating",
        domain="[('question_id', '=', question_id)]",
        help="Leave empty if the customer did not rate this dimension.")
