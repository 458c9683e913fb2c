# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError

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
