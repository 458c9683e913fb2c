"""The demo's market (R-E5): 苏州精工电子有限公司, a manufacturer in Suzhou
working in CNY, next to the demo company. Its own non-admin users walk the
review and complaint flows from the state the demo leaves them in: an
order in each signing band submitted by the salesperson, signed by the
signer of its band and confirmed (R-A4), a complaint taken to its
corrective actions (R-C5), a claim booked as a credit note in CNY (R-C6)
and a satisfaction campaign (R-D1); the company's data stay apart from the
demo company's (R-E1)."""

from odoo.exceptions import AccessError, UserError
from odoo.tests.common import SavepointCase

ROLES = ("salesman", "sales_manager", "vp", "gm", "quality",
         "quality_manager", "production", "finance")


class TestDemoChinaCompany(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestDemoChinaCompany, cls).setUpClass()
        cls.env = cls.env(context=dict(
            cls.env.context, mail_notify_force_send=False,
            mail_create_nolog=True, tracking_disable=True))
        cls.company = cls.env.ref("qms_customer.company_cn_demo")
        cls.users = {role: cls.env.ref("qms_customer.user_cn_%s_demo" % role)
                     for role in ROLES}
        cls.cny = cls.env.ref("base.CNY")

    def _demo(self, xmlid, user=None):
        record = self.env.ref(xmlid)
        return record.sudo(user) if user else record

    def _sign_activities(self, order, user):
        return self.env["mail.activity"].search([
            ("res_model", "=", "sale.order"), ("res_id", "=", order.id),
            ("user_id", "=", user.id),
            ("activity_type_id", "=", self.env.ref(
                "qms_customer.mail_activity_qms_order_review").id)])

    def _new_order(self, amount):
        """A quotation the salesperson creates himself: the company's
        defaults fill in the rest."""
        salesman = self.users["salesman"]
        product = self.env.ref("qms_customer.product_cn_drive_demo")
        return self.env["sale.order"].sudo(salesman).create({
            "partner_id": self.env.ref(
                "qms_customer.partner_cn_nanjing_demo").id,
            "user_id": salesman.id,
            "order_line": [(0, 0, {
                "product_id": product.id, "name": product.name,
                "product_uom_qty": amount / 2500.0, "price_unit": 2500.0,
                "product_uom": product.uom_id.id})]})

    def test_01_company_set_up(self):
        """R-E5, R-A2, R-A4: the company works in CNY at a Chinese address,
        its signing tiers are 100,000 / 500,000 in CNY, its departments are
        staffed by its own users, none of them an administrator, and its
        set-up checklist has nothing left but the e-mail alias."""
        company = self.company
        self.assertEqual(company.currency_id, self.cny)
        self.assertEqual(company.country_id, self.env.ref("base.cn"))
        self.assertEqual((company.state_id.name, company.city),
                         ("江苏省", "苏州市"))
        self.assertTrue(company.qms_order_review_required)
        tiers = self.env["tier.definition"].search([
            ("model", "=", "sale.order"), ("company_id", "=", company.id)])
        self.assertEqual(
            sorted((t.qms_amount_above, t.qms_amount_upto) for t in tiers),
            [(0.0, 100000.0), (100000.0, 500000.0), (500000.0, 0.0)])
        for role, user in self.users.items():
            self.assertEqual(user.company_ids, company, role)
            self.assertFalse(user.has_group("base.group_system"), role)
        departments = self.env["qms.department"].search(
            [("company_id", "=", company.id)])
        self.assertEqual(len(departments), 8)
        people = self.env["res.users"].browse(
            [u.id for u in self.users.values()])
        self.assertTrue(all(d.manager_id in people for d in departments))
        self.assertEqual(
            departments.filtered(lambda d: d.code == "quality").manager_id,
            self.users["quality_manager"])
        lines = self.env["qms.setup.check"]._qms_check_company(company)
        self.assertLessEqual({line["topic"] for line in lines},
                             {"Complaints by e-mail"})
        journals = self.env["account.journal"].search(
            [("company_id", "=", company.id)])
        self.assertEqual(sorted(set(journals.mapped("type"))),
                         ["bank", "purchase", "sale"])

    def test_02_demo_orders_in_every_state(self):
        """R-E5, R-A4, R-A3: the demo's orders of the company, in CNY, are
        signed by the signer of their band (salesperson, sales manager,
        vice president) or wait for him; the rejected one waits for its
        salesperson's rework; the special order waits for every
        department, each asked through its own staff."""
        users = self.users
        for xmlid, state, review, signer in (
                ("band1", "sale", "approved", "salesman"),
                ("band2_done", "sale", "approved", "sales_manager"),
                ("band3_done", "sale", "approved", "vp"),
                ("band2", "draft", "pending", "sales_manager"),
                ("band3", "draft", "pending", "vp"),
                ("band2_rejected", "draft", "rejected", "sales_manager"),
                ("special", "draft", "pending", "vp"),
                ("quote", "draft", "none", None)):
            order = self._demo("qms_customer.sale_order_cn_%s_demo" % xmlid)
            self.assertEqual(order.company_id, self.company, xmlid)
            self.assertEqual(order.currency_id, self.cny, xmlid)
            self.assertEqual((order.state, order.qms_review_state),
                             (state, review), xmlid)
            if review == "pending":
                self.assertEqual(order.qms_signer_ids, users[signer], xmlid)
                self.assertTrue(self._sign_activities(order, users[signer]))
            elif signer:
                self.assertEqual(order.qms_signed_by, users[signer], xmlid)
            if signer:
                self.assertEqual(order.qms_submitted_by, users["salesman"])
        rejected = self._demo("qms_customer.sale_order_cn_band2_rejected_demo")
        self.assertTrue(rejected.qms_reject_reason)
        self.assertTrue(self.env["mail.activity"].search([
            ("res_model", "=", "sale.order"), ("res_id", "=", rejected.id),
            ("user_id", "=", users["salesman"].id)]))
        special = self._demo("qms_customer.sale_order_cn_special_demo")
        self.assertEqual(special.qms_order_type_id.code, "special")
        lines = special.qms_review_id.department_review_ids
        self.assertEqual(len(lines), 8)
        self.assertEqual(lines.mapped("responsible_id.company_id"),
                         self.company)

    def test_03_band1_signed_by_salesperson(self):
        """R-A4: the demo quotation below 100,000 is submitted by its
        salesperson, who signs it himself and confirms it; the order is
        released to the company's production department (R-A9)."""
        salesman = self.users["salesman"]
        order = self._demo("qms_customer.sale_order_cn_quote_demo", salesman)
        order.action_qms_submit_review()
        self.assertEqual(order.qms_tier_id.company_id, self.company)
        self.assertEqual(order.qms_signer_ids, salesman)
        order.action_qms_items_pass()
        order.action_qms_approve()
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        release = self.env["mail.activity"].search([
            ("res_model", "=", "sale.order"), ("res_id", "=", order.id),
            ("activity_type_id", "=", self.env.ref(
                "qms_customer.mail_activity_qms_order_release").id)])
        self.assertEqual(release.mapped("user_id"), self.users["production"])

    def test_04_band2_signed_by_sales_manager(self):
        """R-A4: the demo order between 100,000 and 500,000 waiting for a
        signature is signed by the company's sales manager only (not by its
        salesperson nor the vice president), then confirmed by the
        salesperson; the manager's activity is done."""
        manager = self.users["sales_manager"]
        order = self._demo("qms_customer.sale_order_cn_band2_demo")
        with self.assertRaises(UserError):
            order.sudo(self.users["salesman"]).action_qms_approve()
        # the vice president does not even see an order below his band
        with self.assertRaises(AccessError):
            order.sudo(self.users["vp"]).action_qms_approve()
        order.sudo(manager).action_qms_approve()
        self.assertFalse(self._sign_activities(order, manager))
        order.sudo(self.users["salesman"]).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.qms_signed_by, manager)

    def test_05_band3_signed_by_vice_president(self):
        """R-A4: the demo order above 500,000 is signed by the company's
        vice president only, then confirmed by the salesperson."""
        order = self._demo("qms_customer.sale_order_cn_band3_demo")
        with self.assertRaises(UserError):
            order.sudo(self.users["sales_manager"]).action_qms_approve()
        order.sudo(self.users["vp"]).action_qms_approve()
        order.sudo(self.users["salesman"]).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.qms_signed_by, self.users["vp"])

    def test_06_new_orders_in_each_band(self):
        """R-A4: a quotation the salesperson creates gets the company's
        CNY pricelist, warehouse and order type; in each band it is signed
        by the right user of the company and confirmed."""
        salesman = self.users["salesman"]
        for amount, signer in ((50000.0, "salesman"),
                               (200000.0, "sales_manager"),
                               (600000.0, "vp")):
            order = self._new_order(amount)
            self.assertEqual(order.company_id, self.company)
            self.assertEqual(order.pricelist_id.currency_id, self.cny)
            self.assertEqual(order.warehouse_id.company_id, self.company)
            self.assertEqual(order.qms_order_type_id.company_id, self.company)
            order.action_qms_submit_review()
            order.action_qms_items_pass()
            self.assertEqual(order.qms_signer_ids, self.users[signer], amount)
            order.sudo(self.users[signer]).action_qms_approve()
            order.sudo(salesman).action_confirm()
            self.assertEqual(order.state, "sale", amount)

    def _new_complaint(self):
        """A complaint the salesperson registers and hands to quality."""
        complaint = self.env["qms.complaint"].sudo(self.users["salesman"])\
            .create({
                "subject": "线束端子压接不良",
                "partner_id": self.env.ref(
                    "qms_customer.partner_cn_wuxi_demo").id,
                "product_id": self.env.ref(
                    "qms_customer.product_cn_harness_demo").id,
                "route": "quality", "urgency": "urgent",
                "channel": "phone"})
        complaint.action_classify()
        complaint = complaint.sudo(self.users["quality"])
        complaint.write({"responsibility": "ours",
                         "root_cause": "压接模具磨损。"})
        return complaint

    def test_07_complaint_to_capa(self):
        """R-C1, R-C2, R-C3, R-C5: the salesperson registers a complaint and
        hands it to quality: the company's quality manager owns it and the
        company's quality department handles it; the quality user records
        the handling and plans the CAPA, a nonconformity of the company
        managed by its quality manager. The demo complaint has its
        corrective actions, owned by the company's people."""
        demo = self._demo("qms_complaint.complaint_cn_capa_demo")
        self.assertEqual(demo.state, "handling")
        self.assertEqual(demo.nonconformity_id.company_id, self.company)
        self.assertEqual(len(demo.action_ids), 2)
        self.assertEqual(demo.action_ids.mapped("company_id"), self.company)
        complaint = self._new_complaint()
        self.assertEqual(complaint.company_id, self.company)
        self.assertEqual(complaint.user_id, self.users["quality_manager"])
        self.assertEqual(complaint.department_id.company_id, self.company)
        complaint.action_create_capa()
        nonconformity = complaint.sudo().nonconformity_id
        self.assertEqual(nonconformity.company_id, self.company)
        self.assertEqual(nonconformity.manager_user_id,
                         self.users["quality_manager"])

    def test_08_capa_actions_by_quality_user(self):
        """R-C5: the quality user plans one corrective action per permanent
        measure, owned by the measure's owner (the e-mail of a new action
        reads the base URL whatever the user's rights)."""
        complaint = self._new_complaint()
        production = self.env["qms.department"]._get_by_code(
            "production", self.company)
        self.env["qms.complaint.measure"].sudo(self.users["quality"]).create({
            "complaint_id": complaint.id, "name": "更换压接模具",
            "kind": "tooling", "user_id": self.users["production"].id,
            "department_id": production.id, "date_due": "2099-12-31"})
        complaint.action_create_capa()
        self.assertEqual(complaint.sudo().action_ids.mapped("user_id"),
                         self.users["production"])

    def test_09_claim_booked_as_credit_note_in_cny(self):
        """R-C6: the demo claim approved by the company's general manager
        is settled by the quality user: a customer credit note in CNY in
        the company's sales journal and a quality cost; a new claim goes
        to the company's general manager, not to the demo company's."""
        quality = self.users["quality"]
        claim = self._demo("qms_complaint.claim_cn_demo", quality)
        self.assertEqual(claim.state, "approved")
        self.assertEqual(claim.approved_by_id, self.users["gm"])
        claim.action_settle()
        self.assertEqual(claim.state, "done")
        credit = claim.sudo().invoice_id
        self.assertEqual(credit.type, "out_refund")
        self.assertEqual(credit.company_id, self.company)
        self.assertEqual(credit.currency_id, self.cny)
        self.assertEqual(credit.journal_id, self.env.ref(
            "qms_customer.journal_cn_sale_demo"))
        self.assertEqual(credit.partner_id, claim.partner_id)
        self.assertAlmostEqual(credit.amount_total, 28000.0)
        self.assertAlmostEqual(
            sum(claim.sudo().quality_cost_ids.mapped("amount")), 28000.0)
        new = self.env["qms.complaint.claim"].sudo(quality).create({
            "complaint_id": claim.complaint_id.id, "amount_claimed": 5000})
        new.action_request_approval()
        self.assertEqual(new.sudo().review_ids.mapped("reviewer_ids"),
                         self.users["gm"])
        new.sudo(self.users["gm"]).validate_tier()
        self.assertEqual(new.state, "approved")

    def test_10_credit_note_posts_in_the_company(self):
        """R-C6: the claim's credit note is booked on the company's own
        receivable account (the customer's account in the claim's
        company), so accounting can post it."""
        claim = self._demo("qms_complaint.claim_cn_demo",
                           self.users["quality"])
        claim.action_settle()
        credit = claim.sudo().invoice_id
        self.assertEqual(credit.account_id, self.env.ref(
            "qms_customer.account_cn_1122_demo"))
        credit.action_invoice_open()
        self.assertEqual(credit.state, "open")

    def test_11_companies_apart(self):
        """R-E1: the company's users see none of the demo company's orders
        and complaints, and the demo company's salesperson none of
        theirs."""
        salesman = self.users["salesman"]
        quality = self.users["quality_manager"]
        main_order = self.env.ref("qms_customer.sale_order_qms_band2_demo")
        cn_order = self._demo("qms_customer.sale_order_cn_band2_demo")
        with self.assertRaises(AccessError):
            main_order.sudo(salesman).read(["name"])
        self.assertFalse(self.env["sale.order"].sudo(quality).search(
            [("company_id", "!=", self.company.id)]))
        self.assertFalse(self.env["qms.complaint"].sudo(quality).search(
            [("company_id", "!=", self.company.id)]))
        demo_user = self.env.ref("base.user_demo")
        with self.assertRaises(AccessError):
            cn_order.sudo(demo_user).read(["name"])
        self.assertFalse(self.env["qms.complaint"].sudo(demo_user).search(
            [("company_id", "=", self.company.id)]))

    def test_12_satisfaction_campaign(self):
        """R-D1, R-D2: the company's current campaign went to its three
        customers; one answered on the phone and is scored; the
        salesperson enters another customer's phone answer."""
        campaign = self._demo("qms_survey.campaign_cn_demo")
        self.assertEqual(campaign.company_id, self.company)
        self.assertEqual(campaign.state, "open")
        self.assertEqual(len(campaign.response_ids), 3)
        done = campaign.response_ids.filtered(lambda r: r.state == "done")
        self.assertEqual(done.partner_id, self.env.ref(
            "qms_customer.partner_cn_wuxi_demo"))
        self.assertTrue(done.score_overall)
        salesman = self.users["salesman"]
        response = campaign.response_ids.filtered(
            lambda r: r.partner_id == self.env.ref(
                "qms_customer.partner_cn_nanjing_demo"))
        action = response.sudo(salesman).action_phone_entry()
        wizard = self.env["qms.survey.phone.entry"].sudo(salesman)\
            .with_context(action["context"]).create({"suggestion": "准时。"})
        satisfied = self.env.ref(
            "qms_survey.survey_satisfaction_five_level_satisfied")
        wizard.line_ids.write({"label_id": satisfied.id})
        wizard.action_confirm()
        self.assertEqual(response.state, "done")
        self.assertEqual(response.answered_by_id, salesman)
        self.assertAlmostEqual(response.score_overall, 85.0)
