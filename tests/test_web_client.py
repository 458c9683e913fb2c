"""Platform / R-E5: the web client, driven by headless Chromium, loads
styled for admin with the Quality app in the menu and demo records in its
first view. A screenshot is left in .data/logs/web_client.png."""
import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import unittest
import urllib.request

import websocket

from odoo_server import OdooServer, ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class Browser(object):
    """Headless Chromium over the DevTools protocol (no browser download)."""

    def __init__(self):
        self.profile = tempfile.mkdtemp()
        self.process = subprocess.Popen(
            [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run", "--disable-quic",
             "--remote-debugging-port=0", "--window-size=1400,900",
             "--user-data-dir=%s" % self.profile, "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.time() + 60
        while not (os.path.exists(port_file) and open(port_file).read().strip()):
            if time.time() > deadline:
                self.close()
                raise AssertionError("Chromium did not start")
            time.sleep(0.2)
        port = int(open(port_file).readline())
        targets = json.loads(urllib.request.urlopen(
            "http://127.0.0.1:%d/json/list" % port, timeout=30).read())
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=120, suppress_origin=True)
        self.last_id = 0

    def send(self, method, **params):
        self.last_id += 1
        self.ws.send(json.dumps({"id": self.last_id, "method": method,
                                 "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.last_id:
                if "error" in message:
                    raise AssertionError("%s: %s" % (method, message["error"]))
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", expression=expression,
                           returnByValue=True, awaitPromise=True)
        return result.get("result", {}).get("value")

    def wait_for(self, expression, timeout=120, explain=None):
        """Poll `expression` until true; on time-out say what the page shows
        (`explain` is a JS expression describing the state)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.evaluate(expression):
                return True
            time.sleep(0.5)
        state = self.evaluate(explain or "location.href")
        raise AssertionError("timed out waiting for %s (page: %s)"
                             % (expression, state))

    def screenshot(self, path):
        shot = self.send("Page.captureScreenshot", format="png")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(base64.b64decode(shot["data"]))

    def close(self):
        if getattr(self, "ws", None):
            self.ws.close()
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


@unittest.skipUnless(CHROMIUM, "Chromium is installed by tools/bootstrap.sh")
class TestWebClient(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.server = OdooServer()
        cls.server.wait_ready()
        cls.session_id = cls.server.login()
        cls.browser = Browser()

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.server.stop()

    def test_01_backend_styled_with_quality_app(self):
        """Platform / R-E5: logged in as admin, the backend is styled, the
        Quality app is in the menu, and its first view shows demo records."""
        browser = self.browser
        browser.send("Network.enable")
        browser.send("Network.setCookie", name="session_id",
                     value=self.session_id, url=self.server.base + "/")
        browser.send("Page.navigate", url=self.server.base + "/web")
        browser.wait_for("!!document.querySelector("
                         "'#oe_main_menu_navbar .oe_application_menu_placeholder a')")
        navbar_colour = browser.evaluate(
            "getComputedStyle(document.querySelector('#oe_main_menu_navbar'))"
            ".backgroundColor")
        self.assertNotIn(navbar_colour, (None, "", "rgba(0, 0, 0, 0)"),
                         "navbar not styled: the CSS bundle did not apply")
        apps = browser.evaluate(
            "Array.from(document.querySelectorAll("
            "'.oe_application_menu_placeholder > li > a'))"
            ".map(a => a.textContent.trim())")
        self.assertIn("Quality", apps)
        # The menu is rendered server-side, before the web client has
        # started: wait until it has opened its start action (the hash names
        # an action), or its late start action would replace ours.
        explain = ("location.hash + ' | ' + document.title + ' | ' + "
                   "(document.querySelector('.o_content') || document.body)"
                   ".innerText.slice(0, 300)")
        browser.wait_for("/[#&]action=[^&]/.test(location.hash) && "
                         "![...document.querySelectorAll('.o_loading')].some("
                         "e => getComputedStyle(e).display !== 'none')"
                         " && !!document.querySelector('.o_content')",
                         explain=explain)
        quality_action = browser.evaluate(
            "document.querySelector('.oe_secondary_menu[data-menu-parent=\"' + "
            "document.querySelector('a[data-menu-xmlid=\"qms_customer.qms_menu_root\"]')"
            ".dataset.menu + '\"] a[data-action-id]:not([data-action-id=\"\"])')"
            ".dataset.actionId")
        self.assertTrue(quality_action, "the Quality app has no action")
        browser.evaluate(
            "document.querySelector('.oe_application_menu_placeholder "
            "a[data-menu-xmlid=\"qms_customer.qms_menu_root\"]').click()")
        path = os.path.join(os.environ.get("QMS_DATA_DIR") or
                            os.path.join(ROOT, ".data"), "logs", "web_client.png")
        try:
            browser.wait_for(
                "/[#&]action=%s(&|$)/.test(location.hash) && "
                "document.querySelectorAll('.o_data_row, .o_kanban_record:not("
                ".o_kanban_ghost)').length > 0" % quality_action,
                explain=explain)
        finally:
            browser.screenshot(path)

    def _call(self, model, method, *args, **kwargs):
        result = self.server.json("/web/dataset/call_kw", {
            "model": model, "method": method, "args": list(args),
            "kwargs": kwargs})
        if "error" in result:
            raise AssertionError(result["error"])
        return result["result"]

    def _open_web_client(self):
        browser = self.browser
        browser.send("Network.enable")
        browser.send("Network.setCookie", name="session_id",
                     value=self.session_id, url=self.server.base + "/")
        browser.send("Page.navigate", url=self.server.base + "/web")
        # wait for the start action, or it would replace the one we open
        browser.wait_for("!!document.querySelector('.o_mail_navbar_item "
                         ".fa-clock-o') && /[#&]action=[^&]/.test("
                         "location.hash) && ![...document.querySelectorAll("
                         "'.o_loading')].some(e => getComputedStyle(e)"
                         ".display !== 'none') && !!document.querySelector("
                         "'.o_content')")

    def test_02_signer_opens_his_activity_on_the_order(self):
        """R-A4: the signer's activities open every order he has to sign
        (not only those due today: the review falls due in days), and the
        order he opens shows Approve; "To Sign" shows a counter."""
        orders = self._call(
            "sale.order", "search_read",
            [("qms_review_state", "=", "pending"),
             ("activity_user_id", "=", 1)], ["name", "qms_can_sign",
                                              "qms_review_missing"])
        ready = [o for o in orders
                 if o["qms_can_sign"] and not o["qms_review_missing"]]
        self.assertTrue(ready, "the demo has an order ready to sign")
        name = ready[0]["name"]
        browser = self.browser
        self._open_web_client()
        explain = ("location.hash + ' | ' + (document.querySelector("
                   "'.o_content') || document.body).innerText.slice(0, 300)")
        counter = browser.evaluate(
            "(document.querySelector('a[data-menu-xmlid="
            "\"qms_customer.qms_menu_to_sign\"] .o_qms_sign_counter') "
            "|| {}).textContent")
        browser.wait_for(
            "!!document.querySelector('a[data-menu-xmlid="
            "\"qms_customer.qms_menu_to_sign\"] .o_qms_sign_counter')",
            explain=explain)
        browser.evaluate(
            "[...document.querySelectorAll('.o_mail_navbar_item')]"
            ".find(li => li.querySelector('.fa-clock-o'))"
            ".querySelector('a.dropdown-toggle').click()")
        browser.wait_for("!!document.querySelector('.o_mail_channel_preview"
                         "[data-res_model=\"sale.order\"]')", explain=explain)
        browser.evaluate("document.querySelector('.o_mail_channel_preview"
                         "[data-res_model=\"sale.order\"]').click()")
        browser.wait_for(
            "[...document.querySelectorAll('.o_list_view .o_data_row')]"
            ".some(r => r.innerText.includes(%s))" % json.dumps(name),
            explain=explain)
        # every order he has to sign, whatever its due date (Odoo 11 shows
        # only those late or due today: none, the review is due in days)
        rows = browser.evaluate(
            "document.querySelectorAll('.o_list_view .o_data_row').length")
        self.assertGreaterEqual(rows, len(orders))
        browser.evaluate(
            "[...document.querySelectorAll('.o_list_view .o_data_row')]"
            ".find(r => r.innerText.includes(%s))"
            ".querySelector('td:not(.o_list_record_selector)').click()"
            % json.dumps(name))
        path = os.path.join(os.environ.get("QMS_DATA_DIR") or
                            os.path.join(ROOT, ".data"), "logs",
                            "signer_activity.png")
        try:
            browser.wait_for(
                # Odoo 11 renders header buttons without their name
                "!!document.querySelector('.o_form_view') && [...document"
                ".querySelectorAll('.o_statusbar_buttons button')]"
                ".some(b => b.textContent.trim() === 'Approve' && "
                "b.getBoundingClientRect().width > 0 && "
                "!b.classList.contains('o_invisible_modifier'))",
                explain=explain)
        finally:
            browser.screenshot(path)
        self.assertTrue(counter is None or counter)
