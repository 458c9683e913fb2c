"""Benchmark of the order review (issue 3): SQL queries of confirming an
order through its review against a plain confirmation, and of reading the
quotation list with its review status for 1 and 80 orders.

On a database of plain Odoo (no QMS addon) it measures Odoo's own
confirmation only, the baseline of the figures above:

    ./qms bench bench/bench_order_review.py  (prints BENCH lines)
    ./qms bench --database qms_hb_plain \
        --addons sale_management,sale_stock,account_invoicing \
        bench/bench_order_review.py
"""
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import count_queries, odoo_env, report  # noqa: E402

LIST_FIELDS = ["name", "date_order", "partner_id", "user_id", "amount_total",
               "currency_id", "state", "qms_order_type_id",
               "qms_review_state", "message_needaction"]


def make_order(env, user, partner, product, amount):
    return env["sale.order"].sudo(user).create({
        "partner_id": partner.id,
        "user_id": user.id,
        "order_line": [(0, 0, {
            "product_id": product.id, "name": product.name,
            "product_uom_qty": 1, "price_unit": amount,
            "product_uom": product.uom_id.id, "tax_id": [(6, 0, [])]})],
    }).sudo(user)


def make_fixtures(env, prefix, manager_groups=()):
    """A salesperson, a sales manager who signs the middle tier and runs
    production, a customer and a product."""
    users = env["res.users"]
    salesman = users.create({
        "name": "Bench Salesman", "login": "%s_salesman" % prefix,
        "email": "%s_salesman@example.com" % prefix,
        "groups_id": [(6, 0, [env.ref(
            "sales_team.group_sale_salesman").id])]})
    manager = users.create({
        "name": "Bench Manager", "login": "%s_manager" % prefix,
        "email": "%s_manager@example.com" % prefix,
        "groups_id": [(6, 0, [env.ref(xmlid).id for xmlid in (
            "sales_team.group_sale_salesman_all_leads",
            "qms_customer.group_qms_approver_sales_manager",
        ) + tuple(manager_groups)])]})
    env["qms.department"]._get_by_code(
        "production", env.ref("base.main_company")).write(
            {"manager_id": manager.id})
    partner = env["res.partner"].create(
        {"name": "Bench Customer", "customer": True})
    product = env["product.product"].create(
        {"name": "Bench Valve", "type": "consu"})
    return salesman, manager, partner, product


def plain_odoo(env):
    """Odoo without our addons: queries of creating and confirming the
    same order (median of 3 after a first, warming one)."""
    salesman = env["res.users"].create({
        "name": "Bench Salesman", "login": "bench_salesman",
        "email": "bench_salesman@example.com",
        "groups_id": [(6, 0, [env.ref("sales_team.group_sale_salesman").id])]})
    partner = env["res.partner"].create(
        {"name": "Bench Customer", "customer": True})
    product = env["product.product"].create(
        {"name": "Bench Valve", "type": "consu"})
    counts, seconds = [], []
    for rnd in range(4):
        order = make_order(env, salesman, partner, product, 300000)
        env.cache.invalidate()
        with count_queries(env.cr) as q:
            order.action_confirm()
        if rnd:
            counts.append(q.count)
            seconds.append(q.seconds)
    report("order_confirm_plain_odoo",
           confirm_queries=statistics.median(counts),
           confirm_s="%.3f" % statistics.median(seconds))


def main():
    with odoo_env(context={"mail_notify_force_send": False,
                           "no_reset_password": True}) as env:
        if "qms.order.review" not in env.registry:
            return plain_odoo(env)
        company = env.ref("base.main_company")
        salesman, manager, partner, product = make_fixtures(env, "bench")

        def through_review(amount):
            order = make_order(env, salesman, partner, product, amount)
            order.action_qms_submit_review()
            order.action_qms_items_pass()
            signer = salesman if amount <= 100000 else manager
            order.sudo(signer).action_qms_approve()
            return order

        # plain: review not required (the R-A9 release still runs); bare:
        # also an order type that releases to nobody (Odoo's own confirm).
        # Each kind is measured in 4 interleaved rounds, the first dropped
        # (first-use caches), on an empty record cache as in a request.
        bare_type = env["qms.order.type"].create(
            {"name": "Bench bare", "company_id": company.id})
        counts = {"bare": [], "plain": [], "reviewed": []}
        seconds = {"bare": [], "plain": [], "reviewed": []}
        for rnd in range(4):
            for kind in ("bare", "plain", "reviewed"):
                company.qms_order_review_required = kind == "reviewed"
                if kind == "reviewed":
                    order = through_review(300000)
                else:
                    order = make_order(env, salesman, partner, product,
                                       300000)
                    if kind == "bare":
                        order.qms_order_type_id = bare_type
                env.cache.invalidate()
                with count_queries(env.cr) as q:
                    order.action_confirm()
                if rnd:
                    counts[kind].append(q.count)
                    seconds[kind].append(q.seconds)
        med = {k: statistics.median(v) for k, v in counts.items()}
        report("order_review_confirm", bare_queries=med["bare"],
               plain_queries=med["plain"], reviewed_queries=med["reviewed"],
               extra_vs_plain=med["reviewed"] - med["plain"],
               extra_vs_bare=med["reviewed"] - med["bare"], budget=15,
               bare_s="%.3f" % statistics.median(seconds["bare"]),
               plain_s="%.3f" % statistics.median(seconds["plain"]),
               reviewed_s="%.3f" % statistics.median(seconds["reviewed"]))
        company.qms_order_review_required = True

        order = make_order(env, salesman, partner, product, 300000)
        with count_queries(env.cr) as q_submit:
            order.action_qms_submit_review()
        order.action_qms_items_pass()
        with count_queries(env.cr) as q_approve:
            order.sudo(manager).action_qms_approve()
        env.cache.invalidate()
        with count_queries(env.cr) as q_confirm:
            order.action_confirm()
        report("order_review_submit_approve", submit_queries=q_submit.count,
               approve_queries=q_approve.count,
               confirm_queries=q_confirm.count,
               total_queries=(q_submit.count + q_approve.count
                              + q_confirm.count),
               submit_s="%.3f" % q_submit.seconds,
               approve_s="%.3f" % q_approve.seconds)

        orders = env["sale.order"]
        for i in range(80):
            o = make_order(env, salesman, partner, product, 1000 + (i % 40) * 10000)
            if i % 2:
                o.action_qms_submit_review()
            orders |= o
        Sale = env["sale.order"].sudo(salesman)
        counts = {}
        for n in (1, 80):
            ids = orders[:n].ids
            env.cache.invalidate()
            with count_queries(env.cr) as q:
                rows = Sale.search_read([("id", "in", ids)], LIST_FIELDS)
            assert len(rows) == n
            counts[n] = (q.count, q.seconds)
        report("order_review_list", queries_1=counts[1][0],
               queries_80=counts[80][0],
               seconds_1="%.3f" % counts[1][1],
               seconds_80="%.3f" % counts[80][1])


if __name__ == "__main__":
    main()
