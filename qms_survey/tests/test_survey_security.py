# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import SurveyCase


class TestSurveySecurity(SurveyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls._campaign()
        cls.campaign.action_send_invitations()
        cls._answer(cls._response(cls.campaign, cls.customer_a),
                    {"quality": "S", "delivery": "A"})
        cls._answer(cls._response(cls.campaign, cls.customer_c),
                    {"quality": "VS"})
        cls.campaign.action_compute_scores()

    def test_01_quality_user_runs_campaigns(self):
        """R-D1 access: a quality user creates, sends and scores
        campaigns and sees every customer's answer; cannot delete."""
        Campaign = self.env["qms.survey.campaign"].sudo(self.quality_user)
        campaign = Campaign.create({
            "name": "QS by user", "target": "selected",
            "partner_ids": [(6, 0, self.customer_b.ids)]})
        campaign.action_send_invitations()
        campaign.action_compute_scores()
        responses = self.env["qms.survey.response"].sudo(self.quality_user).search(
            [("campaign_id", "=", self.campaign.id)])
        self.assertEqual(len(responses), 4)
        with self.assertRaises(AccessError):
            campaign.unlink()
        self.campaign.sudo(self.quality_manager).copy().unlink()

    def test_02_salesman_sees_own_customers(self):
        """R-D1 access: a salesperson reads the answers and scores of his
        own customers only, and cannot change a campaign."""
        Response = self.env["qms.survey.response"].sudo(self.salesman)
        mine = Response.search([("campaign_id", "=", self.campaign.id)])
        self.assertEqual(mine.mapped("partner_id"), self.customer_a | self.customer_b)
        scores = self.env["qms.survey.response.score"].sudo(self.salesman).search([])
        self.assertEqual(scores.mapped("partner_id"), self.customer_a)
        other = self._response(self.campaign, self.customer_c)
        with self.assertRaises(AccessError):
            other.sudo(self.salesman).read(["score_overall"])
        with self.assertRaises(AccessError):
            self.campaign.sudo(self.salesman).write({"objective": 10.0})
        with self.assertRaises(AccessError):
            self.env["qms.survey.campaign"].sudo(self.salesman).create({"name": "x"})

    def test_03_scores_not_writable(self):
        """R-D2 API attack: scores cannot be written, created or deleted
        directly, not even by a manager or the superuser; nothing changes."""
        response = self._response(self.campaign, self.customer_a)
        before = response.score_overall
        for user in (self.quality_manager, self.env.user):
            with self.assertRaises(UserError):
                response.sudo(user).write({"score_overall": 100.0})
            with self.assertRaises(UserError):
                self.campaign.sudo(user).write({"score_overall": 100.0})
        line = response.score_ids[0]
        with self.assertRaises(UserError):
            line.write({"score": 100.0})
        with self.assertRaises(UserError):
            line.unlink()
        with self.assertRaises(UserError):
            self.env["qms.survey.response.score"].create({
                "response_id": response.id, "campaign_id": self.campaign.id,
                "dimension_id": self.dimensions["price"].id, "score": 100.0})
        with self.assertRaises(UserError):
            self.env["qms.survey.campaign"].create({"score_overall": 99.0})
        response.invalidate_cache()
        self.assertEqual(response.score_overall, before)
        self.assertEqual(len(response.score_ids), 2)

    def test_04_multi_company(self):
        """R-D1 access: a user of another company sees neither the
        campaign nor its answers."""
        self.assertFalse(self.env["qms.survey.campaign"].sudo(
            self.other_company_user).search([("id", "=", self.campaign.id)]))
        self.assertFalse(self.env["qms.survey.response"].sudo(
            self.other_company_user).search([("campaign_id", "=", self.campaign.id)]))
        with self.assertRaises(AccessError):
            self.campaign.sudo(self.other_company_user).read(["name"])

    def test_05_salesman_cannot_score_or_invite(self):
        """R-D1 API attack: a salesperson calling the campaign's methods
        over RPC is refused."""
        with self.assertRaises(AccessError):
            self.campaign.sudo(self.salesman).action_compute_scores()
        with self.assertRaises(AccessError):
            self.campaign.sudo(self.salesman).action_send_invitations()

    def test_06_configuration_by_manager_only(self):
        """R-D2 access: only a quality manager edits dimensions, weights
        and grade bands."""
        with self.assertRaises(AccessError):
            self.dimensions["price"].sudo(self.quality_user).write({"weight": 50.0})
        self.dimensions["price"].sudo(self.quality_manager).write({"weight": 50.0})
        self.assertEqual(self.dimensions["price"].weight, 50.0)

    def test_07_answers_not_read_or_forged_by_other_users(self):
        """R-D1, R-E1 API attack: a new employee made from Odoo's default
        user template is no Survey Manager; even a Survey Manager who is
        not the customer's salesperson or in quality neither reads a
        customer's satisfaction answer and its token nor writes an answer
        line into it; nothing changes."""
        template = self.env.ref("base.default_user")
        self.assertNotIn(self.env.ref("survey.group_survey_manager"),
                         template.groups_id)
        outsider = self.env["res.users"].with_context(
            no_reset_password=True).create({
                "name": "QS Survey Manager", "login": "qs_survey_manager",
                "groups_id": [(6, 0, [
                    self.env.ref("survey.group_survey_manager").id])]})
        response = self._response(self.campaign, self.customer_a)
        user_input = response.sudo().user_input_id
        lines_before = user_input.user_input_line_ids.ids
        UserInput = self.env["survey.user_input"].sudo(outsider)
        self.assertFalse(UserInput.search([("id", "=", user_input.id)]))
        with self.assertRaises(AccessError):
            UserInput.browse(user_input.id).read(["token"])
        matrix = self.campaign.survey_id._qms_get_matrix()
        for user in (outsider, self.salesman2):
            with self.assertRaises(AccessError, msg=user.login):
                with self.env.cr.savepoint():
                    self.env["survey.user_input_line"].sudo(user).create({
                        "user_input_id": user_input.id,
                        "question_id": matrix.id,
                        "survey_id": self.campaign.survey_id.id,
                        "answer_type": "suggestion",
                        "value_suggested": self._level("VS").id,
                        "value_suggested_row": self._row("price").id,
                    })
        user_input.invalidate_cache()
        self.assertEqual(user_input.user_input_line_ids.ids, lines_before)
        # a Survey Manager in quality reads it
        reader = self.env["res.users"].with_context(
            no_reset_password=True).create({
                "name": "QS Survey Quality", "login": "qs_survey_quality",
                "groups_id": [(6, 0, [
                    self.env.ref("survey.group_survey_manager").id,
                    self.env.ref("qms_customer.group_qms_user").id])]})
        self.assertTrue(self.env["survey.user_input"].sudo(reader).search(
            [("id", "=", user_input.id)]))

    def test_08_rating_outside_the_scale_refused(self):
        """R-D2: an answer line rating a dimension with a level that is not
        a column of its own matrix (e.g. of another questionnaire, with
        another score) is refused, on the web page as by RPC."""
        response = self._response(self.campaign, self.customer_b)
        user_input = response.sudo().user_input_id
        matrix = self.campaign.survey_id._qms_get_matrix()
        foreign_level = self._level("VS", self.survey4)
        public = self.env.ref("base.public_user")
        with self.assertRaises(ValidationError):
            self.env["survey.user_input_line"].sudo(public).create({
                "user_input_id": user_input.id,
                "question_id": matrix.id,
                "survey_id": self.campaign.survey_id.id,
                "answer_type": "suggestion",
                "value_suggested": foreign_level.id,
                "value_suggested_row": self._row("quality").id,
            })
        self.assertFalse(user_input.user_input_line_ids)
