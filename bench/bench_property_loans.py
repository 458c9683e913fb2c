"""Benchmark of the overdue-loans job (R-B3, issue 4).

Builds, in a rolled-back transaction, N customer property items and N/5
loans (one in ten overdue) with bulk SQL INSERTs, runs
``qms.property.loan._cron_chase_overdue_loans`` and counts its queries:
in total, inside ``mail.activity.create`` (the activities it creates), and
the rest (the job itself), at two sizes. The job's own queries must not grow
with the number of loans. A second run shows each activity is created once.

    ./qms bench --database qms_hb_property --addons qms_customer \
        bench/bench_property_loans.py
"""
import datetime
import os
import sys
from unittest.mock import patch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import count_queries, odoo_env, report  # noqa: E402

# the first size warms the ORM caches (xml ids, translations, departments)
SIZES = [(1000, 200), (25000, 5000), (50000, 10000)]
BORROWERS = 20


def build(env, items, loans):
    cr = env.cr
    company = env.ref("base.main_company")
    partner = env["res.partner"].create({"name": "Bench customer",
                                         "is_company": True})
    Department = env["qms.department"]
    departments = [Department._get_by_code(code, company)
                   for code in ("production", "quality", "technical")]
    admin = env.ref("base.user_root")
    for department in departments:
        department.manager_id = admin
    users = env["res.users"].with_context(no_reset_password=True)
    borrowers = [users.create({"name": "Bench borrower %s" % i,
                               "login": "bench_borrower_%s" % i}).id
                 for i in range(BORROWERS)]
    uom = env.ref("product.product_uom_unit").id
    today = datetime.date.today()
    cr.execute("""
        INSERT INTO qms_customer_property
            (name, description, partner_id, kind, date_received, quantity,
             uom_id, condition_received, department_id, state, company_id,
             active, create_uid, create_date, write_uid, write_date)
        SELECT 'BENCH/' || g, 'Bench item ' || g, %(partner)s, 'sample',
               %(received)s, 1, %(uom)s, 'good',
               (%(departments)s)[1 + g %% 3],
               CASE WHEN g <= %(loans)s THEN 'lent_out' ELSE 'in_custody' END,
               %(company)s, true, 1, now(), 1, now()
          FROM generate_series(1, %(items)s) g
    """, {"partner": partner.id, "received": today - datetime.timedelta(60),
          "uom": uom, "departments": [d.id for d in departments],
          "loans": loans, "company": company.id, "items": items})
    cr.execute("""
        INSERT INTO qms_property_loan
            (name, property_id, partner_id, department_id, borrower_id,
             reason, date_loan, date_due, state, company_id,
             create_uid, create_date, write_uid, write_date)
        SELECT 'BL/' || item.id, item.id, item.partner_id, item.department_id,
               (%(borrowers)s)[1 + item.id %% %(n)s], 'Bench',
               %(loan_date)s,
               CASE WHEN item.id %% 10 = 0 THEN %(overdue)s::date
                    ELSE %(future)s::date END,
               'open', item.company_id, 1, now(), 1, now()
          FROM qms_customer_property item
         WHERE item.name LIKE 'BENCH/%%' AND item.state = 'lent_out'
    """, {"borrowers": borrowers, "n": BORROWERS,
          "loan_date": today - datetime.timedelta(30),
          "overdue": today - datetime.timedelta(10),
          "future": today + datetime.timedelta(30)})
    cr.execute("SELECT count(*) FROM qms_property_loan WHERE name LIKE 'BL/%%'"
               " AND date_due < %s", (today,))
    return cr.fetchone()[0]


def run_job(env):
    Loan = env["qms.property.loan"]
    Activity = type(env["mail.activity"])
    original = Activity.create
    inside = []

    def counting_create(model, vals):
        start = env.cr.sql_log_count
        res = original(model, vals)
        inside.append(env.cr.sql_log_count - start)
        return res

    with patch.object(Activity, "create", counting_create):
        with count_queries(env.cr) as q:
            created = Loan._cron_chase_overdue_loans()
    return created, q.count, sum(inside), q.seconds


def main():
    # common.odoo_env() can be entered once per process: one transaction,
    # each size inside a savepoint rolled back after it.
    with odoo_env() as env:
        # warm the caches (xml ids, models) on an empty run
        env["qms.property.loan"]._cron_chase_overdue_loans()
        for items, loans in SIZES:
            env.cr.execute("SAVEPOINT qms_bench_size")
            overdue = build(env, items, loans)
            created, total, activity_q, seconds = run_job(env)
            again, total2, _a2, seconds2 = run_job(env)
            report("property_overdue_loans", items=items, loans=loans,
                   overdue_loans=overdue, activities=created,
                   queries_total=total, queries_in_activity_create=activity_q,
                   queries_job_only=total - activity_q,
                   per_activity=round(activity_q / max(created, 1), 2),
                   seconds=round(seconds, 2))
            report("property_overdue_loans_second_run", items=items,
                   loans=loans, activities=again, queries_total=total2,
                   seconds=round(seconds2, 3))
            env.cr.execute("ROLLBACK TO SAVEPOINT qms_bench_size")
            env.clear()


if __name__ == "__main__":
    main()
