# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The signing inbox "To Sign" (R-A4): each signer's own documents."""
from odoo.tools.safe_eval import safe_eval

from .common import OrderReviewCase


class TestSignInbox(OrderReviewCase):

    def _inbox(self, user):
        action = self.env.ref("qms_customer.tier_review_action_qms_to_sign")
        return self.env["tier.review"].sudo(user).search(
            safe_eval(action.domain, {"uid": user.id}))

    def test_01_each_signer_his_own_documents(self):
        """R-A4: "To Sign" lists exactly what the user may sign: the sales
        manager the order of his tier, the vice president the larger one;
        each line shows the document, customer, amount in company
        currency, tier, requester and deadline, and opens the document."""
        mine = self._order(300000.0)
        self._submit(mine)
        big = self._order(600000.0)
        self._submit(big)
        manager_inbox = self._inbox(self.sales_manager)
        vp_inbox = self._inbox(self.vp)
        self.assertIn(mine.qms_review_id.tier_review_id, manager_inbox)
        self.assertNotIn(big.qms_review_id.tier_review_id, manager_inbox)
        self.assertIn(big.qms_review_id.tier_review_id, vp_inbox)
        self.assertNotIn(mine.qms_review_id.tier_review_id, vp_inbox)
        self.assertFalse(self._inbox(self.salesman).filtered(
            lambda r: r.model == "sale.order" and r.res_id in (
                mine | big).ids))
        line = manager_inbox.filtered(lambda r: r.res_id == mine.id)
        self.assertEqual(line.qms_document, mine.display_name)
        self.assertEqual(line.qms_partner_id, mine.partner_id)
        self.assertEqual(line.qms_amount_company, mine.qms_amount_company)
        self.assertEqual(line.qms_currency_id, self.company.currency_id)
        self.assertEqual(line.qms_deadline, mine.qms_sign_deadline)
        self.assertTrue(line.qms_deadline)
        self.assertFalse(line.qms_overdue)
        action = line.action_qms_open_document()
        self.assertEqual((action["res_model"], action["res_id"]),
                         ("sale.order", mine.id))
        # once signed, it leaves the inbox
        self._approve(mine)
        self.assertNotIn(mine.qms_review_id.tier_review_id,
                         self._inbox(self.sales_manager))
