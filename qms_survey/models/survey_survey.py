# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    qms_role = fields.Selection(
        [("matrix", "Satisfaction matrix"),
         ("suggestion", "Suggestions")],
        string="Satisfaction Role",
        help="Satisfaction matrix: rows are the dimensions, columns the "
             "rating scale, each column scoring its 'Score for this "
             "choice' (0-100). Suggestions: a free text whose answers open "
             "improvement actions.",
    )


class SurveyLabel(models.Model):
    _inherit = "survey.label"

    qms_dimension_id = fields.Many2one(
        "qms.survey.dimension",
        string="Satisfaction Dimension",
        ondelete="restrict",
        help="On a row of a satisfaction matrix: the dimension it rates.",
    )

    @api.model
    def _qms_check_mark(self, question, mark):
        """A column of a satisfaction matrix scores 0 to 100 (R-D2)."""
        if question.qms_role == "matrix" and not 0 <= (mark or 0.0) <= 100:
            raise ValidationError(_(
                "The score of a rating level must lie between 0 and 100 "
                "(%(value)s given).") % {"value": mark})

    @api.model
    def create(self, vals):
        if vals.get("question_id"):
            self._qms_check_mark(
                self.env["survey.question"].browse(vals["question_id"]),
                vals.get("quizz_mark", 0.0))
        return super().create(vals)

    @api.multi
    def _qms_check_not_frozen(self):
        """A rating level or a dimension row answered in a closed campaign
        keeps its value and meaning: the campaign's scores are read from
        these answers (R-D2)."""
        if not self.ids:
            return
        self.env.cr.execute("""
            SELECT c.name
              FROM survey_user_input_line l
              JOIN qms_survey_response r ON r.user_input_id = l.user_input_id
              JOIN qms_survey_campaign c ON c.id = r.campaign_id
             WHERE (l.value_suggested IN %(ids)s
                    OR l.value_suggested_row IN %(ids)s)
               AND c.state = 'closed'
             LIMIT 1""", {"ids": tuple(self.ids)})
        row = self.env.cr.fetchone()
        if row:
            raise UserError(_(
                "This rating level or row was answered in the closed "
                "satisfaction campaign %(name)s: it cannot be changed or "
                "deleted. Copy the questionnaire for new values.")
                % {"name": row[0]})

    @api.multi
    def write(self, vals):
        if "quizz_mark" in vals or "question_id" in vals:
            for label in self:
                question = label.question_id
                if "question_id" in vals:
                    question = self.env["survey.question"].browse(
                        vals["question_id"])
                self._qms_check_mark(
                    question, vals.get("quizz_mark", label.quizz_mark))
        frozen = {"quizz_mark", "question_id", "question_id_2",
                  "qms_dimension_id"} & set(vals)
        if frozen:
            # Only a real change counts: a module update rewrites the same
            # values.
            self.filtered(lambda label: any(
                (label[f].id if f != "quizz_mark" else label[f]) != vals[f]
                for f in frozen))._qms_check_not_frozen()
        return super().write(vals)

    @api.multi
    def unlink(self):
        self._qms_check_not_frozen()
        return super().unlink()


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    qms_is_satisfaction = fields.Boolean(
        string="Satisfaction Questionnaire",
        compute="_compute_qms_is_satisfaction",
        search="_search_qms_is_satisfaction",
    )

    @api.multi
    def _compute_qms_is_satisfaction(self):
        for survey in self:
            survey.qms_is_satisfaction = bool(survey._qms_get_matrix())

    @api.model
    def _search_qms_is_satisfaction(self, operator, value):
        positive = (operator == "=") == bool(value)
        return [("page_ids.question_ids.qms_role", "=" if positive else "!=",
                 "matrix")]

    @api.multi
    def _qms_get_matrix(self):
        self.ensure_one()
        return self.page_ids.mapped("question_ids").filtered(
            lambda q: q.qms_role == "matrix")[:1]

    @api.multi
    def _qms_get_suggestion_question(self):
        self.ensure_one()
        return self.page_ids.mapped("question_ids").filtered(
            lambda q: q.qms_role == "suggestion")[:1]
