# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError

from .common_property import PropertyCase


class TestPropertyAccess(PropertyCase):

    @classmethod
    def setUpClass(cls):
        super(TestPropertyAccess, cls).setUpClass()
        cls.sample = cls._item(description="Sample for access")  # production
        cls.gauge = cls._item(description="Gauge for access", kind="gauge",
                              partner_id=cls.consent_customer.id)  # quality

    def _visible(self, user, model="qms.customer.property"):
        return self.env[model].sudo(user).search(
            [("id", "in", (self.sample | self.gauge).ids)]
            if model == "qms.customer.property" else [])

    def test_01_custodian_department_edits_its_items(self):
        """R-B1 access: a member of the custodian department sees and edits
        its department's items, not the others'."""
        self.assertEqual(self._visible(self.production_user), self.sample)
        self.sample.sudo(self.production_user).write({"location": "B4"})
        self.assertEqual(self.sample.location, "B4")
        with self.assertRaises(AccessError):
            self.gauge.sudo(self.production_user).write({"location": "X"})
        self.assertEqual(self._visible(self.quality_user), self.gauge)

    def test_02_salesperson_reads_own_customers(self):
        """R-B1 access: a salesperson reads its customers' items and loans,
        read-only."""
        self.assertEqual(self._visible(self.salesman), self.sample)
        self.assertEqual(self._visible(self.other_salesman), self.gauge)
        with self.assertRaises(AccessError):
            self.sample.sudo(self.salesman).write({"location": "X"})
        with self.assertRaises(AccessError):
            self.env["qms.customer.property"].sudo(self.salesman).create({
                "description": "x", "partner_id": self.customer.id,
                "quantity": 1})
        loan = self._loan(self.sample)
        self.assertEqual(self.env["qms.property.loan"].sudo(
            self.salesman).search([("id", "=", loan.id)]), loan)
        with self.assertRaises(AccessError):
            loan.sudo(self.salesman).action_start()
        self.assertEqual(loan.state, "draft")

    def test_03_quality_manager_all(self):
        """R-B1 access: the quality manager sees and edits every item."""
        self.assertEqual(self._visible(self.quality_manager),
                         self.sample | self.gauge)
        (self.sample | self.gauge).sudo(self.quality_manager).write(
            {"responsible_id": self.quality_manager.id})

    def test_04_plain_employee_refused(self):
        """R-B1 access: an employee without a quality or sales role can't read
        the ledger."""
        with self.assertRaises(AccessError):
            self.env["qms.customer.property"].sudo(self.employee).search([])

    def test_05_multi_company(self):
        """R-B1 access: another company's manager does not see our items;
        he files items for his own company's customers."""
        self.assertFalse(self._visible(self.user_b))
        customer_b = self.env["res.partner"].create({
            "name": "QP B Customer", "company_id": self.company_b.id})
        item_b = self.env["qms.customer.property"].sudo(self.user_b).create({
            "description": "B sample", "partner_id": customer_b.id,
            "quantity": 1, "kind": "sample",
            # the company got its own departments when it was created
            "department_id": self.env["qms.department"]._get_by_code(
                "production", self.company_b).id})
        self.assertEqual(item_b.company_id, self.company_b)
        self.assertFalse(self.env["qms.customer.property"].sudo(
            self.quality_manager).search([("id", "=", item_b.id)]))

    def test_06_api_attacks_per_role(self):
        """R-B1/R-B3 API attacks: writing the state as any role does not
        bypass the state machine; nothing changes."""
        loan = self._loan(self.sample)
        for user in (self.production_user, self.quality_manager):
            with self.assertRaises(UserError):
                self.sample.sudo(user).write({"state": "lent_out"})
            with self.assertRaises(UserError):
                self.sample.sudo(user).write({"state": "lost"})
            with self.assertRaises(UserError):
                loan.sudo(user).write({"state": "returned",
                                       "date_returned": "2026-03-10",
                                       "condition_returned": "good"})
        for user in (self.salesman, self.employee):
            with self.assertRaises((AccessError, UserError)):
                self.sample.sudo(user).write({"state": "returned"})
            with self.assertRaises(AccessError):
                loan.sudo(user).write({"state": "open"})
        # the consent gate holds as the quality manager too
        consent_loan = self._loan(self.gauge)
        with self.assertRaisesRegex(UserError, "consent"):
            consent_loan.sudo(self.quality_manager).action_start()
        self.assertEqual((self.sample.state, self.gauge.state),
                         ("in_custody", "in_custody"))
        self.assertEqual((loan.state, consent_loan.state), ("draft", "draft"))

    def test_07_salesperson_records_notice(self):
        """R-B4 access: the customer's salesperson reads the incident and
        records the customer's answer, another salesperson can't."""
        incident = self.env["qms.property.incident"].create({
            "property_id": self.sample.id, "description": "Broken"})
        incident.action_cannot_remedy()
        incident.sudo(self.salesman).write({"customer_answer": "OK"})
        with self.assertRaises(AccessError):
            incident.sudo(self.other_salesman).write({"customer_answer": "x"})
        with self.assertRaises((AccessError, UserError)):
            incident.sudo(self.salesman).write({"state": "notified"})
        self.assertEqual(incident.state, "to_notify")

    def test_08_document_register_kept_by_technical(self):
        """R-B2 access: quality users read the register, the technical
        department edits it, salespeople read their customers'."""
        doc = self.env["qms.customer.document"].create({
            "name": "QP-ACC-1", "revision": "A", "title": "T",
            "partner_id": self.customer.id})
        doc.sudo(self.technical_user).write({"title": "T2"})
        self.assertEqual(doc.sudo(self.production_user).title, "T2")
        with self.assertRaises(AccessError):
            doc.sudo(self.production_user).write({"title": "T3"})
        self.assertEqual(self.env["qms.customer.document"].sudo(
            self.salesman).search([("id", "=", doc.id)]), doc)
        self.assertFalse(self.env["qms.customer.document"].sudo(
            self.other_salesman).search([("id", "=", doc.id)]))
