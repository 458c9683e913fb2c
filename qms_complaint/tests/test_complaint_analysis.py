# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tools.safe_eval import safe_eval

from odoo.addons.qms_customer.tests.common import load_chinese

from .common import ComplaintCase, frozen_time


class TestComplaintAnalysis(ComplaintCase):
    """A fixed data set in a company of its own, figures computed by hand:

    ====  ==========  ====  ====  ====  =====================================
    #     received    cust  prod  cat   recurring (window 180 days)
    ====  ==========  ====  ====  ====  =====================================
    1     2025-01-10  A     P1    C1    no (first)
    2     2025-03-15  B     P2    C2    no
    3     2025-12-05  A     P1    C2    no (#1 is 329 days before)
    4     2026-01-20  A     P2    C2    yes (#3: same category, 46 days)
    5     2026-03-03  B     P1    C1    no (#2 shares nothing)
    6     2026-03-10  A     P1    C1    yes (#3: same product, 95 days)
    7     2026-03-20  B     P1    C1    yes (#5)
    8     2026-03-25  A     P1    C1    cancelled: never counted
    ====  ==========  ====  ====  ====  =====================================
    """

    @classmethod
    def setUpClass(cls):
        super(TestComplaintAnalysis, cls).setUpClass()
        cls.company3 = cls.env["res.company"].create({
            "name": "QMS Analysis Co", "parent_id": cls.company.id,
            "qms_complaint_recurrence_days": 180,
            "qms_complaint_trend_factor": 1.5,
            "qms_complaint_trend_months": 3,
        })
        cls._setup_accounting(cls.company3)
        # claims are signed by a general manager of the claim's company
        cls.gm.write({"company_ids": [(4, cls.company3.id)]})
        A, B = cls.customer, cls.customer2
        P1, P2 = cls.product, cls.product2
        C1, C2 = cls.category, cls.category2
        data = [
            ("2025-01-10 09:00:00", A, P1, C1),
            ("2025-03-15 09:00:00", B, P2, C2),
            ("2025-12-05 09:00:00", A, P1, C2),
            ("2026-01-20 09:00:00", A, P2, C2),
            ("2026-03-03 09:00:00", B, P1, C1),
            ("2026-03-10 10:00:00", A, P1, C1),
            ("2026-03-20 08:00:00", B, P1, C1),
            ("2026-03-25 08:00:00", A, P1, C1),
        ]
        cls.rows = []
        for received, partner, product, category in data:
            cls.rows.append(cls.Complaint.create({
                "subject": "analysis %s" % received,
                "company_id": cls.company3.id,
                "partner_id": partner.id,
                "product_id": product.id,
                "category_id": category.id,
                "date_received": received,
                "route": "sales",
            }))
        c5, c6, c7, c8 = cls.rows[4:]
        c8.action_cancel()
        c6.route = "sales"
        c7.write({"route": "quality", "urgency": "urgent"})
        for complaint, sent in ((c6, "2026-03-11 10:00:00"),
                                (c7, "2026-03-23 08:00:00")):
            with frozen_time(complaint.date_received):
                complaint.action_classify()
            complaint.write({"remedy": "Replace", "root_cause": "Fixture",
                             "responsibility": "ours"})
            with frozen_time(sent):
                complaint.action_mark_sent()
        Claim = cls.env["qms.complaint.claim"]
        claim = Claim.sudo(cls.quality_user).create({
            "complaint_id": c6.id, "amount_claimed": 1000,
            "date": "2026-03-12"})
        claim.action_request_approval()
        claim.sudo(cls.gm).validate_tier()
        claim.write({"liability": "ours", "amount_accepted": 600})
        with frozen_time("2026-03-15 10:00:00"):
            claim.action_settle()
        Claim.create({"complaint_id": c7.id, "amount_claimed": 500,
                      "date": "2026-03-21"})
        cls.Summary = cls.env["qms.complaint.summary"]

    @classmethod
    def _setup_accounting(cls, company):
        """The least accounting a credit note needs in a new company."""
        Account = cls.env["account.account"]
        receivable = Account.create({
            "name": "Receivable", "code": "QA1100", "reconcile": True,
            "company_id": company.id,
            "user_type_id": cls.env.ref(
                "account.data_account_type_receivable").id})
        revenue = Account.create({
            "name": "Revenue", "code": "QA7000", "company_id": company.id,
            "user_type_id": cls.env.ref(
                "account.data_account_type_revenue").id})
        cls.env["account.journal"].create({
            "name": "Sales QA", "code": "QASJ", "type": "sale",
            "company_id": company.id,
            "default_debit_account_id": revenue.id,
            "default_credit_account_id": revenue.id})
        cls.customer.with_context(force_company=company.id).write(
            {"property_account_receivable_id": receivable.id})

    def _summary(self, period, day):
        return self.Summary._get_summary(period, day, self.company3)

    def test_01_recurrence(self):
        """R-C7: recurring = same customer and product or category within
        the configured window before the complaint."""
        self.assertEqual(
            [c.is_recurring for c in self.rows],
            [False, False, False, True, False, True, True, True])

    def test_02_recurrence_window_configurable(self):
        """R-C7: with a window of 30 days only #7 (17 days after #5) and
        #8 stay recurring."""
        self.company3.qms_complaint_recurrence_days = 30
        late = self.Complaint.create({
            "subject": "late", "company_id": self.company3.id,
            "partner_id": self.customer.id, "product_id": self.product.id,
            "date_received": "2026-05-10 09:00:00"})
        self.assertFalse(late.is_recurring)
        self.company3.qms_complaint_recurrence_days = 90
        later = self.Complaint.create({
            "subject": "later", "company_id": self.company3.id,
            "partner_id": self.customer.id, "product_id": self.product.id,
            "date_received": "2026-05-11 09:00:00"})
        self.assertTrue(later.is_recurring)

    def test_03_monthly_summary(self):
        """R-C7: March 2026 by hand: 3 complaints (the cancelled one is not
        counted), 2 recurring, by customer B 2 / A 1, all P1 and C1."""
        s = self._summary("month", "2026-03-17")
        self.assertEqual((s["date_from"], s["date_to"]),
                         ("2026-03-01", "2026-03-31"))
        self.assertEqual(s["total"], 3)
        self.assertEqual(s["recurring"], 2)
        self.assertEqual(s["one_off"], 1)
        self.assertEqual([(r["label"], r["count"]) for r in s["by_customer"]],
                         [("QC Customer B", 2), ("QC Customer A", 1)])
        self.assertEqual([(r["label"], r["count"]) for r in s["by_product"]],
                         [("QC Bracket", 3)])
        self.assertEqual([(r["label"], r["count"]) for r in s["by_category"]],
                         [("QC Scratches", 3)])
        self.assertEqual(
            [(r["label"], r["count"]) for r in s["by_responsibility"]],
            [("Our Company", 2), ("Undetermined", 1)])

    def test_04_on_time_and_claims(self):
        """R-C7: 2 answered, 1 on time (#6 within 48 h; #7 after its 2-day
        deadline): 50 %; claims 2 for 1500 claimed, 600 accepted; quality
        cost 600 in category C1."""
        s = self._summary("month", "2026-03-01")
        self.assertEqual((s["answered"], s["answered_on_time"]), (2, 1))
        self.assertAlmostEqual(s["on_time_rate"], 50.0)
        self.assertEqual(s["claim_count"], 2)
        self.assertAlmostEqual(s["claim_amount"], 1500)
        self.assertAlmostEqual(s["claim_accepted"], 600)
        self.assertAlmostEqual(s["quality_cost"], 600)
        self.assertEqual(s["quality_cost_by_category"][0]["label"],
                         "QC Scratches")
        self.assertAlmostEqual(self.rows[5].quality_cost_amount, 600)

    def test_05_trend_and_flag(self):
        """R-C7: trend against previous months (Dec 1, Jan 1, Feb 0, Mar 3),
        same month last year 1; March exceeds 1.5 x the trailing average
        (2/3) and is flagged."""
        s = self._summary("month", "2026-03-31")
        self.assertEqual([(t["period"], t["count"]) for t in s["trend"]],
                         [("2025-12", 1), ("2026-01", 1), ("2026-02", 0),
                          ("2026-03", 3)])
        self.assertEqual(s["previous_count"], 0)
        self.assertEqual(s["last_year_count"], 1)
        self.assertEqual([f["month"] for f in s["flagged"]], ["2026-03"])
        self.assertAlmostEqual(s["flagged"][0]["average"], 2.0 / 3)
        # a higher factor (3 x 2/3 = 2 < 3 still flagged; 5 x 2/3 > 3 not)
        self.company3.qms_complaint_trend_factor = 5
        s = self._summary("month", "2026-03-31")
        self.assertFalse(s["flagged"])

    def test_06_yearly_and_season(self):
        """R-C7: 2026: 4 complaints, 3 recurring; trend by year 2024 0,
        2025 3, 2026 4; January flagged too (1 > 1.5 x 1/3); season: Jan 2,
        Mar 4, Dec 1 across both years."""
        s = self._summary("year", "2026-06-30")
        self.assertEqual((s["total"], s["recurring"]), (4, 3))
        self.assertEqual([(t["period"], t["count"]) for t in s["trend"]],
                         [("2024", 0), ("2025", 3), ("2026", 4)])
        self.assertEqual(s["previous_count"], 3)
        self.assertEqual([f["month"] for f in s["flagged"]],
                         ["2026-01", "2026-03"])
        season = {m["month"]: m["count"] for m in s["season"]}
        self.assertEqual(season["01"], 2)
        self.assertEqual(season["03"], 4)
        self.assertEqual(season["12"], 1)
        self.assertEqual(sum(season.values()), 7)

    def test_07_reports(self):
        """R-C7: the screen/PDF summary and the Excel export render."""
        wizard = self.Summary.create({
            "period": "month", "date": "2026-03-10",
            "company_id": self.company3.id})
        html = self.env.ref(
            "qms_complaint.action_report_complaint_summary_html"
        ).render_qweb_html(wizard.ids)[0].decode()
        self.assertIn("Abnormal trend", html)
        self.assertIn("QC Customer B", html)
        report = self.env.ref(
            "qms_complaint.action_report_complaint_summary_xlsx")
        content, ext = self.env[
            "report.qms_complaint.report_complaint_summary_xlsx"
        ].with_context(active_model="qms.complaint.summary").\
            create_xlsx_report(wizard.ids, {})
        self.assertEqual(ext, "xlsx")
        self.assertTrue(content.startswith(b"PK"))
        self.assertEqual(report.report_type, "xlsx")

    def test_08_summary_query_budget(self):
        """R-C7 performance: the summary is a fixed number of GROUP BY
        queries, whatever the number of complaints (budget: 12 + name_get
        of grouped records; checked equal for one more complaint)."""
        def count():
            self._summary("month", "2026-03-17")  # same cache state
            self.Complaint.invalidate_cache()
            start = self.env.cr.sql_log_count
            self._summary("month", "2026-03-17")
            return self.env.cr.sql_log_count - start
        first = count()
        self.Complaint.create({
            "subject": "extra", "company_id": self.company3.id,
            "partner_id": self.customer.id, "product_id": self.product.id,
            "category_id": self.category.id,
            "date_received": "2026-03-05 09:00:00"})
        self.assertEqual(count(), first)
        self.assertLessEqual(first, 30)

    def test_09_summary_is_a_company_document(self):
        """R-C7: the summary is the company's whoever reads it: a
        salesperson who sees only his customers' complaints reads the same
        figures as the quality manager; a user of another company is
        refused; the complaint analysis, like the summary, leaves the
        cancelled complaint out."""
        mine = self.Complaint.sudo(self.salesman).search(
            [("company_id", "=", self.company3.id)])
        self.assertLess(len(mine), 7)
        as_sales = self.Summary.sudo(self.salesman)._get_summary(
            "year", "2026-03-17", self.company3)
        as_quality = self.Summary.sudo(self.quality_manager)._get_summary(
            "year", "2026-03-17", self.company3)
        for key in ("total", "recurring", "by_customer", "by_product",
                    "by_category", "by_responsibility", "claim_count",
                    "claim_amount", "trend", "season"):
            self.assertEqual(as_sales[key], as_quality[key], key)
        self.assertEqual(as_sales["total"], 4)
        with self.assertRaises(UserError):
            self.Summary.sudo(self.quality_user2)._get_summary(
                "year", "2026-03-17", self.company3)
        action = self.env.ref("qms_complaint.qms_complaint_action_analysis")
        analysed = self.Complaint.search(
            safe_eval(action.domain) + [("company_id", "=", self.company3.id)])
        self.assertEqual(analysed, self.Complaint.browse(
            [c.id for c in self.rows[:7]]))

    def test_10_one_row_per_complaint(self):
        """R-C7: the summary form lists each complaint of the period as
        the paper form does (date, customer, problem, cause, measures,
        result, closed on), the cancelled one left out; a period without
        an answered complaint has no on-time rate (n/a, not 0 %)."""
        rows = self.Summary._get_complaint_rows(
            "month", "2026-03-17", self.company3)
        self.assertEqual([r["number"] for r in rows],
                         [c.name for c in self.rows[4:7]])
        c6 = rows[1]
        self.assertEqual(str(c6["date"]), "2026-03-10")
        self.assertEqual(c6["customer"], self.customer.display_name)
        self.assertEqual(c6["problem"], self.rows[5].subject)
        self.assertEqual(c6["cause"], "Fixture")
        self.assertIn("Replace", c6["measures"])
        self.assertTrue(c6["result"])
        self.assertFalse(c6["closed_on"])
        self.assertIsNone(
            self._summary("month", "2025-01-20")["on_time_rate"])
        wizard = self.Summary.create({
            "period": "month", "date": "2026-03-17",
            "company_id": self.company3.id})
        html = self.env.ref(
            "qms_complaint.action_report_complaint_summary_html"
        ).render_qweb_html(wizard.ids)[0].decode()
        for row in rows:
            self.assertIn(row["number"], html)
        self.assertNotIn(self.rows[7].name, html)
        self.assertIn("(n/a)", self.env.ref(
            "qms_complaint.action_report_complaint_summary_html"
        ).render_qweb_html(self.Summary.create({
            "period": "month", "date": "2025-01-20",
            "company_id": self.company3.id}).ids)[0].decode())

    def test_11_summary_in_the_readers_language(self):
        """R-C7, R-E4: a Chinese quality manager's complaint summary (screen
        and PDF share the template) is Chinese, headings and figures'
        labels included, whatever language the website has."""
        load_chinese(self.env, "qms_customer")
        load_chinese(self.env, "qms_complaint")
        reader = self.quality_manager
        reader.write({"lang": "zh_CN",
                      "company_ids": [(4, self.company3.id)]})
        wizard = self.Summary.sudo(reader).create({
            "period": "month", "date": "2026-03-17",
            "company_id": self.company3.id})
        html = self.env.ref(
            "qms_complaint.action_report_complaint_summary_html"
        ).sudo(reader).render_qweb_html(wizard.ids)[0].decode()
        for chinese in ("按顾客", "趋势", "本期投诉/抱怨", "按时答复"):
            self.assertIn(chinese, html)
        for english in ("By customer", "Trend", "Complaints of the period",
                        "Answered on time", "Season (month of year"):
            self.assertNotIn(english, html)
