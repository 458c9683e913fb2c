# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class QmsSurveyGrade(models.Model):
    """A grade band of satisfaction scores, shown next to every score
    (R-D2): a score gets the band with the highest minimum it reaches."""

    _name = "qms.survey.grade"
    _description = "Satisfaction Grade Band"
    _order = "min_score desc"

    name = fields.Char(required=True, translate=True)
    min_score = fields.Float(string="Minimum Score", required=True)
    color = fields.Char(default="#337ab7", help="Colour of the band in the report.")

    @api.constrains("min_score")
    def _check_min_score(self):
        for grade in self:
            if grade.min_score < 0 or grade.min_score > 100:
                raise ValidationError(_(
                    "A grade band starts between 0 and 100."))

    @api.model
    def _get_grade(self, score, grades=None):
        """The band of ``score`` (a float or False); ``grades`` may be
        passed, sorted by descending minimum, to avoid a search per call."""
        if score is False or score is None:
            return self.browse()
        grades = grades if grades is not None else self.search([])
        for grade in grades:
            if score >= grade.min_score:
                return grade
        return self.browse()
