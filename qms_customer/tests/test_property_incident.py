# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError

from .common_property import PropertyCase


class TestPropertyIncident(PropertyCase):

    def _incident(self, item, **vals):
        values = {
            "property_id": item.id,
            "incident_type": "damage",
            "date": "2026-03-12",
            "found_by_id": self.production_user.id,
            "description": "Dropped from the bench",
        }
        values.update(vals)
        return self.env["qms.property.incident"].create(values)

    def _notice_activities(self, incident):
        return self.env["mail.activity"].search([
            ("res_model", "=", "qms.property.incident"),
            ("res_id", "=", incident.id),
            ("activity_type_id", "=", self.env.ref(
                "qms_customer.mail_activity_type_property_notice").id)])

    def test_01_damage_marks_item_and_ends_loan(self):
        """R-B4/R-B3: recording damage marks the item damaged and ends its
        open loan."""
        item = self._item()
        loan = self._loan(item)
        loan.action_start()
        incident = self._incident(item)
        self.assertTrue(incident.name.startswith("CPI/"))
        self.assertEqual(item.state, "damaged")
        self.assertEqual(loan.state, "ended")
        self.assertEqual(incident.state, "open")

    def test_02_loss_marks_item_lost(self):
        """R-B4: a loss marks the item lost; finding it (remedy) restores
        custody."""
        item = self._item()
        incident = self._incident(item, incident_type="loss")
        self.assertEqual(item.state, "lost")
        with self.assertRaisesRegex(UserError, "remedy"):
            incident.action_remedied()
        incident.write({"remedy": "Found in the paint shop"})
        incident.action_remedied()
        self.assertEqual((incident.state, item.state),
                         ("remedied", "in_custody"))

    def test_03_remedied_damage(self):
        """R-B4: a remedied damage puts the item back into custody and asks
        nobody to inform the customer."""
        item = self._item()
        incident = self._incident(item, remedy="Pin replaced")
        incident.action_remedied()
        self.assertEqual(item.state, "in_custody")
        self.assertFalse(self._notice_activities(incident))

    def test_04_unremedied_asks_salesperson(self):
        """R-B4: an incident that cannot be remedied gives the customer's
        salesperson an activity to inform the customer and request a
        replacement."""
        item = self._item(partner_id=self.customer_contact.id)
        incident = self._incident(item)
        incident.action_cannot_remedy()
        self.assertEqual(incident.state, "to_notify")
        activity = self._notice_activities(incident)
        self.assertEqual(activity.user_id, self.salesman)
        self.assertIn("QP Customer", activity.summary)
        self.assertEqual(item.state, "damaged")

    def test_05_notice_sent_and_recorded(self):
        """R-B4: the notice goes to the customer from the mail template and is
        recorded with its date; the salesperson's activity is done; the
        customer's answer is recorded before closing."""
        item = self._item(description="Checking fixture QP-9")
        incident = self._incident(item)
        incident.action_cannot_remedy()
        with self.assertRaisesRegex(UserError, "notice"):
            incident.write({"state": "notified"})
        action = incident.sudo(self.salesman).action_send_notice()
        composer = self.env["mail.compose.message"].sudo(
            self.salesman).with_context(action["context"]).create({})
        composer.onchange_template_id_wrapper()
        self.assertIn("Checking fixture QP-9", composer.body)
        self.assertIn(self.customer, composer.partner_ids)
        composer.send_mail()
        self.assertEqual(incident.state, "notified")
        self.assertTrue(incident.notice_date)
        self.assertFalse(self._notice_activities(incident))
        message = incident.message_ids.filtered(
            lambda m: self.customer in m.partner_ids)
        self.assertEqual(len(message), 1)
        self.assertIn("Checking fixture QP-9", message.body)
        with self.assertRaisesRegex(UserError, "answer"):
            incident.sudo(self.salesman).action_close()
        incident.sudo(self.salesman).write({
            "customer_answer": "Replacement sent", "answer_date": "2026-03-20"})
        incident.sudo(self.salesman).action_close()
        self.assertEqual(incident.state, "closed")

    def test_06_notice_date_not_forged(self):
        """R-B4: the notice date can't be written without sending the
        notice, and the state can't skip the notice."""
        incident = self._incident(self._item())
        with self.assertRaises(UserError):
            incident.write({"notice_date": "2026-03-13 10:00:00"})
        with self.assertRaises(UserError):
            incident.write({"state": "notified"})
        with self.assertRaises(UserError):
            incident.write({"state": "closed", "customer_answer": "x"})
        self.assertEqual(incident.state, "open")
        self.assertFalse(incident.notice_date)
        # through the API with the composer's context key: still refused,
        # and an internal note does not count as the notice
        incident.action_cannot_remedy()
        forged = incident.with_context(qms_incident_notice=True)
        with self.assertRaises(UserError):
            forged.write({"notice_date": "2026-03-13 10:00:00"})
        forged.message_post(body="Internal note", subtype="mail.mt_note")
        self.assertEqual(incident.state, "to_notify")
        self.assertFalse(incident.notice_date)

    def test_07_no_incident_on_returned_item(self):
        """R-B4 bad input: an item already returned to the customer can't
        get an incident; nothing is written."""
        item = self._item()
        item.action_return_to_customer()
        Incident = self.env["qms.property.incident"]
        count = Incident.search_count([])
        with self.assertRaises(UserError):
            self._incident(item)
        self.assertEqual(Incident.search_count([]), count)
        self.assertEqual(item.state, "returned")

    def test_08_send_notice_without_composer(self):
        """R-B4: the notice can be sent straight from the template; it is
        recorded the same way, and only for incidents to notify."""
        incident = self._incident(self._item(description="Plaques QP-8"),
                                  incident_type="loss")
        with self.assertRaises(UserError):
            incident.action_send_notice_now()
        incident.action_cannot_remedy()
        incident.action_send_notice_now()
        self.assertEqual(incident.state, "notified")
        self.assertTrue(incident.notice_date)
        message = incident.message_ids.filtered(
            lambda m: self.customer in m.partner_ids)
        self.assertIn("Plaques QP-8", message.body)
        self.assertIn("has been lost", message.body)
