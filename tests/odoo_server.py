"""Start the project's Odoo launcher on free ports for a test, stop it after.

Used by the platform tests that need a real HTTP server (multi-worker mode,
the headless-browser check)."""
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OdooServer(object):
    """An Odoo server process on the test database."""

    def __init__(self, *extra_args):
        self.db = os.environ["QMS_TEST_DB"]
        self.extra_args = extra_args
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies))
        self.start()

    def start(self):
        extra_args = self.extra_args
        self.port, self.lp_port = free_port(), free_port()
        self.base = "http://127.0.0.1:%d" % self.port
        self.logfile = tempfile.NamedTemporaryFile(
            suffix=".log", delete=False).name
        self.process = subprocess.Popen(
            [sys.executable, os.path.join(ROOT, "tools", "odoo-bin"),
             "-c", os.environ["QMS_TEST_CONF"], "-d", self.db,
             "--http-port", str(self.port),
             "--longpolling-port", str(self.lp_port),
             "--logfile", self.logfile] + list(extra_args),
            cwd=ROOT, start_new_session=True)

    def wait_ready(self, timeout=120, restarts=1):
        """Wait for /web/login; return that first response. A server that
        died at start (its free port taken meanwhile) is started once more;
        a failure says what the server logged."""
        deadline = time.time() + timeout
        while True:
            try:
                return self.opener.open(self.base + "/web/login", timeout=30)
            except OSError as error:
                died = self.process.poll() is not None
                if time.time() > deadline or died:
                    tail = self.log()[-4000:] if os.path.exists(
                        self.logfile) else ""
                    self.stop()
                    if died and restarts:
                        self.start()
                        return self.wait_ready(timeout, restarts - 1)
                    raise AssertionError(
                        "Odoo did not serve /web/login (%s); its log ends "
                        "with:\n%s" % (error, tail)) from error
                time.sleep(1)

    def json(self, path, params):
        request = urllib.request.Request(
            self.base + path,
            data=json.dumps({"jsonrpc": "2.0", "params": params}).encode(),
            headers={"Content-Type": "application/json"})
        return json.loads(self.opener.open(request, timeout=60).read())

    def login(self, login="admin", password="admin"):
        """Authenticate; return the session id."""
        result = self.json("/web/session/authenticate", {
            "db": self.db, "login": login, "password": password})
        if not result.get("result", {}).get("uid"):
            raise AssertionError("login failed: %s" % result)
        return next(c.value for c in self.cookies if c.name == "session_id")

    def log(self):
        with open(self.logfile, errors="replace") as fh:
            return fh.read()

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        if os.path.exists(self.logfile):
            os.unlink(self.logfile)
