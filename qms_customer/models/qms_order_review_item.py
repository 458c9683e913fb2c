# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .qms_mixins import in_workflow, qms_workflow


class QmsOrderReviewItem(models.Model):
    """One answered question of a review round (R-A1)."""

    _name = "qms.order.review.item"
    _description = "Contract Review Item Answer"
    _inherit = "qms.workflow.guard"
    _qms_workflow_create = True
    _qms_user_fields = ("result", "comment")
    _qms_evidence = True
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
    review_state = fields.Selection(
        related="review_id.state", readonly=True, string="Round Status")

    @api.multi
    def write(self, vals):
        items = self
        if not in_workflow(self.env):
            self._qms_check_protected_vals(vals)
            self.mapped("review_id")._qms_check_editable()
            if "result" in vals:
                # the answer is stamped with who gave it and when
                vals = dict(vals, answered_by=self.env.uid,
                            answered_date=fields.Datetime.now())
                items = qms_workflow(self)
        return super(QmsOrderReviewItem, items).write(vals)

    @api.multi
    def action_pass(self):
        """One click answers the item "pass" (the sheet on the order)."""
        return self.write({"result": "pass"})

    @api.multi
    def action_fail(self):
        return self.write({"result": "fail"})
