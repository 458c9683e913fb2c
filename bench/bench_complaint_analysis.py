"""Benchmark of the complaint analysis and the overdue job (issue 5, R-C7/R-C2).

Inserts 200,000 complaints of 500 customers with bulk SQL inside the
rolled-back transaction,
then measures, in the same run:

* the monthly summary (``qms.complaint.summary._get_summary``, read_group)
  against the same GROUP BY queries hand-written in SQL (target: at most 2x
  at 500 customers);
* the overdue escalation job: its query count with 0, N and 2N overdue
  complaints, to show a constant part plus the queries of the activities it
  creates.

Run: ./qms bench --database qms_hb_complaint --addons qms_complaint \
         bench/bench_complaint_analysis.py
"""
import statistics
import time

from common import count_queries, odoo_env, report

ROWS = 200000
CUSTOMERS = 500
RUNS = 5


def insert_rows(env, company):
    cr = env.cr
    partners = env["res.partner"]
    for i in range(CUSTOMERS):
        partners |= env["res.partner"].create(
            {"name": "Bench Customer %d" % i, "customer": True})
    products = env["product.product"]
    for i in range(40):
        products |= env["product.product"].create(
            {"name": "Bench Product %d" % i, "type": "consu"})
    categories = env["qms.complaint.category"].search([])
    cr.execute("""
        INSERT INTO qms_complaint (
            name, subject, state, company_id, currency_id, channel,
            partner_id, user_id, product_id, category_id, quantity,
            date_received, urgency, route, responsibility, is_recurring,
            month_of_year, period_month, period_year, date_deadline,
            date_responded, is_on_time, escalated, quality_cost_amount,
            create_uid, create_date, write_uid, write_date)
        SELECT 'BENCH/' || g, 'bench complaint', 'closed', %(company)s,
               %(currency)s, 'phone',
               (%(partners)s)[1 + g %% %(np)s],
               %(uid)s,
               (%(products)s)[1 + (g * 7) %% %(npr)s],
               (%(categories)s)[1 + (g * 3) %% %(nc)s],
               g %% 50,
               d, 'normal', 'quality',
               (ARRAY['ours', 'supplier', 'customer', 'undetermined'])[1 + g %% 4],
               g %% 3 = 0,
               to_char(d, 'MM'), to_char(d, 'YYYY-MM'), to_char(d, 'YYYY'),
               d + interval '168 hours',
               d + ((g %% 10) * interval '20 hours'),
               (g %% 10) * 20 <= 168,
               false, 0,
               %(uid)s, now(), %(uid)s, now()
          FROM (SELECT g, timestamp '2024-07-01' + (g %% 730) * interval '1 day'
                          + (g %% 24) * interval '1 hour' AS d
                  FROM generate_series(1, %(rows)s) g) s
    """, {
        "company": company.id, "currency": company.currency_id.id,
        "partners": partners.ids, "np": len(partners),
        "products": products.ids, "npr": len(products),
        "categories": categories.ids, "nc": len(categories),
        "uid": env.uid, "rows": ROWS,
    })
    cr.execute("ANALYZE qms_complaint")


