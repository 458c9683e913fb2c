# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class MgmtsystemAction(models.Model):
    """Improvement actions opened by satisfaction campaigns (R-D4): the
    sales manager confirms them before work starts, and closing one needs
    its result, which is then fed back to the customer by e-mail."""

    _inherit = "mgmtsystem.action"

    # Set only by the campaign (create) or by the methods below.
    _qms_protected_fields = (
        "qms_survey_confirmed", "qms_survey_confirmed_by_id",
        "qms_survey_confirm_date", "qms_survey_feedback_date",
        "qms_survey_response_id", "qms_survey_dimension_id",
        "qms_survey_score",
    )

    qms_survey_response_id = fields.Many2one(
        "qms.survey.response", string="Satisfaction Response",
        readonly=True, ondelete="restrict", index=True)
    qms_survey_campaign_id = fields.Many2one(
        related="qms_survey_response_id.campaign_id", store=True,
        readonly=True, string="Satisfaction Campaign")
    qms_survey_partner_id = fields.Many2one(
        related="qms_survey_response_id.partner_id", store=True,
        readonly=True, string="Customer")
    qms_survey_dimension_id = fields.Many2one(
        "qms.survey.dimension", string="Dimension", readonly=True,
        help="Empty for an action opened from the customer's suggestion.")
    qms_survey_score = fields.Float(string="Customer Score", readonly=True)
    qms_survey_confirmed = fields.Boolean(
        string="Confirmed by Sales Manager", readonly=True,
        track_visibility="onchange")
    qms_survey_confirmed_by_id = fields.Many2one(
        "res.users", string="Confirmed By", readonly=True)
    qms_survey_confirm_date = fields.Datetime(
        string="Confirmed On", readonly=True)
    qms_survey_result = fields.Text(
        string="Result for the Customer",
        help="What was done; sent to the customer when the action closes.")
    qms_survey_feedback_date = fields.Datetime(
        string="Result Sent On", readonly=True)

    _sql_constraints = [
        ("qms_survey_response_dimension_uniq",
         "unique(qms_survey_response_id, qms_survey_dimension_id)",
         "One improvement action per customer and dimension."),
    ]

    @api.model
    def create(self, vals):
        refused = {"qms_survey_confirmed", "qms_survey_confirmed_by_id",
                   "qms_survey_confirm_date", "qms_survey_feedback_date"}
        if refused & set(vals):
            raise UserError(_("An improvement action is confirmed by the "
                              "sales manager, not created confirmed."))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        protected = set(self._qms_protected_fields) & set(vals)
        if protected:
            raise UserError(_(
                "These fields are set by the satisfaction campaign and its "
                "confirmation only: %(fields)s.")
                % {"fields": ", ".join(sorted(protected))})
        if vals.get("stage_id"):
            stage = self.env["mgmtsystem.action.stage"].browse(vals["stage_id"])
            survey_actions = self.filtered("qms_survey_response_id")
            if not stage.is_starting and survey_actions.filtered(
                    lambda a: not a.qms_survey_confirmed):
                raise UserError(_(
                    "The sales manager must confirm the improvement action "
                    "before work on it starts."))
            if stage == self.env.ref("mgmtsystem_action.stage_close"):
                for action in survey_actions:
                    if not vals.get("qms_survey_result",
                                    action.qms_survey_result):
                        raise UserError(_(
                            "Write the result for the customer before "
                            "closing %(name)s.") % {"name": action.name})
        res = super().write(vals)
        if vals.get("stage_id"):
            self._qms_send_feedback()
        return res

    @api.multi
    def action_qms_survey_confirm(self):
        """The sales manager confirms the improvement action; work starts."""
        user = self.env.user
        if not (user.has_group("qms_customer.group_qms_approver_sales_manager")
                or user.has_group("sales_team.group_sale_manager")):
            raise AccessError(_(
                "Only a sales manager confirms improvement actions."))
        for action in self:
            if not action.qms_survey_response_id:
                raise UserError(_("%(name)s does not come from a "
                                  "satisfaction campaign.") % {"name": action.name})
            if action.qms_survey_confirmed:
                continue
            super(MgmtsystemAction, action).write({
                "qms_survey_confirmed": True,
                "qms_survey_confirmed_by_id": user.id,
                "qms_survey_confirm_date": fields.Datetime.now(),
            })
            if action.stage_id.is_starting:
                action.case_open()
        return True

    @api.multi
    def _qms_send_feedback(self):
        """Closed survey actions not yet fed back: e-mail the result to the
        customer and record when."""
        close = self.env.ref("mgmtsystem_action.stage_close")
        template = self.env.ref("qms_survey.mail_template_improvement_feedback")
        todo = self.filtered(lambda a: a.qms_survey_response_id
                             and a.stage_id == close
                             and not a.qms_survey_feedback_date)
        for action in todo:
            # sudo: the mail renders the customer's campaign, which the
            # action owner (any department) may not read.
            template.sudo().send_mail(action.id)
            super(MgmtsystemAction, action).write(
                {"qms_survey_feedback_date": fields.Datetime.now()})
            # sudo: the feedback is recorded on the customer's response,
            # which the action owner may not be allowed to write.
            action.qms_survey_response_id.sudo().message_post(body=_(
                "Result of improvement action %(name)s sent to the "
                "customer: %(result)s") % {"name": action.name,
                                          "result": action.qms_survey_result})
        return todo
