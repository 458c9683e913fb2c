# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class QmsOrderReviewReject(models.TransientModel):
    """The signer's rejection of a review round, with its reason (R-A4)."""

    _name = "qms.order.review.reject"
    _description = "Reject a Contract Review"

    order_id = fields.Many2one("sale.order", required=True,
                               ondelete="cascade")
    reason = fields.Text(required=True)

    @api.multi
    def action_reject(self):
        self.ensure_one()
        self.order_id._qms_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
