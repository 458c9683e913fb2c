# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each step of a complaint by the role the procedure names (R-C3 to R-C6,
R-E1): refused to the others with nothing written."""
from odoo.exceptions import AccessError, UserError

from odoo.addons.qms_complaint.tests.common import ComplaintCase, frozen_time

REFUSED = (AccessError, UserError)


class TestComplaintRoles(ComplaintCase):

    def test_01_capa_and_verification_by_quality(self):
        """R-C3, R-C5: only the quality department plans corrective actions
        and verifies the measures; a quality user needs no Management
        System group added by hand to do it."""
        complaint = self._handled()
        for user in (self.salesman, self.employee, self.salesman2):
            for step in ("action_create_capa", "action_verify_effective"):
                with self.assertRaises(REFUSED, msg="%s %s" % (
                        user.login, step)):
                    with self.env.cr.savepoint():
                        getattr(complaint.sudo(user), step)()
        complaint.invalidate_cache()
        self.assertFalse(complaint.nonconformity_id)
        self.assertFalse(complaint.verification_result)
        self.assertFalse(self.quality_user.has_group(
            "mgmtsystem.group_mgmtsystem_manager"))
        complaint.sudo(self.quality_user).action_create_capa()
        complaint.sudo(self.quality_user).action_verify_effective()
        self.assertTrue(complaint.nonconformity_id)
        self.assertEqual(complaint.verification_result, "effective")
        self.assertEqual(complaint.verified_by_id, self.quality_user)

    def test_02_answer_recorded_by_those_who_speak_to_the_customer(self):
        """R-C4: the customer's answer is recorded by the complaint's
        owner, the customer's salesperson or quality; not by another
        salesperson or an employee."""
        complaint = self._sent()
        for user in (self.salesman2, self.employee):
            with self.assertRaises(REFUSED, msg=user.login):
                with self.env.cr.savepoint():
                    with frozen_time("2026-03-04 10:00:00"):
                        complaint.sudo(user)._record_answer("accepted")
        complaint.invalidate_cache()
        self.assertEqual(complaint.state, "waiting")
        with frozen_time("2026-03-04 10:00:00"):
            complaint.sudo(self.salesman)._record_answer("accepted")
        self.assertEqual(complaint.state, "accepted")

    def test_03_close_by_quality_when_handed_over(self):
        """R-C4: a complaint handed to quality is closed by quality, not by
        the salesperson who owns the customer."""
        complaint = self._sent()
        with frozen_time("2026-03-04 10:00:00"):
            complaint._record_answer("accepted")
        with self.assertRaises(AccessError):
            with self.env.cr.savepoint():
                complaint.sudo(self.salesman).action_close()
        complaint.invalidate_cache()
        self.assertEqual(complaint.state, "accepted")
        complaint.sudo(self.quality_user).action_close()
        self.assertEqual(complaint.state, "closed")

    def test_04_customer_mail_kept_as_text(self):
        """R-C1, R-E1: markup in a customer's e-mail is kept as text in the
        complaint's description, never as live HTML."""
        complaint = self.Complaint.message_new({
            "email_from": "buyer-a@example.com",
            "subject": "Bad parts",
            "body": '<p>Lot 7 <img src="x" onerror="alert(1)">'
                    '<a href="javascript:alert(2)">see</a></p>',
        })
        self.assertNotIn("<img", complaint.description)
        self.assertNotIn("href=", complaint.description)
        self.assertNotIn("onerror", complaint.description)
        self.assertIn("Lot 7", complaint.description)
        # numbered like any complaint, the mail's subject as its subject
        self.assertEqual(complaint.subject, "Bad parts")
        self.assertNotIn(complaint.name, ("Bad parts", "New"))
