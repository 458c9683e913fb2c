# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError

from .common import SurveyCase


class TestSurveyConfig(SurveyCase):

    def test_01_negative_weight_refused(self):
        """R-D2 bad input: a negative weight is refused, nothing written."""
        dim = self.dimensions["price"]
        with self.assertRaises(ValidationError):
            dim.write({"weight": -5.0})
        dim.invalidate_cache()
        self.assertEqual(dim.weight, 15.0)
        with self.assertRaises(ValidationError):
            self.env["qms.survey.dimension"].create(
                {"name": "Bad", "code": "qs_bad", "weight": -1.0})
        self.assertFalse(self.env["qms.survey.dimension"].search(
            [("code", "=", "qs_bad")]))

    def test_02_weights_sum_zero_refused(self):
        """R-D2 bad input: weights of the active dimensions summing to zero
        are refused (all at once, or by deactivating the last weighted
        one); nothing is written."""
        dims = self.env["qms.survey.dimension"].search([])
        with self.assertRaises(ValidationError):
            dims.write({"weight": 0.0})
        dims.invalidate_cache()
        self.assertEqual(sum(dims.mapped("weight")), 100.0)
        (dims - self.dimensions["quality"]).write({"weight": 0.0})
        with self.assertRaises(ValidationError):
            self.dimensions["quality"].write({"active": False})
        self.dimensions["quality"].invalidate_cache()
        self.assertTrue(self.dimensions["quality"].active)

    def test_03_scale_value_outside_refused(self):
        """R-D2 bad input: a rating level scoring outside 0-100 is refused
        on write and on create; nothing written."""
        level = self._level("S")
        with self.assertRaises(ValidationError):
            level.write({"quizz_mark": 120.0})
        level.invalidate_cache()
        self.assertEqual(level.quizz_mark, 85.0)
        matrix = self.survey5._qms_get_matrix()
        count = len(matrix.labels_ids)
        with self.assertRaises(ValidationError):
            self.env["survey.label"].create({
                "question_id": matrix.id, "value": "Ecstatic",
                "quizz_mark": -10.0})
        matrix.invalidate_cache()
        self.assertEqual(len(matrix.labels_ids), count)

    def test_04_campaign_values_checked(self):
        """R-D3/R-D4: objective and threshold lie in 0-100; the period must
        not end before it starts."""
        with self.assertRaises(ValidationError):
            self._campaign(objective=150.0)
        with self.assertRaises(ValidationError):
            self._campaign(date_start="2026-07-01", date_end="2026-01-01")
        with self.assertRaises(ValidationError):
            self.company.qms_satisfaction_threshold = -1.0

    def test_05_campaign_defaults(self):
        """R-D1: half-year period, two weeks to answer, objective 85 and
        threshold 60 from the company, five-level questionnaire."""
        campaign = self.env["qms.survey.campaign"].create({})
        self.assertEqual(campaign.period_type, "half")
        self.assertEqual(campaign.answer_days, 14)
        self.assertEqual(campaign.objective, 85.0)
        self.assertEqual(campaign.threshold, 60.0)
        self.assertEqual(campaign.survey_id, self.survey5)
        start = campaign.date_start
        self.assertIn(start[5:], ("01-01", "07-01"))
        self.assertIn(campaign.date_end[5:], ("06-30", "12-31"))
        self.assertIn("Satisfaction", campaign.name)

    def test_06_questionnaire_is_a_real_survey(self):
        """R-D1: the questionnaire is a survey with a matrix of the six
        dimensions by the rating scale and a suggestions text."""
        matrix = self.survey5._qms_get_matrix()
        self.assertEqual(matrix.type, "matrix")
        self.assertEqual(set(matrix.labels_ids_2.mapped("qms_dimension_id.code")),
                         set(self.dimensions))
        self.assertEqual(sorted(matrix.labels_ids.mapped("quizz_mark")),
                         [40.0, 60.0, 70.0, 85.0, 100.0])
        self.assertEqual(self.survey5._qms_get_suggestion_question().type,
                         "free_text")
        self.assertEqual(len(self.survey4._qms_get_matrix().labels_ids), 4)
        self.assertIn(self.survey5, self.env["survey.survey"].search(
            [("qms_is_satisfaction", "=", True)]))
