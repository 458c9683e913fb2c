# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The printed forms of qms_complaint: quality information feedback form,
complaint handling sheet, complaint summary (R-E3)."""
from odoo.addons.qms_customer.tests.common import FormReportMixin

from .common import ComplaintCase


class TestComplaintForms(FormReportMixin, ComplaintCase):

    def _bare_complaint(self):
        """A complaint with only what registration requires: no contact,
        lot, delivery, route, responsibility or verification."""
        return self._complaint(product_id=False, category_id=False,
                               quantity=0)

    def test_01_feedback_form(self):
        """R-E3 / R-C1: the feedback form prints the company, its form
        number and revision, the complaint number and the row style; a bare
        complaint prints no label without its value."""
        complaint = self._bare_complaint()
        report = self.env.ref("qms_complaint.action_report_feedback_form")
        html = self._form_html(report, complaint)
        self.assertFormHtml(html, report, self.company)
        self.assertIn(complaint.name, html)

    def test_02_handling_sheet(self):
        """R-E3 / R-C4: the handling sheet prints the company, its form
        number and revision and the row style, for a bare complaint and
        for a handled one, with no label without its value."""
        report = self.env.ref("qms_complaint.action_report_handling_sheet")
        complaint = self._bare_complaint()
        html = self._form_html(report, complaint)
        self.assertFormHtml(html, report, self.company)
        self.assertIn("Not verified yet.", html)
        handled = self._handled()
        html = self._form_html(report, handled)
        self.assertFormHtml(html, report, self.company)
        self.assertIn("Worn fixture", html)

    def test_03_summary(self):
        """R-E3 / R-C7: the complaint summary, on screen as in PDF, prints
        the company, the form number of the PDF report and the row style,
        with translatable section titles."""
        self._complaint()
        wizard = self.env["qms.complaint.summary"].create({
            "period": "month", "date": "2026-03-10",
            "company_id": self.company.id})
        pdf_report = self.env.ref(
            "qms_complaint.action_report_complaint_summary")
        for report in (pdf_report, self.env.ref(
                "qms_complaint.action_report_complaint_summary_html")):
            html = self._form_html(report, wizard)
            self.assertFormHtml(html, pdf_report, self.company)
            self.assertIn("By defect category", html)
