# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import psycopg2

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import ComplaintCase, frozen_time


class TestComplaintFlow(ComplaintCase):

    def _measure(self, complaint, **vals):
        values = {
            "complaint_id": complaint.id,
            "name": "Replace fixture",
            "kind": "tooling",
            "user_id": self.quality_user.id,
            "date_due": "2099-01-31",
        }
        values.update(vals)
        return self.env["qms.complaint.measure"].create(values)

    def _close_actions(self, complaint):
        stage = self.env.ref("mgmtsystem_action.stage_close")
        complaint.action_ids.write({"stage_id": stage.id})
        complaint.measure_ids.write({"state": "done"})

    # ------------------------------------------------------------- intake
    def test_01_intake(self):
        """R-C1: any internal user registers a complaint with a sequence
        number; the contact's company becomes the customer."""
        complaint = self._complaint(
            user=self.employee, partner_id=self.contact.id,
            contact_id=self.contact.id, delivery_ref="WH/OUT/0042",
            channel="visit")
        self.assertTrue(complaint.name.startswith("QIF/"))
        self.assertEqual(complaint.partner_id, self.customer)
        self.assertEqual(complaint.user_id, self.employee)
        self.assertEqual(complaint.state, "new")
        self.assertEqual(complaint.month_of_year, "03")
        self.assertEqual(complaint.salesperson_id, self.salesman)

    def test_02_negative_quantity_refused(self):
        """R-C1 bad input: a negative quantity is refused, nothing
        written."""
        count = self.Complaint.search_count([])
        with self.assertRaises((ValidationError, psycopg2.IntegrityError)), \
                mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self._complaint(quantity=-1)
        self.assertEqual(self.Complaint.search_count([]), count)
        complaint = self._complaint()
        with self.assertRaises((ValidationError, psycopg2.IntegrityError)), \
                mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                complaint.write({"quantity": -5})
        complaint.invalidate_cache()
        self.assertEqual(complaint.quantity, 20)

    def test_03_contact_of_other_customer_refused(self):
        """R-C1: the contact must belong to the customer."""
        with self.assertRaises(ValidationError):
            self._complaint(partner_id=self.customer2.id,
                            contact_id=self.contact.id)

    # ------------------------------------------------------ state machine
    def test_10_full_flow_with_rejection(self):
        """R-C4: sent, not accepted (handling reopens, round 1 kept), sent
        again, accepted, then closed; every round kept."""
        complaint = self._sent()
        self.assertEqual(complaint.state, "waiting")
        self.assertEqual(complaint.date_responded, "2026-03-03 10:00:00")
        with frozen_time("2026-03-04 10:00:00"):
            complaint._record_answer("rejected", comment="Not enough")
        self.assertEqual(complaint.state, "handling")
        complaint.remedy = "Replace 20 pieces and sort stock"
        with frozen_time("2026-03-05 10:00:00"):
            complaint.action_mark_sent()
            wizard = self.env["qms.complaint.answer.wizard"].create({
                "complaint_id": complaint.id, "answer": "accepted",
                "date": "2026-03-05", "comment": "OK"})
            wizard.action_confirm()
        self.assertEqual(complaint.state, "accepted")
        rounds = complaint.round_ids.sorted("number")
        self.assertEqual(rounds.mapped("number"), [1, 2])
        self.assertEqual(rounds.mapped("answer"), ["rejected", "accepted"])
        self.assertEqual(rounds[0].remedy, "Replace 20 pieces")
        # first response date is kept
        self.assertEqual(complaint.date_responded, "2026-03-03 10:00:00")
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        self.assertTrue(complaint.date_closed)
        with self.assertRaises(UserError):
            complaint.write({"subject": "changed"})

    def test_11_no_close_without_acceptance(self):
        """R-C4 API attack: closing a complaint the customer has not
        accepted is refused, the state is unchanged."""
        complaint = self._sent()
        with self.assertRaisesRegex(UserError, "accepted"):
            complaint.sudo(self.quality_manager).action_close()
        self.assertEqual(complaint.state, "waiting")

    def test_12_write_state_refused(self):
        """R-E1 API attack: writing the state (or other workflow fields)
        directly is refused with a clear message, even with a forged
        context key, and nothing changes."""
        complaint = self._sent()
        for user in (self.salesman, self.quality_manager):
            with self.assertRaisesRegex(UserError, "buttons"):
                complaint.sudo(user).write({"state": "closed"})
            with self.assertRaisesRegex(UserError, "buttons"):
                complaint.sudo(user).with_context(
                    qms_workflow=True).write({"state": "closed"})
            with self.assertRaises(UserError):
                complaint.sudo(user).write({"date_responded": False})
            with self.assertRaises(UserError):
                complaint.sudo(user).write({"quality_cost_amount": 99999})
            with self.assertRaises(UserError):
                complaint.sudo(user).write({"is_recurring": True})
        with self.assertRaises(UserError):
            self._complaint(state="closed")
        complaint.invalidate_cache()
        self.assertEqual(complaint.state, "waiting")
        with self.assertRaises(UserError):
            self.env["qms.complaint.round"].create({
                "complaint_id": complaint.id, "number": 9,
                "answer": "accepted"})
        with self.assertRaises(UserError):
            complaint.round_ids.write({"answer": "accepted"})
        self.assertEqual(complaint.round_ids.answer, "pending")

    def test_13_send_needs_handling_sheet(self):
        """R-C3: the handling sheet needs the remedy and, for quality, the
        root cause before it goes to the customer."""
        complaint = self._classified()
        with self.assertRaises(UserError):
            complaint.action_mark_sent()
        complaint.remedy = "Replace"
        with self.assertRaises(UserError):
            complaint.action_mark_sent()
        self.assertEqual(complaint.state, "handling")

    def test_14_answer_only_when_waiting(self):
        """R-C4: an answer is recorded only on a remedy sent."""
        complaint = self._handled()
        with self.assertRaises(UserError):
            complaint._record_answer("accepted")
        self.assertFalse(complaint.round_ids)

    def test_15_cancel(self):
        """R-C2: a complaint can be cancelled while new or in handling, not
        after the customer accepted."""
        complaint = self._complaint()
        complaint.sudo(self.quality_user).action_cancel()
        self.assertEqual(complaint.state, "cancel")
        other = self._sent()
        with self.assertRaises(UserError):
            other.action_cancel()

    # ------------------------------------------------------- handling, CAPA
    def test_20_handling_sheet_lines(self):
        """R-C3: containment (incl. finished and in-process stock with
        quantities) and permanent measures in four kinds."""
        complaint = self._handled()
        Containment = self.env["qms.complaint.containment"]
        Containment.create({"complaint_id": complaint.id,
                            "name": "Sort finished stock",
                            "scope": "finished", "quantity": 300})
        Containment.create({"complaint_id": complaint.id,
                            "name": "Hold WIP", "scope": "wip",
                            "quantity": 120})
        for kind in ("process", "management", "tooling", "inspection"):
            self._measure(complaint, kind=kind, name="Measure %s" % kind)
        self.assertEqual(sorted(complaint.measure_ids.mapped("kind")),
                         ["inspection", "management", "process", "tooling"])
        self.assertEqual(sum(complaint.containment_ids.mapped("quantity")),
                         420)
        with self.assertRaises((ValidationError, psycopg2.IntegrityError)), \
                mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                Containment.create({"complaint_id": complaint.id,
                                    "name": "bad", "quantity": -1})
        with self.assertRaises(ValidationError):
            self._measure(complaint, date_due="2020-01-01")

    def test_21_capa_created_and_linked(self):
        """R-C5: the complaint creates its nonconformity and one action per
        measure in mgmtsystem, keeps the links and shows their state."""
        complaint = self._handled()
        self._measure(complaint, action_type="correction")
        self._measure(complaint, action_type="prevention", kind="inspection")
        complaint.action_create_capa()
        nc = complaint.nonconformity_id
        self.assertTrue(nc)
        self.assertEqual(nc.partner_id, self.customer)
        self.assertEqual(nc.qms_complaint_ids, complaint)
        self.assertEqual(len(complaint.action_ids), 2)
        self.assertEqual(nc.action_ids, complaint.action_ids)
        self.assertEqual(
            sorted(complaint.action_ids.mapped("type_action")),
            ["correction", "prevention"])
        self.assertEqual(complaint.open_action_count, 2)
        # idempotent
        complaint.action_create_capa()
        self.assertEqual(len(complaint.action_ids), 2)
        self.assertEqual(complaint.nonconformity_id, nc)

    def test_22_no_close_with_open_action(self):
        """R-C5: an accepted complaint cannot be closed while a CAPA action
        is open, nor before quality verified the measures."""
        complaint = self._handled()
        self._measure(complaint)
        complaint.action_create_capa()
        with frozen_time("2026-03-03 10:00:00"):
            complaint.action_mark_sent()
            complaint._record_answer("accepted")
        with self.assertRaisesRegex(UserError, "open"):
            complaint.action_close()
        self._close_actions(complaint)
        with self.assertRaisesRegex(UserError, "verify"):
            complaint.action_close()
        with self.assertRaises(AccessError):
            complaint.sudo(self.salesman).action_verify_effective()
        complaint.sudo(self.quality_user).action_verify_effective()
        self.assertEqual(complaint.verified_by_id, self.quality_user)
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")

    # ------------------------------------------------------------- reports
    def test_30_reports_render(self):
        """R-E3: the feedback form and the handling sheet render with the
        complaint's data."""
        complaint = self._sent()
        html = self.env.ref(
            "qms_complaint.action_report_feedback_form").render_qweb_html(
                complaint.ids)[0]
        self.assertIn(complaint.name, html.decode())
        self.assertIn("Scratched brackets", html.decode())
        html = self.env.ref(
            "qms_complaint.action_report_handling_sheet").render_qweb_html(
                complaint.ids)[0]
        self.assertIn("Worn fixture", html.decode())

    def test_31_mail_template(self):
        """R-C4: the handling sheet goes to the customer from a mail
        template; the composer marks the complaint as sent."""
        complaint = self._handled()
        action = complaint.action_send_to_customer()
        self.assertEqual(action["res_model"], "mail.compose.message")
        template = self.env.ref("qms_complaint.mail_template_handling_sheet")
        self.assertEqual(template.report_template, self.env.ref(
            "qms_complaint.action_report_handling_sheet"))
        values = template.generate_email(complaint.id, fields=[
            "subject", "partner_to"])
        self.assertIn(complaint.name, values["subject"])
        self.assertEqual(values["partner_ids"], [self.customer.id])
        complaint.with_context(qms_mark_complaint_sent=True).message_post(
            body="Handling sheet attached", message_type="comment")
        self.assertEqual(complaint.state, "waiting")
        self.assertEqual(len(complaint.round_ids), 1)

    def test_32_next_step_checklist(self):
        """R-C3, R-C4: the form lists what a complaint still lacks for its
        next step, and the step refuses with the same list: sending a
        quality complaint needs the remedy and the root cause; once both
        are written nothing is missing and the step passes."""
        complaint = self._classified(route="quality")
        self.assertIn("remedy", complaint.missing_for_next_step)
        self.assertIn("root cause", complaint.missing_for_next_step)
        with self.assertRaisesRegex(UserError, "root cause"):
            complaint.action_mark_sent()
        self.assertEqual(complaint.state, "handling")
        self._handled(complaint)
        self.assertFalse(complaint.missing_for_next_step)
        complaint.action_mark_sent()
        self.assertEqual(complaint.state, "waiting")
        new = self._complaint(route=False)
        self.assertIn("route", new.missing_for_next_step)
