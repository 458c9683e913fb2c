"""Scheduled jobs at production volume under ``--workers 2`` (issue 10).

For each size N, on a copy of the benchmark database: commit N overdue
complaints, an open campaign of N answered surveys (whose low scores open
improvement actions), 2N overdue loans (out of 20N loans); make the three
jobs due (and the others not); start Odoo's multi-process server as
``./qms run --workers 2`` does (``WORKER_LIMITS`` of tools/qmsctl.py) and
wait until each job has done all its work. Reported per job: the runs Odoo
started (more than one: a run was stopped by a limit and the next one
resumed), the seconds from the first start to the job's end, the records
done, and seconds per 1,000 records (roughly constant from 1,000 to 5,000:
linear). The copy is dropped at the end.

    ./qms bench --database qms_hb_cron bench/bench_cron_workers.py
"""
import datetime
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tools"))

import odoo  # noqa: E402

import bench_complaint_analysis as complaints  # noqa: E402
import bench_property_loans as loans  # noqa: E402
import bench_survey_scoring as surveys  # noqa: E402
import qmsctl  # noqa: E402
from common import report  # noqa: E402

SIZES = [1000, 5000]
PORT = 8169
TIMEOUT = 45 * 60
JOBS = {
    "complaints": "qms_complaint.ir_cron_escalate_overdue",
    "survey_scoring": "qms_survey.ir_cron_survey_scoring",
    "loans": "qms_customer.ir_cron_qms_property_overdue_loans",
}
LOG_LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),\d+ ")


def admin_cursor():
    return odoo.sql_db.db_connect("postgres").cursor()


def copy_database(source, target):
    cr = admin_cursor()
    cr.autocommit(True)
    try:
        cr.execute('DROP DATABASE IF EXISTS "%s"' % target)
        cr.execute('CREATE DATABASE "%s" TEMPLATE "%s"' % (target, source))
    finally:
        cr.close()
    filestore = odoo.tools.config.filestore(source)
    if os.path.isdir(filestore):
        shutil.copytree(filestore, odoo.tools.config.filestore(target),
                        dirs_exist_ok=True)


def drop_database(name):
    odoo.sql_db.close_db(name)
    cr = admin_cursor()
    cr.autocommit(True)
    try:
        cr.execute('DROP DATABASE IF EXISTS "%s"' % name)
    finally:
        cr.close()
    shutil.rmtree(odoo.tools.config.filestore(name), ignore_errors=True)


def fill(dbname, size):
    """Commit the records the jobs will work on; make only our jobs due."""
    registry = odoo.registry(dbname)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID,
                                   {"tracking_disable": True})
        company = env.ref("base.main_company")
        complaints.ROWS = size
        complaints.insert_rows(env, company)
        cr.execute("""
            UPDATE qms_complaint SET state = 'handling',
                   date_responded = NULL, escalated = false,
                   date_deadline = now() at time zone 'UTC' - interval '1 hour'
             WHERE name LIKE 'BENCH/%%'""")
        partners = surveys.make_partners(env, size)
        campaign = surveys.build_campaign(env, partners, "Bench cron")[0]
        cr.execute("UPDATE qms_survey_campaign SET state = 'open' "
                   "WHERE id = %s", (campaign.id,))
        overdue_loans = loans.build(env, 20 * size, 20 * size)
        cron_ids = {job: env.ref(xmlid).id for job, xmlid in JOBS.items()}
        cr.execute("""
            UPDATE ir_cron SET nextcall = CASE WHEN id IN %s
                   THEN now() at time zone 'UTC' - interval '1 minute'
                   ELSE now() at time zone 'UTC' + interval '1 day' END,
                   active = (active OR id IN %s)""",
                   (tuple(cron_ids.values()), tuple(cron_ids.values())))
        cr.execute("SELECT id, cron_name FROM ir_cron WHERE id IN %s",
                   (tuple(cron_ids.values()),))
        names = dict(cr.fetchall())
        cr.execute("SELECT nextcall FROM ir_cron WHERE id = %s",
                   (cron_ids["complaints"],))
        due = cr.fetchone()[0]
    return {
        "crons": cron_ids, "names": names, "due": due,
        "campaign": campaign.id, "overdue_loans": overdue_loans,
    }


