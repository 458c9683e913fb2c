# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .qms_mixins import in_workflow, qms_workflow


class QmsOrderReviewDepartment(models.Model):
    """A department's sign-off on its part of a review round (R-A2)."""

    _name = "qms.order.review.department"
    _description = "Contract Review Department Sign-off"
    _inherit = "qms.workflow.guard"
    _qms_workflow_create = True
    _qms_user_fields = ("comment",)
    _qms_evidence = True
    _order = "review_id, sequence, id"

    review_id = fields.Many2one("qms.order.review", required=True,
                                ondelete="cascade", index=True,
                                readonly=True)
    order_id = fields.Many2one(related="review_id.order_id", store=True,
                               readonly=True)
    company_id = fields.Many2one(related="review_id.company_id", store=True,
                                 readonly=True)
    department_id = fields.Many2one("qms.department", required=True,
                                    readonly=True)
    sequence = fields.Integer(related="department_id.sequence",
                              readonly=True)
    responsible_id = fields.Many2one("res.users", readonly=True)
    reason = fields.Char(
        readonly=True,
        help="Why this department reviews (order type, credit).")
    state = fields.Selection(
        [("pending", "To Review"), ("passed", "Passed"),
         ("failed", "Failed")],
        default="pending", required=True, readonly=True)
    comment = fields.Text()
    signed_by = fields.Many2one("res.users", readonly=True)
    signed_date = fields.Datetime(readonly=True)

    @api.multi
    def write(self, vals):
        if not in_workflow(self.env):
            self._qms_check_protected_vals(vals)
            self.mapped("review_id")._check_open()
            self._check_can_sign()
        return super(QmsOrderReviewDepartment, self).write(vals)

    @api.multi
    def _check_can_sign(self):
        user = self.env.user
        is_manager = user.has_group("qms_customer.group_qms_manager")
        for line in self:
            dept = line.department_id
            if is_manager or user == dept.manager_id or \
                    user in dept.user_ids or user == line.responsible_id:
                continue
            raise UserError(_(
                "Only the manager or a member of department %(dept)s can sign "
                "its part of the review of %(order)s.") % {
                    "dept": dept.name, "order": line.order_id.name})

    @api.multi
    def _sign(self, state):
        self.mapped("review_id")._check_open()
        self._check_can_sign()
        qms_workflow(self).write({
            "state": state,
            "signed_by": self.env.uid,
            "signed_date": fields.Datetime.now(),
        })
        labels = dict(self._fields["state"]._description_selection(self.env))
        for line in self:
            line.order_id.activity_feedback(
                ["qms_customer.mail_activity_qms_department_review"],
                user_id=line.responsible_id.id,
                feedback=_("%(dept)s: %(state)s") % {
                    "dept": line.department_id.name,
                    "state": labels[state]})
        return True

    @api.multi
    def action_pass(self):
        return self._sign("passed")

    @api.multi
    def action_fail(self):
        return self._sign("failed")
