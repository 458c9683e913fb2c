# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError, ValidationError

from .common_property import DUE_DATE, LOAN_DATE, PropertyCase


class TestPropertyLoan(PropertyCase):

    def test_01_lend_and_return(self):
        """R-B3: lending takes the item out of custody; the return closes the
        loan with its date and condition and restores custody."""
        item = self._item()
        loan = self._loan(item)
        self.assertEqual(loan.state, "draft")
        self.assertTrue(loan.name.startswith("CPL/"))
        loan.action_start()
        self.assertEqual((loan.state, item.state), ("open", "lent_out"))
        with self.assertRaisesRegex(UserError, "condition"):
            loan.action_return()
        self.assertEqual(loan.state, "open")
        loan.write({"condition_returned": "good",
                    "date_returned": "2026-03-10"})
        loan.action_return()
        self.assertEqual((loan.state, item.state), ("returned", "in_custody"))
        self.assertEqual(loan.date_returned, "2026-03-10")

    def test_02_no_double_loan(self):
        """R-B3: an item can't be lent twice at once, even in one call."""
        item = self._item()
        first = self._loan(item)
        second = self._loan(item)
        with self.assertRaisesRegex(UserError, "already lent"):
            (first | second).action_start()
        self.assertEqual((first | second).mapped("state"), ["draft", "draft"])
        first.action_start()
        with self.assertRaises(UserError):
            second.action_start()
        self.assertEqual(second.state, "draft")
        self.assertEqual(item.state, "lent_out")

    def test_03_no_loan_unless_in_custody(self):
        """R-B3 bad input: a returned item can't be lent; the loan stays
        draft and the item returned."""
        item = self._item()
        item.action_return_to_customer()
        loan = self._loan(item)
        with self.assertRaisesRegex(UserError, "in custody"):
            loan.action_start()
        self.assertEqual((loan.state, item.state), ("draft", "returned"))
        # creating it directly open is refused too
        with self.assertRaises(UserError):
            self._loan(item, state="open")

    def test_04_consent_gate(self):
        """R-B3: items of a customer that requires it are lent only with the
        customer's consent recorded."""
        item = self._item(partner_id=self.consent_customer.id)
        self.assertTrue(item.consent_required)
        loan = self._loan(item)
        with self.assertRaisesRegex(UserError, "consent"):
            loan.action_start()
        self.assertEqual((loan.state, item.state), ("draft", "in_custody"))
        # the gate also holds when the state is written with the consent
        # missing through the API
        with self.assertRaises(UserError):
            loan.write({"state": "open"})
        loan.write({"consent_date": "2026-03-05", "consent_by": "Ms Li"})
        with self.assertRaisesRegex(UserError, "on or before"):
            loan.action_start()
        loan.write({"consent_date": "2026-03-01"})
        loan.action_start()
        self.assertEqual(item.state, "lent_out")
        # a customer without the requirement: no consent needed
        free = self._loan(self._item())
        free.action_start()
        self.assertEqual(free.state, "open")

    def test_05_bad_dates(self):
        """R-B3 bad input: a return date before the loan date or a due date
        before it is refused with a clear error, nothing written."""
        item = self._item()
        loan = self._loan(item)
        loan.action_start()
        with self.assertRaisesRegex(ValidationError, "returned before"):
            loan.write({"date_returned": "2026-03-01",
                        "condition_returned": "good", "state": "returned"})
        loan.invalidate_cache()
        self.assertFalse(loan.date_returned)
        self.assertEqual((loan.state, item.state), ("open", "lent_out"))
        Loan = self.env["qms.property.loan"]
        count = Loan.search_count([])
        with self.assertRaisesRegex(ValidationError, "due back before"):
            self._loan(self._item(), date_due="2026-03-01")
        self.assertEqual(Loan.search_count([]), count)

    def test_06_state_write_follows_machine(self):
        """R-B3: writing the loan's state directly follows the same state
        machine: no return of a draft loan, no reopening a returned one, no
        ending without an incident."""
        item = self._item()
        loan = self._loan(item)
        with self.assertRaises(UserError):
            loan.write({"state": "returned", "date_returned": LOAN_DATE,
                        "condition_returned": "good"})
        loan.action_start()
        with self.assertRaises(UserError):
            loan.write({"state": "ended"})
        loan.write({"state": "returned", "date_returned": DUE_DATE,
                    "condition_returned": "good"})
        with self.assertRaises(UserError):
            loan.write({"state": "open"})
        self.assertEqual((loan.state, item.state), ("returned", "in_custody"))
        # item can't come back into custody while a loan is open
        loan2 = self._loan(item)
        loan2.action_start()
        with self.assertRaisesRegex(UserError, "still on loan"):
            item.write({"state": "in_custody"})
        # the item of a started loan can't be swapped
        with self.assertRaises(UserError):
            loan2.write({"property_id": self._item().id})
        self.assertEqual(loan2.property_id, item)

    def test_07_cancel_and_reset(self):
        """R-B3: a draft loan can be cancelled and reset; the item is not
        touched."""
        item = self._item()
        loan = self._loan(item)
        loan.action_cancel()
        self.assertEqual((loan.state, item.state), ("cancelled", "in_custody"))
        loan.action_reset_draft()
        self.assertEqual(loan.state, "draft")

    def test_08_overdue_flag_and_filter(self):
        """R-B3: an open loan past its due date is overdue (computed and
        searchable for the filter and the red colour)."""
        late = self._loan(self._item(), date_due="2026-03-05")
        on_time = self._loan(self._item(), date_due="2026-04-30")
        (late | on_time).action_start()
        Loan = self.env["qms.property.loan"].with_context(tz="UTC")
        with patch.object(fields.Date, "context_today",
                          return_value="2026-03-20"):
            (late | on_time).invalidate_cache()
            self.assertTrue(late.is_overdue)
            self.assertFalse(on_time.is_overdue)
            found = Loan.search([("is_overdue", "=", True),
                                 ("id", "in", (late | on_time).ids)])
            self.assertEqual(found, late)
            found = Loan.search([("is_overdue", "=", False),
                                 ("id", "in", (late | on_time).ids)])
            self.assertEqual(found, on_time)

    def test_09_overdue_job_activities_once(self):
        """R-B3: the job asks the borrower and the custodian of each overdue
        loan once; a second run creates nothing."""
        item = self._item()  # production: custodian production_user
        late = self._loan(item, date_due="2026-03-05")
        on_time = self._loan(self._item(), date_due="2026-04-30")
        (late | on_time).action_start()
        Loan = self.env["qms.property.loan"]
        Activity = self.env["mail.activity"]
        with patch.object(fields.Date, "context_today",
                          return_value="2026-03-20"):
            created = Loan._cron_chase_overdue_loans()
            self.assertEqual(created, 2)
            activities = Activity.search([
                ("res_model", "=", "qms.property.loan"),
                ("res_id", "in", (late | on_time).ids)])
            self.assertEqual(activities.mapped("res_id"), [late.id, late.id])
            self.assertEqual(
                set(activities.mapped("user_id").ids),
                {self.quality_user.id, self.production_user.id})
            self.assertEqual(
                activities.mapped("activity_type_id"),
                self.env.ref("qms_customer."
                             "mail_activity_type_property_loan_overdue"))
            self.assertEqual(late.overdue_chased_date, "2026-03-20")
            # second run: nothing new
            self.assertEqual(Loan._cron_chase_overdue_loans(), 0)
            self.assertEqual(Activity.search_count([
                ("res_model", "=", "qms.property.loan"),
                ("res_id", "=", late.id)]), 2)

    def test_10_overdue_job_query_budget(self):
        """R-B3: the job's queries don't grow with the loans, beyond those of
        the activities it creates (budget: 8 queries besides them)."""
        Loan = self.env["qms.property.loan"]
        Activity = self.env["mail.activity"]
        activity_queries = []
        original_create = type(Activity).create

        def counting_create(model, vals):
            start = self.cr.sql_log_count
            res = original_create(model, vals)
            activity_queries.append(self.cr.sql_log_count - start)
            return res

        def run(n):
            loans = Loan.browse()
            for _i in range(n):
                loans |= self._loan(self._item(), date_due="2026-03-05",
                                    borrower_id=self.technical_user.id)
            loans.action_start()
            del activity_queries[:]
            with patch.object(fields.Date, "context_today",
                              return_value="2026-03-20"), \
                    patch.object(type(Activity), "create", counting_create):
                start = self.cr.sql_log_count
                Loan._cron_chase_overdue_loans()
                total = self.cr.sql_log_count - start
            return total - sum(activity_queries), len(activity_queries)

        run(1)  # warm the caches (xml ids, models, translations)
        few, few_activities = run(2)
        many, many_activities = run(12)
        self.assertEqual((few_activities, many_activities), (4, 24))
        self.assertEqual(few, many)
        self.assertLessEqual(many, 8)

    def test_11_overdue_job_resumes_after_a_stop(self):
        """R-B3: the job commits batch by batch; stopped by a time limit
        after its first batch (the second rolled back), its next run
        chases only the loans not yet chased: every overdue loan is
        chased once."""
        loans = self._loan(self._item(), date_due="2026-03-05") | \
            self._loan(self._item(), date_due="2026-03-06")
        loans.action_start()
        Loan = self.env["qms.property.loan"]
        batches = []

        def stopped_after_first_batch(env):
            batches.append(True)
            if len(batches) > 1:
                raise RuntimeError("time limit")
            env.cr.execute("SAVEPOINT qms_test_committed")

        with patch.object(fields.Date, "context_today",
                          return_value="2026-03-20"):
            with patch("odoo.addons.qms_customer.models.qms_property_loan."
                       "commit_batch", stopped_after_first_batch), \
                    self.assertRaises(RuntimeError):
                Loan._cron_chase_overdue_loans(batch_size=1)
            self.env.cr.execute("ROLLBACK TO SAVEPOINT qms_test_committed")
            self.env.cache.invalidate()
            self.assertEqual(len(loans.filtered("overdue_chased_date")), 1)
            self.assertEqual(Loan._cron_chase_overdue_loans(batch_size=1), 2)
        self.assertTrue(all(loans.mapped("overdue_chased_date")))
        for loan in loans:
            self.assertEqual(self.env["mail.activity"].search_count([
                ("res_model", "=", "qms.property.loan"),
                ("res_id", "=", loan.id)]), 2)
