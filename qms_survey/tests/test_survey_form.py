# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The printed analysis report (顾客满意度分析报告) as a controlled form, and
its charts (R-D3, R-E3)."""
import lxml.html

from odoo.addons.qms_customer.tests.common import FormReportMixin

from .common import SurveyCase

RED, GREEN = "#c62828", "#689f38"


class TestSurveyForm(FormReportMixin, SurveyCase):

    @classmethod
    def setUpClass(cls):
        super(TestSurveyForm, cls).setUpClass()
        # a previous campaign above the objective (85), this one below (73)
        cls.previous = cls._campaign(
            name="QS Campaign of the second half of 2025 with a long name",
            date_start="2025-07-01", date_end="2025-12-31")
        cls.previous.action_send_invitations()
        cls._answer(cls._response(cls.previous, cls.customer_a),
                    {"quality": "VS", "delivery": "VS"})
        cls.previous.action_compute_scores()
        cls.campaign = cls._campaign(date_start="2026-01-01",
                                     date_end="2026-06-30")
        cls.campaign.action_send_invitations()
        cls._answer(cls._response(cls.campaign, cls.customer_a),
                    {"quality": "VS", "delivery": "S"})
        cls._answer(cls._response(cls.campaign, cls.customer_b),
                    {"quality": "P", "delivery": "VP"})
        cls.campaign.action_compute_scores()
        cls.report = cls.env.ref("qms_survey.qms_survey_campaign_report_pdf")

    def test_01_form_identity(self):
        """R-E3 / R-D3: the analysis report prints the company, its form
        number and revision, the campaign and the row style, on screen as
        in PDF, and no label without its value: for a scored campaign and
        for a draft one (no answer deadline, no scores)."""
        draft = self._campaign(name="QS Draft", date_start="2026-07-01",
                               date_end="2026-12-31")
        self.assertFalse(draft.date_deadline)
        self.assertTrue(self.campaign.date_deadline)
        for report in (self.report, self.env.ref(
                "qms_survey.qms_survey_campaign_report_html")):
            html = self._form_html(report, self.campaign)
            self.assertFormHtml(html, self.report, self.company)
            self.assertIn(self.campaign.name, html)
            self.assertIn("Answers due", html)
            html = self._form_html(report, draft)
            self.assertFormHtml(html, self.report, self.company)
            self.assertNotIn("Answers due", html)

    def test_02_trend_chart(self):
        """R-D3: in the trend chart the campaigns below the objective are
        red, the others green, with a legend and the objective line; the
        campaign names are turned so that they do not overlap."""
        data = self.campaign._get_report_data()
        self.assertIn(self.previous, data["trend_campaigns"])
        html = self._form_html(self.report, self.campaign)
        svg = lxml.html.fromstring(html).xpath(
            "//svg[contains(@class, 'qms_trend')]")[0]
        bars = [rect.get("fill") for rect in svg.iter("rect")
                if rect.get("y") != "6"]  # the legend's boxes are at y=6
        expected = [RED if value < data["objective"] else GREEN
                    for value in data["trend_overall"] if value is not None]
        self.assertEqual(bars, expected)
        self.assertEqual(bars[-1], RED)  # this campaign: 73 < 85
        self.assertIn(GREEN, bars)
        legend = " ".join(svg.text_content().split())
        self.assertIn("Below the objective", legend)
        self.assertIn("Meets the objective", legend)
        self.assertIn("Objective (85)", legend)
        labels = [text for text in svg.iter("text")
                  if (text.get("transform") or "").startswith("rotate(-35")]
        self.assertEqual(len(labels), len(data["trend_campaigns"]))
        # long names are shortened
        self.assertTrue(all(len(label.text) <= 30 for label in labels))
