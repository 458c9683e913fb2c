# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError, ValidationError

from .common_property import PropertyCase


class TestRequirementCsr(PropertyCase):

    def test_01_review_then_in_force(self):
        """R-B5: a requirement is put in force only after a review accepted
        it; the review status shows who reviewed, when, with what outcome."""
        req = self._requirement()
        self.assertEqual((req.state, req.review_state), ("draft", "none"))
        with self.assertRaisesRegex(UserError, "review"):
            req.action_activate()
        self.assertEqual(req.state, "draft")
        self.env["qms.customer.requirement.review"].create({
            "requirement_id": req.id, "outcome": "rejected",
            "reviewer_id": self.quality_user.id, "review_date": "2026-01-05"})
        self.assertEqual(req.review_state, "rejected")
        with self.assertRaises(UserError):
            req.action_activate()
        self.env["qms.customer.requirement.review"].create({
            "requirement_id": req.id, "outcome": "accepted",
            "reviewer_id": self.quality_manager.id,
            "review_date": "2026-01-10"})
        self.assertEqual(req.review_state, "accepted")
        self.assertEqual(req.last_reviewer_id, self.quality_manager)
        self.assertEqual(req.last_review_date, "2026-01-10")
        req.action_activate()
        self.assertEqual(req.state, "active")
        req.action_withdraw()
        self.assertEqual(req.state, "withdrawn")
        with self.assertRaises(UserError):
            req.write({"state": "active"})

    def test_02_create_in_force_needs_review(self):
        """R-B5: creating a requirement directly in force goes through the
        same gate."""
        with self.assertRaises(UserError):
            self._requirement(state="active")
        req = self._requirement(state="active", review_ids=[
            (0, 0, {"outcome": "conditional", "notes": "With 8D support"})])
        self.assertEqual(req.state, "active")

    def test_03_health_safety_highest_priority(self):
        """R-B5: health and safety requirements always have the highest
        priority and come first."""
        normal = self._requirement(priority="1")
        hs = self._requirement(name="Lockout on customer tooling",
                               category="health_safety", priority="3")
        self.assertEqual(hs.priority, "0")
        with self.assertRaises(ValidationError), self.cr.savepoint():
            hs.write({"priority": "2"})
        hs.invalidate_cache()
        found = self.env["qms.customer.requirement"].search(
            [("id", "in", (normal | hs).ids)])
        self.assertEqual(found[0], hs)

    def test_04_active_requirements_of_partners(self):
        """R-B5: res.partner._qms_active_requirements returns the requirements
        in force of the commercial partners, batch-safe; the smart button
        counts them."""
        accepted = [(0, 0, {"outcome": "accepted"})]
        active = self._requirement(state="active", review_ids=accepted)
        self._requirement(name="Draft one")
        withdrawn = self._requirement(name="Old", state="active",
                                      review_ids=accepted)
        withdrawn.action_withdraw()
        other = self._requirement(partner_id=self.consent_customer.id,
                                  state="active", review_ids=accepted)
        self.assertEqual(self.customer_contact._qms_active_requirements(),
                         active)
        both = (self.customer | self.consent_customer)._qms_active_requirements()
        self.assertEqual(both, active | other)
        self.assertFalse(self.env["res.partner"]._qms_active_requirements())
        self.assertEqual(self.customer.qms_requirement_count, 3)
        action = self.customer_contact.action_qms_requirements()
        self.assertEqual(action["domain"],
                         [("partner_id", "=", self.customer.id)])

    def test_05_access_per_role(self):
        """R-B5, R-E1: an employee without a QMS role does not read the
        customers' requirements (the order review shows them to its
        signers); salespeople edit their own customers'; only quality
        users put them in force."""
        req = self._requirement()
        self.env["qms.customer.requirement.review"].create({
            "requirement_id": req.id, "outcome": "accepted"})
        with self.assertRaises(AccessError):
            req.sudo(self.employee).read(["name"])
        with self.assertRaises(AccessError):
            req.sudo(self.employee).write({"clause": "9"})
        req.sudo(self.salesman).write({"clause": "7.4"})
        with self.assertRaises(AccessError):
            req.sudo(self.other_salesman).write({"clause": "7.5"})
        with self.assertRaisesRegex(UserError, "quality users"):
            req.sudo(self.salesman).action_activate()
        with self.assertRaises(UserError):
            req.sudo(self.salesman).write({"state": "active"})
        with self.assertRaises(AccessError):
            self.env["qms.customer.requirement.review"].sudo(
                self.salesman).create({"requirement_id": req.id,
                                       "outcome": "accepted"})
        self.assertEqual(req.state, "draft")
        req.sudo(self.quality_user).action_activate()
        self.assertEqual(req.state, "active")
        # a salesperson records a requirement for its customer, not others'
        mine = self.env["qms.customer.requirement"].sudo(
            self.salesman).create({"name": "Mine",
                                   "partner_id": self.customer.id})
        self.assertEqual(mine.state, "draft")
        with self.assertRaises(AccessError):
            self.env["qms.customer.requirement"].sudo(self.salesman).create(
                {"name": "Not mine", "partner_id": self.consent_customer.id})

    def test_06_multi_company(self):
        """R-B5: a requirement of another company is invisible."""
        req = self._requirement()
        Req = self.env["qms.customer.requirement"].sudo(self.user_b)
        self.assertFalse(Req.search([("id", "=", req.id)]))
        self.assertFalse(self.customer.sudo(
            self.user_b)._qms_active_requirements())
