# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one workflow guard (R-A4, R-A5, R-C6, R-E1): what only the workflow
may write is refused to every role, in create as well as write, and a
re-read shows nothing changed."""
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import OrderReviewCase, load_chinese

REFUSED = (AccessError, UserError, ValidationError)


class TestWorkflowGuard(OrderReviewCase):

    def _roles(self):
        return [self.salesman, self.sales_manager, self.vp,
                self.quality_user, self.employee]

    def test_01_no_order_created_confirmed(self):
        """R-A4: no role creates an order directly in state 'sale'."""
        Order = self.env["sale.order"]
        before = Order.search_count([])
        for user in [self.salesman, self.sales_manager]:
            with self.assertRaises(REFUSED):
                with self.env.cr.savepoint():
                    self._order(700000.0, user=user, state="sale")
        self.assertEqual(Order.search_count([]), before)

    def test_02_cancelled_order_not_forced_to_sale(self):
        """R-A4: cancelling a quotation, then writing state 'sale', is
        refused: the gate holds whatever the current state."""
        order = self._order(700000.0)
        order.action_cancel()
        with self.assertRaises(UserError):
            with self.env.cr.savepoint():
                order.write({"state": "sale"})
        order.invalidate_cache()
        self.assertEqual(order.state, "cancel")

    def test_03_stored_amounts_not_writable(self):
        """R-A4, R-E1: the stored computed amounts a tier is chosen by are
        refused to every role (Odoo 11 lets RPC write them otherwise)."""
        order = self._order(600000.0)
        for fname in ("qms_amount_company", "amount_total",
                      "amount_untaxed", "qms_review_state"):
            with self.assertRaises(UserError, msg=fname):
                with self.env.cr.savepoint():
                    order.write({fname: 50000.0 if "amount" in fname
                                 else "approved"})
        order.invalidate_cache()
        self.assertEqual(order.qms_amount_company, 600000.0)
        self.assertEqual(order.qms_review_state, "none")
        line = order.order_line
        with self.assertRaises(UserError):
            with self.env.cr.savepoint():
                line.write({"price_subtotal": 1.0})
        line.invalidate_cache()
        self.assertEqual(line.price_subtotal, 600000.0)

    def test_04_tier_review_locked_for_every_role(self):
        """R-A4, R-E1: nobody writes, creates or deletes a tier review
        outside the workflow, whatever the model; the signer is read from
        the tier, not from a field he could write."""
        order = self._order(600000.0)
        self._submit(order)
        review = order.qms_review_id.tier_review_id
        for user in self._roles():
            for attack in (
                    lambda r: r.write({"status": "approved"}),
                    lambda r: r.write({"reviewer_ids": [(6, 0, [user.id])]}),
                    lambda r: r.unlink()):
                with self.assertRaises(REFUSED):
                    with self.env.cr.savepoint():
                        attack(review.sudo(user))
            with self.assertRaises(REFUSED):
                with self.env.cr.savepoint():
                    self.env["tier.review"].sudo(user).create({
                        "model": "qms.complaint.claim", "res_id": 1,
                        "definition_id": review.definition_id.id,
                        "status": "approved"})
        review.invalidate_cache()
        self.assertEqual(review.status, "pending")
        self.assertNotIn(self.salesman, review.reviewer_ids)
        self.assertEqual(order.qms_review_state, "pending")

    def test_05_review_rounds_of_others_unreadable(self):
        """R-E1: a salesperson reads neither the review rounds nor the tier
        reviews of another salesperson's orders; an employee without a
        sales or quality group reads no tier review."""
        order = self._order(600000.0)
        self._submit(order)
        review = order.qms_review_id
        Review = self.env["qms.order.review"]
        self.assertFalse(Review.sudo(self.salesman2).search(
            [("id", "=", review.id)]))
        self.assertFalse(self.env["qms.order.review.item"].sudo(
            self.salesman2).search([("review_id", "=", review.id)]))
        self.assertFalse(self.env["tier.review"].sudo(self.salesman2).search(
            [("id", "=", review.tier_review_id.id)]))
        self.assertFalse(self.env["tier.review"].sudo(self.employee).search(
            [("id", "=", review.tier_review_id.id)]))
        self.assertTrue(Review.sudo(self.salesman).search(
            [("id", "=", review.id)]))
        self.assertTrue(Review.sudo(self.quality_user).search(
            [("id", "=", review.id)]))

    def test_06_unconfirmed_order_not_invoiced(self):
        """R-A4: an order whose review is due is not invoiced before it is
        confirmed."""
        order = self._order(50000.0)
        with self.assertRaises(UserError):
            with self.env.cr.savepoint():
                order.action_invoice_create()
        product = self.env["product.product"].create({
            "name": "QR Down Payment", "type": "service",
            "invoice_policy": "order"})
        wizard = self.env["sale.advance.payment.inv"].with_context(
            active_ids=order.ids, active_model="sale.order").create({
                "advance_payment_method": "fixed", "amount": 100.0,
                "product_id": product.id})
        with self.assertRaises(UserError):
            with self.env.cr.savepoint():
                wizard.create_invoices()
        order.invalidate_cache()
        self.assertFalse(order.invoice_ids)

    def test_07_record_filed_in_own_company_only(self):
        """R-E1: company_id can only be one of the user's companies."""
        other = self.env["res.company"].create({"name": "QR Other Co"})
        with self.assertRaises(AccessError):
            with self.env.cr.savepoint():
                self.env["qms.customer.requirement"].sudo(
                    self.quality_user).create({
                        "name": "QR foreign", "partner_id": self.customer.id,
                        "company_id": other.id})
        self.assertFalse(self.env["qms.customer.requirement"].search(
            [("name", "=", "QR foreign")]))

    def test_08_activity_helper(self):
        """R-A4: activities go through one helper: the deadline defaults to
        the type's days, feedback closes them with a chatter message."""
        order = self._order(50000.0)
        atype = self.env.ref("qms_customer.mail_activity_qms_order_review")
        activity = order.activity_schedule(
            "qms_customer.mail_activity_qms_order_review",
            summary="QR sign", user_id=self.salesman.id)
        self.assertEqual(activity.activity_type_id, atype)
        self.assertTrue(activity.date_deadline)
        order.sudo(self.salesman).activity_feedback(
            ["qms_customer.mail_activity_qms_order_review"],
            feedback="QR done")
        self.assertFalse(activity.exists())
        self.assertIn("QR done", "".join(order.message_ids.mapped("body")))

    def test_09_customer_steering_fields(self):
        """R-E1, R-A7: a salesperson cannot make himself salesperson of
        another's customer, raise its credit limit or mark it 'no framework
        agreement'; a sales manager can."""
        self.customer.write({"user_id": self.salesman.id,
                             "credit_limit": 1000.0})
        for vals in ({"user_id": self.salesman2.id},
                     {"credit_limit": 999999.0},
                     {"qms_no_framework_agreement": True}):
            with self.assertRaises(AccessError):
                with self.env.cr.savepoint():
                    self.customer.sudo(self.salesman2).write(vals)
        self.customer.invalidate_cache()
        self.assertEqual(self.customer.user_id, self.salesman)
        self.assertEqual(self.customer.credit_limit, 1000.0)
        self.assertFalse(self.customer.qms_no_framework_agreement)
        manager = self._user("qr_sale_mgr", ["sales_team.group_sale_manager"])
        self.customer.sudo(manager).write({"user_id": self.salesman2.id})
        self.assertEqual(self.customer.user_id, self.salesman2)

    def test_10_refusal_in_the_users_language(self):
        """R-E4: an API call carries no language in its context; the
        refusal still names the model and the field in the user's
        language."""
        load_chinese(self.env, "qms_customer")
        self.salesman.lang = "zh_CN"
        order = self._order(600000.0)
        api_env = order.with_context({}).sudo(self.salesman)
        with self.assertRaises(UserError) as err:
            api_env.write({"qms_amount_company": 1.0})
        self.assertIn("金额(公司本位币)", err.exception.name)
