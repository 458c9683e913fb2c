# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The printed forms of qms_customer: contract review sheet and customer
property ledger (R-E3)."""
from .common import FormReportMixin, OrderReviewCase
from .common_property import PropertyCase


class TestReviewSheetForm(FormReportMixin, OrderReviewCase):

    @classmethod
    def setUpClass(cls):
        super(TestReviewSheetForm, cls).setUpClass()
        cls.report = cls.env.ref(
            "qms_customer.action_report_sale_order_review")
        # A telephone order that also asks for a meeting: both records
        # empty, no payment terms, not signed yet.
        cls.type_phone.requires_meeting = True

    def _empty_order(self):
        order = self._order(5000.0, order_type=self.type_phone)
        self._submit(order, answer=False)
        self.assertTrue(order.qms_review_id.requires_meeting)
        self.assertTrue(order.qms_review_id.requires_confirmation)
        self.assertFalse(order.payment_term_id)
        return order

    def test_01_review_sheet_identity_and_no_empty_labels(self):
        """R-E3 / R-A6: the contract review sheet prints the company, the
        form number and revision, the order number and the row style; a
        round with empty meeting and confirmation records and no
        signature prints no label without its value."""
        order = self._empty_order()
        html = self._form_html(self.report, order)
        self.assertFormHtml(html, self.report, self.company)
        self.assertIn(order.name, html)
        self.assertIn("Not recorded yet.", html)
        self.assertNotIn("Signed by:", html)
        # filled in, the same labels print with their values
        order.qms_review_id.sudo(self.salesman).write({
            "meeting_date": "2026-03-02",
            "meeting_attendee_ids": [(6, 0, [self.quality_user.id])],
            "meeting_minutes": "All departments agree.",
            "confirmation_channel": "phone",
            "confirmation_contact": "Mr. Li"})
        html = self._form_html(self.report, order)
        self.assertNoEmptyLabel(html)
        self.assertIn("All departments agree.", html)
        self.assertIn("Mr. Li", html)

    def test_02_form_number_is_data(self):
        """R-E3: document control sets the form number and revision on the
        report; the form prints what it set."""
        order = self._empty_order()
        self.report.write({"qms_form_number": "QR-TEST-99",
                           "qms_form_revision": "C"})
        html = self._form_html(self.report, order)
        self.assertIn("QR-TEST-99 Rev. C", html)

    def test_03_pdf_page_numbers(self):
        """R-E3: the real PDF (wkhtmltopdf) carries the form number and
        "page x / y" on every page, counted per document when several
        orders are printed at once."""
        orders = self._empty_order() | self._empty_order()
        pages = self._form_pdf_pages(self.report, orders[0])
        self.assertIn("1 / ", pages[0])
        self.assertIn("Page 1 / %d" % len(pages), pages[0])
        self.assertIn("QR-8.2-01 Rev. A", pages[0])
        self.assertIn(orders[0].name, pages[0])
        pages = self._form_pdf_pages(self.report, orders)
        firsts = [text for text in pages if "Page 1 / " in text]
        self.assertEqual(len(firsts), 2, pages)
        self.assertIn(orders[0].name, firsts[0])
        self.assertIn(orders[1].name, firsts[1])


class TestPropertyLedgerForm(FormReportMixin, PropertyCase):

    def test_01_ledger_identity_and_no_empty_labels(self):
        """R-E3 / R-B1: the customer property ledger prints the company,
        the form number and revision, the row style; an item without its
        optional fields prints no label without its value."""
        self._item(description="Gauge QP-FORM-1", kind="gauge")
        report = self.env.ref(
            "qms_customer.qms_customer_property_ledger_report")
        html = self._form_html(report, self.customer)
        self.assertFormHtml(html, report, self.company)
        self.assertIn("Gauge QP-FORM-1", html)
        html = self._form_html(report, self.consent_customer)
        self.assertFormHtml(html, report, self.company)
        self.assertIn("No customer property registered", html)
