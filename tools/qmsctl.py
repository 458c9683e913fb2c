"""Project commands, run inside the venv by ./qms (see ./qms --help).

Database: by default an embedded PostgreSQL (the ``pgserver`` package) in
``.data/pg``, started on demand and left running for the next command
(``./qms stop`` stops it). To use your own server, set QMS_DB_HOST (and
QMS_DB_PORT, QMS_DB_USER, QMS_DB_PASSWORD), or point QMS_ODOO_CONF at an
odoo.conf whose db_host/db_port/db_user/db_password are read.
"""
import argparse
import configparser
import os
import shutil
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".venv")
DATA = os.environ.get("QMS_DATA_DIR") or os.path.join(ROOT, ".data")
PYTHON = os.path.join(VENV, "bin", "python")
ODOO_BIN = os.path.join(ROOT, "tools", "odoo-bin")
ADDONS = ("qms_customer", "qms_complaint", "qms_survey")
DEMO_DB = "qms_demo"
TEST_PATHS = ["qms_customer/tests", "qms_complaint/tests", "qms_survey/tests",
              "tests"]


def log(msg):
    print("[qms] %s" % msg, file=sys.stderr, flush=True)


def fail(msg, code=2):
    log("error: " + msg)
    sys.exit(code)


# ---------------------------------------------------------------- database
def db_settings():
    """Connection settings: own server if configured, else embedded."""
    settings = {}
    conf = os.environ.get("QMS_ODOO_CONF")
    if conf:
        if not os.path.isfile(conf):
            fail("QMS_ODOO_CONF=%s: no such file" % conf)
        parser = configparser.ConfigParser()
        parser.read(conf)
        opts = parser["options"] if parser.has_section("options") else {}
        for key in ("db_host", "db_port", "db_user", "db_password"):
            value = opts.get(key)
            if value and value != "False":
                settings[key] = value
    for key in ("host", "port", "user", "password"):
        value = os.environ.get("QMS_DB_" + key.upper())
        if value:
            settings["db_" + key] = value
    settings["embedded"] = "db_host" not in settings
    return settings


def ensure_embedded_server():
    """Start (or reuse) the embedded PostgreSQL in .data/pg; return its
    connection settings, with a login role "odoo" (Odoo refuses the
    postgres superuser)."""
    run_dir = os.path.join(DATA, "run")
    os.makedirs(run_dir, mode=0o700, exist_ok=True)
    os.chmod(run_dir, 0o700)
    os.environ["XDG_RUNTIME_DIR"] = run_dir  # keep pgserver's locks here
    import pgserver
    pgdata = os.path.join(DATA, "pg")
    server = pgserver.get_server(pgdata, cleanup_mode=None)
    server.psql(
        "DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname='odoo')"
        " THEN CREATE ROLE odoo LOGIN CREATEDB; END IF; END$$;")
    # the socket lives in the data folder unless its path is too long for
    # a unix socket; the server's URI says where
    from urllib.parse import parse_qs, urlparse
    host = parse_qs(urlparse(server.get_uri()).query)["host"][0]
    return {"db_host": host, "db_port": "5432", "db_user": "odoo",
            "embedded": True}


def stop_embedded_server():
    pidfile = os.path.join(DATA, "pg", "postmaster.pid")
    if not os.path.isfile(pidfile):
        log("embedded PostgreSQL is not running")
        return
    with open(pidfile) as fh:
        pid = int(fh.readline().strip())
    try:
        os.kill(pid, signal.SIGINT)  # "fast" shutdown: clean, no recovery
    except ProcessLookupError:
        return
    for _ in range(100):
        if not os.path.exists(pidfile):
            log("embedded PostgreSQL stopped")
            return
        time.sleep(0.1)
    fail("embedded PostgreSQL (pid %s) did not stop" % pid)


def connect(settings, dbname="postgres"):
    import psycopg2
    kwargs = {"dbname": dbname, "connect_timeout": 5}
    for key in ("host", "port", "user", "password"):
        if settings.get("db_" + key):
            kwargs[key] = settings["db_" + key]
    return psycopg2.connect(**kwargs)


def ensure_database_server():
    settings = db_settings()
    if settings["embedded"]:
        settings = ensure_embedded_server()
    try:
        connect(settings).close()
    except Exception as exc:  # psycopg2.OperationalError and friends
        fail("cannot reach PostgreSQL at %s:%s as user %s: %s" % (
            settings.get("db_host"), settings.get("db_port", 5432),
            settings.get("db_user", os.environ.get("USER")),
            str(exc).strip()))
    return settings


