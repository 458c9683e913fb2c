"""Platform: PDF reports render through wkhtmltopdf (sale order)."""
from odoo.tests.common import TransactionCase
from odoo.tools import config


class TestPdfReport(TransactionCase):

    def test_01_sale_order_pdf(self):
        """Platform / R-E3: the sale order report renders as a real PDF with
        wkhtmltopdf (Odoo falls back to HTML in test mode: switched off)."""
        partner = self.env["res.partner"].create({"name": "PDF Customer"})
        product = self.env["product.product"].create({
            "name": "PDF Widget", "list_price": 12.5})
        order = self.env["sale.order"].create({
            "partner_id": partner.id,
            "order_line": [(0, 0, {"product_id": product.id,
                                   "product_uom_qty": 4})]})
        report = self.env.ref("sale.action_report_saleorder")
        test_enable = config["test_enable"]
        config["test_enable"] = False
        try:
            pdf, fmt = report.render_qweb_pdf(order.ids)
        finally:
            config["test_enable"] = test_enable
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), pdf[:40])
        self.assertGreater(len(pdf), 3000)
