# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class QmsComplaintCategory(models.Model):
    """Defect category of a complaint (R-C1): configurable, used for
    recurrence (R-C7), quality cost per category (R-C6) and analysis."""

    _name = "qms.complaint.category"
    _description = "Complaint Defect Category"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to share the category between companies.",
    )
