# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError


class QmsSurveyScoreMixin(models.AbstractModel):
    """Score lines are written only by the campaign's grouped SQL scoring;
    the ORM refuses to create, change or delete them (R-D2)."""

    _name = "qms.survey.score.mixin"
    _description = "Satisfaction Score Line (read-only)"

    score = fields.Float(readonly=True, digits=(16, 1), group_operator="avg")
    grade_id = fields.Many2one(
        "qms.survey.grade", string="Grade", compute="_compute_grade_id")

    @api.depends("score")
    def _compute_grade_id(self):
        grades = self.env["qms.survey.grade"].search([])
        for line in self:
            line.grade_id = grades._get_grade(line.score, grades)

    def _qms_refuse(self):
        raise UserError(_(
            "Scores are computed from the survey answers and cannot be "
            "written."))

    @api.model
    def create(self, vals):
        self._qms_refuse()

    @api.multi
    def write(self, vals):
        self._qms_refuse()

    @api.multi
    def unlink(self):
        self._qms_refuse()


class QmsSurveyResponseScore(models.Model):
    """A customer's score per dimension: a read-only SQL view over the
    compact score detail the campaign's scoring stores on each response
    (one UPDATE per scoring instead of thousands of INSERTs, R-D2
    performance). Searchable and groupable like a table."""

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
        tools.drop_view_if_exists(cr, self._table)
        # The id combines response and dimension (dimension ids < 1000).
        cr.execute("""
            CREATE OR REPLACE VIEW qms_survey_response_score AS
            SELECT r.id * 1000 + j.key::int AS id,
                   r.id AS response_id, r.campaign_id, r.partner_id,
                   r.salesperson_id, r.company_id,
                   j.key::int AS dimension_id,
                   (j.value->>0)::float AS score,
                   (j.value->>1)::float AS weight
              FROM qms_survey_response r
             CROSS JOIN LATERAL json_each(r.score_detail::json) j
             WHERE r.score_detail IS NOT NULL
        """)


class QmsSurveyCampaignScore(models.Model):
    _name = "qms.survey.campaign.score"
    _inherit = "qms.survey.score.mixin"
    _description = "Campaign Score per Dimension"
    _order = "campaign_id, dimension_id"

    campaign_id = fields.Many2one(
        "qms.survey.campaign", required=True, ondelete="cascade", index=True,
        readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    dimension_id = fields.Many2one(
        "qms.survey.dimension", required=True, ondelete="cascade",
        readonly=True)
    weight = fields.Float(readonly=True)
    respondent_count = fields.Integer(string="Respondents", readonly=True)
