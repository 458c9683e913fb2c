# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class QmsOrderReviewItemType(models.Model):
    """A question of the contract review sheet (R-A1 items a) to e), price,
    payment terms); each review round answers every active one."""

    _name = "qms.order.review.item.type"
    _description = "Contract Review Item"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
