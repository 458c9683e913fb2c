# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.qms_customer.models.qms_mixins import commit_batch, qms_workflow

_logger = logging.getLogger(__name__)

PERIOD_MONTHS = {"quarter": 3, "half": 6, "year": 12}
# Upper bounds of the histogram buckets of customer scores (R-D3).
HISTOGRAM_BUCKETS = [(0, 60), (60, 70), (70, 80), (80, 90), (90, 101)]


def period_bounds(day, period_type):
    """First and last day of the period of ``period_type`` holding ``day``."""
    months = PERIOD_MONTHS[period_type]
    first_month = ((day.month - 1) // months) * months + 1
    start = date(day.year, first_month, 1)
    end = start + relativedelta(months=months) - timedelta(days=1)
    return start, end


class QmsSurveyCampaign(models.Model):
    """A customer satisfaction campaign of one period (R-D1 to R-D4).

    The campaign invites its target customers to answer a satisfaction
    questionnaire (a ``survey.survey`` with a matrix of dimensions by rating
    level), one ``qms.survey.response`` per customer holding the customer's
    personal ``survey.user_input`` token. The customers' scores are read
    from the answer lines by a SQL view; the campaign's scores are computed
    from it with grouped SQL and stored on the campaign; users cannot
    write them.
    """

    _name = "qms.survey.campaign"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.workflow.guard"]
    _description = "Customer Satisfaction Campaign"
    _order = "date_start desc, id desc"

    # Fields only the scoring (SQL) may set: refused in create and write.
    # scores are written by the grouped SQL scoring only (R-D2)
    _qms_protected_fields = ("score_overall", "date_scored")
    _qms_transitions = {
        "draft": ("open",),
        "open": ("closed",),
        "closed": ("open",),
    }

    name = fields.Char(required=True, default="/", copy=False)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env["res.company"]._company_default_get(
            "qms.survey.campaign"),
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user,
        track_visibility="onchange")
    period_type = fields.Selection(
        [("quarter", "Quarter"), ("half", "Half-year"), ("year", "Year")],
        string="Period", required=True, default="half")
    date_start = fields.Date(
        string="Period Start", required=True,
        default=lambda self: fields.Date.to_string(period_bounds(
            fields.Date.from_string(fields.Date.context_today(self)),
            "half")[0]))
    date_end = fields.Date(
        string="Period End", required=True,
        default=lambda self: fields.Date.to_string(period_bounds(
            fields.Date.from_string(fields.Date.context_today(self)),
            "half")[1]))
    survey_id = fields.Many2one(
        "survey.survey", string="Questionnaire", required=True,
        domain=[("qms_is_satisfaction", "=", True)],
        default=lambda self: self.env.ref(
            "qms_survey.survey_satisfaction_five", raise_if_not_found=False))
    target = fields.Selection(
        [("all", "All active customers"), ("selected", "Chosen customers")],
        string="Target Customers", required=True, default="all")
    partner_ids = fields.Many2many(
        "res.partner", string="Chosen Customers",
        domain=[("customer", "=", True)])
    answer_days = fields.Integer(
        string="Answer Window (days)", default=14,
        help="Days the customers have to answer, counted from the sending.")
    date_sent = fields.Date(string="Sent On", readonly=True, copy=False)
    date_deadline = fields.Date(
        string="Answer Deadline", copy=False,
        help="Set when the invitations are sent, from the answer window.")
    reminder_days = fields.Integer(
        string="Remind (days before deadline)", default=3,
        help="Non-respondents get ONE reminder this many days before the "
             "deadline.")
    state = fields.Selection(
        [("draft", "Draft"), ("open", "Collecting Answers"),
         ("closed", "Closed")],
        default="draft", required=True, readonly=True, copy=False,
        track_visibility="onchange")
    response_ids = fields.One2many(
        "qms.survey.response", "campaign_id", string="Customers", copy=False)
    score_ids = fields.One2many(
        "qms.survey.campaign.score", "campaign_id",
        string="Scores per Dimension", readonly=True, copy=False)
    score_overall = fields.Float(
        string="Overall Score", readonly=True, copy=False, digits=(16, 1),
        group_operator="avg",
        help="Average of the respondents' weighted overall scores.")
    date_scored = fields.Datetime(string="Scored On", readonly=True, copy=False)
    grade_id = fields.Many2one(
        "qms.survey.grade", string="Grade", compute="_compute_grade_id")
    objective = fields.Float(
        default=lambda self: self.env.user.company_id.qms_satisfaction_objective,
        help="The company's satisfaction objective for this campaign.")
    threshold = fields.Float(
        string="Improvement Threshold",
        default=lambda self: self.env.user.company_id.qms_satisfaction_threshold)
    threshold_mode = fields.Selection(
        [("threshold", "Below the threshold"),
         ("objective", "Below the objective")],
        string="Open Improvement Actions", required=True,
        default=lambda self:
        self.env.user.company_id.qms_satisfaction_threshold_mode)
    target_count = fields.Integer(
        string="Invited", compute="_compute_counts")
    answered_count = fields.Integer(
        string="Answered", compute="_compute_counts")
    response_rate = fields.Float(
        string="Response Rate (%)", compute="_compute_counts", digits=(16, 1))
    action_ids = fields.One2many(
        "mgmtsystem.action", "qms_survey_campaign_id",
        string="Improvement Actions")
    action_count = fields.Integer(compute="_compute_action_count")

    @api.depends("score_overall")
    def _compute_grade_id(self):
        grades = self.env["qms.survey.grade"].search([])
        for campaign in self:
            campaign.grade_id = grades._get_grade(
                campaign.score_overall if campaign.date_scored else False,
                grades)

    @api.depends("response_ids.state")
    def _compute_counts(self):
        # sudo: the campaign's counts are the company's figures, the same
        # for every reader of the campaign.
        data = self.env["qms.survey.response"].sudo().read_group(
            [("campaign_id", "in", self.ids)],
            ["campaign_id", "state"], ["campaign_id", "state"], lazy=False)
        counts = {}
        for row in data:
            key = row["campaign_id"][0]
            total, done = counts.get(key, (0, 0))
            total += row["__count"]
            if row["state"] == "done":
                done += row["__count"]
            counts[key] = (total, done)
        for campaign in self:
            total, done = counts.get(campaign.id, (0, 0))
            campaign.target_count = total
            campaign.answered_count = done
            campaign.response_rate = total and 100.0 * done / total or 0.0

    @api.multi
    def _compute_action_count(self):
        data = self.env["mgmtsystem.action"].read_group(
            [("qms_survey_campaign_id", "in", self.ids)],
            ["qms_survey_campaign_id"], ["qms_survey_campaign_id"])
        counts = {row["qms_survey_campaign_id"][0]:
                  row["qms_survey_campaign_id_count"] for row in data}
        for campaign in self:
            campaign.action_count = counts.get(campaign.id, 0)

    @api.constrains("date_start", "date_end", "answer_days", "reminder_days",
                    "objective", "threshold")
    def _check_values(self):
        for campaign in self:
            if campaign.date_end < campaign.date_start:
                raise ValidationError(_("The period cannot end before it starts."))
            if campaign.answer_days <= 0 or campaign.reminder_days < 0:
                raise ValidationError(_(
                    "The answer window must be positive and the reminder "
                    "cannot come after the deadline."))
            if not (0 <= campaign.objective <= 100
                    and 0 <= campaign.threshold <= 100):
                raise ValidationError(_(
                    "Objective and threshold must lie between 0 and 100."))

    @api.onchange("period_type", "date_start")
    def _onchange_period(self):
        if self.period_type and self.date_start:
            start, end = period_bounds(
                fields.Date.from_string(self.date_start), self.period_type)
            self.date_start = fields.Date.to_string(start)
            self.date_end = fields.Date.to_string(end)

    @api.model
    def create(self, vals):
        if vals.get("name", "/") == "/":
            start = fields.Date.from_string(
                vals.get("date_start") or self._fields["date_start"].default(self))
            period = vals.get("period_type", "half")
            label = {"quarter": "Q%s" % ((start.month - 1) // 3 + 1),
                     "half": "H%s" % ((start.month - 1) // 6 + 1),
                     "year": ""}[period]
            vals["name"] = _("Satisfaction %(year)s %(period)s") % {
                "year": start.year, "period": label}
        return super().create(vals)

    # ------------------------------------------------------------------
    # Target customers and invitations (R-D1)
    # ------------------------------------------------------------------
    @api.multi
    def _get_target_partners(self):
        """Commercial partners to survey: the chosen ones, or every active
        customer of the campaign's company."""
        self.ensure_one()
        if self.target == "selected":
            partners = self.partner_ids
        else:
            partners = self.env["res.partner"].search([
                ("customer", "=", True),
                ("company_id", "in", [False, self.company_id.id]),
            ])
        return partners.mapped("commercial_partner_id").filtered(
            lambda p: p.active and p.customer)

    @api.multi
    def _prepare_response_vals(self, partner, deadline):
        self.ensure_one()
        # sudo: the invitation token belongs to the campaign; quality users
        # have no Survey rights on answers they did not create.
        user_input = self.env["survey.user_input"].sudo().create({
            "survey_id": self.survey_id.id,
            "partner_id": partner.id,
            "email": partner.email,
            "type": "link",
            "deadline": deadline,
        })
        return {
            "campaign_id": self.id,
            "partner_id": partner.id,
            "user_input_id": user_input.id,
        }

    @api.multi
    def action_send_invitations(self):
        """Create each target customer's personal survey token and e-mail
        the link (like the survey invite wizard); already invited customers
        are not invited twice."""
        template = self.env.ref("qms_survey.mail_template_survey_invitation")
        Response = self.env["qms.survey.response"]
        today = fields.Date.from_string(fields.Date.context_today(self))
        for campaign in self:
            if campaign.state == "closed":
                raise UserError(_("The campaign %(name)s is closed.")
                                % {"name": campaign.name})
            if not campaign.survey_id._qms_get_matrix():
                raise UserError(_(
                    "The questionnaire has no satisfaction matrix."))
            vals = {"state": "open"}
            if not campaign.date_sent:
                vals["date_sent"] = fields.Date.to_string(today)
            if not campaign.date_deadline:
                vals["date_deadline"] = fields.Date.to_string(
                    today + timedelta(days=campaign.answer_days))
            qms_workflow(campaign).write(vals)
            deadline_day = fields.Date.from_string(campaign.date_deadline)
            deadline = False
            if deadline_day >= today:
                deadline = fields.Datetime.to_string(
                    datetime.combine(deadline_day, time(23, 59, 59)))
            invited = campaign.response_ids.mapped("partner_id")
            new_responses = Response.browse()
            for partner in campaign._get_target_partners() - invited:
                new_responses |= Response.create(
                    campaign._prepare_response_vals(partner, deadline))
            for response in new_responses.filtered("partner_id.email"):
                template.send_mail(response.id)
                response.invitation_sent = True
        return True

    @api.model
    def _cron_send_reminders(self):
        """Remind every non-respondent ONCE, ``reminder_days`` before the
        deadline (R-D1)."""
        template = self.env.ref("qms_survey.mail_template_survey_reminder")
        today = fields.Date.from_string(fields.Date.context_today(self))
        campaigns = self.search([("state", "=", "open"),
                                 ("date_deadline", ">=", fields.Date.to_string(today))])
        reminded = self.env["qms.survey.response"]
        for campaign in campaigns:
            remind_from = fields.Date.from_string(campaign.date_deadline) - \
                timedelta(days=campaign.reminder_days)
            if today < remind_from:
                continue
            reminded |= campaign.response_ids.filtered(
                lambda r: r.state != "done" and not r.reminder_date
                and r.partner_id.email)
        for response in reminded:
            template.send_mail(response.id)
        reminded.write({"reminder_date": fields.Datetime.now()})
        return reminded

    @api.multi
    def _demo_open(self):
        """Demo data: campaigns whose invitations went out before the demo
        began (nothing is sent). Private: not callable over RPC."""
        return self._qms_set_state("open")

    @api.multi
    def action_close(self):
        """Score one last time and freeze the campaign: its scores keep the
        weights of this scoring, and the personal links of the customers
        who did not answer expire now."""
        not_open = self.filtered(lambda c: c.state != "open")
        if not_open:
            raise UserError(_("The campaign %(name)s is not collecting "
                              "answers.") % {"name": not_open[0].name})
        self._compute_scores()
        qms_workflow(self).write(
            {"state": "closed"})
        self._set_invitation_deadline(fields.Datetime.now())
        self._open_improvement_actions()
        return True

    @api.multi
    def action_reopen(self):
        """Reopen closed campaigns (quality manager): their answers and
        scores may change again."""
        if not self.env.user.has_group("qms_customer.group_qms_manager"):
            raise AccessError(_(
                "Only a quality manager may reopen a closed campaign."))
        not_closed = self.filtered(lambda c: c.state != "closed")
        if not_closed:
            raise UserError(_("The campaign %(name)s is not closed.")
                            % {"name": not_closed[0].name})
        qms_workflow(self).write(
            {"state": "open"})
        today = fields.Date.context_today(self)
        for campaign in self:
            deadline = False
            if campaign.date_deadline and campaign.date_deadline >= today:
                deadline = fields.Datetime.to_string(datetime.combine(
                    fields.Date.from_string(campaign.date_deadline),
                    time(23, 59, 59)))
            campaign._set_invitation_deadline(deadline)
        return True

    @api.multi
    def _set_invitation_deadline(self, deadline):
        """Set the deadline of the campaigns' unanswered survey links
        (Odoo's survey page refuses a link past its deadline)."""
        # sudo: the invitation tokens belong to the campaign; quality users
        # have no Survey rights on answers they did not create.
        inputs = self.mapped("response_ids").sudo().mapped(
            "user_input_id").filtered(lambda i: i.state != "done")
        inputs.write({"deadline": deadline})

    @api.multi
    def action_compute_scores(self):
        self._compute_scores()
        self._open_improvement_actions()
        return True

    @api.model
    def _cron_score_open_campaigns(self):
        """Score each open campaign and open its improvement actions,
        committing as it goes: a job stopped by its time limit resumes
        where it stopped (actions are never opened twice)."""
        for campaign in self.search([("state", "=", "open")]):
            campaign._compute_scores()
            commit_batch(self.env)
            campaign._open_improvement_actions(batch=200)
        return True

    # ------------------------------------------------------------------
    # Scoring (R-D2)
    # ------------------------------------------------------------------
    @api.multi
    def _compute_scores(self):
        """Score the campaigns from the survey answer lines: per dimension
        the mean of the respondents' values, overall the mean of the
        respondents' weighted overall scores.

        The customers' values per dimension are the SQL view
        ``qms_survey_answer_value`` over the answer lines, always current
        (``qms.survey.response.score`` adds the weights); nothing is
        written per customer. Scoring is one grouped statement over that
        view with the active dimensions' weights, whatever the number of
        responses, writing one row per campaign and dimension and the
        campaign's overall score, each rounded once, half up, to the
        one decimal shown (the same number on every screen). Those rows
        also record the weights a closed campaign keeps; a closed campaign
        is therefore not scored again (reopen it first).
        """
        if not self.ids:
            return
        self.check_access_rights("write")
        self.check_access_rule("write")
        closed = self.filtered(lambda c: c.state == "closed")
        if closed:
            raise UserError(_(
                "The scores of the closed campaign %(name)s are frozen; "
                "reopen it to score it again.") % {"name": closed[0].name})
        cr = self.env.cr
        params = {"ids": tuple(self.ids), "uid": self.env.uid}
        cr.execute("""
            WITH dim AS MATERIALIZED (
                SELECT v.response_id, v.campaign_id, v.company_id,
                       v.dimension_id, v.score, d.weight
                  FROM qms_survey_answer_value v
                  JOIN qms_survey_dimension d
                    ON d.id = v.dimension_id AND d.active
                 WHERE v.campaign_id IN %(ids)s
            ), del AS (
                DELETE FROM qms_survey_campaign_score
                 WHERE campaign_id IN %(ids)s
                RETURNING id
            ), ins AS (
                INSERT INTO qms_survey_campaign_score
                    (campaign_id, company_id, dimension_id, score, weight,
                     respondent_count,
                     create_uid, create_date, write_uid, write_date)
                SELECT campaign_id, company_id, dimension_id,
                       ROUND(AVG(score)::numeric, 1)::float,
                       MAX(weight), COUNT(*),
                       %(uid)s, now() AT TIME ZONE 'UTC',
                       %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM dim GROUP BY campaign_id, company_id, dimension_id
                RETURNING id
            ), cust AS (
                SELECT campaign_id,
                       SUM(score * weight) / NULLIF(SUM(weight), 0) AS overall
                  FROM dim GROUP BY campaign_id, response_id
            )
            UPDATE qms_survey_campaign c
               SET score_overall = s.score,
                   date_scored = now() AT TIME ZONE 'UTC'
              FROM (SELECT c2.id,
                           (SELECT ROUND(AVG(cust.overall)::numeric, 1)
                              FROM cust
                             WHERE cust.campaign_id = c2.id)::float AS score,
                           (SELECT COUNT(*) FROM del)
                           + (SELECT COUNT(*) FROM ins) AS written
                      FROM qms_survey_campaign c2
                     WHERE c2.id IN %(ids)s) s
             WHERE s.id = c.id
        """, params)
        self.env["qms.survey.response"].invalidate_cache(
            ["score_overall", "scored", "score_ids", "grade_id"])
        self.env["qms.survey.response.score"].invalidate_cache()
        self.env["qms.survey.campaign.score"].invalidate_cache()
        self.invalidate_cache(["score_overall", "date_scored", "score_ids",
                               "grade_id"])

    # ------------------------------------------------------------------
    # Improvement actions (R-D4)
    # ------------------------------------------------------------------
    @api.multi
    def _get_action_limit(self):
        self.ensure_one()
        return self.objective if self.threshold_mode == "objective" \
            else self.threshold

    @api.multi
    def _open_improvement_actions(self, batch=0):
        """Open one improvement action per customer and dimension scored
        below the limit, and one per suggestion; never twice. With batch,
        commit every batch actions (scheduled job)."""
        Action = self.env["mgmtsystem.action"]
        ScoreLine = self.env["qms.survey.response.score"]
        created = Action.browse()
        for campaign in self:
            low = ScoreLine.search([
                ("campaign_id", "=", campaign.id),
                ("score", "<", campaign._get_action_limit())])
            # sudo: the campaign opens CAPA actions on the responses it
            # scored; the quality user running it needs no CAPA rights.
            existing = Action.sudo().with_context(active_test=False).search(
                [("qms_survey_campaign_id", "=", campaign.id)])
            done_keys = {(a.qms_survey_response_id.id,
                          a.qms_survey_dimension_id.id) for a in existing}
            vals_list = []
            for line in low:
                key = (line.response_id.id, line.dimension_id.id)
                if key not in done_keys:
                    done_keys.add(key)
                    vals_list.append(
                        line.response_id._prepare_action_vals(line))
            for response in campaign.response_ids.filtered(
                    lambda r: r.state == "done" and r.suggestion):
                key = (response.id, False)
                if key not in done_keys:
                    done_keys.add(key)
                    vals_list.append(response._prepare_action_vals(False))
            for count, vals in enumerate(vals_list, 1):
                # sudo: as for the search above, no CAPA rights needed.
                created |= Action.sudo().create(vals)
                if batch and not count % batch:
                    commit_batch(self.env)
            if batch:
                commit_batch(self.env)
        return created

    @api.multi
    def action_view_actions(self):
        self.ensure_one()
        action = self.env.ref("mgmtsystem_action.open_mgmtsystem_action_list").read()[0]
        action["domain"] = [("qms_survey_campaign_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------
    # Analysis report (R-D3)
    # ------------------------------------------------------------------
    @api.multi
    def _get_previous_campaigns(self, limit=4):
        """The scored campaigns of the company before this one, oldest
        first (the trend of the report)."""
        self.ensure_one()
        previous = self.search([
            ("company_id", "=", self.company_id.id),
            ("date_start", "<", self.date_start),
            ("date_scored", "!=", False),
            ("id", "!=", self.id),
        ], order="date_start desc", limit=limit)
        return previous.sorted("date_start")

    @api.multi
    def _get_period_bounds(self):
        self.ensure_one()
        return (self.date_start + " 00:00:00", self.date_end + " 23:59:59")

    @api.multi
    def _get_complaint_figures(self):
        """Complaints received in the period per customer (count,
        recurring, claims cost) from qms_complaint; None if the complaint
        model is not there."""
        self.ensure_one()
        if "qms.complaint" not in self.env:
            return None
        start, end = self._get_period_bounds()
        # sudo: company-wide figures of the period for the report; the
        # domain is built here, not supplied by the user.
        Complaint = self.env["qms.complaint"].sudo()
        needed = {"partner_id", "is_recurring", "quality_cost_amount",
                  "date_received", "company_id"}
        if not needed <= set(Complaint._fields):
            return None
        rows = Complaint.read_group(
            [("company_id", "=", self.company_id.id),
             ("date_received", ">=", start), ("date_received", "<=", end)],
            ["partner_id", "is_recurring", "quality_cost_amount"],
            ["partner_id", "is_recurring"], lazy=False)
        partners = self.env["res.partner"].browse(
            [row["partner_id"][0] for row in rows if row["partner_id"]])
        commercial = {p.id: p.commercial_partner_id.id for p in partners}
        figures = {}
        for row in rows:
            key = commercial.get(row["partner_id"] and row["partner_id"][0], False)
            fig = figures.setdefault(key, {"count": 0, "recurring": 0, "cost": 0.0})
            fig["count"] += row["__count"]
            if row["is_recurring"]:
                fig["recurring"] += row["__count"]
            fig["cost"] += row["quality_cost_amount"] or 0.0
        return figures

    @api.multi
    def _get_delivery_figures(self):
        """Outgoing shipments done in the period per customer: on time when
        done by their scheduled date, premium freight (count and cost);
        and returns received back."""
        self.ensure_one()
        start, end = self._get_period_bounds()
        # sudo: company-wide delivery figures of the period for the report;
        # quality users need no Inventory rights.
        Picking = self.env["stock.picking"].sudo()
        shipments = Picking.search_read(
            [("picking_type_code", "=", "outgoing"), ("state", "=", "done"),
             ("company_id", "=", self.company_id.id),
             ("date_done", ">=", start), ("date_done", "<=", end)],
            ["partner_id", "scheduled_date", "date_done",
             "qms_premium_freight", "qms_premium_freight_cost"])
        returns = Picking.read_group(
            [("picking_type_code", "=", "incoming"), ("state", "=", "done"),
             ("company_id", "=", self.company_id.id),
             ("move_lines.origin_returned_move_id", "!=", False),
             ("date_done", ">=", start), ("date_done", "<=", end)],
            ["partner_id"], ["partner_id"])
        partner_ids = {s["partner_id"][0] for s in shipments if s["partner_id"]}
        partner_ids |= {r["partner_id"][0] for r in returns if r["partner_id"]}
        commercial = {p.id: p.commercial_partner_id.id for p in
                      self.env["res.partner"].browse(list(partner_ids))}
        figures = {}

        def fig_of(partner):
            key = commercial.get(partner and partner[0], False)
            return figures.setdefault(
                key, {"shipments": 0, "on_time": 0, "returns": 0,
                      "premium": 0, "premium_cost": 0.0})
        for ship in shipments:
            fig = fig_of(ship["partner_id"])
            fig["shipments"] += 1
            if ship["scheduled_date"] and ship["date_done"] <= ship["scheduled_date"]:
                fig["on_time"] += 1
            if ship["qms_premium_freight"]:
                fig["premium"] += 1
                fig["premium_cost"] += ship["qms_premium_freight_cost"]
        for row in returns:
            fig_of(row["partner_id"])["returns"] += row["partner_id_count"]
        for fig in figures.values():
            fig["rate"] = fig["shipments"] and 100.0 * fig["on_time"] / fig["shipments"]
        return figures

    @api.multi
    def _get_report_data(self):
        """Everything the analysis report (PDF and screen) shows: a company
        document, the same whoever prints it (R-D3). The right to open the
        campaign is the access check."""
        self.ensure_one()
        self.check_access_rights("read")
        self.check_access_rule("read")
        # sudo: the figures are the company's, not those of the customers
        # the reader may see; the access to the campaign was checked above.
        return self.sudo()._qms_report_data()

    @api.multi
    def _qms_report_data(self):
        self.ensure_one()
        grades = self.env["qms.survey.grade"].search([])
        previous = self._get_previous_campaigns()
        trend_campaigns = previous | self
        trend_campaigns = trend_campaigns.sorted("date_start")
        scores = self.env["qms.survey.campaign.score"].search(
            [("campaign_id", "in", trend_campaigns.ids)])
        by_key = {(s.campaign_id.id, s.dimension_id.id): s.score for s in scores}
        dimensions = scores.mapped("dimension_id").sorted("sequence")
        dimension_rows = []
        for dim in dimensions:
            current = by_key.get((self.id, dim.id))
            dimension_rows.append({
                "name": dim.name,
                "weight": dim.weight,
                "score": current,
                "grade": grades._get_grade(
                    current if current is not None else False, grades),
                "trend": [by_key.get((c.id, dim.id)) for c in trend_campaigns],
            })
        responses = self.response_ids
        scored = responses.filtered("scored")
        histogram = []
        for low, high in HISTOGRAM_BUCKETS:
            count = len(scored.filtered(
                lambda r: low <= r.score_overall < high))
            histogram.append({
                "label": "%d-%d" % (low, min(high, 100)) if high <= 100
                else "%d-100" % low,
                "count": count,
            })
        top = max([b["count"] for b in histogram] + [1])
        for bucket in histogram:
            bucket["height"] = int(150.0 * bucket["count"] / top)
        complaints = self._get_complaint_figures()
        deliveries = self._get_delivery_figures()
        customers = []
        for response in responses.sorted(lambda r: r.partner_id.display_name or ""):
            partner_id = response.partner_id.id
            customers.append({
                "partner": response.partner_id.display_name,
                "state": response.state,
                "score": response.score_overall if response.scored else None,
                "grade": response.grade_id,
                "complaints": (complaints or {}).get(partner_id),
                "delivery": deliveries.get(partner_id),
            })
        total_complaints = None
        if complaints is not None:
            total_complaints = {
                "count": sum(f["count"] for f in complaints.values()),
                "recurring": sum(f["recurring"] for f in complaints.values()),
                "cost": sum(f["cost"] for f in complaints.values()),
            }
        ships = sum(f["shipments"] for f in deliveries.values())
        on_time = sum(f["on_time"] for f in deliveries.values())
        total_delivery = {
            "shipments": ships,
            "on_time": on_time,
            "returns": sum(f["returns"] for f in deliveries.values()),
            "premium": sum(f["premium"] for f in deliveries.values()),
            "premium_cost": sum(f["premium_cost"] for f in deliveries.values()),
            "rate": ships and 100.0 * on_time / ships,
        }
        overall = self.score_overall if self.date_scored and scored else None
        return {
            "campaign": self,
            "currency": self.company_id.currency_id,
            "target_count": self.target_count,
            "answered_count": self.answered_count,
            "response_rate": self.response_rate,
            "overall": overall,
            "overall_grade": grades._get_grade(
                overall if overall is not None else False, grades),
            "objective": self.objective,
            "gap": overall - self.objective if overall is not None else None,
            "dimensions": dimension_rows,
            "histogram": histogram,
            "trend_campaigns": trend_campaigns,
            "trend_overall": [c.score_overall if c.date_scored else None
                              for c in trend_campaigns],
            "complaints_available": complaints is not None,
            "total_complaints": total_complaints,
            "total_delivery": total_delivery,
            "customers": customers,
            "grades": grades,
        }
