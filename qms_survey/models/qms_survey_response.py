# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug import urls

from odoo import _, api, fields, models, tools
from odoo.tools import float_round
from odoo.exceptions import AccessError, UserError, ValidationError


class QmsSurveyResponse(models.Model):
    """One customer of a campaign: the personal survey token, who answered
    and how, and the customer's scores, read from the answers (R-D1,
    R-D2)."""

    _name = "qms.survey.response"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.workflow.guard"]
    _description = "Customer Satisfaction Response"
    _order = "campaign_id desc, partner_id"
    _rec_name = "partner_id"

    # scores are read from the answers by SQL, never written (R-D2)
    _qms_protected_fields = ("score_overall", "scored")

    campaign_id = fields.Many2one(
        "qms.survey.campaign", required=True, ondelete="cascade", index=True,
        readonly=True)
    company_id = fields.Many2one(
        related="campaign_id.company_id", store=True, readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, readonly=True,
        index=True)
    salesperson_id = fields.Many2one(
        "res.users", string="Salesperson", related="partner_id.user_id",
        store=True, readonly=True, index=True)
    user_input_id = fields.Many2one(
        "survey.user_input", string="Survey Answer", readonly=True,
        ondelete="set null")
    state = fields.Selection(
        related="user_input_id.state", store=True, readonly=True,
        string="Answer Status")
    channel = fields.Selection(
        [("email", "E-mail link"), ("phone", "Phone (entered by sales)")],
        default="email", readonly=True, track_visibility="onchange")
    answered_by_id = fields.Many2one(
        "res.users", string="Entered By", readonly=True)
    date_answered = fields.Datetime(readonly=True)
    invitation_sent = fields.Boolean(readonly=True)
    reminder_date = fields.Datetime(string="Reminded On", readonly=True)
    survey_url = fields.Char(
        string="Personal Link", compute="_compute_survey_url")
    score_overall = fields.Float(
        string="Overall Score", readonly=True,
        compute="_compute_score_overall",
        help="Weighted average of the customer's scores per dimension, "
             "computed from the answers.")
    scored = fields.Boolean(
        string="Has Scores", compute="_compute_score_overall",
        help="The customer rated at least one dimension.")
    grade_id = fields.Many2one(
        "qms.survey.grade", string="Grade", compute="_compute_grade_id")
    score_ids = fields.One2many(
        "qms.survey.response.score", "response_id", string="Scores",
        readonly=True)
    suggestion = fields.Text(compute="_compute_suggestion")
    action_ids = fields.One2many(
        "mgmtsystem.action", "qms_survey_response_id",
        string="Improvement Actions")

    _sql_constraints = [
        ("campaign_partner_uniq", "unique(campaign_id, partner_id)",
         "A customer is surveyed once per campaign."),
    ]

    @api.multi
    def _compute_survey_url(self):
        # sudo: the token is the invitation of a response the user may read.
        for response in self:
            user_input = response.sudo().user_input_id
            if user_input:
                response.survey_url = urls.url_join(
                    user_input.survey_id.public_url + "/", user_input.token)

    @api.multi
    def _compute_score_overall(self):
        """One grouped query over the per-dimension score view for all the
        responses read; the weights are those of the view (the campaign's
        recorded weights once it is closed)."""
        scores = {}
        if self.ids:
            self.env.cr.execute("""
                SELECT response_id,
                       SUM(score * weight) / NULLIF(SUM(weight), 0)
                  FROM qms_survey_response_score
                 WHERE response_id IN %s
                 GROUP BY response_id""", (tuple(self.ids),))
            scores = dict(self.env.cr.fetchall())
        for response in self:
            response.scored = response.id in scores
            # rounded once, to the precision shown and half up as the
            # campaign's scores are in SQL: a weighted 60 is 60.0 (not
            # 59.99999999999999, graded "very poor"), 87.25 is 87.3 on
            # every screen
            # (round() after float_round: the nearest float, 83.8 and not
            # 83.80000000000001)
            response.score_overall = round(float_round(
                scores.get(response.id) or 0.0, precision_digits=1), 1)

    @api.depends("score_overall")
    def _compute_grade_id(self):
        grades = self.env["qms.survey.grade"].search([])
        for response in self:
            response.grade_id = grades._get_grade(
                response.score_overall if response.scored else False, grades)

    @api.multi
    def _compute_suggestion(self):
        # sudo: the answers belong to the response the user may read.
        lines = self.env["survey.user_input_line"].sudo().search([
            ("user_input_id", "in", self.sudo().mapped("user_input_id").ids),
            ("question_id.qms_role", "=", "suggestion"),
            ("skipped", "=", False),
        ])
        texts = {}
        for line in lines:
            text = (line.value_free_text or line.value_text or "").strip()
            if text:
                texts[line.user_input_id.id] = text
        for response in self:
            response.suggestion = texts.get(
                response.sudo().user_input_id.id, False)

    # ------------------------------------------------------------------
    # Phone entry by the salesperson (R-D1)
    # ------------------------------------------------------------------
    @api.multi
    def _check_phone_entry_allowed(self):
        """Only the customer's own salesperson (or a user who sees every
        customer's documents) enters an answer on the customer's behalf."""
        user = self.env.user
        for response in self:
            if response.salesperson_id != user and not user.has_group(
                    "sales_team.group_sale_salesman_all_leads"):
                raise AccessError(_(
                    "Only the salesperson of %(customer)s may enter the "
                    "customer's answers.") % {
                        "customer": response.partner_id.display_name})
            if response.campaign_id.state != "open":
                raise UserError(_(
                    "The campaign %(name)s is not collecting answers.")
                    % {"name": response.campaign_id.name})
            if response.state == "done":
                raise UserError(_(
                    "%(customer)s has already answered.")
                    % {"customer": response.partner_id.display_name})

    @api.multi
    def record_phone_answer(self, ratings, suggestion=False):
        """Record the customer's answer given on the phone.

        ``ratings`` maps a dimension id to the id of the chosen rating level
        (a column of the questionnaire's matrix); dimensions left out were
        not answered. Refused, with nothing written, for another
        salesperson's customer or a level outside the scale.
        """
        self.ensure_one()
        self.check_access_rights("read")
        self.check_access_rule("read")
        self._check_phone_entry_allowed()
        # sudo: the checks above proved the user is the customer's
        # salesperson; salespeople have no rights on Survey answers.
        response = self.sudo()
        survey = response.campaign_id.survey_id
        matrix = survey._qms_get_matrix()
        rows = {row.qms_dimension_id.id: row for row in matrix.labels_ids_2
                if row.qms_dimension_id}
        columns = matrix.labels_ids
        ratings = {int(k): int(v) for k, v in (ratings or {}).items() if v}
        if not ratings:
            raise ValidationError(_("Rate at least one dimension."))
        for dimension_id, label_id in ratings.items():
            if dimension_id not in rows:
                raise ValidationError(_(
                    "The questionnaire does not rate this dimension."))
            if label_id not in columns.ids:
                raise ValidationError(_(
                    "The rating given is not a level of the questionnaire's "
                    "scale."))
        user_input = response.user_input_id
        if not user_input:
            # sudo: phone entry writes the customer's survey answer; the
            # salesperson (checked above) needs no Survey rights.
            user_input = self.env["survey.user_input"].sudo().create({
                "survey_id": survey.id,
                "partner_id": response.partner_id.id,
                "email": response.partner_id.email,
            })
        # sudo: same as above, the answer lines of that survey answer.
        Line = self.env["survey.user_input_line"].sudo()
        Line.search([("user_input_id", "=", user_input.id)]).unlink()
        for dimension_id, label_id in ratings.items():
            Line.create({
                "user_input_id": user_input.id,
                "question_id": matrix.id,
                "survey_id": survey.id,
                "skipped": False,
                "answer_type": "suggestion",
                "value_suggested": label_id,
                "value_suggested_row": rows[dimension_id].id,
            })
        question = survey._qms_get_suggestion_question()
        if suggestion and question:
            Line.create({
                "user_input_id": user_input.id,
                "question_id": question.id,
                "survey_id": survey.id,
                "skipped": False,
                "answer_type": "free_text",
                "value_free_text": suggestion,
            })
        user_input.write({"state": "done"})
        response.write({
            "user_input_id": user_input.id,
            "channel": "phone",
            "answered_by_id": self.env.uid,
            "date_answered": fields.Datetime.now(),
        })
        response.message_post(body=_("Answer entered by %(user)s after a "
                                     "phone call.") % {"user": self.env.user.name})
        response.campaign_id._compute_scores()
        return True

    @api.multi
    def action_phone_entry(self):
        self.ensure_one()
        self._check_phone_entry_allowed()
        return {
            "type": "ir.actions.act_window",
            "name": _("Phone Answer"),
            "res_model": "qms.survey.phone.entry",
            "view_mode": "form",
            "target": "new",
            "context": {"default_response_id": self.id},
        }

    # ------------------------------------------------------------------
    # Improvement actions (R-D4)
    # ------------------------------------------------------------------
    @api.multi
    def _get_action_owner(self, dimension):
        self.ensure_one()
        owner = self.env["res.users"]
        if dimension and dimension.department_code:
            # sudo: the owner is the department's manager in the
            # response's company, whatever the current user may read.
            department = self.env["qms.department"].sudo()._get_by_code(
                dimension.department_code, self.company_id)
            owner = department._get_responsible_user()
        return owner or self.salesperson_id or self.campaign_id.user_id \
            or self.env.user

    @api.multi
    def _prepare_action_vals(self, score_line):
        """Values of the improvement action for a low score line, or for
        the customer's suggestion when ``score_line`` is False."""
        self.ensure_one()
        dimension = score_line.dimension_id if score_line else False
        if dimension:
            name = _("%(customer)s: %(dimension)s scored %(score).0f") % {
                "customer": self.partner_id.display_name,
                "dimension": dimension.name,
                "score": score_line.score}
            description = _("<p>Campaign %(campaign)s: the customer rated "
                            "%(dimension)s %(score).0f, below %(limit).0f."
                            "</p>") % {
                "campaign": self.campaign_id.name,
                "dimension": dimension.name,
                "score": score_line.score,
                "limit": self.campaign_id._get_action_limit()}
        else:
            name = _("%(customer)s: suggestion") % {
                "customer": self.partner_id.display_name}
            # the customer's words are kept as text, never as markup
            description = tools.plaintext2html(self.suggestion or "")
        return {
            "name": name,
            "description": description,
            "type_action": "improvement",
            "user_id": self._get_action_owner(dimension).id,
            "company_id": self.company_id.id,
            "qms_survey_response_id": self.id,
            "qms_survey_dimension_id": dimension.id if dimension else False,
            "qms_survey_score": score_line.score if score_line else 0.0,
        }
