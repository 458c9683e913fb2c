# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Review content, departments, deficiencies, order types, credit,
special requirements, release, ledger, PDF, access and multi-company
(R-A1 to R-A3, R-A6 to R-A9, R-B5, R-E1, R-E3)."""
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

from .common import OrderReviewCase, load_chinese


class TestOrderReviewContent(OrderReviewCase):

    def test_01_items_must_be_answered_and_pass(self):
        """R-A1: the review items a) to e), price and payment terms are each
        answered pass / fail / n.a.; unanswered or failed items block."""
        order = self._order(1000.0)
        review = self._submit(order, answer=False)
        codes = review.item_ids.mapped("type_id.code")
        for code in ("a", "b", "c", "d", "e", "price", "payment"):
            self.assertIn(code, codes)
        with self.assertRaises(UserError) as err:
            self._approve(order)
        self.assertIn("not answered", str(err.exception))
        review.item_ids[0].sudo(self.salesman).write(
            {"result": "fail", "comment": "drawing rev. missing"})
        review.item_ids[1:].sudo(self.salesman).write({"result": "na"})
        self.assertEqual(review.item_ids[0].answered_by, self.salesman)
        with self.assertRaises(UserError) as err:
            self._approve(order)
        self.assertIn("failed", str(err.exception))
        review.item_ids[0].sudo(self.salesman).write({"result": "pass"})
        self._approve(order)
        self.assertEqual(order.qms_review_state, "approved")
        # closed round: items frozen
        with self.assertRaises(UserError):
            review.item_ids[0].sudo(self.salesman).write({"result": "fail"})
        with self.assertRaises(UserError):
            review.item_ids[0].sudo(self.salesman).write(
                {"name": "forged"})

    def test_02_departments_sign_their_part(self):
        """R-A2: the departments of the order type sign their part, only
        their members can; the round passes only when all passed."""
        self.type_regular.department_ids = [
            (6, 0, (self.dept_production | self.dept_finance).ids)]
        order = self._order(1000.0)
        review = self._submit(order)
        lines = review.department_review_ids
        self.assertEqual(lines.mapped("department_id"),
                         self.dept_production | self.dept_finance)
        dept_acts = self._activities(
            order, "qms_customer.mail_activity_qms_department_review")
        self.assertEqual(dept_acts.mapped("user_id"),
                         self.quality_user | self.finance_user)
        finance = lines.filtered(
            lambda d: d.department_id == self.dept_finance)
        with self.assertRaises(UserError):
            finance.sudo(self.quality_user).action_pass()
        with self.assertRaises(UserError):
            finance.sudo(self.finance_user).write({"state": "passed"})
        finance.sudo(self.finance_user).action_pass()
        self.assertEqual(finance.signed_by, self.finance_user)
        with self.assertRaises(UserError) as err:
            self._approve(order)
        self.assertIn("departments not passed", str(err.exception))
        (lines - finance).sudo(self.quality_user).action_pass()
        self.assertFalse(self._activities(
            order, "qms_customer.mail_activity_qms_department_review"))
        self._approve(order)
        self.assertEqual(order.qms_review_state, "approved")

    def test_03_deficiency_blocks_until_closed(self):
        """R-A3: an open deficiency blocks the approval; it is closed with a
        resolution (corrected / agreed), who and when are kept."""
        order = self._order(1000.0)
        self._submit(order)
        Deficiency = self.env["qms.order.review.deficiency"].sudo(
            self.salesman)
        with self.assertRaises(ValidationError):
            with self.env.cr.savepoint():
                Deficiency.create({
                    "order_id": order.id, "name": "Due yesterday",
                    "owner_id": self.salesman.id,
                    "due_date": fields.Date.to_string(
                        date.today() - timedelta(days=1))})
        self.assertFalse(order.qms_deficiency_ids)
        due = fields.Date.to_string(date.today() + timedelta(days=14))
        deficiency = self.env["qms.order.review.deficiency"].sudo(
            self.salesman).create({
                "order_id": order.id, "name": "Packaging spec unclear",
                "owner_id": self.salesman.id, "due_date": due})
        self.assertEqual(deficiency.review_id, order.qms_review_id)
        with self.assertRaises(UserError) as err:
            self._approve(order)
        self.assertIn("open deficiencies", str(err.exception))
        with self.assertRaises(UserError):
            deficiency.action_close()
        with self.assertRaises(UserError):
            deficiency.write({"state": "closed"})
        with self.assertRaises(UserError):
            deficiency.unlink()
        deficiency.write({"resolution": "agreed",
                          "resolution_note": "Customer accepts std box"})
        deficiency.action_close()
        self.assertEqual(deficiency.state, "closed")
        self.assertEqual(deficiency.closed_by, self.salesman)
        self._approve(order)
        self.assertEqual(order.qms_review_state, "approved")

    def test_04_special_order_all_departments_and_meeting(self):
        """R-A6: above 1,000,000 the order becomes special: every department
        reviews and the meeting record is required."""
        order = self._order(1200000.0)
        review = self._submit(order)
        self.assertEqual(order.qms_order_type_id, self.type_special)
        self.assertEqual(review.department_review_ids.mapped(
            "department_id"), self.departments)
        self.assertTrue(review.requires_meeting)
        review.department_review_ids.sudo(
            self.quality_user).filtered(
                lambda d: d.department_id != self.dept_finance).action_pass()
        review.department_review_ids.filtered(
            lambda d: d.department_id == self.dept_finance).sudo(
                self.finance_user).action_pass()
        with self.assertRaises(UserError) as err:
            self._approve(order, self.vp)
        self.assertIn("meeting", str(err.exception))
        review.sudo(self.salesman).write({
            "meeting_date": "2026-03-02",
            "meeting_attendee_ids": [(6, 0, [self.quality_user.id])],
            "meeting_minutes": "All departments agree."})
        self._approve(order, self.vp)
        self.assertEqual(order.qms_review_state, "approved")

    def test_05_phone_order_needs_confirmation_record(self):
        """R-A6: a telephone / oral / fax order needs the order confirmation
        record before it passes."""
        order = self._order(5000.0, order_type=self.type_phone)
        review = self._submit(order)
        with self.assertRaises(UserError) as err:
            self._approve(order)
        self.assertIn("confirmation record", str(err.exception))
        review.sudo(self.salesman).write({
            "confirmation_channel": "phone",
            "confirmation_contact": "Mr. Li",
            "confirmation_date": "2026-03-02",
            "confirmation_note": "100 valves DN50, 50.00 each, week 12"})
        self._approve(order)
        self.assertEqual(order.qms_review_state, "approved")

    def test_06_small_order_limit(self):
        """R-A6: the small order type is for orders below 10,000."""
        order = self._order(10000.0, order_type=self.type_small)
        with self.assertRaises(UserError):
            order.action_qms_submit_review()
        self.assertEqual(order.qms_review_state, "none")
        order = self._order(9999.99, order_type=self.type_small)
        self._submit(order)
        self._approve(order)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_07_no_framework_skips_departments_not_signature(self):
        """R-A6: a customer without framework agreement skips the
        departmental review when the company allows it, never the tier
        signature."""
        self.type_regular.department_ids = [(6, 0, self.dept_production.ids)]
        self.customer.qms_no_framework_agreement = True
        order = self._order(300000.0)
        review = self._submit(order)
        self.assertTrue(review.skip_department_review)
        self.assertFalse(review.department_review_ids)
        with self.assertRaises(UserError):
            order.action_confirm()
        self._approve(order, self.sales_manager)
        order.action_confirm()
        self.company.qms_no_framework_skip_review = False
        order = self._order(300000.0)
        review = self._submit(order)
        self.assertEqual(review.department_review_ids.mapped("department_id"),
                         self.dept_production)

    def test_08_credit_limit_makes_finance_mandatory(self):
        """R-A7: a customer over its credit limit (open receivables plus
        the order) needs the finance review; the figures are kept."""
        self.customer.credit_limit = 50000.0
        order = self._order(60000.0)
        self.assertTrue(order.qms_credit_flag)
        self.assertEqual(order.qms_credit_limit, 50000.0)
        review = self._submit(order)
        self.assertTrue(review.credit_flag)
        self.assertIn("credit limit", review.credit_reason)
        finance = review.department_review_ids.filtered(
            lambda d: d.department_id == self.dept_finance)
        self.assertTrue(finance)
        with self.assertRaises(UserError):
            self._approve(order)
        finance.sudo(self.finance_user).action_pass()
        self._approve(order)
        self.assertEqual(order.qms_review_state, "approved")
        small = self._order(100.0, partner=self.env["res.partner"].create(
            {"name": "QR good payer", "customer": True}))
        self.assertFalse(small.qms_credit_flag)

    def test_09_overdue_days_makes_finance_mandatory(self):
        """R-A7: invoices overdue beyond the company's allowed days make
        the finance review mandatory."""
        account = self.env["account.account"].search([
            ("user_type_id.type", "=", "receivable"),
            ("company_id", "=", self.company.id)], limit=1)
        income = self.env["account.account"].search([
            ("user_type_id", "=",
             self.env.ref("account.data_account_type_revenue").id),
            ("company_id", "=", self.company.id)], limit=1)
        journal = self.env["account.journal"].search([
            ("type", "=", "sale"), ("company_id", "=", self.company.id)],
            limit=1)
        due = fields.Date.to_string(
            fields.Date.from_string(fields.Date.today()) - timedelta(days=45))
        invoice = self.env["account.invoice"].create({
            "partner_id": self.customer.id, "account_id": account.id,
            "journal_id": journal.id, "type": "out_invoice",
            "date_invoice": due, "date_due": due,
            "invoice_line_ids": [(0, 0, {
                "name": "old", "quantity": 1, "price_unit": 500.0,
                "account_id": income.id})]})
        invoice.action_invoice_open()
        invoice.date_due = due
        order = self._order(1000.0)
        self.assertGreaterEqual(order.qms_days_overdue, 45)
        self.assertTrue(order.qms_credit_flag)
        review = self._submit(order)
        self.assertIn(self.dept_finance,
                      review.department_review_ids.mapped("department_id"))
        self.company.qms_credit_overdue_days = 60
        order2 = self._order(1000.0)
        self.assertFalse(order2.qms_credit_flag)

    def test_10_customer_requirements_acknowledged(self):
        """R-B5: the customer's active special requirements show on the
        review and must be acknowledged (who, when) before it passes."""
        if "qms.customer.requirement" not in self.env:
            self.skipTest("customer requirement model not installed")
        Req = self.env["qms.customer.requirement"]
        req = Req.create({
            "partner_id": self.customer.id,
            "name": "PPAP level 3 for every new part",
            "review_ids": [(0, 0, {"outcome": "accepted"})]})
        req.action_activate()
        self.assertIn(req, self.customer._qms_active_requirements())
        order = self._order(1000.0)
        self.assertIn("PPAP", order.qms_requirement_html)
        review = self._submit(order)
        self.assertEqual(review.requirement_count, 1)
        with self.assertRaises(UserError) as err:
            self._approve(order)
        self.assertIn("special requirements", str(err.exception))
        review.sudo(self.salesman).action_acknowledge_requirements()
        self.assertEqual(review.csr_ack_user_id, self.salesman)
        self.assertTrue(review.csr_ack_date)
        self._approve(order)
        self.assertEqual(order.qms_review_state, "approved")

    def test_11_release_to_departments_on_confirm(self):
        """R-A9: on confirmation the departments configured for the order
        type get an activity to carry out the order."""
        order = self._order(1000.0)
        self._submit(order)
        self._approve(order)
        order.action_confirm()
        release = self._activities(
            order, "qms_customer.mail_activity_qms_order_release")
        self.assertEqual(release.mapped("user_id"),
                         self.dept_production._get_responsible_user())
        self.assertTrue(release.date_deadline)

    def test_12_ledger_and_exports(self):
        """R-A8/R-E3: reviewed orders are in the contract ledger with their
        delivery / invoicing / payment status; Excel and PDF render."""
        order = self._order(1000.0)
        self._submit(order)
        self._approve(order)
        order.action_confirm()
        action = self.env.ref("qms_customer.sale_order_action_qms_ledger")
        ledger = self.env["sale.order"].search(
            eval(action.domain) + [("id", "=", order.id)])
        self.assertEqual(ledger, order)
        self.assertEqual(order.qms_delivery_status, "none")
        self.assertEqual(order.qms_payment_status, "none")
        picking = order.picking_ids
        picking.move_lines.write({"quantity_done": 1.0})
        picking.action_done()
        self.assertEqual(order.qms_delivery_status, "full")
        xlsx = self.env.ref(
            "qms_customer.action_report_contract_ledger_xlsx")
        content, fmt = self.env["report.qms_customer.contract_ledger_xlsx"]\
            .create_xlsx_report(order.ids, {})
        self.assertEqual(fmt, "xlsx")
        self.assertTrue(content.startswith(b"PK"))
        self.assertTrue(xlsx)
        html = self.env.ref(
            "qms_customer.action_report_sale_order_review").render_qweb_html(
                order.ids)[0]
        html = html.decode() if isinstance(html, bytes) else html
        self.assertIn("合同评审表", html)
        self.assertIn(order.name, html)
        self.assertIn("Round", html)
        self.assertIn(self.salesman.name, html)

    def test_13_access_per_role(self):
        """R-E1: a salesperson cannot submit another salesperson's order;
        an employee cannot read reviews; a quality user fills in items."""
        order = self._order(1000.0)
        with self.assertRaises(AccessError):
            order.sudo(self.employee).action_qms_submit_review()
        self._submit(order, answer=False)
        with self.assertRaises(AccessError):
            self.env["qms.order.review"].sudo(self.employee).search([])\
                .mapped("state")
        order.qms_review_id.item_ids.sudo(self.quality_user).write(
            {"result": "pass"})
        with self.assertRaises(UserError):
            order.qms_review_id.sudo(self.salesman).unlink()
        self._approve(order)
        self.assertEqual(order.qms_review_state, "approved")
        # tiers and the company switch are for administrators only
        for user in (self.salesman, self.sales_manager, self.vp):
            with self.assertRaises(AccessError):
                self.tier_manager.sudo(user).write(
                    {"qms_amount_upto": 900000.0})
            with self.assertRaises(AccessError):
                self.company.sudo(user).write(
                    {"qms_order_review_required": False})
        self.assertEqual(self.tier_manager.qms_amount_upto, 500000.0)
        self.assertTrue(self.company.qms_order_review_required)

    def test_14_multi_company(self):
        """R-A4/R-E1: tiers are per company: an order of a second company
        uses that company's tiers, is signed by a signer of that company
        only and is invisible to the first company's users."""
        company2 = self.env["res.company"].create({
            "name": "QR Second Co", "currency_id": self.currency.id})
        tier2 = self.env["tier.definition"].search([
            ("model", "=", "sale.order"), ("company_id", "=", company2.id),
            ("qms_amount_above", "=", 500000.0)])
        self.assertEqual(len(tier2), 1)
        salesman_b = self._user("qr_salesman_b", [
            "sales_team.group_sale_salesman"], company=company2)
        vp_b = self._user("qr_vp_b", [
            "qms_customer.group_qms_approver_vp"], company=company2)
        pricelist = self.env["product.pricelist"].create({
            "name": "QR B", "currency_id": self.currency.id,
            "company_id": company2.id})
        order = self.env["sale.order"].sudo(salesman_b).create({
            "partner_id": self.customer.id, "company_id": company2.id,
            "pricelist_id": pricelist.id,
            "order_line": [(0, 0, {
                "product_id": self.product.id, "name": "x",
                "product_uom_qty": 1, "price_unit": 700000.0,
                "tax_id": [(6, 0, [])]})]})
        order.action_qms_submit_review()
        self.assertEqual(order.qms_review_id.tier_id, tier2)
        # the main company's vice president does not sign company 2's order
        self.assertEqual(order.qms_review_id.signer_ids, vp_b)
        self.assertFalse(self.env["qms.order.review"].sudo(
            self.salesman).search([("order_id", "=", order.id)]))

    def test_15_ledger_is_the_reviewed_orders(self):
        """R-A8: the contract ledger lists the orders that went through
        review, withdrawn rounds included, and no quotation never
        submitted; its domain is a test of one indexed column of the
        order, not a list of every reviewed order's id."""
        action = self.env.ref("qms_customer.sale_order_action_qms_ledger")
        reviewed = self._order(1000.0)
        self._submit(reviewed)
        never = self._order(1000.0)
        ledger = self.env["sale.order"].search(
            safe_eval(action.domain) + [
                ("id", "in", (reviewed | never).ids)])
        self.assertEqual(ledger, reviewed)
        self.assertEqual(safe_eval(action.domain),
                         [("qms_review_id", "!=", False)])
        self.assertTrue(self.env["sale.order"]._fields["qms_review_id"].index)

    def test_16_signer_reads_his_activity_in_his_language(self):
        """R-A4, R-E4: the signer's activity is written in the signer's
        language whoever submits the order, with the amount formatted
        with its currency (not "300000.0 EUR"); the chatter note stays in
        the submitter's language."""
        load_chinese(self.env, "qms_customer")
        self.sales_manager.lang = "zh_CN"
        self.salesman.lang = "en_US"
        order = self._order(300000.0)
        self._submit(order)
        activity = self._activities(
            order, "qms_customer.mail_activity_qms_order_review").filtered(
                lambda a: a.user_id == self.sales_manager)
        self.assertEqual(len(activity), 1)
        self.assertIn("合同评审", activity.summary)
        self.assertNotIn("Sign the", activity.summary)
        self.assertIn("300,000.00", activity.note)
        self.assertNotIn("300000.0", activity.note)
        note = order.message_ids.filtered(
            lambda m: "Review round" in (m.body or ""))
        self.assertTrue(note, "the chatter note is in the submitter's "
                              "language")
