"""Platform: the embedded PostgreSQL starts in a data folder of its own and
stops cleanly; a configured company server that cannot be reached is
reported clearly with a non-zero exit."""
import os
import subprocess
import sys
import tempfile
import unittest

from odoo_server import ROOT, free_port

QMSCTL = os.path.join(ROOT, "tools", "qmsctl.py")


def qmsctl(args, **env):
    full_env = dict(os.environ)
    for key in ("QMS_DB_HOST", "QMS_DB_PORT", "QMS_DB_USER",
                "QMS_DB_PASSWORD", "QMS_ODOO_CONF"):
        full_env.pop(key, None)
    full_env.update(env)
    return subprocess.run([sys.executable, QMSCTL] + args, env=full_env,
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


class TestDatabaseServer(unittest.TestCase):

    def test_01_embedded_server_start_and_stop(self):
        """Platform: a new data folder gets its own PostgreSQL cluster with
        the odoo role; `./qms stop` shuts it down cleanly."""
        with tempfile.TemporaryDirectory() as data:
            os.chmod(data, 0o755)
            start = subprocess.run(
                [sys.executable, "-c",
                 "import sys; sys.path.insert(0, %r); import qmsctl; "
                 "s = qmsctl.ensure_database_server(); "
                 "c = qmsctl.connect(s); cr = c.cursor(); "
                 "cr.execute('select current_user'); print(cr.fetchone()[0])"
                 % os.path.join(ROOT, "tools")],
                env=dict(os.environ, QMS_DATA_DIR=data), capture_output=True,
                text=True, timeout=300)
            self.assertEqual(start.returncode, 0, start.stderr)
            self.assertEqual(start.stdout.strip(), "odoo")
            pidfile = os.path.join(data, "pg", "postmaster.pid")
            self.assertTrue(os.path.exists(pidfile))
            stop = qmsctl(["stop"], QMS_DATA_DIR=data)
            self.assertEqual(stop.returncode, 0, stop.stderr)
            self.assertIn("stopped", stop.stderr)
            self.assertFalse(os.path.exists(pidfile))

    def test_02_unreachable_server_is_reported(self):
        """Platform: QMS_DB_HOST/PORT naming a server that does not answer
        makes the command say so and exit 2, before anything else runs."""
        port = str(free_port())
        result = qmsctl(["run"], QMS_DB_HOST="127.0.0.1", QMS_DB_PORT=port,
                        QMS_DB_USER="odoo")
        self.assertEqual(result.returncode, 2)
        self.assertIn("cannot reach PostgreSQL at 127.0.0.1:%s as user odoo"
                      % port, result.stderr)

    def test_03_odoo_conf_settings_are_used(self):
        """Platform: QMS_ODOO_CONF points at a company odoo.conf whose
        db_host/db_port/db_user are used."""
        port = str(free_port())
        with tempfile.NamedTemporaryFile("w", suffix=".conf") as conf:
            conf.write("[options]\ndb_host = 127.0.0.1\ndb_port = %s\n"
                       "db_user = erp\ndb_password = secret\n" % port)
            conf.flush()
            result = qmsctl(["test"], QMS_ODOO_CONF=conf.name)
        self.assertEqual(result.returncode, 2)
        self.assertIn("cannot reach PostgreSQL at 127.0.0.1:%s as user erp"
                      % port, result.stderr)