HAND_SQL = [
    # by customer, product, category (with names, as read_group gives them)
    """SELECT p.id, p.name, count(*) FROM qms_complaint c
         JOIN res_partner p ON p.id = c.partner_id
        WHERE c.company_id = %(company)s AND c.state != 'cancel'
          AND c.date_received >= %(start)s AND c.date_received < %(end)s
        GROUP BY p.id, p.name""",
    """SELECT t.id, pt.name, count(*) FROM qms_complaint c
         JOIN product_product t ON t.id = c.product_id
         JOIN product_template pt ON pt.id = t.product_tmpl_id
        WHERE c.company_id = %(company)s AND c.state != 'cancel'
          AND c.date_received >= %(start)s AND c.date_received < %(end)s
        GROUP BY t.id, pt.name""",
    """SELECT k.id, k.name, count(*) FROM qms_complaint c
         JOIN qms_complaint_category k ON k.id = c.category_id
        WHERE c.company_id = %(company)s AND c.state != 'cancel'
          AND c.date_received >= %(start)s AND c.date_received < %(end)s
        GROUP BY k.id, k.name""",
    """SELECT responsibility, count(*) FROM qms_complaint
        WHERE company_id = %(company)s AND state != 'cancel'
          AND date_received >= %(start)s AND date_received < %(end)s
        GROUP BY responsibility""",
    """SELECT is_recurring, count(*) FROM qms_complaint
        WHERE company_id = %(company)s AND state != 'cancel'
          AND date_received >= %(start)s AND date_received < %(end)s
        GROUP BY is_recurring""",
    """SELECT is_on_time, count(*) FROM qms_complaint
        WHERE company_id = %(company)s AND state != 'cancel'
          AND date_received >= %(start)s AND date_received < %(end)s
          AND date_responded IS NOT NULL
        GROUP BY is_on_time""",
    """SELECT period_month, count(*) FROM qms_complaint
        WHERE company_id = %(company)s AND state != 'cancel'
          AND date_received >= %(trend_start)s AND date_received < %(end)s
        GROUP BY period_month""",
    """SELECT month_of_year, count(*) FROM qms_complaint
        WHERE company_id = %(company)s AND state != 'cancel'
        GROUP BY month_of_year""",
    """SELECT state, count(*), sum(amount_claimed), sum(amount_accepted)
         FROM qms_complaint_claim
        WHERE company_id = %(company)s AND state != 'cancel'
          AND date >= %(start)s AND date < %(end)s
        GROUP BY state""",
    """SELECT category_id, count(*), sum(amount)
         FROM qms_complaint_quality_cost
        WHERE company_id = %(company)s AND date >= %(start)s
          AND date < %(end)s
        GROUP BY category_id""",
]


def timed(func):
    times = []
    for _i in range(RUNS):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench_summary(env, company):
    Summary = env["qms.complaint.summary"]
    params = {"company": company.id, "start": "2025-06-01 00:00:00",
              "end": "2025-07-01 00:00:00",
              "trend_start": "2024-06-01 00:00:00"}

    def orm():
        env["qms.complaint"].invalidate_cache()
        return Summary._get_summary("month", "2025-06-15", company)

    def hand():
        rows = []
        for query in HAND_SQL:
            env.cr.execute(query, params)
            rows.append(env.cr.fetchall())
        return rows

    orm()
    hand()  # warm both
    with count_queries(env.cr) as q:
        figures = orm()
    orm_s = timed(orm)
    hand_s = timed(hand)
    report("complaint_monthly_summary", rows=ROWS, customers=CUSTOMERS,
           month_total=figures["total"], orm_queries=q.count,
           orm_ms=round(orm_s * 1000, 1), sql_ms=round(hand_s * 1000, 1),
           ratio=round(orm_s / hand_s, 2))


def bench_overdue(env, company):
    Complaint = env["qms.complaint"]
    cr = env.cr

    def make_overdue(n):
        cr.execute("""
            UPDATE qms_complaint SET state = 'handling', date_responded = NULL,
                   escalated = false,
                   date_deadline = now() at time zone 'UTC' - interval '1 hour'
             WHERE id IN (SELECT id FROM qms_complaint
                           WHERE state = 'closed' AND name LIKE 'BENCH/%%'
                           ORDER BY id LIMIT %s)""", (n,))
        Complaint.invalidate_cache()

    def run():
        Activity = env["mail.activity"]
        before = Activity.search_count([])
        with count_queries(cr) as q:
            Complaint._cron_escalate_overdue()
        return q.count, Activity.search_count([]) - before, q.seconds

    q0, a0, _s = run()
    n = 100
    make_overdue(n)
    q1, a1, s1 = run()
    make_overdue(2 * n)
    q2, a2, s2 = run()
    per_activity = (q2 - q1) / float(a2 - a1) if a2 != a1 else 0
    constant = q1 - per_activity * a1
    report("complaint_overdue_job", rows=ROWS, queries_none=q0,
           activities_1=a1, queries_1=q1, activities_2=a2, queries_2=q2,
           queries_per_activity=round(per_activity, 2),
           constant_queries=round(constant, 1),
           seconds_2=round(s2, 2))


def main():
    with odoo_env() as env:
        company = env.ref("base.main_company")
        t0 = time.perf_counter()
        insert_rows(env, company)
        report("complaint_bulk_insert", rows=ROWS,
               seconds=round(time.perf_counter() - t0, 1))
        bench_summary(env, company)
        bench_overdue(env, company)


if __name__ == "__main__":
    main()