def database_state(settings, dbname, addons=ADDONS):
    """None if the database does not exist, else the set of installed
    addons among ``addons`` (by default the QMS addons)."""
    conn = connect(settings)
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname=%s", (dbname,))
            if not cr.fetchone():
                return None
    finally:
        conn.close()
    conn = connect(settings, dbname)
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT to_regclass('ir_module_module')")
            if not cr.fetchone()[0]:
                return set()
            cr.execute("SELECT name FROM ir_module_module "
                       "WHERE state='installed' AND name IN %s",
                       (tuple(addons),))
            return {row[0] for row in cr.fetchall()}
    finally:
        conn.close()


def drop_database(settings, dbname):
    conn = connect(settings)
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            # Our own sessions only: an autovacuum worker (superuser) may be
            # on the database and cannot be signalled by a plain role;
            # DROP DATABASE stops it by itself.
            cr.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                       " WHERE datname=%s AND pid <> pg_backend_pid()"
                       " AND backend_type = 'client backend'"
                       " AND usename = current_user", (dbname,))
            cr.execute('DROP DATABASE IF EXISTS "%s"' % dbname.replace('"', ''))
    finally:
        conn.close()
    shutil.rmtree(os.path.join(DATA, "filestore", "filestore", dbname),
                  ignore_errors=True)


# ---------------------------------------------------------------- odoo
def addons_path():
    import sysconfig
    site = sysconfig.get_paths()["purelib"]
    return ",".join([ROOT, os.path.join(site, "odoo", "addons")])


def write_config(settings, name, dbname, extra=None):
    os.makedirs(DATA, exist_ok=True)
    path = os.path.join(DATA, name)
    options = {
        "addons_path": addons_path(),
        "data_dir": os.path.join(DATA, "filestore"),
        "db_name": dbname,
        "dbfilter": "^%s$" % dbname,
        "list_db": "False",
        "admin_passwd": os.environ.get("QMS_MASTER_PASSWORD", "admin"),
        "http_interface": "127.0.0.1",
        "http_port": "8069",
        "without_demo": "False",
    }
    for key in ("db_host", "db_port", "db_user", "db_password"):
        if settings.get(key):
            options[key] = settings[key]
    options.update(extra or {})
    parser = configparser.ConfigParser(interpolation=None)
    parser["options"] = options
    with open(path, "w") as fh:
        parser.write(fh)
    return path


def odoo_env():
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([
        os.path.join(VENV, "bin"),
        os.path.join(VENV, "node", "node_modules", ".bin"),
        env.get("PATH", ""),
    ])
    env["TZ"] = "UTC"
    return env


def odoo_command(conf, *args, subcommand=None):
    return [PYTHON, ODOO_BIN] + ([subcommand] if subcommand else []) + [
        "-c", conf] + list(args)


def run_odoo_init(conf, dbname, args, logname):
    """Run odoo with --stop-after-init, log to .data/logs; fail loudly."""
    logdir = os.path.join(DATA, "logs")
    os.makedirs(logdir, exist_ok=True)
    logfile = os.path.join(logdir, logname)
    if os.path.exists(logfile):
        os.remove(logfile)
    cmd = odoo_command(conf, "-d", dbname, "--stop-after-init",
                       "--logfile", logfile, *args)
    started = time.time()
    result = subprocess.run(cmd, env=odoo_env(), cwd=ROOT)
    with open(logfile, errors="replace") as fh:
        lines = fh.readlines()
    problems = [line for line in lines
                if " ERROR " in line or " CRITICAL " in line]
    if result.returncode or problems:
        sys.stderr.write("".join(lines[-60:]))
        fail("odoo %s failed on database %s (log: %s)" % (
            " ".join(args), dbname, logfile))
    log("%s done in %.0f s" % (" ".join(args), time.time() - started))


def install_database(settings, conf, dbname, demo=True, languages=None,
                     addons=ADDONS):
    args = ["-i", ",".join(addons)]
    if not demo:
        args.append("--without-demo=all")
    if languages:
        args.append("--load-language=%s" % languages)
    log("creating database %s with %s%s" % (
        dbname, ", ".join(addons), " and demo data" if demo else ""))
    run_odoo_init(conf, dbname, args, "install-%s.log" % dbname)


