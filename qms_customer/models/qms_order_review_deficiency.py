# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .qms_mixins import in_workflow, qms_workflow


class QmsOrderReviewDeficiency(models.Model):
    """An item of the deficiency list (不足之处清单, R-A3). The order cannot
    pass review while one is open."""

    _name = "qms.order.review.deficiency"
    _description = "Contract Review Deficiency (不足之处)"
    _inherit = "qms.workflow.guard"
    _qms_protected_fields = ("closed_by", "closed_date")
    _qms_transitions = {"open": ("closed",), "closed": ("open",)}
    _qms_locked_states = ("closed",)
    _qms_evidence = True
    _order = "state desc, due_date, id"

    name = fields.Char(string="Deficiency", required=True)
    order_id = fields.Many2one("sale.order", required=True,
                               ondelete="cascade", index=True)
    review_id = fields.Many2one(
        "qms.order.review", string="Found in Round", ondelete="set null",
        help="The review round in which the deficiency was found.")
    company_id = fields.Many2one(related="order_id.company_id", store=True,
                                 readonly=True)
    department_id = fields.Many2one("qms.department")
    owner_id = fields.Many2one("res.users", string="Owner", required=True,
                               default=lambda self: self.env.user)
    due_date = fields.Date(required=True)
    state = fields.Selection([("open", "Open"), ("closed", "Closed")],
                             default="open", required=True, readonly=True)
    resolution = fields.Selection(
        [("corrected", "Corrected"),
         ("agreed", "Agreed with the Customer")])
    resolution_note = fields.Text()
    closed_by = fields.Many2one("res.users", readonly=True)
    closed_date = fields.Datetime(readonly=True)

    @api.model
    def _check_due_date(self, vals):
        if vals.get("due_date") and \
                vals["due_date"] < fields.Date.context_today(self):
            raise ValidationError(_(
                "A deficiency cannot be due in the past (%(date)s).") % {
                    "date": vals["due_date"]})

    @api.model
    def create(self, vals):
        self._check_due_date(vals)
        if not in_workflow(self.env):
            order = self.env["sale.order"].browse(vals.get("order_id"))
            if order.state not in ("draft", "sent"):
                raise UserError(_("Deficiencies are recorded while the "
                                  "order is a quotation."))
            if not vals.get("review_id") and order.qms_review_id:
                vals = dict(vals, review_id=order.qms_review_id.id)
        return super(QmsOrderReviewDeficiency, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_due_date(vals)
        if "order_id" in vals and not in_workflow(self.env):
            raise UserError(_("A deficiency stays on the order it was found "
                              "on."))
        return super(QmsOrderReviewDeficiency, self).write(vals)

    @api.multi
    def action_close(self):
        for deficiency in self:
            if not deficiency.resolution:
                raise UserError(_(
                    "Say how deficiency %(name)s was closed (corrected or "
                    "agreed with the customer) before closing it.") % {
                        "name": deficiency.name})
        self.check_access_rule("write")
        qms_workflow(self).write({
            "state": "closed", "closed_by": self.env.uid,
            "closed_date": fields.Datetime.now()})
        for deficiency in self:
            deficiency.order_id.message_post(body=_(
                "Deficiency closed (%(resolution)s): %(name)s") % {
                    "resolution": dict(self._fields[
                        "resolution"]._description_selection(self.env))[
                        deficiency.resolution],
                    "name": deficiency.name})
        return True

    @api.multi
    def action_reopen(self):
        self.check_access_rule("write")
        qms_workflow(self).write({
            "state": "open", "closed_by": False, "closed_date": False})
        return True
