# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tools import mute_logger

from .common_property import PropertyCase


class TestPropertyDocument(PropertyCase):

    def _document(self, revision, **vals):
        values = {
            "name": "QP-DWG-100", "revision": revision,
            "title": "Bracket", "partner_id": self.customer.id,
        }
        values.update(vals)
        return self.env["qms.customer.document"].create(values)

    def test_01_new_revision_supersedes(self):
        """R-B2: registering a new revision supersedes the current one, which
        stays visible as superseded; it is kept by technical."""
        rev_a = self._document("A")
        self.assertEqual(rev_a.department_id, self.dept_technical)
        self.assertEqual(rev_a.state, "current")
        rev_b = self._document("B", partner_id=self.customer_contact.id)
        self.assertEqual(rev_b.partner_id, self.customer)
        self.assertEqual(rev_a.state, "superseded")
        self.assertEqual(rev_a.superseded_by_id, rev_b)
        self.assertTrue(rev_a.superseded_date)
        self.assertEqual(rev_b.state, "current")
        register = self.env["qms.customer.document"].search(
            [("name", "=", "QP-DWG-100")])
        self.assertEqual(register, rev_a | rev_b)
        # other numbers and customers are untouched
        other = self._document("A", name="QP-DWG-200")
        other_customer = self._document(
            "A", partner_id=self.consent_customer.id)
        self._document("C")
        self.assertEqual((other | other_customer).mapped("state"),
                         ["current", "current"])
        self.assertEqual(rev_b.state, "superseded")

    def test_02_duplicate_revision_refused(self):
        """R-B2 bad input: the same revision can't be registered twice."""
        self._document("A")
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), \
                self.cr.savepoint():
            self._document("A")

    def test_03_supersession_not_forged(self):
        """R-B2: the status, number and revision are not edited by hand; a
        superseded revision can't be made current again."""
        rev_a = self._document("A")
        rev_b = self._document("B")
        with self.assertRaises(UserError):
            rev_b.write({"state": "superseded"})
        with self.assertRaises(UserError):
            rev_a.write({"state": "current"})
        with self.assertRaises(UserError):
            rev_b.write({"revision": "Z"})
        with self.assertRaises(UserError):
            rev_b.write({"state": "superseded", "superseded_by_id": rev_a.id})
        self.assertEqual((rev_a.state, rev_b.state), ("superseded", "current"))
        rev_b.write({"title": "Bracket, new title"})
        with self.assertRaises(UserError):
            self._document("C", state="superseded")
