# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SurveyUserInputLine(models.Model):
    """An answer line of a satisfaction survey: written only by the
    customer who answers (see ``survey.user_input._qms_check_answerer``),
    a rating only on the scale of its own question, and refused once its
    campaign is closed, so the customers' scores never change (R-D2,
    R-E1)."""

    _inherit = "survey.user_input_line"

    # Indexed: a customer's scores are read from his answer lines (the
    # views of qms.survey.response.score), which Odoo leaves unindexed.
    user_input_id = fields.Many2one(index=True)

    @api.model
    def _qms_check_rating(self, vals):
        """A satisfaction matrix is answered with one of its own levels
        for one of its own rows: no score outside the scale."""
        question = self.env["survey.question"].browse(
            vals.get("question_id"))
        if question.qms_role != "matrix":
            return
        level = vals.get("value_suggested")
        row = vals.get("value_suggested_row")
        if (level and level not in question.labels_ids.ids) or (
                row and row not in question.labels_ids_2.ids):
            raise ValidationError(_(
                "The rating given is not a level of the questionnaire's "
                "scale."))

    @api.model
    def _qms_check_change(self, user_input_ids):
        UserInput = self.env["survey.user_input"]
        UserInput._qms_check_answerer(user_input_ids)
        UserInput._qms_check_campaign_open(user_input_ids)

    @api.model
    def create(self, vals):
        self._qms_check_change([vals.get("user_input_id")])
        self._qms_check_rating(vals)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._qms_check_change(
            self.mapped("user_input_id").ids + [vals.get("user_input_id")])
        if {"question_id", "value_suggested", "value_suggested_row"} & \
                set(vals):
            for line in self:
                self._qms_check_rating(dict({
                    "question_id": line.question_id.id,
                    "value_suggested": line.value_suggested.id,
                    "value_suggested_row": line.value_suggested_row.id,
                }, **vals))
        return super().write(vals)

    @api.multi
    def unlink(self):
        self._qms_check_change(self.mapped("user_input_id").ids)
        return super().unlink()
