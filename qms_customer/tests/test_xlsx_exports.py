# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Excel exports of qms_customer in the shared layout (issue 11):
frozen header, autofilter, totals row, date and amount formats, column
widths, in the reader's language."""
import io
from datetime import date

import xlsxwriter


from .common import OrderReviewCase, load_chinese
from .common_property import PropertyCase
from .common_xlsx import assert_table, excel_date, read_xlsx

LEDGER = "qms_customer.action_report_contract_ledger_xlsx"
PROPERTY = "qms_customer.qms_customer_property_xlsx_report"


class TestContractLedgerXlsx(OrderReviewCase):

    def _foreign_pricelist(self):
        """A pricelist in a second currency worth half the company's."""
        foreign = self.env["res.currency"].search(
            [("id", "!=", self.currency.id)], limit=1)
        foreign.active = True
        self.env["res.currency.rate"].search(
            [("currency_id", "in", (foreign | self.currency).ids)]).unlink()
        for currency, rate in ((self.currency, 1.0), (foreign, 0.5)):
            self.env["res.currency.rate"].create({
                "currency_id": currency.id, "rate": rate,
                "name": "2000-01-01", "company_id": self.company.id})
        return self.env["product.pricelist"].create({
            "name": "QR foreign", "currency_id": foreign.id})

    def test_01_contract_ledger_layout(self):
        """R-A8: the contract ledger's Excel export has the header frozen
        with the order column, the autofilter over the table, order dates
        as dates, amounts in their currency, a totals row counting the
        orders and adding up the company-currency amounts (not the order
        amounts of two currencies), and widths from the content (CJK
        characters count double)."""
        chinese = self.env["res.partner"].create({
            "name": "上海精密零件有限公司", "customer": True,
            "is_company": True})
        first = self._order(1234.5, date_order="2026-03-05 12:00:00")
        second = self._order(500.0, partner=chinese,
                             pricelist=self._foreign_pricelist(),
                             date_order="2026-03-06 12:00:00")
        orders = first | second
        content, fmt = self.env.ref(LEDGER).render_xlsx(orders.ids, {})
        self.assertEqual(fmt, "xlsx")
        sheet = read_xlsx(content)["Contract Ledger"]
        cells = sheet["cells"]
        self.assertEqual(cells["A1"]["value"], "Contract Ledger")
        self.assertEqual(cells["A4"]["value"], "Order")
        self.assertEqual(cells["R4"]["value"], "Payment")
        assert_table(self, sheet, "A4", "R6", frozen_columns=1)
        # order date: a date number shown yyyy-mm-dd
        self.assertEqual(cells["C4"]["value"], "Order Date")
        self.assertEqual(cells["C5"]["format"], "yyyy-mm-dd")
        self.assertEqual(excel_date(cells["C5"]["value"]), date(2026, 3, 5))
        # amounts: thousands separator, two decimals, the currency's symbol
        self.assertEqual(cells["G5"]["value"], 1234.5)
        self.assertIn("#,##0.00", cells["G5"]["format"])
        self.assertIn(self.currency.symbol, cells["G5"]["format"])
        self.assertIn(second.currency_id.symbol, cells["G6"]["format"])
        # totals: the orders counted, company amounts added up, the order
        # amounts of two currencies not
        self.assertEqual(cells["A7"]["formula"], "SUBTOTAL(103,A5:A6)")
        self.assertEqual(cells["A7"]["value"], 2)
        self.assertIn("Total", cells["A7"]["format"])
        self.assertIsNone(cells["G7"]["formula"])
        self.assertEqual(cells["H7"]["formula"], "SUBTOTAL(109,H5:H6)")
        self.assertAlmostEqual(cells["H7"]["value"], 2234.5)
        self.assertIn("#,##0.00", cells["H7"]["format"])
        self.assertIsNone(cells["J7"]["formula"])  # review rounds
        # the Chinese customer's column is as wide as its 10 characters
        self.assertGreaterEqual(sheet["widths"]["B"], 20)

    def test_02_contract_ledger_in_readers_language(self):
        """R-A8/R-E4: the export speaks the reader's language (the report
        renders in the user's context language)."""
        load_chinese(self.env, "qms_customer")
        order = self._order(100.0)
        content = self.env.ref(LEDGER).with_context(
            lang="zh_CN").render_xlsx(order.ids, {})[0]
        sheets = read_xlsx(content)
        self.assertEqual(list(sheets), ["合同台账"])
        self.assertEqual(sheets["合同台账"]["cells"]["A4"]["value"], "订单")

    def test_03_layout_rules(self):
        """R-A8: the shared layout: a text starting with "=" stays text, a
        sheet name loses the characters Excel refuses and is made unique,
        percentages are fractions shown with %, CJK text is twice as wide,
        an empty table still gets its header, filter and zero totals."""
        layout = self.env["qms.report.xlsx"]
        self.assertEqual(layout._qms_display_width("上海 AB", "text", None), 7)
        stream = io.BytesIO()
        workbook = xlsxwriter.Workbook(stream)
        styles = layout._qms_styles(workbook)
        sheet = layout._qms_add_sheet(workbook, "A/B: [x]")
        layout._qms_add_sheet(workbook, "a-b- -x-")
        column = layout._qms_column
        columns = [column("Name", "text", lambda r: r["name"]),
                   column("Rate", "percent", lambda r: r["rate"]),
                   column("Count", "integer", lambda r: r["count"])]
        layout._qms_write_table(sheet, styles, 0, columns, [
            {"name": "=1+1", "rate": 12.5, "count": 3},
            {"name": "x", "rate": None, "count": 4}])
        empty = layout._qms_add_sheet(workbook, "Empty")
        layout._qms_write_table(empty, styles, 0, columns, [])
        workbook.close()
        sheets = read_xlsx(stream.getvalue())
        self.assertEqual(list(sheets), ["A-B- -x-", "a-b- -x- (2)", "Empty"])
        cells = sheets["A-B- -x-"]["cells"]
        self.assertEqual(cells["A2"]["value"], "=1+1")
        self.assertIsNone(cells["A2"]["formula"])
        self.assertEqual(cells["B2"]["value"], 0.125)
        self.assertEqual(cells["B2"]["format"], "0.0%")
        self.assertEqual(cells["C4"]["formula"], "SUBTOTAL(109,C2:C3)")
        self.assertEqual(cells["C4"]["value"], 7)
        self.assertEqual(cells["A4"]["value"], "Total")
        empty = sheets["Empty"]
        self.assertEqual(empty["autofilter"], "A1:C1")
        self.assertEqual(empty["frozen"], (1, 0))
        self.assertEqual(empty["cells"]["C2"]["value"], 0)


