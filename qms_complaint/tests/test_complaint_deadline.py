# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.qms_customer.tests.common import load_chinese

from .common import ComplaintCase, frozen_time


class TestComplaintDeadline(ComplaintCase):

    def _assert_boundary(self, complaint, deadline):
        self.assertEqual(complaint.date_deadline, deadline)
        with frozen_time(deadline):
            complaint.invalidate_cache()
            self.assertEqual(complaint.deadline_status, "amber")
            self.assertFalse(complaint.is_overdue)
            self.assertNotIn(complaint, self.Complaint.search(
                [("is_overdue", "=", True)]))
        after = deadline[:-2] + "01"
        with frozen_time(after):
            complaint.invalidate_cache()
            self.assertEqual(complaint.deadline_status, "red")
            self.assertTrue(complaint.is_overdue)
            self.assertIn(complaint, self.Complaint.search(
                [("is_overdue", "=", True)]))

    def test_01_sales_48_hours(self):
        """R-C2: kept by sales, the remedy is due exactly 48 h after receipt;
        overdue one second later."""
        complaint = self._classified(route="sales")
        self.assertEqual(complaint.state, "handling")
        self._assert_boundary(complaint, "2026-03-04 08:00:00")

    def test_02_quality_urgent_2_days(self):
        """R-C2: handed over and urgent, the answer is due 2 days later."""
        complaint = self._classified(route="quality", urgency="urgent")
        self._assert_boundary(complaint, "2026-03-04 08:00:00")
        self.assertEqual(complaint.user_id, self.quality_manager)
        self.assertEqual(complaint.department_id, self.department)

    def test_03_quality_normal_7_days(self):
        """R-C2: handed over and normal, the answer is due 7 days later."""
        complaint = self._classified(route="quality", urgency="normal")
        self._assert_boundary(complaint, "2026-03-09 08:00:00")

    def test_04_green_amber_status(self):
        """R-C2: green while far from the deadline, amber within the warning
        hours, done once answered."""
        complaint = self._classified(route="quality", urgency="normal")
        with frozen_time("2026-03-05 08:00:00"):
            complaint.invalidate_cache()
            self.assertEqual(complaint.deadline_status, "green")
        with frozen_time("2026-03-08 09:00:00"):
            complaint.invalidate_cache()
            self.assertEqual(complaint.deadline_status, "amber")
        self._sent(complaint, now="2026-03-08 10:00:00")
        self.assertEqual(complaint.deadline_status, "done")
        self.assertTrue(complaint.is_on_time)

    def test_05_owner_activity(self):
        """R-C2: the owner gets an activity due on the deadline."""
        complaint = self._classified(route="sales", user_id=self.salesman.id)
        activity = complaint.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.salesman)
        self.assertEqual(activity.date_deadline, "2026-03-04")
        # sending the remedy completes it
        self._sent(complaint)
        self.assertFalse(complaint.activity_ids)

    def test_06_policy_is_data(self):
        """R-C2: a manager edits the hours; the next classification uses
        them; a salesperson may not edit them."""
        policy = self.env.ref("qms_complaint.deadline_sales")
        with self.assertRaises(AccessError):
            policy.sudo(self.salesman).write({"hours": 24})
        policy.sudo(self.quality_manager).write({"hours": 24})
        complaint = self._classified(route="sales")
        self.assertEqual(complaint.date_deadline, "2026-03-03 08:00:00")
        with self.assertRaises(ValidationError):
            policy.sudo(self.quality_manager).write({"hours": 0})

    def test_07_company_policy_wins(self):
        """R-C2: a company-specific rule wins over the shared one."""
        self.env["qms.complaint.deadline"].create({
            "route": "quality", "urgency": "urgent", "hours": 12,
            "company_id": self.company.id})
        complaint = self._classified(route="quality", urgency="urgent")
        self.assertEqual(complaint.date_deadline, "2026-03-02 20:00:00")

    def test_08_deadline_in_past_refused(self):
        """R-C2 bad input: a deadline moved into the past is refused and
        nothing changes; only a manager may move it."""
        complaint = self._classified(route="sales")
        with frozen_time("2026-03-03 08:00:00"):
            with self.assertRaises(ValidationError):
                complaint.sudo(self.quality_manager).write(
                    {"date_deadline": "2026-03-02 10:00:00"})
            with self.assertRaises(UserError):
                complaint.sudo(self.salesman).write(
                    {"date_deadline": "2026-03-10 10:00:00"})
            complaint.sudo(self.quality_manager).write(
                {"date_deadline": "2026-03-10 10:00:00"})
        complaint.invalidate_cache()
        self.assertEqual(complaint.date_deadline, "2026-03-10 10:00:00")

    def test_09_classify_needs_route(self):
        """R-C2: classification needs sales' decision on the route."""
        complaint = self._complaint()
        with self.assertRaises(UserError):
            complaint.action_classify()
        self.assertEqual(complaint.state, "new")

    def test_10_escalation_once(self):
        """R-C2: the scheduled job escalates an overdue complaint to the
        quality manager once; a second run does nothing."""
        overdue = self._classified(route="sales")
        on_time = self._classified(route="quality", urgency="normal")
        Activity = self.env["mail.activity"]
        with frozen_time("2026-03-05 09:00:00"):
            self.Complaint._cron_escalate_overdue()
            mine = Activity.search([
                ("res_model", "=", "qms.complaint"),
                ("user_id", "=", self.quality_manager.id),
                ("res_id", "=", overdue.id),
                ("summary", "ilike", "escalated")])
            self.assertEqual(len(mine), 1)
            self.assertTrue(overdue.escalated)
            self.assertFalse(on_time.escalated)
            self.Complaint._cron_escalate_overdue()
            mine = Activity.search([
                ("res_model", "=", "qms.complaint"),
                ("res_id", "=", overdue.id),
                ("summary", "ilike", "escalated")])
            self.assertEqual(len(mine), 1)

    def test_11_escalation_query_budget(self):
        """R-C2 performance: the job's queries do not grow with the number
        of complaints that are not overdue (budget: same count)."""
        self._classified(route="sales")
        with frozen_time("2026-03-05 09:00:00"):
            self.Complaint._cron_escalate_overdue()

            def run():
                self._classified(route="sales")
                self.env.cr.execute("SELECT 1")
                # Odoo's bus cleans its table on 1 % of its notifications
                # (random): not the job's queries
                with frozen_time("2026-03-05 09:00:00"), patch(
                        "odoo.addons.bus.models.bus.random.random",
                        return_value=1.0):
                    self.Complaint.invalidate_cache()
                    start = self.env.cr.sql_log_count
                    self.Complaint._cron_escalate_overdue()
                    return self.env.cr.sql_log_count - start
            first = run()
            for _i in range(10):
                self._classified(route="quality")
            second = run()
        self.assertEqual(first, second)

    def test_11b_escalation_in_batches_and_managers_language(self):
        """R-C2, R-E4: the job escalates batch by batch (a stopped job
        resumes with what is left) and writes each escalation in the
        quality manager's language."""
        load_chinese(self.env, "qms_complaint")
        self.quality_manager.lang = "zh_CN"
        complaints = self.Complaint.browse()
        for _i in range(3):
            complaints |= self._classified(route="sales")
        with frozen_time("2026-03-05 09:00:00"):
            self.Complaint._cron_escalate_overdue(batch_size=2)
        self.assertEqual(set(complaints.mapped("escalated")), {True})
        summaries = self.env["mail.activity"].search([
            ("res_model", "=", "qms.complaint"),
            ("res_id", "in", complaints.ids),
            ("user_id", "=", self.quality_manager.id),
            ("activity_type_id", "=",
             self.env.ref("mail.mail_activity_data_todo").id),
            ("summary", "like", "已升级")]).mapped("summary")
        self.assertEqual(len(summaries), 3, summaries)

    def test_12_major_needs_meeting(self):
        """R-C2: a major problem records a cross-department meeting before
        the remedy goes to the customer."""
        complaint = self._handled(self._classified(is_major=True))
        with self.assertRaises(UserError):
            complaint.action_mark_sent()
        self.env["qms.complaint.meeting"].create({
            "complaint_id": complaint.id,
            "participant_ids": [(6, 0, [self.quality_manager.id,
                                        self.salesman.id])],
            "department_ids": [(6, 0, self.department.ids)],
            "decisions": "Stop shipments, sort stock.",
        })
        complaint.action_mark_sent()
        self.assertEqual(complaint.state, "waiting")

    def test_13_overdue_menu(self):
        """R-C2: overdue complaints are one click away (action with the
        overdue filter)."""
        action = self.env.ref("qms_complaint.qms_complaint_action_overdue")
        self.assertIn("search_default_overdue", action.context)
