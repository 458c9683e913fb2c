# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SaleAdvancePaymentInv(models.TransientModel):
    """Down payments too are invoiced only on confirmed orders when the
    contract review is due (R-A4)."""

    _inherit = "sale.advance.payment.inv"

    def _create_invoice(self, order, so_line, amount):
        self.env["qms.order.review"]._qms_check_invoiceable(order)
        return super(SaleAdvancePaymentInv, self)._create_invoice(
            order, so_line, amount)
