"""Platform: our addons install on a fresh database one after the other,
and upgrading them (-u) keeps the records users made and the data they
edited (noupdate)."""
import os
import subprocess
import sys
import unittest

import odoo

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = ["qms_customer", "qms_complaint", "qms_survey"]


def run_odoo(dbname, *args):
    logfile = os.path.join(odoo.tools.config["data_dir"], "%s.log" % dbname)
    result = subprocess.run(
        [sys.executable, os.path.join(ROOT, "tools", "odoo-bin"),
         "-c", os.environ["QMS_TEST_CONF"], "-d", dbname,
         "--db-filter", "^%s$" % dbname, "--stop-after-init",
         "--logfile", logfile] + list(args), cwd=ROOT)
    with open(logfile, errors="replace") as fh:
        log = fh.read()
    os.unlink(logfile)
    return result.returncode, log


def qms_record_counts(cr):
    """Rows of every table of a model that one of our addons defines."""
    cr.execute("""SELECT DISTINCT m.model FROM ir_model m
                  JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id
                  WHERE d.module IN %s""", (tuple(ADDONS),))
    counts = {}
    for (model,) in cr.fetchall():
        table = model.replace(".", "_")
        cr.execute("SELECT to_regclass(%s)", (table,))
        if cr.fetchone()[0]:
            cr.execute('SELECT count(*) FROM "%s"' % table)
            counts[model] = cr.fetchone()[0]
    return counts


class TestInstallUpgrade(unittest.TestCase):

    def test_01_upgrade_keeps_records(self):
        """Platform: -u of the three addons keeps every record of their
        models and an edited noupdate record (a renamed department)."""
        dbname = os.environ["QMS_TEST_DB"]
        registry = odoo.registry(dbname)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            dept = env.ref("qms_customer.qms_department_quality")
            old_name = dept.name
            dept.name = "Quality Assurance (renamed)"
            extra = env["qms.department"].create({"name": "Upgrade check"})
            before = qms_record_counts(cr)
            cr.commit()
        try:
            self.assertTrue(before)
            rc, log = run_odoo(dbname, "-u", ",".join(ADDONS))
            self.assertEqual(rc, 0, log[-3000:])
            self.assertNotIn(" ERROR ", log)
            with registry.cursor() as cr:
                self.assertEqual(qms_record_counts(cr), before)
                cr.execute("SELECT name FROM qms_department WHERE id=%s",
                           (dept.id,))
                self.assertEqual(cr.fetchone()[0], "Quality Assurance (renamed)")
        finally:
            with registry.cursor() as cr:
                cr.execute("UPDATE qms_department SET name=%s WHERE id=%s",
                           (old_name, dept.id))
                cr.execute("DELETE FROM qms_department WHERE id=%s", (extra.id,))

    def test_02_each_addon_installs_on_fresh_database(self):
        """Platform: qms_customer installs alone on a new database, then
        qms_complaint on top of it (qms_survey with both is the test
        database itself)."""
        dbname = os.environ["QMS_TEST_DB"] + "_fresh"
        self._drop(dbname)
        try:
            for addon in ADDONS[:2]:
                rc, log = run_odoo(dbname, "-i", addon, "--without-demo=all")
                self.assertEqual(rc, 0, log[-3000:])
                self.assertNotIn(" ERROR ", log, log[-3000:])
                db = odoo.sql_db.db_connect(dbname)
                with db.cursor() as cr:
                    cr.execute("SELECT state FROM ir_module_module WHERE name=%s",
                               (addon,))
                    self.assertEqual(cr.fetchone()[0], "installed")
                    if addon == "qms_customer":
                        cr.execute("SELECT state FROM ir_module_module "
                                   "WHERE name='qms_complaint'")
                        self.assertEqual(cr.fetchone()[0], "uninstalled")
                odoo.sql_db.close_db(dbname)
        finally:
            self._drop(dbname)

    def _drop(self, dbname):
        odoo.sql_db.close_db(dbname)
        with odoo.sql_db.db_connect("postgres").cursor() as cr:
            cr.autocommit(True)
            # Our own sessions only: an autovacuum worker may be on the
            # new database and only a superuser may signal it (DROP
            # DATABASE stops it by itself).
            cr.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname=%s AND backend_type = 'client backend' "
                       "AND usename = current_user", (dbname,))
            cr.execute('DROP DATABASE IF EXISTS "%s"' % dbname)
