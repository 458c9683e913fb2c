# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import UserError


class QmsSurveyScoreGuard(models.AbstractModel):
    """Scores are computed from the survey answers by SQL (R-D2): nobody,
    not even through the external API, writes them. A model lists its score
    fields in ``_qms_score_fields``."""

    _name = "qms.survey.score.guard"
    _description = "Satisfaction Score Write Guard"
    _qms_score_fields = ()

    @api.model
    def _qms_check_score_vals(self, vals):
        protected = set(self._qms_score_fields) & set(vals)
        if protected:
            raise UserError(_(
                "Scores are computed from the survey answers and cannot be "
                "written (%(fields)s).") % {"fields": ", ".join(sorted(protected))})

    @api.model
    def create(self, vals):
        self._qms_check_score_vals(vals)
        return super(QmsSurveyScoreGuard, self).create(vals)

    @api.multi
    def write(self, vals):
        self._qms_check_score_vals(vals)
        return super(QmsSurveyScoreGuard, self).write(vals)
