# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from .common_property import PropertyCase


class TestPropertyLedger(PropertyCase):

    def test_01_item_registered_in_custody(self):
        """R-B1: an item is registered with its data, numbered, in custody,
        for the commercial customer."""
        item = self._item(partner_id=self.customer_contact.id,
                          customer_reference="QP-1", location="Shelf 1")
        self.assertEqual(item.state, "in_custody")
        self.assertEqual(item.partner_id, self.customer)
        self.assertTrue(item.name.startswith("CP/"))
        self.assertEqual(item.uom_id, self.env.ref("product.product_uom_unit"))

    def test_02_default_custodian_by_kind(self):
        """R-B1: samples and parts go to production, drawings to technical,
        documents and gauges to quality."""
        expected = {
            "sample": self.dept_production, "part": self.dept_production,
            "drawing": self.dept_technical, "document": self.dept_quality,
            "gauge": self.dept_quality,
        }
        for kind, department in expected.items():
            item = self._item(kind=kind)
            self.assertEqual(item.department_id, department, kind)
        # an explicit department wins
        item = self._item(kind="sample", department_id=self.dept_quality.id)
        self.assertEqual(item.department_id, self.dept_quality)
        # the onchange proposes the department in the form
        new = self.env["qms.customer.property"].new({"kind": "drawing"})
        new._onchange_kind()
        self.assertEqual(new.department_id, self.dept_technical)

    def test_03_negative_quantity_refused(self):
        """R-B1 bad input: a zero or negative quantity is refused with a
        clear error and nothing is written."""
        Item = self.env["qms.customer.property"]
        count = Item.search_count([])
        with self.assertRaisesRegex(ValidationError, "positive"):
            self._item(quantity=-2)
        self.assertEqual(Item.search_count([]), count)
        item = self._item()
        with self.assertRaises((ValidationError, IntegrityError)), \
                mute_logger("odoo.sql_db"), self.cr.savepoint():
            item.write({"quantity": 0})
        item.invalidate_cache()
        self.assertEqual(item.quantity, 3.0)

    def test_04_returned_and_consumed_are_final(self):
        """R-B1: returning to the customer and consuming are final states;
        no further move is allowed."""
        returned = self._item()
        returned.action_return_to_customer()
        self.assertEqual(returned.state, "returned")
        consumed = self._item()
        consumed.action_consume()
        self.assertEqual(consumed.state, "consumed")
        for item in returned | consumed:
            with self.assertRaises(UserError):
                item.write({"state": "in_custody"})
        with self.assertRaises(UserError):
            returned.action_consume()
        with self.assertRaises(UserError):
            consumed.action_return_to_customer()
        self.assertEqual((returned.state, consumed.state),
                         ("returned", "consumed"))

    def test_05_state_write_does_not_bypass_machine(self):
        """R-B1: writing the state directly cannot lend the item, nor mark it
        damaged or lost without an incident, nor register it elsewhere than
        in custody."""
        item = self._item()
        for state in ("lent_out", "damaged", "lost"):
            with self.assertRaises(UserError):
                item.write({"state": state})
            self.assertEqual(item.state, "in_custody")
        with self.assertRaises(UserError):
            self._item(state="lent_out")

    def test_06_search_and_group(self):
        """R-B1: the ledger is searchable and groupable by customer,
        department and state."""
        self._item()
        self._item(kind="drawing")
        Item = self.env["qms.customer.property"]
        groups = Item.read_group([("partner_id", "=", self.customer.id)],
                                 ["department_id"], ["department_id"])
        self.assertEqual(
            {g["department_id"][0]: g["department_id_count"] for g in groups},
            {self.dept_production.id: 1, self.dept_technical.id: 1})
        groups = Item.read_group([("partner_id", "=", self.customer.id)],
                                 ["state"], ["state"])
        self.assertEqual(groups[0]["state_count"], 2)
        self.assertEqual(len(Item.search([
            ("partner_id", "=", self.customer.id),
            ("department_id", "=", self.dept_technical.id),
            ("state", "=", "in_custody")])), 1)

    def test_07_partner_smart_button_count(self):
        """R-B1: the customer's form counts its items (contacts show their
        company's), in one read_group for many partners."""
        self._item()
        self._item()
        self._item(partner_id=self.consent_customer.id)
        partners = self.customer | self.customer_contact | self.consent_customer
        partners.invalidate_cache()
        self.assertEqual(partners.mapped("qms_property_count"), [2, 2, 1])
        action = self.customer.action_qms_property()
        self.assertEqual(action["domain"],
                         [("partner_id", "=", self.customer.id)])

    def test_08_pdf_ledger_per_customer(self):
        """R-B1: the PDF ledger lists the customer's items."""
        self._item(description="Gauge QP-PDF-1", kind="gauge")
        self._item(description="Other customer's item",
                   partner_id=self.consent_customer.id)
        report = self.env.ref(
            "qms_customer.qms_customer_property_ledger_report")
        html = report.render_qweb_html(self.customer.ids)[0].decode()
        self.assertIn("Gauge QP-PDF-1", html)
        self.assertIn("QP Customer", html)
        self.assertNotIn("Other customer&#39;s item", html)
        self.assertNotIn("Other customer's item", html)

    def test_09_excel_export(self):
        """R-B1: the ledger exports to Excel with one row per item."""
        import io
        import zipfile
        items = self._item(description="XLSX item one") | self._item(
            description="XLSX item two")
        report = self.env.ref("qms_customer.qms_customer_property_xlsx_report")
        content, file_type = report.render_xlsx(items.ids, {})
        self.assertEqual(file_type, "xlsx")
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            strings = archive.read("xl/sharedStrings.xml").decode()
        self.assertIn("XLSX item one", strings)
        self.assertIn("XLSX item two", strings)
        self.assertIn("Custodian Department", strings)
