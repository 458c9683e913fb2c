"""Cross-addon flow: an order reviewed and signed in qms_customer is the
subject of a complaint in qms_complaint, whose claim is approved by the
general manager and booked as a credit note to the same customer and as
quality cost."""
from odoo.exceptions import ValidationError

from odoo.addons.qms_complaint.tests.common import ComplaintCase


class TestOrderToComplaintFlow(ComplaintCase):

    @classmethod
    def setUpClass(cls):
        super(TestOrderToComplaintFlow, cls).setUpClass()
        cls.company.qms_order_review_required = True
        for xmlid in ("qms_customer.group_qms_approver_sales_manager",
                      "qms_customer.group_qms_approver_vp"):
            cls.env.ref(xmlid).write({"users": [(5, 0, 0)]})
        cls.sales_manager = cls.env["res.users"].create({
            "name": "Flow Sales Manager", "login": "flow_sales_manager",
            "email": "flow_sm@example.com",
            "groups_id": [(6, 0, [
                cls.env.ref("sales_team.group_sale_salesman_all_leads").id,
                cls.env.ref("qms_customer.group_qms_approver_sales_manager").id,
            ])]})
        cls.env.ref("qms_customer.qms_order_type_regular").write({
            "department_ids": [(5, 0, 0)], "all_departments": False})
        cls.pricelist = cls.env["product.pricelist"].create({
            "name": "Flow pricelist",
            "currency_id": cls.company.currency_id.id})

    def _signed_order(self, amount):
        order = self.env["sale.order"].sudo(self.salesman).create({
            "partner_id": self.customer.id,
            "user_id": self.salesman.id,
            "pricelist_id": self.pricelist.id,
            "order_line": [(0, 0, {
                "product_id": self.product.id, "name": "Flow bracket",
                "product_uom_qty": 1.0, "price_unit": amount,
                "product_uom": self.product.uom_id.id,
                "tax_id": [(6, 0, [])]})]}).sudo(self.salesman)
        order.action_qms_submit_review()
        order.qms_review_id.item_ids.write({"result": "pass"})
        order.sudo(self.sales_manager).action_qms_approve()
        order.action_confirm()
        return order

    def test_01_signed_order_complaint_claim_credit_note(self):
        """R-A4 + R-C1 + R-C6: a 300,000 order signed by the sales manager
        is confirmed; a complaint on it keeps the link; the claim approved
        by the GM books a credit note to the order's customer and the
        accepted amount as quality cost of the complaint."""
        order = self._signed_order(300000.0)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.qms_review_id.tier_id,
                         self.env.ref("qms_customer.tier_sale_manager"))
        complaint = self._handled(self._classified(sale_order_id=order.id))
        self.assertEqual(complaint.sale_order_id, order)
        Claim = self.env["qms.complaint.claim"]
        claim = Claim.sudo(self.quality_user).create({
            "complaint_id": complaint.id, "amount_claimed": 5000.0,
            "proposal": "Credit the scrapped brackets"})
        claim.action_request_approval()
        claim.sudo(self.gm).validate_tier()
        claim.write({"liability": "ours", "amount_accepted": 3000.0,
                     "outcome": "Agreed 3,000"})
        claim.sudo(self.quality_user).action_settle()
        credit_note = Claim.browse(claim.id).invoice_id  # read as admin
        self.assertEqual(credit_note.type, "out_refund")
        self.assertEqual(credit_note.partner_id, order.partner_id)
        self.assertEqual(credit_note.amount_total, 3000.0)
        self.assertEqual(complaint.quality_cost_amount, 3000.0)

    def test_02_complaint_on_another_customers_order_refused(self):
        """R-C1: the related order must be the complaint customer's own;
        naming another customer's order is refused and nothing is
        written."""
        order = self.env["sale.order"].create({
            "partner_id": self.customer2.id,
            "pricelist_id": self.pricelist.id})
        count = self.Complaint.search_count([])
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._complaint(sale_order_id=order.id)
        self.assertEqual(self.Complaint.search_count([]), count)
