# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .qms_order_review import is_review_internal


class TierReview(models.Model):
    _inherit = "tier.review"

    status = fields.Selection(selection_add=[("voided", "Voided")])

    def _get_reviewers(self):
        """Sale orders: the salesperson tier names the order's salesperson;
        any other tier excludes him (nobody approves his own order)."""
        if self.model != "sale.order":
            return super(TierReview, self)._get_reviewers()
        order = self.env["sale.order"].browse(self.res_id)
        if self.definition_id.review_type == "salesperson":
            return order.user_id
        return super(TierReview, self)._get_reviewers() - order.user_id

    @api.model
    def create(self, vals):
        if vals.get("model", "sale.order") == "sale.order" and \
                not is_review_internal(self.env):
            raise UserError(_("Sale order reviews are requested with the "
                              "order's Submit for Review button."))
        return super(TierReview, self).create(vals)

    @api.multi
    def write(self, vals):
        if not is_review_internal(self.env) and \
                "sale.order" in self.mapped("model"):
            raise UserError(_("Sale order reviews are decided with the "
                              "order's Approve and Reject buttons only."))
        return super(TierReview, self).write(vals)

    @api.multi
    def unlink(self):
        if not is_review_internal(self.env) and \
                "sale.order" in self.mapped("model"):
            raise UserError(_("Sale order reviews are the review history and "
                              "cannot be deleted."))
        return super(TierReview, self).unlink()
