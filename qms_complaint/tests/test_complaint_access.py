# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError

from .common import ComplaintCase

RAW_MAIL = """Return-Path: <buyer.contact@customer-a.example.com>
To: complaints@qms-test.example.com
From: QC Buyer A <buyer.contact@customer-a.example.com>
Subject: Brackets arrived scratched
Message-ID: <qms-complaint-test-1@customer-a.example.com>
Date: Mon, 02 Mar 2026 08:00:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Twenty brackets of lot 42 are scratched. Please advise.
"""


class TestComplaintAccess(ComplaintCase):

    def test_01_salesman_sees_own_customers(self):
        """R-E1: a salesperson sees the complaints of the customers they
        sell to and those they own, not the others; quality sees all."""
        mine = self._complaint(subject="mine")
        owned = self._complaint(partner_id=self.customer2.id,
                                user_id=self.salesman.id, subject="owned")
        other = self._complaint(partner_id=self.customer2.id,
                                user_id=self.salesman2.id, subject="other")
        domain = [("id", "in", (mine | owned | other).ids)]
        seen = self.Complaint.sudo(self.salesman).search(domain)
        self.assertEqual(seen, mine | owned)
        with self.assertRaises(AccessError):
            other.sudo(self.salesman).read(["subject"])
        with self.assertRaises(AccessError):
            other.sudo(self.salesman).write({"subject": "hacked"})
        self.assertEqual(other.subject, "other")
        for user in (self.quality_user, self.quality_manager):
            self.assertEqual(
                self.Complaint.sudo(user).search(domain), mine | owned | other)

    def test_02_employee_registers(self):
        """R-C1/R-E1: any internal user registers a complaint and sees it,
        but not the others'; they cannot delete it."""
        created = self._complaint(user=self.employee)
        other = self._complaint()
        seen = self.Complaint.sudo(self.employee).search(
            [("id", "in", (created | other).ids)])
        self.assertEqual(seen, created)
        with self.assertRaises(AccessError):
            created.sudo(self.employee).unlink()

    def test_03_multi_company(self):
        """R-E1: a user of another company sees none of this company's
        complaints, even as quality manager there."""
        complaint = self._complaint()
        self.assertFalse(self.Complaint.sudo(self.quality_user2).search(
            [("id", "=", complaint.id)]))
        with self.assertRaises(AccessError):
            complaint.sudo(self.quality_user2).read(["subject"])
        # a customer of this company is not linked from the other one
        with self.assertRaises(UserError):
            with self.env.cr.savepoint():
                self.Complaint.sudo(self.quality_user2).create({
                    "subject": "c2", "partner_id": self.customer.id,
                    "date_received": "2026-03-02 08:00:00"})
        customer2 = self.env["res.partner"].create({
            "name": "QC Customer of C2", "customer": True,
            "company_id": self.company2.id})
        own = self.Complaint.sudo(self.quality_user2).create({
            "subject": "c2", "partner_id": customer2.id,
            "date_received": "2026-03-02 08:00:00"})
        self.assertEqual(own.company_id, self.company2)
        self.assertFalse(self.Complaint.sudo(self.quality_user).search(
            [("id", "=", own.id)]))

    def test_04_children_follow_complaint(self):
        """R-E1: a salesperson does not read the rounds of a complaint they
        cannot see."""
        other = self._sent(self._classified(
            partner_id=self.customer2.id, user_id=self.salesman2.id))
        rounds = self.env["qms.complaint.round"].sudo(self.salesman).search(
            [("complaint_id", "=", other.id)])
        self.assertFalse(rounds)

    def test_05_config_manager_only(self):
        """R-E1: defect categories are configured by quality managers."""
        with self.assertRaises(AccessError):
            self.env["qms.complaint.category"].sudo(self.salesman).create(
                {"name": "x"})
        self.env["qms.complaint.category"].sudo(self.quality_manager).create(
            {"name": "x"})

    def test_10_mail_alias_creates_complaint(self):
        """R-C1: an e-mail to the complaint alias creates a complaint with
        the sender's partner as customer and the mail as first message."""
        self.env["ir.config_parameter"].set_param(
            "mail.catchall.domain", "qms-test.example.com")
        alias = self.env.ref("qms_complaint.mail_alias_complaint")
        self.assertEqual(alias.alias_name, "complaints")
        res_id = self.env["mail.thread"].message_process(False, RAW_MAIL)
        complaint = self.Complaint.browse(res_id)
        self.assertEqual(complaint.partner_id, self.customer)
        self.assertEqual(complaint.contact_id, self.contact)
        self.assertEqual(complaint.channel, "email")
        self.assertEqual(complaint.subject, "Brackets arrived scratched")
        self.assertEqual(complaint.user_id, self.salesman)
        first = complaint.message_ids.filtered(
            lambda m: m.message_type == "email")
        self.assertEqual(len(first), 1)
        self.assertIn("lot 42", first.body)
        self.assertEqual(first.author_id, self.contact)

    def test_11_mail_unknown_sender(self):
        """R-C1: an unknown sender becomes a new customer partner."""
        raw = RAW_MAIL.replace(
            "buyer.contact@customer-a.example.com", "stranger@nowhere.test")
        raw = raw.replace("qms-complaint-test-1", "qms-complaint-test-2")
        res_id = self.env["mail.thread"].message_process(
            "qms.complaint", raw)
        complaint = self.Complaint.browse(res_id)
        self.assertIn("stranger@nowhere.test", complaint.partner_id.email)
