# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import SurveyCase


class TestSurveyScoring(SurveyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls._campaign()
        cls.campaign.action_send_invitations()
        cls.resp_a = cls._response(cls.campaign, cls.customer_a)
        cls.resp_b = cls._response(cls.campaign, cls.customer_b)
        cls.resp_c = cls._response(cls.campaign, cls.customer_c)
        # A: every dimension answered.
        cls._answer(cls.resp_a, {"quality": "VS", "delivery": "S",
                                 "service": "A", "price": "P",
                                 "packaging": "VP", "support": "S"})
        # B: only quality and price answered (missing dimensions).
        cls._answer(cls.resp_b, {"quality": "S", "price": "VP"})
        # C: started but not finished -> not a respondent.
        cls._answer(cls.resp_c, {"quality": "VP"}, done=False)
        cls.campaign.action_compute_scores()

    def _dim_score(self, campaign, code):
        line = campaign.score_ids.filtered(
            lambda s: s.dimension_id == self.dimensions[code])
        return line.score if line else None

    def test_01_customer_weighted_score(self):
        """R-D2: the overall score is the weighted average of the dimension
        values: (100*30+85*20+70*15+60*15+40*10+85*10)/100 = 79.0."""
        self.assertAlmostEqual(self.resp_a.score_overall, 79.0, places=4)
        scores = {s.dimension_id.code: s.score for s in self.resp_a.score_ids}
        self.assertEqual(scores, {"quality": 100.0, "delivery": 85.0,
                                  "service": 70.0, "price": 60.0,
                                  "packaging": 40.0, "support": 85.0})
        self.assertEqual(self.resp_a.grade_id,
                         self.env.ref("qms_survey.grade_acceptable"))

    def test_02_missing_dimensions_excluded(self):
        """R-D2: dimensions not answered leave numerator AND denominator:
        (85*30 + 40*15) / (30+15) = 70.0."""
        self.assertAlmostEqual(self.resp_b.score_overall, 70.0, places=4)
        self.assertEqual(len(self.resp_b.score_ids), 2)

    def test_03_campaign_scores(self):
        """R-D2: campaign score per dimension = mean of the respondents'
        values; overall = mean of their overall scores; unfinished answers
        do not count."""
        self.assertAlmostEqual(self._dim_score(self.campaign, "quality"), 92.5)
        self.assertAlmostEqual(self._dim_score(self.campaign, "price"), 50.0)
        self.assertAlmostEqual(self._dim_score(self.campaign, "delivery"), 85.0)
        self.assertAlmostEqual(self.campaign.score_overall, 74.5, places=4)
        self.assertFalse(self.resp_c.score_ids)
        quality = self.campaign.score_ids.filtered(
            lambda s: s.dimension_id.code == "quality")
        self.assertEqual(quality.respondent_count, 2)
        self.assertEqual(quality.grade_id, self.env.ref("qms_survey.grade_excellent"))

    def test_04_response_rate(self):
        """R-D1/R-D3: 4 customers invited, 2 completed -> 50 %; the
        campaign shows who answered."""
        self.assertEqual(self.campaign.target_count, 4)
        self.assertEqual(self.campaign.answered_count, 2)
        self.assertAlmostEqual(self.campaign.response_rate, 50.0)
        answered = self.campaign.response_ids.filtered(
            lambda r: r.state == "done").mapped("partner_id")
        self.assertEqual(answered, self.customer_a | self.customer_b)

    def test_05_weights_are_configuration(self):
        """R-D2: changing a weight changes the next scoring: quality 0 ->
        customer B scores only on price = 40."""
        self.dimensions["quality"].weight = 0.0
        self.campaign.action_compute_scores()
        self.assertAlmostEqual(self.resp_b.score_overall, 40.0, places=4)

    def test_06_four_level_variant(self):
        """R-D2: four-level scale with configured values (satisfied 90,
        somewhat dissatisfied 55): (100*30 + 55*20 + 90*15)/65 = 83.846."""
        self._level("S", self.survey4).quizz_mark = 90.0
        self._level("SD", self.survey4).quizz_mark = 55.0
        campaign = self._campaign(partners=self.customer_a, survey=self.survey4)
        campaign.action_send_invitations()
        response = campaign.response_ids
        self._answer(response, {"quality": "VS", "delivery": "SD",
                                "service": "S"})
        campaign.action_compute_scores()
        expected = (100 * 30 + 55 * 20 + 90 * 15) / 65.0
        # a customer's and the campaign's scores are rounded once, to the
        # one decimal shown
        self.assertEqual(response.score_overall, round(expected, 1))
        self.assertEqual(campaign.score_overall, round(expected, 1))

    def test_07_answer_outside_the_scale_ignored(self):
        """R-D2: an answer line whose value is not a level of the
        questionnaire's matrix (here a level of the other questionnaire)
        is refused; one already in the database (written straight into the
        table) does not count."""
        campaign = self._campaign(partners=self.customer_d)
        campaign.action_send_invitations()
        response = campaign.response_ids
        self._answer(response, {"quality": "A"})
        Line = self.env["survey.user_input_line"].sudo()
        values = {
            "user_input_id": response.sudo().user_input_id.id,
            "question_id": self.survey5._qms_get_matrix().id,
            "survey_id": self.survey5.id,
            "answer_type": "suggestion",
            "value_suggested": self._level("VS", self.survey4).id,
            "value_suggested_row": self._row("delivery").id,
        }
        with self.assertRaises(ValidationError):
            with self.env.cr.savepoint():
                Line.create(values)
        line = Line.create(dict(
            values, value_suggested=self._level("VS").id))
        self.env.cr.execute(
            "UPDATE survey_user_input_line SET value_suggested = %s "
            "WHERE id = %s", (self._level("VS", self.survey4).id, line.id))
        Line.invalidate_cache()
        campaign.action_compute_scores()
        self.assertEqual(response.score_ids.mapped("dimension_id.code"), ["quality"])
        self.assertAlmostEqual(response.score_overall, 70.0)

    def test_08_constant_query_count(self):
        """R-D2 performance: scoring runs a constant number of queries,
        whatever the number of responses (budget: 8 statements)."""
        small = self._campaign(partners=self.customer_a)
        small.action_send_invitations()
        self._answer(small.response_ids, {"quality": "S"})
        big = self._campaign(partners=self.customers)
        big.action_send_invitations()
        for response in big.response_ids:
            self._answer(response, {"quality": "S", "delivery": "A",
                                    "price": "P"})
        counts = []
        for campaign in (small, big):
            campaign.invalidate_cache()
            before = self.cr.sql_log_count
            campaign._compute_scores()
            counts.append(self.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])
        self.assertLessEqual(counts[1], 8)
        self.assertEqual(len(big.response_ids.mapped("score_ids")), 12)

    def test_09_trend_three_campaigns(self):
        """R-D3: the report trends the scores of the previous campaigns of
        the company per dimension and overall, oldest first (own company,
        so no other campaign interferes)."""
        partner = self.env["res.partner"].create({
            "name": "QS Trend Customer", "customer": True, "is_company": True,
            "company_id": self.company2.id})
        campaigns = self.env["qms.survey.campaign"]
        periods = [("2025-01-01", "2025-06-30", "P"),
                   ("2025-07-01", "2025-12-31", "A"),
                   ("2026-01-01", "2026-06-30", "VS")]
        for start, end, level in periods:
            campaign = self._campaign(partners=partner, company_id=self.company2.id,
                                      date_start=start, date_end=end,
                                      name="QS trend %s" % start)
            campaign.action_send_invitations()
            self._answer(campaign.response_ids, {"quality": level,
                                                 "delivery": "S"})
            campaign.action_compute_scores()
            campaigns |= campaign
        data = campaigns[-1]._get_report_data()
        self.assertEqual(data["trend_campaigns"], campaigns)
        # quality 30 / delivery 20 weights, delivery always 85
        expected = [(v * 30 + 85 * 20) / 50.0 for v in (60, 70, 100)]
        self.assertEqual([round(v, 2) for v in data["trend_overall"]],
                         [round(v, 2) for v in expected])
        quality = [d for d in data["dimensions"] if d["name"] == "Product quality"][0]
        self.assertEqual(quality["trend"], [60.0, 70.0, 100.0])
        delivery = [d for d in data["dimensions"] if d["name"] == "Delivery"][0]
        self.assertEqual(delivery["trend"], [85.0, 85.0, 85.0])

    def test_10_customer_scores_follow_the_answers(self):
        """R-D2: a customer's scores are read from his answers: an answer
        completed after the last scoring shows its scores at once; the
        campaign's figures change at its next scoring."""
        response = self._response(self.campaign, self.customer_d)
        self._answer(response, {"quality": "A", "delivery": "VS"})
        response.invalidate_cache()
        self.assertAlmostEqual(response.score_overall,
                               (70 * 30 + 100 * 20) / 50.0, places=4)
        self.assertEqual(len(response.score_ids), 2)
        self.assertAlmostEqual(self.campaign.score_overall, 74.5, places=4)
        self.campaign.action_compute_scores()
        self.assertAlmostEqual(self.campaign.score_overall,
                               (79.0 + 70.0 + 82.0) / 3, places=4)

    def test_11_closed_campaign_is_frozen(self):
        """R-D2: closing scores the campaign one last time and freezes it:
        a later weight change leaves its customer and campaign scores as
        they were; it is not scored again; its answers and the rating
        values they used cannot change (nothing is written); a quality
        manager may reopen it, and then the current weights apply."""
        self.campaign.action_close()
        self.dimensions["quality"].weight = 0.0
        self.resp_b.invalidate_cache()
        self.assertAlmostEqual(self.resp_b.score_overall, 70.0, places=4)
        self.assertEqual(self.resp_b.score_ids.filtered(
            lambda s: s.dimension_id.code == "quality").weight, 30.0)
        self.assertAlmostEqual(self.campaign.score_overall, 74.5, places=4)
        with self.assertRaises(UserError):
            self.campaign.action_compute_scores()
        lines = self.resp_b.sudo().user_input_id.user_input_line_ids
        with self.assertRaises(UserError), self.cr.savepoint():
            lines[0].write({"value_suggested": self._level("VS").id})
        with self.assertRaises(UserError), self.cr.savepoint():
            lines.unlink()
        with self.assertRaises(UserError), self.cr.savepoint():
            self._answer(self.resp_b, {"delivery": "VP"}, done=False)
        with self.assertRaises(UserError), self.cr.savepoint():
            self._level("VP").quizz_mark = 0.0
        with self.assertRaises(UserError), self.cr.savepoint():
            self.resp_c.sudo().user_input_id.write({"state": "done"})
        self.resp_b.invalidate_cache()
        self.assertEqual(len(self.resp_b.sudo().user_input_id.user_input_line_ids), 2)
        self.assertEqual(self._level("VP").quizz_mark, 40.0)
        self.assertAlmostEqual(self.resp_b.score_overall, 70.0, places=4)
        # A rating level no closed campaign used may still be tuned.
        self._level("SD", self.survey4).quizz_mark = 50.0
        with self.assertRaises(AccessError):
            self.campaign.sudo(self.quality_user).action_reopen()
        self.campaign.sudo(self.quality_manager).action_reopen()
        self.assertEqual(self.campaign.state, "open")
        self.resp_b.invalidate_cache()
        self.assertAlmostEqual(self.resp_b.score_overall, 40.0, places=4)

    def test_12_closing_expires_unanswered_links(self):
        """R-D1: closing a campaign expires the personal links of the
        customers who did not answer (Odoo's survey page refuses a link
        past its deadline); reopening gives them the campaign's deadline
        back, or none when it has passed."""
        pending = self.resp_c.sudo().user_input_id
        answered = self.resp_a.sudo().user_input_id
        before = answered.deadline
        self.campaign.action_close()
        self.assertTrue(pending.deadline)
        self.assertLessEqual(pending.deadline, fields.Datetime.now())
        self.assertEqual(answered.deadline, before)
        self.campaign.sudo(self.quality_manager).action_reopen()
        self.assertEqual(pending.deadline,
                         self.campaign.date_deadline + " 23:59:59")

    def test_13_status_only_through_the_buttons(self):
        """R-D2 API attack: writing a campaign's status directly (to skip
        the last scoring, or to reopen without being a quality manager) is
        refused and changes nothing."""
        for state in ("closed", "draft"):
            with self.assertRaises(UserError), self.cr.savepoint():
                self.campaign.sudo(self.quality_manager).write({"state": state})
        with self.assertRaises(UserError), self.cr.savepoint():
            self.campaign.sudo(self.quality_manager).action_reopen()
        self.assertEqual(self.campaign.state, "open")

    def test_14_score_rounded_once(self):
        """R-D2, R-D3: a customer rating two dimensions 60 scores 60.0 and
        is graded poor, whatever the weights' floating-point error
        (0.1 and 0.2 gave 59.99999999999999, graded very poor)."""
        self.dimensions["quality"].weight = 0.1
        self.dimensions["delivery"].weight = 0.2
        campaign = self._campaign(partners=self.customer_d)
        campaign.action_send_invitations()
        response = campaign.response_ids
        self._answer(response, {"quality": "P", "delivery": "P"})
        response.invalidate_cache()
        self.assertEqual(response.score_overall, 60.0)
        self.assertEqual(response.grade_id,
                         self.env.ref("qms_survey.grade_poor"))

    def test_15_campaign_figures_rounded_once(self):
        """R-D2, R-D3: the campaign's scores are stored rounded, half up,
        to the one decimal shown, so the campaign form, the analysis
        report and the Excel export print the same number: quality rated
        100, 60 and 60 is 73.3 everywhere (not 73.333...)."""
        campaign = self._campaign(
            partners=self.customer_a | self.customer_b | self.customer_d)
        campaign.action_send_invitations()
        for partner, level in ((self.customer_a, "VS"),
                               (self.customer_b, "P"),
                               (self.customer_d, "P")):
            self._answer(campaign.response_ids.filtered(
                lambda r, p=partner: r.partner_id == p), {"quality": level})
        campaign.action_compute_scores()
        self.assertEqual(self._dim_score(campaign, "quality"), 73.3)
        self.assertEqual(campaign.score_overall, 73.3)
        self.assertEqual(campaign._qms_report_data()["overall"], 73.3)

    def test_16_customer_score_lines_read_by_id(self):
        """R-D2: a customer's score lines read by id (as his form reads
        them) are his own, with ids that do not overflow past 2.1 million
        responses (bigint: response id x 1000 + dimension id)."""
        lines = self.resp_a.score_ids
        self.assertEqual(len(lines), 6)
        self.env["qms.survey.response.score"].invalidate_cache()
        again = self.env["qms.survey.response.score"].browse(lines.ids)
        self.assertEqual(again.mapped("response_id"), self.resp_a)
        self.assertEqual(
            sorted(again.mapped("score")),
            [40.0, 60.0, 70.0, 85.0, 85.0, 100.0])
        self.assertEqual(
            sorted(lines.ids),
            sorted(self.resp_a.id * 1000 + line.dimension_id.id
                   for line in lines))
        self.env.cr.execute(
            "SELECT data_type FROM information_schema.columns "
            "WHERE table_name = 'qms_survey_response_score' "
            "AND column_name = 'id'")
        self.assertEqual(self.env.cr.fetchone()[0], "bigint")
