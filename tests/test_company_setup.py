"""A company created after install works at once (R-A1, R-A4, R-C6,
R-E1): it gets its own departments, order types and signing tiers from
the main company's templates, its non-admin users walk the order review
in each band and a claim to the general manager's approval; the review
gate follows the company's setting, and a customer confirming on the
portal sends his quotation into review instead of meeting an error."""
from unittest import mock

from odoo.exceptions import UserError
from odoo.tests.common import SavepointCase

from odoo.addons.qms_customer.models import qms_order_review
from odoo.addons.qms_customer.tests.common import new_user


class TestCompanySetup(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestCompanySetup, cls).setUpClass()
        cls.env = cls.env(context=dict(
            cls.env.context, mail_notify_force_send=False,
            mail_create_nolog=True, no_reset_password=True,
            tracking_disable=True))
        cny = cls.env.ref("base.CNY")
        cny.active = True
        cls.company = cls.env["res.company"].create({
            "name": "QMS Suzhou Precision", "currency_id": cny.id})
        groups = {
            "salesman": ["sales_team.group_sale_salesman"],
            "sales_manager": ["sales_team.group_sale_salesman_all_leads",
                              "qms_customer.group_qms_approver_sales_manager"],
            "vp": ["qms_customer.group_qms_approver_vp"],
            "gm": ["qms_customer.group_qms_approver_gm"],
            "quality": ["qms_customer.group_qms_user"],
        }
        # only this company's users sign in these tests
        for xmlid in ("qms_customer.group_qms_approver_sales_manager",
                      "qms_customer.group_qms_approver_vp",
                      "qms_customer.group_qms_approver_gm"):
            cls.env.ref(xmlid).write({"users": [(5, 0, 0)]})
        cls.users = {role: new_user(cls.env, "cs_%s" % role, grps,
                                    cls.company)
                     for role, grps in groups.items()}
        cls.customer = cls.env["res.partner"].create({
            "name": "CS Customer", "customer": True, "is_company": True,
            "company_id": cls.company.id,
            "user_id": cls.users["salesman"].id})
        cls.product = cls.env["product.product"].create({
            "name": "CS Housing", "type": "consu", "company_id": False,
            "taxes_id": [(6, 0, [])]})
        cls.pricelist = cls.env["product.pricelist"].create({
            "name": "CS CNY", "currency_id": cny.id,
            "company_id": cls.company.id})

    def _order(self, amount):
        salesman = self.users["salesman"]
        return self.env["sale.order"].sudo(salesman).create({
            "partner_id": self.customer.id, "user_id": salesman.id,
            "company_id": self.company.id,
            "pricelist_id": self.pricelist.id,
            "order_line": [(0, 0, {
                "product_id": self.product.id, "name": "CS Housing",
                "product_uom_qty": 1.0, "price_unit": amount,
                "product_uom": self.product.uom_id.id,
                "tax_id": [(6, 0, [])]})]}).sudo(salesman)

    def test_01_company_gets_its_configuration(self):
        """R-A2, R-A4, R-A6: the new company has its departments (to be
        staffed), its order types pointing to its own departments and its
        three signing tiers; setting up again adds nothing."""
        departments = self.env["qms.department"].search(
            [("company_id", "=", self.company.id)])
        self.assertEqual(len(departments), 8)
        self.assertFalse(departments.mapped("manager_id"))
        types = self.env["qms.order.type"].search(
            [("company_id", "=", self.company.id)])
        self.assertEqual(sorted(types.mapped("code")),
                         ["phone", "regular", "small", "special"])
        self.assertEqual(
            types.mapped("release_department_ids.company_id"), self.company)
        tiers = self.env["tier.definition"].search([
            ("model", "=", "sale.order"),
            ("company_id", "=", self.company.id)])
        self.assertEqual(sorted(tiers.mapped("qms_amount_above")),
                         [0.0, 100000.0, 500000.0])
        self.company._qms_setup_company()
        self.assertEqual(self.env["qms.department"].search_count(
            [("company_id", "=", self.company.id)]), 8)

    def test_02_order_review_in_each_band(self):
        """R-A4: in the new company, in CNY, each band is signed by its
        signer, all non-admin users."""
        self.company.qms_order_review_required = True
        for amount, signer in ((50000.0, "salesman"),
                               (200000.0, "sales_manager"),
                               (600000.0, "vp")):
            order = self._order(amount)
            order.action_qms_submit_review()
            order.qms_review_id.item_ids.write({"result": "pass"})
            order.sudo(self.users[signer]).action_qms_approve()
            order.action_confirm()
            self.assertEqual(order.state, "sale", amount)
            self.assertEqual(order.qms_review_id.tier_id.company_id,
                             self.company)

    def test_03_claim_approved_by_general_manager(self):
        """R-C6: a claim in the new company finds the claim tier and is
        approved by the general manager."""
        quality = self.users["quality"]
        complaint = self.env["qms.complaint"].sudo(quality).create({
            "subject": "CS dents", "partner_id": self.customer.id,
            "company_id": self.company.id})
        claim = self.env["qms.complaint.claim"].sudo(quality).create({
            "complaint_id": complaint.id, "amount_claimed": 800.0})
        claim.action_request_approval()
        self.assertEqual(len(claim.sudo().review_ids), 1)
        claim.sudo(self.users["gm"]).validate_tier()
        self.assertEqual(claim.state, "approved")

    def test_04_gate_follows_the_company_setting(self):
        """R-A4: without review required the order confirms as in plain
        Odoo; with it, confirmation is refused until approved."""
        self.company.qms_order_review_required = False
        order = self._order(1000.0)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.company.qms_order_review_required = True
        order = self._order(1000.0)
        with self.assertRaises(UserError):
            order.action_confirm()
        self.assertEqual(order.state, "draft")

    def test_05_customer_confirmation_goes_into_review(self):
        """R-A4: the customer signing or paying a quotation on the portal
        (a portal user's request, the order in sudo) is not refused: the
        quotation goes into review, stays a quotation, and its salesperson
        gets an activity to confirm it once approved."""
        self.company.qms_order_review_required = True
        order = self._order(1000.0)
        order.write({"state": "sent"})
        portal = self.env.ref("base.demo_user0", raise_if_not_found=False) \
            or new_user(self.env, "cs_portal", ["base.group_portal"])
        fake = mock.MagicMock()
        fake.env.user = portal
        with mock.patch.object(qms_order_review, "request", fake):
            order.sudo().action_confirm()
        self.assertEqual(order.state, "sent")
        self.assertEqual(order.qms_review_state, "pending")
        activities = self.env["mail.activity"].search([
            ("res_model", "=", "sale.order"), ("res_id", "=", order.id),
            ("user_id", "=", self.users["salesman"].id)])
        self.assertTrue(activities.filtered(
            lambda a: "after its review" in (a.summary or "")))

    def test_06_capa_in_the_new_company(self):
        """R-C5: the new company's quality user plans the corrective
        actions of a complaint: the nonconformity is numbered there too."""
        quality = self.users["quality"]
        complaint = self.env["qms.complaint"].sudo(quality).create({
            "subject": "CS cracks", "partner_id": self.customer.id,
            "company_id": self.company.id, "route": "quality"})
        complaint.action_classify()
        complaint.action_create_capa()
        self.assertTrue(complaint.nonconformity_id)
        self.assertTrue(complaint.sudo().nonconformity_id.ref)
        self.assertEqual(complaint.sudo().nonconformity_id.company_id,
                         self.company)

    def test_07_setup_checklist(self):
        """R-A2, R-A4: the checklist tells the new company's administrator
        what is missing, each line linked to the record to fix; a staffed
        department leaves the list."""
        manager = new_user(self.env, "cs_qms_manager",
                           ["qms_customer.group_qms_manager"], self.company)
        Check = self.env["qms.setup.check"].sudo(manager)
        lines = Check.browse(Check.action_open_checklist()["domain"][0][2])
        quality = self.env["qms.department"].search([
            ("company_id", "=", self.company.id), ("code", "=", "quality")])
        mine = lines.filtered(lambda ln: ln.company_id == self.company)
        self.assertIn(quality.id, mine.filtered(
            lambda ln: ln.res_model == "qms.department").mapped("res_id"))
        action = mine.filtered(lambda ln: ln.res_id == quality.id and
                               ln.res_model == "qms.department").action_fix()
        self.assertEqual((action["res_model"], action["res_id"]),
                         ("qms.department", quality.id))
        quality.manager_id = manager
        lines = Check.browse(Check.action_open_checklist()["domain"][0][2])
        self.assertNotIn(quality.id, lines.filtered(
            lambda ln: ln.res_model == "qms.department").mapped("res_id"))
