"""Lists at volume (issue 10): the Contract Ledger, Orders to Sign and
Complaints lists against Odoo's Quotations list of the same table size.

In a rolled-back transaction, clones with SQL an order through review (its
round, tier review and signers), a quotation never reviewed and a
complaint, to SIZES rows each (half of the orders reviewed, one in ten
waiting for the signer), then opens each list as the web client does
(``search_read`` of the action's domain and its tree view's fields, the
first 80 rows, and ``search_count``) as the user who works with it, on an
empty cache; median of RUNS. Target: each list within 1.5x of Quotations.

    ./qms bench --database qms_hb_lists bench/bench_lists.py
"""
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from odoo.tools.safe_eval import safe_eval  # noqa: E402

from bench_order_review import make_fixtures, make_order  # noqa: E402
from common import odoo_env, report  # noqa: E402

SIZES = [20000, 50000]
RUNS = 9


def clone(cr, table, template_id, refs, overrides):
    """Copy row template_id of table once per value of refs; overrides
    are SQL expressions of a column, over ``t`` (the template), ``u.ref``
    and ``u.g`` (1, 2, ...). Returns the new ids in the order of refs."""
    cr.execute("SELECT column_name FROM information_schema.columns "
               "WHERE table_name = %s AND column_name != 'id'", (table,))
    columns = [row[0] for row in cr.fetchall()]
    values = [overrides.get(c, 't."%s"' % c) for c in columns]
    cr.execute(
        'INSERT INTO "%s" (%s) SELECT %s FROM "%s" t, '
        "unnest(%%s::int[]) WITH ORDINALITY AS u(ref, g) "
        "WHERE t.id = %%s ORDER BY u.g RETURNING id" % (
            table, ", ".join('"%s"' % c for c in columns),
            ", ".join(values), table),
        (list(refs), template_id))
    return [row[0] for row in cr.fetchall()]


def fill(env, size, reviewed_order, plain_order, complaint):
    cr = env.cr
    review = reviewed_order.qms_review_id
    tier_review = review.tier_review_id
    reviewed = size // 2
    pending = size // 10
    names = {"name": "'BL/' || u.g || '/' || t.id"}
    order_ids = clone(cr, "sale_order", reviewed_order.id,
                      range(reviewed), names)
    clone(cr, "sale_order", plain_order.id, range(size - reviewed), names)
    review_ids = clone(cr, "qms_order_review", review.id, order_ids,
                       {"order_id": "u.ref", "tier_review_id": "NULL",
                        "state": "'approved'"})
    cr.execute("""
        UPDATE sale_order o SET qms_review_id = r.id,
               qms_review_state = 'approved'
          FROM qms_order_review r
         WHERE r.order_id = o.id AND r.id = ANY(%s)""", (review_ids,))
    waiting = review_ids[:pending]
    tier_ids = clone(cr, "tier_review", tier_review.id, waiting,
                     {"res_id": "u.ref"})
    cr.execute("""
        UPDATE qms_order_review r SET tier_review_id = x.tier
          FROM unnest(%s::int[], %s::int[]) AS x(review, tier)
         WHERE r.id = x.review""", (waiting, tier_ids))
    cr.execute("UPDATE sale_order SET qms_review_state = 'pending' "
               "WHERE qms_review_id = ANY(%s)", (waiting,))
    cr.execute("UPDATE qms_order_review SET state = 'pending' "
               "WHERE id = ANY(%s)", (waiting,))
    field = env["tier.review"]._fields["reviewer_ids"]
    cr.execute(
        'INSERT INTO "%(rel)s" ("%(c1)s", "%(c2)s") '
        'SELECT x.tier, rel."%(c2)s" FROM "%(rel)s" rel, '
        'unnest(%%s::int[]) AS x(tier) WHERE rel."%(c1)s" = %%s' % {
            "rel": field.relation, "c1": field.column1,
            "c2": field.column2}, (tier_ids, tier_review.id))
    clone(cr, "qms_complaint", complaint.id, range(size),
          {"name": "'BLC/' || u.g"})
    for table in ("sale_order", "qms_order_review", "tier_review",
                  field.relation, "qms_complaint"):
        cr.execute('ANALYZE "%s"' % table)
    env.cache.invalidate()


def open_list(env, user, action_xmlid):
    """Seconds (median) and row count of opening the action's list."""
    action = env.ref(action_xmlid)
    Model = env[action.res_model].sudo(user)
    view_id = action.view_id.id if action.view_id.type == "tree" else False
    for view in action.view_ids:
        if view.view_mode == "tree":
            view_id = view.view_id.id
    fields = list(Model.fields_view_get(view_id, "tree")["fields"])
    domain = safe_eval(action.domain or "[]", {"uid": user.id})
    times = []
    for _run in range(RUNS):
        env.cache.invalidate()
        t0 = time.perf_counter()
        rows = Model.search_read(domain, fields, limit=80)
        count = Model.search_count(domain)
        times.append(time.perf_counter() - t0)
    assert rows, action_xmlid
    return statistics.median(times), count


def main():
    with odoo_env(context={"mail_notify_force_send": False,
                           "no_reset_password": True,
                           "tracking_disable": True}) as env:
        company = env.ref("base.main_company")
        company.qms_order_review_required = True
        salesman, manager, partner, product = make_fixtures(
            env, "bench_list", ("qms_customer.group_qms_manager",))
        reviewed = make_order(env, salesman, partner, product, 300000)
        reviewed.action_qms_submit_review()
        reviewed.action_qms_items_pass()
        plain = make_order(env, salesman, partner, product, 1000)
        complaint = env["qms.complaint"].create({
            "partner_id": partner.id, "product_id": product.id,
            "subject": "Bench complaint", "channel": "phone"})
        lists = [
            ("quotations", "sale.action_quotations"),
            ("contract_ledger", "qms_customer.sale_order_action_qms_ledger"),
            ("orders_to_sign", "qms_customer.sale_order_action_qms_to_sign"),
            ("complaints", "qms_complaint.qms_complaint_action"),
        ]
        for size in SIZES:
            cr = env.cr
            cr.execute("SAVEPOINT bench_lists")
            fill(env, size, reviewed, plain, complaint)
            seconds = {}
            for name, xmlid in lists:
                seconds[name], count = open_list(env, manager, xmlid)
                report("list_%s" % name, rows=size, matching=count,
                       ms=round(seconds[name] * 1000, 1),
                       ratio_to_quotations=round(
                           seconds[name] / seconds["quotations"], 2))
            cr.execute("ROLLBACK TO SAVEPOINT bench_lists")
            env.cache.invalidate()


if __name__ == "__main__":
    main()
