# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date
from unittest import mock

from odoo.tests.common import SavepointCase

from odoo.addons.qms_customer.tests.common_xlsx import (
    assert_table, excel_date, read_xlsx)


class TestComplaintSummaryXlsx(SavepointCase):
    """The complaint summary's Excel export lays out the figures of
    ``_get_summary`` (computed and tested in test_complaint_analysis);
    here they are given, so that every cell is known."""

    @classmethod
    def setUpClass(cls):
        super(TestComplaintSummaryXlsx, cls).setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.currency = cls.company.currency_id
        cls.figures = {
            "period": "month", "date_from": "2026-03-01",
            "date_to": "2026-03-31", "company": cls.company.name,
            "currency": cls.currency,
            "total": 3, "recurring": 2, "one_off": 1,
            "by_customer": [{"label": "QC Customer B", "count": 2},
                            {"label": "QC Customer A", "count": 1}],
            "by_product": [{"label": "QC Bracket", "count": 3}],
            "by_category": [{"label": "QC Scratches", "count": 3}],
            "by_responsibility": [{"label": "Our Company", "count": 2},
                                  {"label": "Undetermined", "count": 1}],
            "answered": 2, "answered_on_time": 1, "on_time_rate": 50.0,
            "trend": [{"period": "2026-02", "count": 0},
                      {"period": "2026-03", "count": 3}],
            "previous_count": 0, "last_year_count": 1,
            "season": [{"month": "%02d" % m, "count": m == 3 and 4 or 0}
                       for m in range(1, 13)],
            "flagged": [{"month": "2026-03", "count": 3, "average": 2.0 / 3}],
            "claim_count": 2, "claim_amount": 1500.0,
            "claim_accepted": 600.0, "quality_cost": 1234567.5,
            "quality_cost_by_category": [
                {"label": "QC Scratches", "amount": 1234567.5}],
        }

    def _render(self):
        Summary = self.env["qms.complaint.summary"]
        wizard = Summary.create({"period": "month", "date": "2026-03-10",
                                 "company_id": self.company.id})
        with mock.patch.object(type(Summary), "_get_summary",
                               lambda *args: self.figures):
            content = self.env.ref(
                "qms_complaint.action_report_complaint_summary_xlsx"
            ).render_xlsx(wizard.ids, {})[0]
        return read_xlsx(content)

    def test_01_key_figures(self):
        """R-C7: the first sheet holds the key figures for the management
        review: the period as dates, counts, the on-time rate as a
        percentage, claim amounts and quality cost in the company's
        currency."""
        sheets = self._render()
        self.assertEqual(list(sheets), [
            "Complaint Summary", "By customer", "By product",
            "By defect category", "By responsibility", "Trend",
            "Season (month of year)", "Flagged months", "Quality cost",
            "Complaints of the period"])
        cells = sheets["Complaint Summary"]["cells"]
        self.assertEqual(cells["A1"]["value"], "Complaint Summary")
        self.assertEqual(cells["A6"]["value"], "From")
        self.assertEqual(cells["B6"]["format"], "yyyy-mm-dd")
        self.assertEqual(excel_date(cells["B6"]["value"]), date(2026, 3, 1))
        self.assertEqual(excel_date(cells["B7"]["value"]), date(2026, 3, 31))
        self.assertEqual(cells["A8"]["value"], "Complaints")
        self.assertEqual(cells["B8"]["value"], 3)
        self.assertEqual(cells["A15"]["value"], "On-time response rate")
        self.assertEqual(cells["B15"]["value"], 0.5)
        self.assertEqual(cells["B15"]["format"], "0.0%")
        self.assertEqual(cells["A19"]["value"], "Quality cost")
        self.assertIn("#,##0.00", cells["B19"]["format"])
        self.assertIn(self.currency.symbol, cells["B19"]["format"])
        # as wide as 1,234,567.50 and the symbol
        self.assertGreaterEqual(sheets["Complaint Summary"]["widths"]["B"],
                                len("1,234,567.50") + 2)

    def test_02_breakdown_tables(self):
        """R-C7: each breakdown is a table of its own, header frozen and
        filtered, with the complaints and their share added up in a totals
        row; the quality cost by category is added up in the currency."""
        sheets = self._render()
        sheet = sheets["By customer"]
        assert_table(self, sheet, "A6", "C8")
        cells = sheet["cells"]
        self.assertEqual((cells["A6"]["value"], cells["B6"]["value"]),
                         ("Customer", "Complaints"))
        self.assertEqual((cells["A7"]["value"], cells["B7"]["value"]),
                         ("QC Customer B", 2))
        self.assertEqual(cells["B9"]["formula"], "SUBTOTAL(109,B7:B8)")
        self.assertEqual(cells["B9"]["value"], 3)
        self.assertEqual(cells["B9"]["format"], "#,##0")
        self.assertEqual(cells["C9"]["formula"], "SUBTOTAL(109,C7:C8)")
        self.assertAlmostEqual(cells["C9"]["value"], 1.0)
        self.assertEqual(cells["A9"]["value"], "Total")
        season = sheets["Season (month of year)"]
        assert_table(self, season, "A6", "B18")
        self.assertEqual(season["cells"]["B19"]["value"], 4)
        cost = sheets["Quality cost"]
        assert_table(self, cost, "A6", "B7")
        self.assertEqual(cost["cells"]["B8"]["formula"], "SUBTOTAL(109,B7)")
        self.assertEqual(cost["cells"]["B8"]["value"], 1234567.5)
        self.assertIn(self.currency.symbol, cost["cells"]["B8"]["format"])
        flagged = sheets["Flagged months"]
        assert_table(self, flagged, "A6", "C7")
        self.assertEqual(flagged["cells"]["C7"]["format"], "0.0")
        self.assertNotIn("A8", flagged["cells"])  # nothing to add up
