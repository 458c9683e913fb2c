"""Platform: the launcher serves the web client in Odoo's multi-process
(production) mode: 2 HTTP workers, a cron worker and the long-polling
process, on the test database; /web/login answers 200 and the backend asset
bundle is compiled by lessc without error."""
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
from http.cookiejar import CookieJar

import psutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TestServerWorkers(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.db = os.environ["QMS_TEST_DB"]
        cls.port, cls.lp_port = free_port(), free_port()
        cls.logfile = tempfile.NamedTemporaryFile(suffix=".log", delete=False).name
        cls.server = subprocess.Popen(
            [sys.executable, os.path.join(ROOT, "tools", "odoo-bin"),
             "-c", os.environ["QMS_TEST_CONF"], "-d", cls.db,
             "--http-port", str(cls.port),
             "--longpolling-port", str(cls.lp_port),
             "--workers", "2", "--max-cron-threads", "1",
             "--logfile", cls.logfile],
            cwd=ROOT, start_new_session=True)
        cls.base = "http://127.0.0.1:%d" % cls.port
        cls.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()))
        deadline = time.time() + 120
        while True:
            try:
                cls.login_page = cls.opener.open(cls.base + "/web/login",
                                                 timeout=30)
                break
            except OSError:
                if time.time() > deadline or cls.server.poll() is not None:
                    cls.tearDownClass()
                    raise
                time.sleep(1)

    @classmethod
    def tearDownClass(cls):
        if cls.server.poll() is None:
            os.killpg(cls.server.pid, signal.SIGTERM)
            try:
                cls.server.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(cls.server.pid, signal.SIGKILL)
        os.unlink(cls.logfile)

    def _json(self, path, params):
        request = urllib.request.Request(
            self.base + path,
            data=json.dumps({"jsonrpc": "2.0", "params": params}).encode(),
            headers={"Content-Type": "application/json"})
        return json.loads(self.opener.open(request, timeout=60).read())

    def test_01_login_page(self):
        """Platform: /web/login answers 200 with the login form (server-side
        QWeb render works)."""
        self.assertEqual(self.login_page.status, 200)
        body = self.login_page.read().decode()
        self.assertIn('name="login"', body)
        self.assertIn("csrf_token", body)

    def test_02_workers_and_longpolling(self):
        """Platform: --workers 2 forks two HTTP workers, a cron worker and
        the long-polling (gevent) process; requests are served."""
        children = psutil.Process(self.server.pid).children()
        self.assertGreaterEqual(len(children), 4, children)
        for _ in range(6):
            info = self._json("/web/webclient/version_info", {})
            self.assertEqual(info["result"]["server_serie"], "11.0")
        with socket.create_connection(("127.0.0.1", self.lp_port), 30):
            pass
        with open(self.logfile) as fh:
            log = fh.read()
        self.assertEqual(len(re.findall(r"Worker WorkerHTTP \(\d+\) alive", log)), 2)

    def test_03_backend_assets_styled(self):
        """Platform: after logging in as admin/admin, the backend page links
        the asset bundle and its CSS is compiled by lessc (no less error)."""
        result = self._json("/web/session/authenticate", {
            "db": self.db, "login": "admin", "password": "admin"})
        self.assertEqual(result["result"]["username"], "admin")
        self.assertTrue(result["result"]["uid"])
        page = self.opener.open(self.base + "/web", timeout=120).read().decode()
        css_links = re.findall(r'href="(/web/content/[^"]*web\.assets_backend[^"]*\.css)"',
                               page)
        self.assertTrue(css_links, "backend CSS bundle not linked")
        css = b"".join(self.opener.open(self.base + link, timeout=300).read()
                       for link in css_links).decode("utf-8", "replace")
        self.assertGreater(len(css), 100000)
        self.assertNotIn("Could not execute command", css)
        self.assertNotIn("A css error occured", css)
        self.assertIn(".o_main_navbar", css)
        js_links = re.findall(r'src="(/web/content/[^"]*web\.assets_backend[^"]*\.js)"',
                              page)
        self.assertTrue(js_links)
        self.assertEqual(self.opener.open(self.base + js_links[0],
                                          timeout=300).status, 200)
