# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MgmtsystemNonconformity(models.Model):
    """Show, on the OCA nonconformity, the complaints it was raised from
    (the link itself is stored on the complaint, R-C5)."""

    _inherit = "mgmtsystem.nonconformity"

    qms_complaint_ids = fields.One2many(
        "qms.complaint", "nonconformity_id", string="Complaints",
        readonly=True)
