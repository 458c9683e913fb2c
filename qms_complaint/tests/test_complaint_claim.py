# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import psycopg2

from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from .common import ComplaintCase


class TestComplaintClaim(ComplaintCase):

    @classmethod
    def setUpClass(cls):
        super(TestComplaintClaim, cls).setUpClass()
        cls.Claim = cls.env["qms.complaint.claim"]

    def _claim(self, user=None, amount=1000.0, **vals):
        complaint = vals.pop("complaint", None) or self._handled()
        values = {"complaint_id": complaint.id, "amount_claimed": amount,
                  "proposal": "Pay back the scrapped parts",
                  "customer_ref": "CUST-CLM-7"}
        values.update(vals)
        return self.Claim.sudo(user or self.quality_user).create(values)

    def _approved(self, **vals):
        claim = self._claim(**vals)
        claim.action_request_approval()
        claim.sudo(self.gm).validate_tier()
        self.assertEqual(claim.state, "approved")
        return claim

    def test_01_request_creates_review_and_activity(self):
        """R-C6: requesting approval creates a tier review for the general
        manager group and an activity for each general manager."""
        claim = self._claim()
        claim.sudo(self.quality_user).action_request_approval()
        self.assertEqual(len(claim.review_ids), 1)
        self.assertIn(self.gm, claim.reviewer_ids)
        self.assertIn(self.gm2, claim.reviewer_ids)
        users = claim.activity_ids.mapped("user_id")
        self.assertIn(self.gm, users)
        self.assertIn(self.gm2, users)
        self.assertTrue(claim.name.startswith("CLM/"))

    def test_02_non_gm_cannot_approve(self):
        """R-C6 API attack: a user outside the general manager group cannot
        approve; the claim stays a proposal under review."""
        claim = self._claim()
        claim.action_request_approval()
        for user in (self.quality_manager, self.salesman):
            with self.assertRaisesRegex(UserError, "not a reviewer"):
                claim.sudo(user).validate_tier()
        self.assertEqual(claim.state, "draft")
        self.assertEqual(claim.review_ids.status, "pending")

    def test_03_no_self_approval(self):
        """R-C6 API attack: a general manager cannot approve a claim they
        raised; another general manager can."""
        claim = self._claim(user=self.gm)
        claim.sudo(self.gm).action_request_approval()
        with self.assertRaisesRegex(UserError, "yourself"):
            claim.sudo(self.gm).validate_tier()
        self.assertEqual(claim.state, "draft")
        claim.sudo(self.gm2).validate_tier()
        self.assertEqual(claim.state, "approved")
        self.assertEqual(claim.approved_by_id, self.gm2)
        self.assertFalse(claim.activity_ids.filtered(
            lambda a: a.user_id == self.gm2))

    def test_04_write_state_refused(self):
        """R-C6 API attack: writing the state or the booked documents of a
        claim is refused with a clear message, nothing changes."""
        claim = self._claim()
        for user in (self.quality_manager, self.gm):
            with self.assertRaisesRegex(UserError, "buttons"):
                claim.sudo(user).write({"state": "approved"})
            with self.assertRaisesRegex(UserError, "buttons"):
                claim.sudo(user).write({"state": "done"})
        self.assertEqual(claim.state, "draft")
        with self.assertRaises(UserError):
            claim.sudo(self.quality_user).action_settle()
        with self.assertRaises(UserError):
            self.Claim.create({"complaint_id": claim.complaint_id.id,
                               "amount_claimed": 5, "state": "done"})

    def test_05_negative_amount_refused(self):
        """R-C6 bad input: a claimed or accepted amount below zero is
        refused, nothing written."""
        count = self.Claim.search_count([])
        with self.assertRaises((ValidationError, psycopg2.IntegrityError)), \
                mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self._claim(amount=-1)
        self.assertEqual(self.Claim.search_count([]), count)
        claim = self._approved()
        with self.assertRaises((ValidationError, psycopg2.IntegrityError)), \
                mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                claim.write({"amount_accepted": -10})
        # the refusal gives the amounts as the user reads them
        with self.assertRaisesRegex(ValidationError, "2,000.00"):
            with self.env.cr.savepoint():
                claim.write({"amount_accepted": 2000})
        claim.invalidate_cache()
        self.assertEqual(claim.amount_accepted, 0)

    def test_06_amount_locked_after_approval(self):
        """R-C6: the approved proposal cannot be changed afterwards, nor
        while under review."""
        claim = self._claim()
        claim.action_request_approval()
        with self.assertRaises((UserError, ValidationError)):
            claim.write({"amount_claimed": 9999})
        claim.sudo(self.gm).validate_tier()
        with self.assertRaises(UserError):
            claim.write({"amount_claimed": 9999})
        self.assertEqual(claim.amount_claimed, 1000)

    def test_10_ours_credit_note_and_quality_cost(self):
        """R-C6: our liability books a customer credit note for the accepted
        amount to the customer and records it as quality cost."""
        claim = self._approved()
        claim.write({"liability": "ours", "amount_accepted": 600,
                     "outcome": "Agreed 600"})
        claim.sudo(self.quality_user).action_settle()
        claim = self.Claim.browse(claim.id)
        self.assertEqual(claim.state, "done")
        invoice = claim.invoice_id
        self.assertEqual(invoice.type, "out_refund")
        self.assertEqual(invoice.partner_id, self.customer)
        self.assertEqual(invoice.amount_total, 600)
        self.assertEqual(invoice.state, "draft")
        cost = claim.quality_cost_ids
        self.assertEqual(cost.amount, 600)
        self.assertEqual(cost.category_id, self.category)
        complaint = claim.complaint_id
        self.assertEqual(complaint.quality_cost_amount, 600)
        with self.assertRaises(UserError):
            claim.write({"amount_accepted": 10})
        with self.assertRaises(UserError):
            cost.write({"amount": 1})
        with self.assertRaises(UserError):
            complaint.write({"quality_cost_ids": [(2, cost.id)]})

    def test_11_supplier_vendor_refund(self):
        """R-C6: the supplier's liability raises a vendor refund draft to
        the supplier, linked to the claim; no quality cost."""
        claim = self._approved()
        claim.write({"liability": "supplier", "amount_accepted": 400,
                     "supplier_id": self.supplier.id})
        claim.action_settle()
        claim = self.Claim.browse(claim.id)
        refund = claim.supplier_invoice_id
        self.assertEqual(refund.type, "in_refund")
        self.assertEqual(refund.partner_id, self.supplier)
        self.assertEqual(refund.amount_total, 400)
        self.assertFalse(claim.invoice_id)
        self.assertFalse(claim.quality_cost_ids)

    def test_12_not_ours_cancelled_with_reason(self):
        """R-C6: not our liability: settling is refused, cancelling needs a
        reason, then the claim is cancelled with no booking."""
        claim = self._approved()
        claim.write({"liability": "not_ours"})
        with self.assertRaises(UserError):
            claim.action_settle()
        with self.assertRaisesRegex(UserError, "reason"):
            claim.action_cancel()
        claim.write({"cancel_reason": "Misuse by the customer"})
        claim.action_cancel()
        self.assertEqual(claim.state, "cancel")
        self.assertFalse(claim.invoice_id | claim.supplier_invoice_id)

    def test_13_open_claim_blocks_close(self):
        """R-C6/R-C4: a complaint with an open claim cannot be closed."""
        complaint = self._handled()
        self._claim(complaint=complaint)
        complaint.action_mark_sent()
        complaint._record_answer("accepted")
        with self.assertRaisesRegex(UserError, "claim"):
            complaint.action_close()
        self.assertEqual(complaint.state, "accepted")

    def test_14_rejected_review(self):
        """R-C6: a general manager rejects; the claim is not approved and
        cannot be settled."""
        claim = self._claim()
        claim.action_request_approval()
        claim.sudo(self.gm).reject_tier()
        self.assertTrue(claim.rejected)
        self.assertEqual(claim.state, "draft")
        with self.assertRaises(UserError):
            claim.action_settle()

    def test_15_claim_access(self):
        """R-E1: a salesperson sees claims of their customers only."""
        claim = self._claim()
        other = self._claim(complaint=self._handled(self._classified(
            partner_id=self.customer2.id, user_id=self.salesman2.id)))
        seen = self.Claim.sudo(self.salesman).search(
            [("id", "in", (claim | other).ids)])
        self.assertEqual(seen, claim)
