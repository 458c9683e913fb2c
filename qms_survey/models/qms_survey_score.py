# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models



class QmsSurveyScoreMixin(models.AbstractModel):
    """Score lines are written only by the campaign's grouped SQL scoring;
    the ORM refuses to create, change or delete them (R-D2)."""

    _name = "qms.survey.score.mixin"
    _description = "Satisfaction Score Line (read-only)"
    _inherit = "qms.workflow.guard"
    _qms_workflow_only = True

    score = fields.Float(readonly=True, digits=(16, 1), group_operator="avg")
    grade_id = fields.Many2one(
        "qms.survey.grade", string="Grade", compute="_compute_grade_id")

    @api.depends("score")
    def _compute_grade_id(self):
        grades = self.env["qms.survey.grade"].search([])
        for line in self:
            line.grade_id = grades._get_grade(line.score, grades)


class QmsSurveyCampaignScore(models.Model):
    """A campaign's score per dimension, written by the campaign's
    scoring; its weight is the one the campaign's customer scores use once
    the campaign is closed (R-D2)."""

    _name = "qms.survey.campaign.score"
    _inherit = "qms.survey.score.mixin"
    _description = "Campaign Score per Dimension"
    _order = "campaign_id, dimension_id"

    campaign_id = fields.Many2one(
        "qms.survey.campaign", required=True, ondelete="cascade", index=True,
        readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    # restrict: a dimension scored by a campaign stays in its history.
    dimension_id = fields.Many2one(
        "qms.survey.dimension", required=True, ondelete="restrict",
        readonly=True)
    weight = fields.Float(readonly=True)
    respondent_count = fields.Integer(string="Respondents", readonly=True)


class QmsSurveyResponseScore(models.Model):
    """A customer's score per dimension, read live from the survey answer
    lines by a SQL view (R-D2): the value of the rating level chosen for
    the dimension's row of the satisfaction matrix, with the dimension's
    weight. Nothing is written per customer, so scoring a campaign costs
    one aggregate (R-D2 performance).

    While a campaign collects answers the current weights and active
    dimensions apply. Once it is closed, its scores are frozen: the
    weights and the dimensions are those its last scoring recorded in
    ``qms.survey.campaign.score``, and its answers and rating values
    can no longer change (see ``survey.user_input_line`` and
    ``survey.label``). Answers whose value is not a column of the matrix
    question are ignored. Searchable and groupable like a table.
    """

    _name = "qms.survey.response.score"
    _inherit = "qms.survey.score.mixin"
    _description = "Customer Score per Dimension"
    _order = "response_id, dimension_id"
    _auto = False

    response_id = fields.Many2one("qms.survey.response", readonly=True)
    campaign_id = fields.Many2one("qms.survey.campaign", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    salesperson_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    dimension_id = fields.Many2one("qms.survey.dimension", readonly=True)
    weight = fields.Float(readonly=True)

    @api.model_cr
    def init(self):
        cr = self.env.cr
        cr.execute("SELECT relkind FROM pg_class WHERE relname = %s",
                   (self._table,))
        row = cr.fetchone()
        if row and row[0] == "r":  # a table in early development databases
            cr.execute('DROP TABLE "%s" CASCADE' % self._table)
        cr.execute("DROP VIEW IF EXISTS qms_survey_response_score CASCADE")
        cr.execute("DROP VIEW IF EXISTS qms_survey_answer_value CASCADE")
        # qms_survey_answer_value: the value of each completed answer per
        # customer and dimension of a matrix row, the mean of the values of
        # the levels chosen (one per row in a single-choice matrix). A line
        # counts only when its level and its row are a column and a row of
        # the line's own matrix question, tested in the aggregate's FILTER
        # rather than in the joins: PostgreSQL then estimates each join on
        # a key and keeps hash joins. The campaign and response columns are
        # grouped on, so a filter on them is pushed down to the answer
        # lines.
        cr.execute("""
            CREATE VIEW qms_survey_answer_value AS
            SELECT r.id AS response_id, r.campaign_id, r.partner_id,
                   r.salesperson_id, r.company_id,
                   rw.qms_dimension_id AS dimension_id,
                   (AVG(col.quizz_mark) FILTER (
                       WHERE col.question_id = l.question_id
                         AND rw.question_id_2 = l.question_id))::float AS score
              FROM qms_survey_response r
              JOIN survey_user_input_line l
                ON l.user_input_id = r.user_input_id
              JOIN survey_label col ON col.id = l.value_suggested
              JOIN survey_label rw ON rw.id = l.value_suggested_row
             WHERE r.state = 'done' AND l.answer_type = 'suggestion'
               AND NOT COALESCE(l.skipped, FALSE)
               AND rw.qms_dimension_id IS NOT NULL
             GROUP BY r.id, r.campaign_id, r.partner_id, r.salesperson_id,
                      r.company_id, rw.qms_dimension_id
            HAVING COUNT(*) FILTER (
                       WHERE col.question_id = l.question_id
                         AND rw.question_id_2 = l.question_id) > 0
        """)
        # qms_survey_response_score: one row per completed response and
        # dimension it answered. The id combines both (dimension ids <
        # 1000; bigint, so it does not overflow past 2.1 million
        # responses) and is computed from the response and dimension rows
        # before the answer lines are aggregated: reading scores by id (a
        # form's score lines) tests the id on the responses and
        # aggregates only the answer lines of the rows read, through the
        # index on the lines' response, instead of every answer line of
        # the database. Bulk scoring uses qms_survey_answer_value above.
        # Closed (and scored) campaigns keep the dimensions and weights of
        # their last scoring; others use the active dimensions' weights.
        cr.execute("""
            CREATE VIEW qms_survey_response_score AS
            SELECT r.id::bigint * 1000 + d.id AS id,
                   r.id AS response_id, r.campaign_id, r.partner_id,
                   r.salesperson_id, r.company_id, d.id AS dimension_id,
                   v.score,
                   (CASE WHEN c.state = 'closed' AND c.date_scored IS NOT NULL
                         THEN cs.weight ELSE d.weight END)::float AS weight
              FROM qms_survey_response r
              JOIN qms_survey_campaign c ON c.id = r.campaign_id
             CROSS JOIN qms_survey_dimension d
              LEFT JOIN qms_survey_campaign_score cs
                ON cs.campaign_id = r.campaign_id AND cs.dimension_id = d.id
              JOIN LATERAL (
                  SELECT (AVG(col.quizz_mark) FILTER (
                             WHERE col.question_id = l.question_id
                               AND rw.question_id_2 = l.question_id))::float
                             AS score
                    FROM survey_user_input_line l
                    JOIN survey_label col ON col.id = l.value_suggested
                    JOIN survey_label rw ON rw.id = l.value_suggested_row
                   WHERE l.user_input_id = r.user_input_id
                     AND l.answer_type = 'suggestion'
                     AND NOT COALESCE(l.skipped, FALSE)
                     AND rw.qms_dimension_id = d.id
                  HAVING COUNT(*) FILTER (
                             WHERE col.question_id = l.question_id
                               AND rw.question_id_2 = l.question_id) > 0
              ) v ON TRUE
             WHERE r.state = 'done'
               AND CASE WHEN c.state = 'closed' AND c.date_scored IS NOT NULL
                        THEN cs.id IS NOT NULL ELSE d.active END
        """)
