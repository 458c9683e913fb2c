# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.tools import float_compare, float_is_zero

from .qms_mixins import in_workflow
from .qms_order_review import changed_fields

# Line fields whose change affects the review (amount, prices, delivery).
QMS_REVIEW_LINE_FIELDS = frozenset([
    "product_id", "product_uom_qty", "product_uom", "price_unit", "discount",
    "tax_id", "customer_lead", "order_id",
])


class SaleOrderLine(models.Model):
    """Guard the lines of an order under review or approved (R-A4, R-A5):
    a line added, changed or removed under review is refused; after the
    approval it voids the approval."""

    _name = "sale.order.line"
    _inherit = ["sale.order.line", "qms.workflow.guard"]

    @api.model
    def _qms_get_company_link_fields(self):
        return set()

    @api.model
    def create(self, vals):
        order = self.env["sale.order"].browse(vals.get("order_id"))
        to_void = order.browse()
        if order and not in_workflow(self.env):
            to_void = order._qms_guard_change(_("the order lines"))
        line = super(SaleOrderLine, self).create(vals)
        to_void._qms_void_approval(_("line added: %s") % line.name)
        return line

    @api.multi
    def write(self, vals):
        to_void = self.env["sale.order"]
        reasons = {}
        if not in_workflow(self.env) and \
                QMS_REVIEW_LINE_FIELDS & set(vals):
            for line in self:
                changed = changed_fields(line, vals, QMS_REVIEW_LINE_FIELDS)
                if changed:
                    what = _("line %(line)s (%(fields)s)") % {
                        "line": line.name, "fields": ", ".join(changed)}
                    to_void |= line.order_id._qms_guard_change(what)
                    reasons[line.order_id.id] = _("changed %s") % what
            if vals.get("order_id"):
                target = self.env["sale.order"].browse(vals["order_id"])
                for order in target - self.mapped("order_id"):
                    to_void |= order._qms_guard_change(_("the order lines"))
                    reasons[order.id] = _("line moved in")
        res = super(SaleOrderLine, self).write(vals)
        for order in to_void:
            order._qms_void_approval(reasons[order.id])
        return res

    @api.multi
    def unlink(self):
        to_void = self.env["sale.order"]
        if not in_workflow(self.env):
            for line in self:
                to_void |= line.order_id._qms_guard_change(
                    _("line %s") % line.name)
        names = {line.order_id.id: line.name for line in self}
        orders = self.mapped("order_id")
        res = super(SaleOrderLine, self).unlink()
        for order in to_void & orders:
            order._qms_void_approval(_("line removed: %s") % names[order.id])
        return res

    @api.multi
    def _qms_ledger_values(self):
        """The contract ledger's delivery and payment status of these lines
        (one order's, R-A8)."""
        goods = self.filtered(lambda ln: ln.product_id.type != "service")
        if not goods.filtered(lambda ln: ln.qty_delivered > 0):
            delivery = "none"
        elif all(ln.qty_delivered >= ln.product_uom_qty for ln in goods):
            delivery = "full"
        else:
            delivery = "partial"
        invoices = self.mapped("invoice_lines.invoice_id").filtered(
            lambda i: i.state in ("open", "paid") and i.type == "out_invoice")
        invoiced = sum(invoices.mapped("amount_total"))
        paid = invoiced - sum(invoices.mapped("residual"))
        rounding = self[:1].order_id.currency_id.rounding or 0.01
        if not invoices:
            payment = "none"
        elif float_is_zero(paid, precision_rounding=rounding):
            payment = "not_paid"
        elif float_compare(paid, invoiced, precision_rounding=rounding) >= 0:
            payment = "paid"
        else:
            payment = "partial"
        return {"qms_delivery_status": delivery,
                "qms_amount_invoiced": invoiced, "qms_amount_paid": paid,
                "qms_payment_status": payment}