def results(dbname, setup):
    cr = odoo.sql_db.db_connect(dbname).cursor()
    try:
        cr.execute("SELECT id, nextcall FROM ir_cron WHERE id IN %s",
                   (tuple(setup["crons"].values()),))
        done = {cron_id for cron_id, nextcall in cr.fetchall()
                if nextcall > setup["due"]}
        cr.execute("SELECT count(*) FROM qms_complaint "
                   "WHERE name LIKE 'BENCH/%%' AND escalated")
        escalated = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM mgmtsystem_action "
                   "WHERE qms_survey_campaign_id = %s", (setup["campaign"],))
        actions = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM qms_property_loan "
                   "WHERE overdue_chased_date IS NOT NULL")
        chased = cr.fetchone()[0]
    finally:
        cr.close()
    return done, {"complaints": escalated, "survey_scoring": actions,
                  "loans": chased}


def parse_log(path, names):
    """Per job: start times of its runs; the stops by a limit."""
    starts = {name: [] for name in names.values()}
    stops = []
    with open(path, errors="replace") as fh:
        for line in fh:
            match = LOG_LINE.match(line)
            if not match:
                continue
            stamp = datetime.datetime.strptime(match.group(1),
                                               "%Y-%m-%d %H:%M:%S")
            for name in names.values():
                if "Starting job `%s`" % name in line:
                    starts[name].append(stamp)
            if "time limit" in line or "timeout" in line.lower() or \
                    "Traceback" in line or " ERROR " in line:
                stops.append(line.strip()[:200])
    return starts, stops


def run_size(source, conf, size):
    dbname = "%s_run" % source
    copy_database(source, dbname)
    logfile = os.path.join(qmsctl.DATA, "logs", "bench-cron-%s.log" % size)
    os.makedirs(os.path.dirname(logfile), exist_ok=True)
    if os.path.exists(logfile):
        os.remove(logfile)
    server = None
    try:
        t0 = time.perf_counter()
        setup = fill(dbname, size)
        report("cron_setup", size=size, seconds=round(
            time.perf_counter() - t0, 1))
        odoo.sql_db.close_db(dbname)
        server = subprocess.Popen(
            [qmsctl.PYTHON, qmsctl.ODOO_BIN, "-c", conf, "-d", dbname,
             "--db-filter", "^%s$" % dbname, "--workers", "2",
             "--http-port", str(PORT), "--longpolling-port", str(PORT + 3),
             "--logfile", logfile, "--log-level", "info"]
            + qmsctl.WORKER_LIMITS,
            env=qmsctl.odoo_env(), cwd=qmsctl.ROOT)
        ended = {}
        started = time.time()
        while len(ended) < len(setup["crons"]):
            if time.time() - started > TIMEOUT:
                raise RuntimeError("jobs not done after %s s" % TIMEOUT)
            if server.poll() is not None:
                raise RuntimeError("the server stopped (log: %s)" % logfile)
            time.sleep(2)
            done, counts = results(dbname, setup)
            for job, cron_id in setup["crons"].items():
                if cron_id in done and job not in ended:
                    ended[job] = datetime.datetime.utcnow()
        starts, stops = parse_log(logfile, setup["names"])
        done, counts = results(dbname, setup)
        expected = {"complaints": size, "loans": setup["overdue_loans"],
                    "survey_scoring": None}
        for job, cron_id in setup["crons"].items():
            runs = starts[setup["names"][cron_id]]
            # the log's clock is the server's local time, as is now()
            first = runs[0] if runs else None
            end_local = ended[job] + (datetime.datetime.now()
                                      - datetime.datetime.utcnow())
            seconds = (end_local - first).total_seconds() if first else -1
            records = counts[job]
            report("cron_%s" % job, size=size, runs=len(runs),
                   records=records, expected=expected[job] or records,
                   seconds=round(seconds, 1),
                   seconds_per_1000=round(
                       1000.0 * seconds / max(records, 1), 2))
        report("cron_limits", size=size, stops=len(stops),
               first_stop=(stops[0] if stops else "-").replace(" ", "_"))
    finally:
        if server and server.poll() is None:
            server.terminate()
            try:
                server.wait(60)
            except subprocess.TimeoutExpired:
                server.kill()
        drop_database(dbname)


def main():
    conf = os.environ["QMS_BENCH_CONF"]
    source = os.environ["QMS_BENCH_DB"]
    odoo.tools.config.parse_config(["-c", conf])
    odoo.sql_db.close_db(source)
    for size in SIZES:
        run_size(source, conf, size)


if __name__ == "__main__":
    main()
