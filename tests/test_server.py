"""Platform: the launcher serves the web client in Odoo's multi-process
(production) mode: 2 HTTP workers, a cron worker and the long-polling
process, on the test database; /web/login answers 200 and the backend asset
bundle is compiled by lessc without error."""
import re
import socket
import unittest

import psutil

from odoo_server import OdooServer


class TestServerWorkers(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.server = OdooServer("--workers", "2", "--max-cron-threads", "1")
        cls.login_page = cls.server.wait_ready()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

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
        children = psutil.Process(self.server.process.pid).children()
        self.assertGreaterEqual(len(children), 4, children)
        for _ in range(6):
            info = self.server.json("/web/webclient/version_info", {})
            self.assertEqual(info["result"]["server_serie"], "11.0")
        with socket.create_connection(("127.0.0.1", self.server.lp_port), 30):
            pass
        self.assertEqual(len(re.findall(r"Worker WorkerHTTP \(\d+\) alive",
                                        self.server.log())), 2)

    def test_03_backend_assets_styled(self):
        """Platform: after logging in as admin/admin, the backend page links
        the asset bundle and its CSS is compiled by lessc (no less error)."""
        self.server.login()
        opener, base = self.server.opener, self.server.base
        page = opener.open(base + "/web", timeout=120).read().decode()
        css_links = re.findall(
            r'href="(/web/content/[^"]*web\.assets_backend[^"]*\.css)"', page)
        self.assertTrue(css_links, "backend CSS bundle not linked")
        css = b"".join(opener.open(base + link, timeout=300).read()
                       for link in css_links).decode("utf-8", "replace")
        self.assertGreater(len(css), 100000)
        self.assertNotIn("Could not execute command", css)
        self.assertNotIn("A css error occured", css)
        self.assertIn(".o_main_navbar", css)
        js_links = re.findall(
            r'src="(/web/content/[^"]*web\.assets_backend[^"]*\.js)"', page)
        self.assertTrue(js_links)
        self.assertEqual(opener.open(base + js_links[0], timeout=300).status, 200)
