"""Shared set-up of the benchmark scripts (run them with ./qms bench).

``odoo_env()`` yields an Odoo environment on the benchmark database
(QMS_BENCH_DB, built by ./qms bench without demo data) in a transaction
that is rolled back at the end, so a benchmark leaves nothing behind.
``count_queries(cr)`` counts the SQL statements run inside its block.
"""
import contextlib
import os
import threading
import time

import odoo
from odoo.sql_db import Cursor


_configured = []


@contextlib.contextmanager
def odoo_env(uid=odoo.SUPERUSER_ID, context=None):
    if not _configured:  # Odoo's config can be parsed once per process
        odoo.tools.config.parse_config(["-c", os.environ["QMS_BENCH_CONF"]])
        _configured.append(True)
    dbname = os.environ["QMS_BENCH_DB"]
    registry = odoo.registry(dbname)
    # Everything a benchmark does is rolled back: scheduled jobs, which
    # commit their batches outside tests, must not commit here either.
    thread = threading.current_thread()
    testing = getattr(thread, "testing", False)
    thread.testing = True
    with odoo.api.Environment.manage():
        cr = registry.cursor()
        try:
            yield odoo.api.Environment(cr, uid, dict(context or {}))
        finally:
            cr.rollback()
            cr.close()
            thread.testing = testing


class count_queries:
    """with count_queries(env.cr) as q: ...; q.count, q.seconds"""

    def __init__(self, cr):
        self.cr = cr

    def __enter__(self):
        self.cr.flush() if hasattr(self.cr, "flush") else None
        self._start = self.cr.sql_log_count
        self._t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self._t0
        self.count = self.cr.sql_log_count - self._start
        return False


def report(name, **figures):
    """Print one result line: name and figures, machine-greppable."""
    parts = " ".join("%s=%s" % (k, v) for k, v in figures.items())
    print("BENCH %s %s" % (name, parts), flush=True)


__all__ = ["odoo_env", "count_queries", "report", "Cursor"]
