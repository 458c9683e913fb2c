# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .qms_order_review import is_review_internal


class QmsOrderReviewItem(models.Model):
    """One answered question of a review round (R-A1)."""

    _name = "qms.order.review.item"
    _description = "Contract Review Item Answer"
    _order = "review_id, sequence, id"

    review_id = fields.Many2one("qms.order.review", required=True,
                                ondelete="cascade", index=True,
                                readonly=True)
    company_id = fields.Many2one(related="review_id.company_id", store=True,
                                 readonly=True)
    type_id = fields.Many2one("qms.order.review.item.type", readonly=True,
                              string="Item")
    name = fields.Char(required=True, readonly=True)
    sequence = fields.Integer(readonly=True)
    result = fields.Selection(
        [("pass", "Pass"), ("fail", "Fail"), ("na", "N/A")])
    comment = fields.Text()
    answered_by = fields.Many2one("res.users", readonly=True)
    answered_date = fields.Datetime(readonly=True)

    @api.model
    def create(self, vals):
        if not is_review_internal(self.env):
            raise UserError(_("Review items come from the review item list "
                              "when the order is submitted."))
        return super(QmsOrderReviewItem, self).create(vals)

    @api.multi
    def write(self, vals):
        if not is_review_internal(self.env):
            bad = set(vals) - {"result", "comment"}
            if bad:
                raise UserError(_("Only the result and the comment of a "
                                  "review item can be changed."))
            self.mapped("review_id")._check_open()
            for order in self.mapped("review_id.order_id"):
                order._qms_check_can_edit_review()
            if "result" in vals:
                vals = dict(vals, answered_by=self.env.uid,
                            answered_date=fields.Datetime.now())
        return super(QmsOrderReviewItem, self).write(vals)

    @api.multi
    def unlink(self):
        if not is_review_internal(self.env):
            raise UserError(_("Review items cannot be deleted."))
        return super(QmsOrderReviewItem, self).unlink()
