# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import SurveyCase


class TestSurveyCampaign(SurveyCase):

    def _mails(self, partner, subject):
        return self.env["mail.mail"].search([
            ("recipient_ids", "in", partner.ids),
            ("subject", "ilike", subject)])

    def test_01_invitations_with_personal_link(self):
        """R-D1: sending creates one personal survey token per target
        customer and e-mails each its own link; a second send invites no
        one twice."""
        campaign = self._campaign()
        campaign.sudo(self.quality_user).action_send_invitations()
        self.assertEqual(campaign.state, "open")
        self.assertEqual(campaign.response_ids.mapped("partner_id"), self.customers)
        tokens = campaign.response_ids.sudo().mapped("user_input_id.token")
        self.assertEqual(len(set(tokens)), 4)
        response = self._response(campaign, self.customer_a)
        self.assertTrue(response.survey_url.endswith(response.sudo().user_input_id.token))
        mails = self._mails(self.customer_a, "satisfied")
        self.assertEqual(len(mails), 1)
        self.assertIn(response.sudo().user_input_id.token, mails.body_html)
        today = fields.Date.from_string(fields.Date.context_today(campaign))
        self.assertEqual(campaign.date_deadline,
                         fields.Date.to_string(today + timedelta(days=14)))
        campaign.action_send_invitations()
        self.assertEqual(len(campaign.response_ids), 4)
        self.assertEqual(len(self._mails(self.customer_a, "satisfied")), 1)

    def test_02_all_active_customers(self):
        """R-D1: target 'all' = the commercial partners that are customers
        (a contact counts as its company), of the campaign's company."""
        campaign = self._campaign(target="all", partner_ids=[(5,)])
        partners = campaign._get_target_partners()
        self.assertTrue(self.customers <= partners)
        self.assertNotIn(self.contact_a, partners)
        self.assertFalse(partners.filtered(lambda p: p.parent_id))
        other = self.env["res.partner"].create({
            "name": "QS Foreign", "customer": True, "is_company": True,
            "company_id": self.company2.id})
        self.assertNotIn(other, campaign._get_target_partners())

    def test_03_reminder_once_before_deadline(self):
        """R-D1: the scheduled job reminds each non-respondent ONCE, from
        reminder_days before the deadline; respondents are not reminded."""
        campaign = self._campaign()
        campaign.action_send_invitations()
        self._answer(self._response(campaign, self.customer_a), {"quality": "S"})
        deadline = fields.Date.from_string(campaign.date_deadline)
        Campaign = self.env["qms.survey.campaign"]

        def run_at(day):
            with patch.object(fields.Date, "context_today",
                              lambda *a, **k: fields.Date.to_string(day)):
                return Campaign._cron_send_reminders()
        early = run_at(deadline - timedelta(days=5))
        self.assertFalse(early & campaign.response_ids)
        reminded = run_at(deadline - timedelta(days=2))
        self.assertEqual(reminded & campaign.response_ids,
                         campaign.response_ids - self._response(campaign, self.customer_a))
        self.assertEqual(len(self._mails(self.customer_b, "Reminder")), 1)
        again = run_at(deadline - timedelta(days=1))
        self.assertFalse(again & campaign.response_ids)
        self.assertEqual(len(self._mails(self.customer_b, "Reminder")), 1)
        self.assertFalse(self._mails(self.customer_a, "Reminder"))
        after = run_at(deadline + timedelta(days=1))
        self.assertFalse(after & campaign.response_ids)

    def test_04_phone_entry_own_customer(self):
        """R-D1: a salesperson enters the phone answer of HIS customer
        through the wizard; the response is done, by phone, and scored."""
        campaign = self._campaign()
        campaign.action_send_invitations()
        response = self._response(campaign, self.customer_a)
        wizard_action = response.sudo(self.salesman).action_phone_entry()
        wizard = self.env["qms.survey.phone.entry"].sudo(self.salesman).with_context(
            wizard_action["context"]).create({"suggestion": "Call before delivery."})
        self.assertEqual(len(wizard.line_ids), 6)
        for line in wizard.line_ids:
            if line.dimension_id.code in ("quality", "delivery"):
                line.label_id = self._level("S")
        wizard.action_confirm()
        self.assertEqual(response.state, "done")
        self.assertEqual(response.channel, "phone")
        self.assertEqual(response.answered_by_id, self.salesman)
        self.assertAlmostEqual(response.score_overall, 85.0)
        self.assertEqual(response.suggestion, "Call before delivery.")
        with self.assertRaises(UserError):
            response.sudo(self.salesman).record_phone_answer(
                {self.dimensions["quality"].id: self._level("VP").id})

    def test_05_phone_entry_other_customer_refused(self):
        """R-D1 API attack: a salesperson cannot answer for another
        salesperson's customer (even calling the method over RPC);
        nothing is written."""
        campaign = self._campaign()
        campaign.action_send_invitations()
        response = self._response(campaign, self.customer_c)
        with self.assertRaises(AccessError):
            response.sudo(self.salesman).record_phone_answer(
                {self.dimensions["quality"].id: self._level("VS").id})
        with self.assertRaises(AccessError):
            response.sudo(self.salesman).action_phone_entry()
        unowned = self._response(campaign, self.customer_d)
        with self.assertRaises(AccessError):
            unowned.sudo(self.salesman)._check_phone_entry_allowed()
        response.invalidate_cache()
        self.assertEqual(response.state, "new")
        self.assertFalse(response.sudo().user_input_id.user_input_line_ids)

    def test_06_phone_entry_outside_scale_refused(self):
        """R-D2 bad input: a rating that is not a level of the campaign's
        scale (a label of another questionnaire), or a dimension the
        questionnaire does not rate, is refused with nothing written."""
        campaign = self._campaign()
        campaign.action_send_invitations()
        response = self._response(campaign, self.customer_a)
        with self.assertRaises(ValidationError):
            response.sudo(self.salesman).record_phone_answer(
                {self.dimensions["quality"].id: self._level("VS", self.survey4).id})
        extra = self.env["qms.survey.dimension"].create(
            {"name": "Extra", "code": "qs_extra", "weight": 1.0})
        with self.assertRaises(ValidationError):
            response.sudo(self.salesman).record_phone_answer(
                {extra.id: self._level("VS").id})
        response.invalidate_cache()
        self.assertEqual(response.state, "new")
        self.assertFalse(response.sudo().user_input_id.user_input_line_ids)

    def test_07_closed_campaign(self):
        """R-D1: a closed campaign takes no phone answers and sends no
        invitations."""
        campaign = self._campaign()
        campaign.action_send_invitations()
        campaign.action_close()
        self.assertEqual(campaign.state, "closed")
        with self.assertRaises(UserError):
            campaign.action_send_invitations()
        with self.assertRaises(UserError):
            self._response(campaign, self.customer_a).sudo(
                self.salesman).record_phone_answer(
                {self.dimensions["quality"].id: self._level("VS").id})
