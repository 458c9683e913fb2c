# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Signing authority, activities, confirmation gate, line guard, re-review
and API attacks (R-A4, R-A5, R-E1)."""
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

from .common import OrderReviewCase

REFUSED = (UserError, AccessError, ValidationError)


class TestOrderReviewGate(OrderReviewCase):

    # ---------------------------------------------------------- bands
    def test_01_band_boundaries(self):
        """R-A4: 100,000 is the salesperson's, 100,000.01 the sales
        manager's, 500,000 the manager's, 500,000.01 the vice president's;
        exactly one review (one signer) per order."""
        cases = [
            (50.0, self.tier_sales),
            (100000.0, self.tier_sales),
            (100000.01, self.tier_manager),
            (500000.0, self.tier_manager),
            (500000.01, self.tier_vp),
            (900000.0, self.tier_vp),
        ]
        for amount, tier in cases:
            order = self._order(amount)
            self._submit(order)
            self.assertEqual(order.qms_review_id.tier_id, tier, amount)
            self.assertEqual(order.qms_tier_id, tier)
            self.assertEqual(len(order.review_ids), 1, amount)
            self.assertEqual(order.qms_review_state, "pending")
        order = self._order(100000.0)
        self._submit(order)
        self.assertEqual(order.qms_review_id.signer_ids, self.salesman)

    def test_02_foreign_currency_converted(self):
        """R-A4: a foreign-currency order is banded by its amount in company
        currency (at the order date's rate)."""
        foreign = self.env["res.currency"].search(
            [("id", "!=", self.currency.id)], limit=1)
        foreign.active = True
        self.env["res.currency.rate"].search(
            [("currency_id", "in", (foreign | self.currency).ids)]).unlink()
        self.env["res.currency.rate"].create({
            "currency_id": self.currency.id, "rate": 1.0,
            "name": "2000-01-01", "company_id": self.company.id})
        self.env["res.currency.rate"].create({
            "currency_id": foreign.id, "rate": 0.5, "name": "2000-01-01",
            "company_id": self.company.id})
        pricelist = self.env["product.pricelist"].create({
            "name": "QR foreign", "currency_id": foreign.id})
        # 60,000 foreign = 120,000 company currency: sales manager's band
        order = self._order(60000.0, pricelist=pricelist)
        self.assertAlmostEqual(order.qms_amount_company, 120000.0, 2)
        self._submit(order)
        self.assertEqual(order.qms_review_id.tier_id, self.tier_manager)
        # 50,000 foreign = 100,000: still the salesperson's
        order = self._order(50000.0, pricelist=pricelist)
        self._submit(order)
        self.assertEqual(order.qms_review_id.tier_id, self.tier_sales)

    def test_03_highest_band_only(self):
        """R-A4: with overlapping bands only the highest applies."""
        self.tier_manager.sudo().qms_amount_upto = 0.0  # open-ended too
        order = self._order(800000.0)
        self._submit(order)
        self.assertEqual(order.qms_review_id.tier_id, self.tier_vp)
        self.assertEqual(len(order.review_ids), 1)
        self.assertEqual(order.qms_review_id.signer_ids, self.vp)

    # ---------------------------------------------------------- activities
    def test_04_signer_activity_and_decision_in_chatter(self):
        """R-A4: the signer gets an activity with a deadline when the order
        is submitted; approving closes it with the decision in the chatter;
        then the order confirms."""
        order = self._order(300000.0)
        self._submit(order)
        activities = self._activities(
            order, "qms_customer.mail_activity_qms_order_review")
        self.assertEqual(activities.mapped("user_id"),
                         self.sales_manager | self.sales_manager2)
        self.assertTrue(all(a.date_deadline for a in activities))
        self._approve(order, self.sales_manager)
        self.assertFalse(self._activities(
            order, "qms_customer.mail_activity_qms_order_review"))
        self.assertEqual(order.qms_review_state, "approved")
        self.assertEqual(order.qms_review_id.decided_by, self.sales_manager)
        self.assertEqual(order.qms_review_id.tier_review_id.status,
                         "approved")
        bodies = " ".join(order.message_ids.mapped("body"))
        self.assertIn("Approved by %s" % self.sales_manager.name, bodies)
        done = order.message_ids.filtered(
            lambda m: m.author_id == self.sales_manager.partner_id)
        self.assertTrue(done)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_05_salesperson_band_signed_by_salesperson(self):
        """R-A4: up to 100,000 the salesperson signs his own order; another
        salesperson or a manager cannot."""
        order = self._order(80000.0)
        self._submit(order)
        for user in (self.salesman2, self.sales_manager, self.vp):
            with self.assertRaises(REFUSED):
                order.sudo(user).action_qms_approve()
        self._approve(order, self.salesman)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    # ---------------------------------------------------------- attacks
    def test_10_attack_confirm_unapproved(self):
        """R-E1/R-A4: action_confirm and a write of state on an order that
        is not approved are refused as every role; nothing changes."""
        order = self._order(300000.0)
        for user in (self.salesman, self.sales_manager):
            with self.assertRaises(UserError):
                order.sudo(user).action_confirm()
            with self.assertRaises(REFUSED):
                order.sudo(user).write({"state": "sale"})
        self._submit(order)
        with self.assertRaises(UserError):
            order.action_confirm()
        with self.assertRaises(UserError):
            self.env["sale.order"].browse(order.id).action_confirm()
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.qms_review_state, "pending")

    def test_11_attack_write_review_fields(self):
        """R-E1: the review status, round and tier of an order, a review
        round and the tier review cannot be written or created directly."""
        order = self._order(300000.0)
        self._submit(order)
        with self.assertRaises(UserError):
            order.write({"qms_review_state": "approved"})
        with self.assertRaises(UserError):
            self.env["sale.order"].browse(order.id).write(
                {"qms_review_state": "approved"})
        with self.assertRaises(UserError):
            order.qms_review_id.sudo(self.salesman).write(
                {"state": "approved"})
        with self.assertRaises(UserError):
            order.qms_review_id.tier_review_id.sudo(self.salesman).write(
                {"status": "approved"})
        with self.assertRaises(UserError):
            self.env["qms.order.review"].sudo(self.salesman).create({
                "order_id": order.id, "state": "approved"})
        with self.assertRaises(UserError):
            self.env["tier.review"].sudo(self.salesman).create({
                "model": "sale.order", "res_id": order.id,
                "definition_id": self.tier_sales.id})
        with self.assertRaises(UserError):
            order.qms_review_id.tier_review_id.sudo(self.salesman).unlink()
        with self.assertRaises(UserError):
            order.write({"review_ids": [(0, 0, {
                "definition_id": self.tier_sales.id, "status": "approved"})]})
        with self.assertRaises(UserError):
            self.env["tier.review"].sudo(self.salesman).create({
                "res_id": order.id, "definition_id": self.tier_sales.id})
        self.assertEqual(order.qms_review_state, "pending")
        self.assertEqual(order.qms_review_id.state, "pending")

    def test_12_attack_wrong_role_and_self_approval(self):
        """R-A4/R-E1: the wrong role, the order's own salesperson (even a
        sales manager) and the tier-validation API are refused."""
        order = self._order(700000.0)
        self._submit(order)
        for user in (self.salesman, self.salesman2, self.sales_manager,
                     self.employee):
            with self.assertRaises(REFUSED):
                order.sudo(user).action_qms_approve()
            with self.assertRaises(REFUSED):
                order.sudo(user).validate_tier()
        # a sales manager's own 300,000 order: he cannot sign it
        own = self._order(300000.0, user=self.sales_manager)
        self._submit(own)
        self.assertNotIn(self.sales_manager, own.qms_review_id.signer_ids)
        with self.assertRaises(UserError) as err:
            own.sudo(self.sales_manager).action_qms_approve()
        self.assertIn("own order", str(err.exception))
        self.assertEqual(own.qms_review_state, "pending")
        self._approve(own, self.sales_manager2)
        self.assertEqual(own.qms_review_state, "approved")
        self.assertEqual(order.qms_review_state, "pending")
        self._approve(order, self.vp)
        self.assertEqual(order.qms_review_state, "approved")

    def test_13_attack_lines_under_review(self):
        """R-A4/R-A5: under review, adding, changing (price, quantity) and
        removing lines and changing payment terms, delivery date or customer
        are refused with a clear message; nothing changes."""
        order = self._order(90000.0)
        self._submit(order)
        line = order.order_line
        with self.assertRaises(UserError) as err:
            self.env["sale.order.line"].sudo(self.salesman).create({
                "order_id": order.id, "product_id": self.product.id,
                "name": "more", "product_uom_qty": 1,
                "price_unit": 810000.0, "tax_id": [(6, 0, [])]})
        self.assertIn("under review", str(err.exception))
        with self.assertRaises(UserError):
            order.write({"order_line": [(0, 0, {
                "product_id": self.product.id, "name": "more",
                "product_uom_qty": 1, "price_unit": 810000.0})]})
        with self.assertRaises(UserError):
            line.write({"price_unit": 900000.0})
        with self.assertRaises(UserError):
            line.write({"product_uom_qty": 10.0})
        with self.assertRaises(UserError):
            line.unlink()
        term = self.env.ref("account.account_payment_term_net")
        for vals in ({"payment_term_id": term.id},
                     {"qms_delivery_date": "2026-12-31"},
                     {"partner_id": self.env["res.partner"].create(
                         {"name": "QR other", "customer": True}).id}):
            with self.assertRaises(UserError):
                order.write(vals)
        # harmless changes go through
        order.write({"note": "terms discussed", "client_order_ref": "PO-1"})
        line.write({"name": "QR Valve, DN50"})
        self.assertEqual(len(order.order_line), 1)
        self.assertEqual(order.amount_total, 90000.0)
        self._approve(order)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_14_attack_900k_after_low_approval(self):
        """R-A5: a line added after a 90,000 approval voids it; the 900,000
        order cannot be confirmed until the vice president signs."""
        order = self._order(90000.0)
        self._submit(order)
        self._approve(order)
        order.write({"order_line": [(0, 0, {
            "product_id": self.product.id, "name": "big",
            "product_uom_qty": 1, "price_unit": 810000.0,
            "tax_id": [(6, 0, [])]})]})
        self.assertEqual(order.qms_review_state, "none")
        self.assertEqual(order.qms_review_ids[0].state, "voided")
        with self.assertRaises(UserError):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        # moving a line in from another quotation is refused under review
        # and voids an approval
        other = self._order(810000.0)
        order.order_line[-1].unlink()
        self.assertEqual(order.qms_review_state, "none")
        self._submit(order)
        with self.assertRaises(UserError):
            other.order_line.write({"order_id": order.id})
        order.action_qms_withdraw_review()
        self.assertEqual(order.amount_total, 90000.0)
        other.order_line.write({"order_id": order.id})
        self._submit(order)
        self.assertEqual(order.qms_review_id.tier_id, self.tier_vp)
        self.assertEqual(order.qms_review_id.round_no, 3)
        with self.assertRaises(UserError):
            order.sudo(self.salesman).action_qms_approve()
        self._approve(order, self.vp)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    # ---------------------------------------------------------- re-review
    def test_20_re_review_on_each_change(self):
        """R-A5: after approval, a change of quantity, price, line, payment
        terms, delivery date or customer voids the approval with a chatter
        message; every round is kept."""
        term = self.env.ref("account.account_payment_term_net")
        other = self.env["res.partner"].create(
            {"name": "QR other", "customer": True})
        changes = [
            lambda o: o.order_line[0].write({"product_uom_qty": 2.0}),
            lambda o: o.order_line[0].write({"price_unit": 1234.0}),
            lambda o: o.order_line[0].write({"discount": 5.0}),
            lambda o: o.write({"order_line": [(0, 0, {
                "product_id": self.product.id, "name": "extra",
                "product_uom_qty": 1, "price_unit": 1.0})]}),
            lambda o: o.order_line[-1].unlink(),
            lambda o: o.write({"payment_term_id": term.id}),
            lambda o: o.write({"qms_delivery_date": "2027-01-31"}),
            lambda o: o.write({"partner_id": other.id}),
        ]
        order = self._order(1000.0)
        order.write({"order_line": [(0, 0, {
            "product_id": self.product.id, "name": "second",
            "product_uom_qty": 1, "price_unit": 1.0})]})
        for round_no, change in enumerate(changes, start=1):
            self._submit(order)
            self._approve(order)
            self.assertEqual(order.qms_review_state, "approved")
            messages = len(order.message_ids)
            change(order)
            self.assertEqual(order.qms_review_state, "none", round_no)
            self.assertEqual(order.qms_review_id.state, "voided")
            self.assertGreater(len(order.message_ids), messages)
            self.assertIn("voided", " ".join(
                order.message_ids[:len(order.message_ids) - messages].mapped(
                    "body")))
            with self.assertRaises(UserError):
                order.action_confirm()
        self.assertEqual(len(order.qms_review_ids), len(changes))
        self.assertEqual(sorted(order.qms_review_ids.mapped("round_no")),
                         list(range(1, len(changes) + 1)))
        # an unchanged value is no change
        self._submit(order)
        self._approve(order)
        order.write({"payment_term_id": order.payment_term_id.id})
        order.order_line[0].write(
            {"price_unit": order.order_line[0].price_unit})
        self.assertEqual(order.qms_review_state, "approved")

    def test_21_reject_needs_reason_then_new_round(self):
        """R-A3/R-A4: a rejection needs a reason; it closes the activity
        with the reason in the chatter and sends the order back to
        negotiation; the amended order is reviewed in a new round."""
        order = self._order(300000.0)
        self._submit(order)
        wizard_action = order.sudo(self.sales_manager).action_qms_reject()
        self.assertEqual(wizard_action["res_model"], "qms.order.review.reject")
        with self.assertRaises(UserError):
            order.sudo(self.sales_manager)._qms_reject("  ")
        with self.assertRaises(REFUSED):
            self.env["qms.order.review.reject"].sudo(self.salesman2).create({
                "order_id": order.id, "reason": "no"}).action_reject()
        wizard = self.env["qms.order.review.reject"].sudo(
            self.sales_manager).create({
                "order_id": order.id, "reason": "Price below cost"})
        wizard.action_reject()
        self.assertEqual(order.qms_review_state, "rejected")
        self.assertEqual(order.qms_review_id.state, "rejected")
        self.assertEqual(order.qms_review_id.reject_reason, "Price below cost")
        self.assertFalse(self._activities(
            order, "qms_customer.mail_activity_qms_order_review"))
        self.assertIn("Price below cost", " ".join(
            order.message_ids.mapped("body")))
        with self.assertRaises(UserError):
            order.action_confirm()
        order.order_line.write({"price_unit": 350000.0})
        self._submit(order)
        self.assertEqual(order.qms_review_id.round_no, 2)
        self._approve(order, self.sales_manager)
        order.action_confirm()
        self.assertEqual(
            order.qms_review_ids.mapped("state"), ["approved", "rejected"])

    def test_22_withdraw_to_amend(self):
        """R-A5: the salesperson withdraws the review to amend the order;
        the round is kept as withdrawn and the activities are removed."""
        order = self._order(300000.0)
        self._submit(order)
        order.action_qms_withdraw_review()
        self.assertEqual(order.qms_review_state, "none")
        self.assertEqual(order.qms_review_id.state, "withdrawn")
        self.assertFalse(self._activities(
            order, "qms_customer.mail_activity_qms_order_review"))
        order.order_line.write({"price_unit": 200000.0})
        with self.assertRaises(REFUSED):
            order.sudo(self.salesman2).action_qms_withdraw_review()

    def test_23_send_by_email_under_review(self):
        """R-A4: sending the quotation by e-mail still works while the
        review is open; the review stays open."""
        order = self._order(300000.0)
        self._submit(order)
        action = order.action_quotation_send()
        ctx = action["context"]
        composer = self.env["mail.compose.message"].sudo(
            self.salesman).with_context(ctx).create({})
        composer.onchange_template_id_wrapper()
        composer.send_mail()
        self.assertEqual(order.state, "sent")
        self.assertEqual(order.qms_review_state, "pending")
        self._approve(order, self.sales_manager)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_24_confirm_several_orders_at_once(self):
        """R-A4: confirming several approved orders at once works; one
        unapproved order in the batch blocks the batch."""
        orders = self._order(1000.0) | self._order(200000.0) | \
            self._order(600000.0)
        for order in orders:
            self._submit(order)
            self._approve(order)
        extra = self._order(5000.0)
        with self.assertRaises(UserError):
            (orders | extra).action_confirm()
        self.assertEqual(set(orders.mapped("state")), {"draft"})
        orders.action_confirm()
        self.assertEqual(set(orders.mapped("state")), {"sale"})

    def test_25_confirmed_order_locked_and_reset(self):
        """R-A5: a confirmed reviewed order refuses review-relevant changes;
        cancelled and set back to quotation it needs a new round."""
        order = self._order(1000.0)
        self._submit(order)
        self._approve(order)
        order.action_confirm()
        with self.assertRaises(UserError):
            order.order_line.write({"price_unit": 2000.0})
        order.action_cancel()
        order.action_draft()
        self.assertEqual(order.qms_review_state, "none")
        self.assertEqual(order.qms_review_id.state, "voided")
        with self.assertRaises(UserError):
            order.action_confirm()

    def _to_sign(self, user):
        action = self.env.ref("qms_customer.sale_order_action_qms_to_sign")
        domain = safe_eval(action.domain, {"uid": user.id})
        return self.env["sale.order"].sudo(user).search(domain)

    def test_26_signing_inbox_and_rejection(self):
        """R-A4, R-A3: "Orders to Sign" lists exactly what the user may
        sign; a rejection gives the salesperson an activity with the
        reason, shown in the order's banner."""
        small = self._order(200000.0)
        large = self._order(700000.0)
        self._submit(small)
        self._submit(large)
        self.assertEqual(self._to_sign(self.sales_manager) & (small | large),
                         small)
        self.assertEqual(self._to_sign(self.vp) & (small | large), large)
        self.assertFalse(self._to_sign(self.salesman) & (small | large))
        small.sudo(self.sales_manager)._qms_reject("Price below cost")
        self.assertEqual(small.qms_reject_reason, "Price below cost")
        rework = self.env["mail.activity"].search([
            ("res_model", "=", "sale.order"), ("res_id", "=", small.id),
            ("user_id", "=", self.salesman.id)])
        self.assertIn("Price below cost", " ".join(rework.mapped("note")))

    def test_27_order_shows_what_is_missing(self):
        """R-A1, R-A3: under review, the order lists what still keeps the
        round from approval, instead of an error on Approve."""
        order = self._order(1000.0)
        self._submit(order, answer=False)
        self.assertIn("review items not answered", order.qms_review_missing)
        self._answer_items(order)
        order.invalidate_cache()
        self.assertFalse(order.qms_review_missing)