# ---------------------------------------------------------------- commands
# Limits of the multi-process server (./qms run --workers N and the
# scheduled-jobs benchmark): Odoo's documented production values for a
# request (600 s CPU, 1,200 s real) instead of Odoo 11's 60 / 120 s, which
# also bound the cron worker's CPU and stopped our jobs after about 50 s;
# one cron worker whose job may run 15 minutes. The jobs work in committed
# batches, so a job stopped by a limit resumes where it stopped.
WORKER_LIMITS = ["--max-cron-threads", "1",
                 "--limit-time-cpu", "600", "--limit-time-real", "1200",
                 "--limit-time-real-cron", "900"]


def cmd_run(options):
    settings = ensure_database_server()
    dbname = options.database
    conf = write_config(settings, "odoo.conf", dbname)
    state = database_state(settings, dbname)
    if state is None or state != set(ADDONS):
        install_database(settings, conf, dbname)
        # Simplified Chinese next to English: admin works in English, the
        # demo user and the people of the Suzhou company (its users and
        # customers) in Chinese, so a new user sees both. (--load-language
        # at creation would leave English inactive.)
        log("loading Simplified Chinese")
        subprocess.run(
            odoo_command(conf, "-d", dbname, "--log-level=warn",
                         subcommand="shell"),
            input=b"env['base.language.install'].create("
                  b"{'lang': 'zh_CN'}).lang_install()\n"
                  b"users = env.ref('base.user_demo')\n"
                  b"for role in ('salesman', 'sales_manager', 'vp', 'gm', "
                  b"'quality', 'quality_manager', 'production', 'finance'):\n"
                  b"    users |= env.ref('qms_customer.user_cn_%s_demo' % role)\n"
                  b"users.write({'lang': 'zh_CN'})\n"
                  b"env['res.partner'].search([('company_id', '=', "
                  b"env.ref('qms_customer.company_cn_demo').id)]).write("
                  b"{'lang': 'zh_CN'})\n"
                  # the pages Odoo serves through its website (the survey,
                  # the portal) in Chinese too
                  b"env['website'].search([]).write({'language_ids': [(4, "
                  b"env['res.lang'].search([('code', '=', 'zh_CN')]).id)]})\n"
                  b"env.cr.commit()\n",
            env=odoo_env(), cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    elif options.update:
        run_odoo_init(conf, dbname, ["-u", ",".join(ADDONS)],
                      "update-%s.log" % dbname)
    extra = []
    if options.workers:
        extra += ["--workers", str(options.workers)] + WORKER_LIMITS
    if options.port:
        extra += ["--http-port", str(options.port)]
    port = options.port or 8069
    log("Odoo with the QMS addons: http://127.0.0.1:%s  (login admin / "
        "password admin, database %s)" % (port, dbname))
    os.execve(PYTHON, odoo_command(conf, "-d", dbname, *extra), odoo_env())


def run_lint():
    """ruff over the repository, pylint-odoo's Odoo checks over the addons."""
    rc = 0
    for name, cmd in (
            ("ruff", [os.path.join(VENV, "bin", "ruff"), "check", "--quiet",
                      ROOT]),
            ("pylint-odoo", [os.path.join(VENV, "bin", "pylint"),
                             "--rcfile=%s" % os.path.join(ROOT, ".pylintrc")]
             + [os.path.join(ROOT, addon) for addon in ADDONS])):
        result = subprocess.run(cmd, cwd=ROOT)
        if result.returncode:
            log("lint: %s found problems (above)" % name)
            rc = 1
    if not rc:
        log("lint: clean (ruff, pylint-odoo)")
    return rc


def cmd_lint(options):
    sys.exit(run_lint())


def cmd_test(options):
    started = time.time()
    lint_rc = run_lint()
    settings = ensure_database_server()
    dbname = options.database
    conf = write_config(settings, "odoo-test-%s.conf" % dbname, dbname)
    state = database_state(settings, dbname)
    addons = tuple(options.addons.split(",")) if options.addons else ADDONS
    if options.reuse and state and set(addons) <= state:
        run_odoo_init(conf, dbname, ["-u", ",".join(sorted(state))],
                      "update-%s.log" % dbname)
    else:
        if state is not None:
            drop_database(settings, dbname)
        install_database(settings, conf, dbname, demo=True, addons=addons)
    env = odoo_env()
    env["QMS_TEST_CONF"] = conf
    env["QMS_TEST_DB"] = dbname
    cmd = [PYTHON, "-m", "pytest", "-p", "no:cacheprovider",
           "--rootdir=%s" % ROOT, "--odoo-config=%s" % conf,
           "--odoo-database=%s" % dbname, "--odoo-log-level=warn"]
    cmd += options.pytest_args or TEST_PATHS
    log("set-up took %.0f s; running pytest" % (time.time() - started))
    suites_rc = 0
    if not options.pytest_args and not options.addons:
        # the whole suite: Odoo's own sale/survey tests with our addons too
        suites_rc = run_odoo_suites(settings, dbname + "_odoo_suites")
    result = subprocess.run(cmd, cwd=ROOT, env=env)
    # pytest's summary stays the last line of the output
    sys.exit(result.returncode or lint_rc or suites_rc)


# Odoo's own suites that must pass with our addons installed while no
# company requires the order review yet (issue 10).
ODOO_SUITES = ("sale", "sale_stock", "sale_management", "survey")


def cmd_odoo_suites(options):
    settings = ensure_database_server()
    suites = options.suites.split(",") if options.suites else ODOO_SUITES
    sys.exit(run_odoo_suites(settings, options.database, suites))


def run_odoo_suites(settings, dbname, suites=ODOO_SUITES):
    """Odoo's own tests of sale, sale_stock, sale_management and survey on
    a database with our addons and demo data where no company requires
    the contract review (as right after installing into a real
    database). Returns the exit status."""
    started = time.time()
    conf = write_config(settings, "odoo-suites-%s.conf" % dbname, dbname)
    if database_state(settings, dbname) is not None:
        drop_database(settings, dbname)
    install_database(settings, conf, dbname, demo=True)
    conn = connect(settings, dbname)
    try:
        with conn.cursor() as cr:
            cr.execute("UPDATE res_company "
                       "SET qms_order_review_required = false")
        conn.commit()
    finally:
        conn.close()
    logfile = os.path.join(DATA, "logs", "odoo-suites-%s.log" % dbname)
    if os.path.exists(logfile):
        os.remove(logfile)
    log("running Odoo's tests of %s" % ", ".join(suites))
    cmd = odoo_command(conf, "-d", dbname, "--stop-after-init",
                       "--test-enable", "--log-level=test",
                       "--logfile", logfile, "-u", ",".join(suites))
    result = subprocess.run(cmd, env=odoo_env(), cwd=ROOT)
    with open(logfile, errors="replace") as fh:
        lines = fh.readlines()
    ran = sum(1 for line in lines if " running tests." in line)
    failures = [line for line in lines
                if " ERROR " in line or " CRITICAL " in line]
    for line in failures[:40]:
        sys.stderr.write(line)
    log("Odoo suites: %d test modules run, %d errors, %.0f s (log: %s)" % (
        ran, len(failures), time.time() - started, logfile))
    return 1 if result.returncode or failures else 0


def cmd_stop(options):
    if db_settings()["embedded"]:
        stop_embedded_server()


def cmd_shell(options):
    settings = ensure_database_server()
    conf = write_config(settings, "odoo.conf", options.database)
    os.execve(PYTHON, odoo_command(conf, "-d", options.database,
                                   subcommand="shell"), odoo_env())


def cmd_i18n(options):
    """Export an addon's terms into i18n/<addon>.pot and merge them into
    i18n/zh_CN.po, keeping the translations already there."""
    import polib
    settings = ensure_database_server()
    conf = write_config(settings, "odoo-i18n-%s.conf" % options.database,
                        options.database)
    addon = options.addon
    i18n_dir = os.path.join(ROOT, addon, "i18n")
    os.makedirs(i18n_dir, exist_ok=True)
    pot_path = os.path.join(i18n_dir, "%s.pot" % addon)
    tmp_path = os.path.join(DATA, "%s-export.po" % addon)  # Odoo wants .po
    run_odoo_init(conf, options.database, [
        "--i18n-export=%s" % tmp_path, "--modules=%s" % addon],
        "i18n-%s.log" % addon)
    shutil.move(tmp_path, pot_path)
    po_path = os.path.join(i18n_dir, "zh_CN.po")
    pot = polib.pofile(pot_path)
    if os.path.exists(po_path):
        po = polib.pofile(po_path)
        po.merge(pot)
        for entry in po.obsolete_entries():
            po.remove(entry)
    else:
        po = polib.pofile(pot_path)
    po.metadata.update({
        "Project-Id-Version": "Odoo Server 11.0",
        "Language": "zh_CN",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "",
        "Plural-Forms": "",
    })
    po.save(po_path)
    missing = [e.msgid for e in po if not e.msgstr]
    log("%s: %d terms, %d without a zh_CN translation" % (
        po_path, len(po), len(missing)))


def cmd_bench(options):
    settings = ensure_database_server()
    conf = write_config(settings, "odoo-bench-%s.conf" % options.database,
                        options.database)
    # --addons sale_management,sale_stock,account_invoicing: plain Odoo,
    # the baseline of bench_order_review.py
    addons = tuple(options.addons.split(",")) if options.addons else ADDONS
    state = database_state(settings, options.database, addons)
    if not state or not set(addons) <= state:
        drop_database(settings, options.database)
        install_database(settings, conf, options.database, demo=False,
                         addons=addons)
    else:
        run_odoo_init(conf, options.database, ["-u", ",".join(sorted(state))],
                      "update-%s.log" % options.database)
    env = odoo_env()
    env["QMS_BENCH_DB"] = options.database
    env["QMS_BENCH_CONF"] = conf
    scripts = options.scripts or sorted(
        os.path.join("bench", name)
        for name in os.listdir(os.path.join(ROOT, "bench"))
        if name.startswith("bench_") and name.endswith(".py"))
    rc = 0
    for script in scripts:
        log("benchmark %s" % script)
        rc |= subprocess.run([PYTHON, script], cwd=ROOT, env=env).returncode
    sys.exit(rc)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="./qms")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="serve Odoo with the addons and demo data")
    run.add_argument("--database", default=DEMO_DB)
    run.add_argument("--workers", type=int, default=0,
                     help="multi-process mode (production shape)")
    run.add_argument("--port", type=int)
    run.add_argument("--update", action="store_true",
                     help="upgrade the QMS addons (-u) before serving")
    run.set_defaults(func=cmd_run)
    test = sub.add_parser("test", help="fresh test database, every test")
    test.add_argument("--database",
                      default=os.environ.get("QMS_TEST_DB", "qms_test"))
    test.add_argument("--reuse", action="store_true",
                      help="upgrade the existing test database instead of "
                           "building a fresh one (faster while developing)")
    test.add_argument("--addons",
                      help="comma-separated QMS addons to install (default: "
                           "all three); for work on one addon")
    test.add_argument("pytest_args", nargs="*",
                      help="paths/options for pytest (default: every test)")
    test.set_defaults(func=cmd_test)
    suites = sub.add_parser(
        "odoo-suites", help="Odoo's own sale/survey tests with our addons")
    suites.add_argument("--database", default="qms_odoo_suites")
    suites.add_argument("--suites",
                        help="comma-separated Odoo modules whose tests run "
                             "(default: %s)" % ",".join(ODOO_SUITES))
    suites.set_defaults(func=cmd_odoo_suites)
    sub.add_parser("lint", help="run ruff").set_defaults(func=cmd_lint)
    sub.add_parser("stop", help="stop the embedded PostgreSQL").set_defaults(
        func=cmd_stop)
    shell = sub.add_parser("shell", help="Odoo shell")
    shell.add_argument("--database", default=DEMO_DB)
    shell.set_defaults(func=cmd_shell)
    i18n = sub.add_parser("i18n", help="export an addon's terms, merge zh_CN")
    i18n.add_argument("addon", choices=ADDONS)
    i18n.add_argument("--database", default=DEMO_DB)
    i18n.set_defaults(func=cmd_i18n)
    bench = sub.add_parser("bench", help="run benchmark scripts in bench/")
    bench.add_argument("--database", default="qms_bench")
    bench.add_argument("--addons", help="QMS addons to install (default all)")
    bench.add_argument("scripts", nargs="*")
    bench.set_defaults(func=cmd_bench)
    options, unknown = parser.parse_known_args(argv)
    if unknown and options.command == "test":
        options.pytest_args = (options.pytest_args or []) + unknown
    elif unknown:
        parser.error("unrecognized arguments: %s" % " ".join(unknown))
    options.func(options)


if __name__ == "__main__":
    main()