class TestPropertyLedgerXlsx(PropertyCase):

    def test_01_property_ledger_layout(self):
        """R-B1: the property ledger's Excel export, one row per item
        sorted by customer: title, header frozen with the ledger number,
        autofilter, dates received as dates, a totals row counting the
        items, widths on every column."""
        items = self._item(description="XLSX gauge", date_received="2026-02-03",
                           partner_id=self.consent_customer.id) | self._item(
            description="XLSX sample")
        content, file_type = self.env.ref(PROPERTY).render_xlsx(items.ids, {})
        self.assertEqual(file_type, "xlsx")
        sheet = read_xlsx(content)["Customer Property"]
        cells = sheet["cells"]
        self.assertEqual(cells["A1"]["value"], "Customer Property Ledger")
        self.assertEqual(cells["F4"]["value"], "Date Received")
        assert_table(self, sheet, "A4", "M6", frozen_columns=1)
        # QP Consent Customer before QP Customer
        self.assertEqual(cells["C5"]["value"], "XLSX gauge")
        self.assertEqual(cells["F5"]["format"], "yyyy-mm-dd")
        self.assertEqual(excel_date(cells["F5"]["value"]), date(2026, 2, 3))
        self.assertEqual(cells["G5"]["value"], 3.0)
        self.assertEqual(cells["A7"]["formula"], "SUBTOTAL(103,A5:A6)")
        self.assertEqual(cells["A7"]["value"], 2)
        self.assertIsNone(cells["G7"]["formula"])  # quantities of any unit
