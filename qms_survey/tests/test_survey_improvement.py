# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError

from .common import SurveyCase


class TestSurveyImprovement(SurveyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls._campaign()
        cls.campaign.action_send_invitations()
        cls.resp_a = cls._response(cls.campaign, cls.customer_a)
        cls.resp_b = cls._response(cls.campaign, cls.customer_b)
        # A: delivery 40 and packaging 40 below 60; price 60 is not below.
        cls._answer(cls.resp_a, {"quality": "S", "delivery": "VP",
                                 "packaging": "VP", "price": "P"})
        # B: nothing below 60, but a suggestion.
        cls._answer(cls.resp_b, {"quality": "A"},
                    suggestion="Ship in returnable crates.")
        cls.campaign.sudo(cls.quality_user).action_compute_scores()
        cls.Action = cls.env["mgmtsystem.action"]

    def _actions(self):
        return self.Action.search([("qms_survey_campaign_id", "=", self.campaign.id)])

    def test_01_actions_below_threshold_exactly_once(self):
        """R-D4: each dimension below the threshold (60) opens ONE
        improvement action per customer, and each suggestion one; scoring
        again opens none twice."""
        actions = self._actions()
        low = actions.filtered("qms_survey_dimension_id")
        self.assertEqual(
            sorted((a.qms_survey_partner_id.name, a.qms_survey_dimension_id.code)
                   for a in low),
            [("QS Alpha", "delivery"), ("QS Alpha", "packaging")])
        suggestion = actions - low
        self.assertEqual(suggestion.qms_survey_partner_id, self.customer_b)
        self.assertIn("returnable crates", suggestion.description)
        self.assertEqual(set(actions.mapped("type_action")), {"improvement"})
        self.campaign.action_compute_scores()
        self.campaign.action_close()
        self.assertEqual(self._actions(), actions)
        self.assertEqual(self.campaign.action_count, 3)

    def test_02_owner_from_department(self):
        """R-D4: the action's owner is the responsible of the dimension's
        department (logistics for delivery), else the salesperson."""
        actions = self._actions()
        delivery = actions.filtered(
            lambda a: a.qms_survey_dimension_id.code == "delivery")
        self.assertEqual(delivery.user_id, self.action_owner)
        suggestion = actions.filtered(lambda a: not a.qms_survey_dimension_id)
        self.assertEqual(suggestion.user_id, self.salesman)

    def test_03_objective_mode(self):
        """R-D4: in 'below the objective' mode, every dimension below the
        objective (85) opens an action (here A's price 60 too)."""
        self.campaign.write({"threshold_mode": "objective"})
        self.campaign.action_compute_scores()
        codes = sorted(self._actions().filtered(
            lambda a: a.qms_survey_partner_id == self.customer_a
            and a.qms_survey_dimension_id).mapped("qms_survey_dimension_id.code"))
        self.assertEqual(codes, ["delivery", "packaging", "price"])
        b_codes = self._actions().filtered(
            lambda a: a.qms_survey_partner_id == self.customer_b
            and a.qms_survey_dimension_id).mapped("qms_survey_dimension_id.code")
        self.assertEqual(b_codes, ["quality"])

    def test_04_confirm_by_sales_manager_only(self):
        """R-D4: only the sales manager confirms; before that the action
        cannot start; the confirmation is recorded."""
        action = self._actions()[0]
        with self.assertRaises(AccessError):
            action.sudo(self.action_owner).action_qms_survey_confirm()
        with self.assertRaises(UserError):
            action.sudo(self.action_owner).write(
                {"stage_id": self.env.ref("mgmtsystem_action.stage_open").id})
        self.assertFalse(action.qms_survey_confirmed)
        action.sudo(self.sales_manager).action_qms_survey_confirm()
        self.assertTrue(action.qms_survey_confirmed)
        self.assertEqual(action.qms_survey_confirmed_by_id, self.sales_manager)
        self.assertEqual(action.stage_id, self.env.ref("mgmtsystem_action.stage_open"))

    def test_05_confirmation_fields_not_writable(self):
        """R-D4 API attack: writing the confirmation, the feedback date or
        the link to the customer directly is refused; nothing changes."""
        action = self._actions()[0]
        for vals in ({"qms_survey_confirmed": True},
                     {"qms_survey_feedback_date": "2026-01-01 00:00:00"},
                     {"qms_survey_dimension_id": self.dimensions["price"].id}):
            with self.assertRaises(UserError):
                action.sudo(self.sales_manager).write(vals)
        action.invalidate_cache()
        self.assertFalse(action.qms_survey_confirmed)
        self.assertFalse(action.qms_survey_feedback_date)
        with self.assertRaises(UserError):
            self.Action.create({"name": "fake", "type_action": "improvement",
                                "qms_survey_confirmed": True})

    def test_06_result_fed_back_to_customer(self):
        """R-D4: closing needs the result; on closing it is e-mailed to the
        customer (mail template) and recorded on the action and on the
        customer's response."""
        action = self._actions().filtered(
            lambda a: a.qms_survey_dimension_id.code == "delivery")
        action.sudo(self.sales_manager).action_qms_survey_confirm()
        close = self.env.ref("mgmtsystem_action.stage_close")
        with self.assertRaises(UserError):
            action.sudo(self.action_owner).write({"stage_id": close.id})
        action.sudo(self.action_owner).write({
            "qms_survey_result": "Second carrier for your region.",
            "stage_id": close.id})
        self.assertTrue(action.qms_survey_feedback_date)
        mails = self.env["mail.mail"].search([
            ("recipient_ids", "in", self.customer_a.ids),
            ("subject", "ilike", "what we improved")])
        self.assertEqual(len(mails), 1)
        self.assertIn("Second carrier", mails.body_html)
        self.assertIn("Second carrier", self.resp_a.message_ids[0].body)
        # closing again (e.g. reopened then closed) sends nothing twice
        action._qms_send_feedback()
        self.assertEqual(len(self.env["mail.mail"].search([
            ("recipient_ids", "in", self.customer_a.ids),
            ("subject", "ilike", "what we improved")])), 1)
