# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError


class SurveyUserInput(models.Model):
    """A customer's survey answer. A satisfaction campaign's answer is
    given by the customer (his personal link, checked by token by the
    survey pages) or entered by his salesperson (phone entry): no other
    user writes it, whatever Survey rights Odoo's default user template
    gave him. Once its campaign is closed the answer is part of the
    campaign's record and its scores: it cannot be finished, reset or
    deleted any more (R-D1, R-D2, R-E1)."""

    _inherit = "survey.user_input"

    qms_response_ids = fields.One2many(
        "qms.survey.response", "user_input_id",
        string="Satisfaction Campaign Answers")

    @api.model
    def _qms_check_campaign_open(self, user_input_ids):
        """Refuse a change to the answers of a closed campaign."""
        ids = tuple(i for i in user_input_ids if i)
        if not ids:
            return
        self.env.cr.execute("""
            SELECT c.name
              FROM qms_survey_response r
              JOIN qms_survey_campaign c ON c.id = r.campaign_id
             WHERE r.user_input_id IN %s AND c.state = 'closed'
             LIMIT 1""", (ids,))
        row = self.env.cr.fetchone()
        if row:
            raise UserError(_(
                "The satisfaction campaign %(name)s is closed: its answers "
                "cannot be changed.") % {"name": row[0]})

    @api.model
    def _qms_check_answerer(self, user_input_ids):
        """Only the customer answers his satisfaction survey: the survey
        pages (public user, token checked) or the customer's own login;
        the salesperson's phone entry runs as superuser after its own
        check."""
        user = self.env.user
        if self.env.uid == SUPERUSER_ID or user._is_public():
            return
        inputs = self.sudo().browse([i for i in user_input_ids if i]).filtered(
            "qms_response_ids")
        foreign = inputs.filtered(
            lambda i: i.partner_id != user.partner_id.commercial_partner_id
            and i.partner_id != user.partner_id)
        if foreign:
            raise AccessError(_(
                "This satisfaction survey answer belongs to %(customer)s: "
                "only the customer answers it (or his salesperson enters it "
                "from the campaign).") % {
                    "customer": foreign[0].partner_id.display_name})

    @api.multi
    def write(self, vals):
        self._qms_check_answerer(self.ids)
        if {"state", "survey_id", "user_input_line_ids"} & set(vals):
            self._qms_check_campaign_open(self.ids)
        return super().write(vals)

    @api.multi
    def unlink(self):
        self._qms_check_answerer(self.ids)
        self._qms_check_campaign_open(self.ids)
        return super().unlink()
