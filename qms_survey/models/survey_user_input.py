# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import UserError


class SurveyUserInput(models.Model):
    """A customer's survey answer. Once its campaign is closed the answer
    is part of the campaign's record and its scores: it cannot be finished,
    reset or deleted any more (R-D2)."""

    _inherit = "survey.user_input"

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

    @api.multi
    def write(self, vals):
        if {"state", "survey_id", "user_input_line_ids"} & set(vals):
            self._qms_check_campaign_open(self.ids)
        return super().write(vals)

    @api.multi
    def unlink(self):
        self._qms_check_campaign_open(self.ids)
        return super().unlink()
