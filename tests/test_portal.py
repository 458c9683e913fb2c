"""Issue 12: the customer portal through HTTP on a real server. Two
customers, each with a portal user, their complaints, special requirements
and property are committed before the server starts and deleted after.
Each customer sees and answers only his own; internal notes and our root
cause never reach the page; what the portal writes is re-read as the
administrator over XML-RPC."""
import json
import os
import re
import unittest
import urllib.error
import urllib.parse
import urllib.request
import uuid
import xmlrpc.client
from http.cookiejar import CookieJar

import odoo
from odoo_server import OdooServer
from test_web_client import CHROMIUM
from test_web_client import Browser as ChromeBrowser

TAG = uuid.uuid4().hex[:8]
SECRET_NOTE = "INTERNAL-NOTE-%s" % TAG
SECRET_ROOT = "ROOT-CAUSE-%s" % TAG
PUBLISHED = "PUBLISHED-MESSAGE-%s" % TAG


class Browser(object):
    """One HTTP client with its own session (cookies)."""

    def __init__(self, server):
        self.server = server
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()))

    def login(self, login, password):
        request = urllib.request.Request(
            self.server.base + "/web/session/authenticate",
            data=json.dumps({"jsonrpc": "2.0", "params": {
                "db": self.server.db, "login": login,
                "password": password}}).encode(),
            headers={"Content-Type": "application/json"})
        result = json.loads(self.opener.open(request, timeout=60).read())
        assert result.get("result", {}).get("uid"), result

    def open(self, path, data=None, headers=None):
        """(status, body, content type) of a GET, or of a POST of data."""
        request = urllib.request.Request(
            self.server.base + path, data=data, headers=headers or {})
        try:
            response = self.opener.open(request, timeout=120)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), \
                error.headers.get("Content-Type")
        body = response.read()
        ctype = response.headers.get("Content-Type") or ""
        if "pdf" not in ctype:
            body = body.decode(errors="replace")
        return response.status, body, ctype

    def get(self, path):
        return self.open(path)

    def csrf(self, path):
        status, body, _ctype = self.get(path)
        if status != 200:
            open("/tmp/portal_server.log", "w").write(self.server.log())
        assert status == 200, (path, status)
        return re.search(r'name="csrf_token" value="([^"]+)"', body).group(1)

    def post(self, path, fields, form_page=None):
        fields = dict(fields, csrf_token=self.csrf(form_page or path))
        return self.open(path, urllib.parse.urlencode(fields).encode(), {
            "Content-Type": "application/x-www-form-urlencoded"})

    def post_multipart(self, path, fields, files, form_page):
        fields = dict(fields, csrf_token=self.csrf(form_page))
        boundary = "qms%s" % uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(
                ('--%s\r\nContent-Disposition: form-data; name="%s"'
                 '\r\n\r\n%s\r\n' % (boundary, name, value)).encode())
        for name, (filename, content) in files.items():
            parts.append(
                ('--%s\r\nContent-Disposition: form-data; name="%s"; '
                 'filename="%s"\r\nContent-Type: application/octet-stream'
                 '\r\n\r\n' % (boundary, name, filename)).encode()
                + content + b"\r\n")
        parts.append(("--%s--\r\n" % boundary).encode())
        return self.open(path, b"".join(parts), {
            "Content-Type": "multipart/form-data; boundary=%s" % boundary})

    def json(self, path, params):
        request = urllib.request.Request(
            self.server.base + path,
            data=json.dumps({"jsonrpc": "2.0", "params": params}).encode(),
            headers={"Content-Type": "application/json"})
        return json.loads(self.opener.open(request, timeout=60).read())


def _make_customer(env, letter):
    """A customer company, its buyer with a portal user, two complaints
    (one new with an internal note and our root cause, two waiting for
    his answer), a special requirement and an item of his property with a
    loss notice sent to him."""
    salesman = env.ref("base.user_demo")
    company = env["res.partner"].create({
        "name": "Portal Customer %s %s" % (letter, TAG), "is_company": True,
        "customer": True, "user_id": salesman.id,
        "email": "customer-%s-%s@example.com" % (letter, TAG)})
    buyer = env["res.partner"].create({
        "name": "Buyer %s %s" % (letter, TAG), "parent_id": company.id,
        "email": "buyer-%s-%s@example.com" % (letter, TAG)})
    login = "portal-%s-%s" % (letter.lower(), TAG)
    user = env["res.users"].with_context(no_reset_password=True).create({
        "login": login, "password": login, "partner_id": buyer.id,
        "groups_id": [(6, 0, [env.ref("base.group_portal").id])]})
    Complaint = env["qms.complaint"]
    new = Complaint.create({
        "partner_id": company.id, "contact_id": buyer.id,
        "subject": "New complaint %s %s" % (letter, TAG),
        "root_cause": "%s %s" % (SECRET_ROOT, letter), "channel": "phone"})
    new.message_post(body="%s %s" % (SECRET_NOTE, letter),
                     subtype="mail.mt_note")
    new.message_post(body="%s %s" % (PUBLISHED, letter),
                     subtype="mail.mt_comment", message_type="comment")
    waiting = Complaint.browse()
    for number in (1, 2):
        complaint = Complaint.create({
            "partner_id": company.id, "contact_id": buyer.id,
            "subject": "Waiting complaint %s%s %s" % (letter, number, TAG),
            "route": "sales", "channel": "phone"})
        complaint.action_classify()
        complaint.write({"remedy": "Remedy %s%s %s" % (letter, number, TAG),
                         "root_cause": "%s %s" % (SECRET_ROOT, letter)})
        complaint.action_mark_sent()
        waiting |= complaint
    requirement = env["qms.customer.requirement"].create({
        "name": "Requirement %s %s" % (letter, TAG),
        "partner_id": company.id, "category": "packaging"})
    item = env["qms.customer.property"].create({
        "description": "Gauge %s %s" % (letter, TAG),
        "partner_id": company.id, "kind": "gauge",
        "department_id": env.ref("qms_customer.qms_department_quality").id})
    incident = env["qms.property.incident"].create({
        "property_id": item.id, "incident_type": "loss",
        "description": "Lost gauge %s %s" % (letter, TAG)})
    incident.action_cannot_remedy()
    incident.action_send_notice_now()
    return {
        "company": company.id, "buyer": buyer.id, "user": user.id,
        "login": login, "new": new.id, "waiting": waiting.ids,
        "requirement": requirement.id, "property": item.id,
        "incident": incident.id, "incident_name": incident.name,
        "token": new.sudo()._qms_portal_token(), "salesman": salesman.id,
    }


def _make_campaign(env, *customers):
    """A satisfaction campaign sent to both customers (R-D1); each
    customer's personal survey token is kept in his dict."""
    campaign = env["qms.survey.campaign"].create({
        "name": "Portal survey %s" % TAG, "period_type": "half",
        "date_start": "2026-01-01", "date_end": "2026-06-30",
        "target": "selected",
        "partner_ids": [(6, 0, [c["company"] for c in customers])]})
    campaign.action_send_invitations()
    for customer in customers:
        response = campaign.response_ids.filtered(
            lambda r: r.partner_id.id == customer["company"])
        customer["survey_token"] = response.user_input_id.token
    return campaign.id


class TestPortal(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.registry = odoo.registry(os.environ["QMS_TEST_DB"])
        with cls.registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            cls.a = _make_customer(env, "A")
            cls.b = _make_customer(env, "B")
            cls.campaign = _make_campaign(env, cls.a, cls.b)
            cr.commit()
        try:
            cls.server = OdooServer()
            cls.server.wait_ready()
        except Exception:
            cls._cleanup()
            raise
        common = xmlrpc.client.ServerProxy(
            cls.server.base + "/xmlrpc/2/common")
        cls.admin_uid = common.authenticate(
            cls.server.db, "admin", "admin", {})
        cls.models = xmlrpc.client.ServerProxy(
            cls.server.base + "/xmlrpc/2/object", allow_none=True)
        cls.browsers = {}
        for customer in (cls.a, cls.b):
            browser = Browser(cls.server)
            browser.login(customer["login"], customer["login"])
            cls.browsers[customer["login"]] = browser

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls._cleanup()

    @classmethod
    def _cleanup(cls):
        """Delete what the test made, the portal's complaints and
        requirements included (the evidence rule yields to the workflow
        token, as for the workflow's own deletions)."""
        from odoo.addons.qms_customer.models.qms_mixins import qms_workflow
        with cls.registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            partners = env["res.partner"].search(
                [("name", "like", TAG), ("is_company", "=", True)])
            commercial = [("partner_id", "child_of", partners.ids)]
            incidents = env["qms.property.incident"].search(commercial)
            qms_workflow(incidents).unlink()
            qms_workflow(env["qms.customer.property"].search(
                commercial)).unlink()
            qms_workflow(env["qms.customer.requirement"].search(
                commercial)).unlink()
            qms_workflow(env["qms.complaint"].search(commercial)).unlink()
            campaigns = env["qms.survey.campaign"].search(
                [("name", "like", TAG)])
            inputs = campaigns.mapped("response_ids.user_input_id")
            qms_workflow(campaigns).unlink()
            inputs.unlink()
            env["res.users"].search([("login", "like", TAG)]).unlink()
            env["res.partner"].search([("name", "like", TAG)]).unlink()
            cr.commit()

    def admin(self, model, method, *args, **kw):
        return self.models.execute_kw(
            self.server.db, self.admin_uid, "admin", model, method,
            list(args), kw)

    def browser(self, customer):
        return self.browsers[customer["login"]]

    def test_01_home_and_lists_show_only_his_own(self):
        """R-E1, R-C1, R-B5, R-B1, R-B4: /my/home counts his complaints;
        the complaint, requirement and property lists show his company's
        records only, never the other customer's."""
        for me, other in ((self.a, self.b), (self.b, self.a)):
            browser = self.browser(me)
            status, body, _ctype = browser.get("/my/home")
            self.assertEqual(status, 200)
            self.assertIn("/my/complaints", body)
            self.assertIn("/my/requirements", body)
            status, body, _ctype = browser.get("/my/complaints")
            self.assertEqual(status, 200)
            mine = "complaint %s" % ("A" if me is self.a else "B")
            theirs = "complaint %s" % ("B" if me is self.a else "A")
            self.assertIn("New %s %s" % (mine, TAG), body)
            self.assertNotIn("New %s %s" % (theirs, TAG), body)
            self.assertNotIn("Waiting %s" % theirs, body)
            status, body, _ctype = browser.get("/my/requirements")
            self.assertEqual(status, 200)
            letter, other_letter = mine[-1], theirs[-1]
            self.assertIn("Requirement %s %s" % (letter, TAG), body)
            self.assertNotIn("Requirement %s %s" % (other_letter, TAG), body)
            status, body, _ctype = browser.get("/my/property")
            self.assertEqual(status, 200)
            self.assertIn("Gauge %s %s" % (letter, TAG), body)
            self.assertIn("Lost gauge %s %s" % (letter, TAG), body)
            self.assertNotIn("Gauge %s %s" % (other_letter, TAG), body)
            self.assertNotIn(other["incident_name"], body)

    def test_02_other_customers_complaint_refused(self):
        """R-E1, R-C4: another customer's complaint, its PDF, its answer
        and a forged token give 404 and write nothing."""
        browser = self.browser(self.a)
        target = self.b["waiting"][0]
        for path in ("/my/complaints/%s" % self.b["new"],
                     "/my/complaints/%s" % target,
                     "/my/complaints/%s/pdf" % target,
                     "/my/complaints/%s?access_token=%s" % (
                         target, self.a["token"]),
                     "/my/complaints/%s?access_token=%s" % (
                         self.b["new"], "x" + self.b["token"][1:])):
            self.assertEqual(browser.get(path)[0], 404, path)
        before = self.admin("qms.complaint.round", "search_read",
                            [("complaint_id", "=", target)],
                            ["answer", "comment", "answered_by_id"])
        status, _body, _ctype = browser.post(
            "/my/complaints/%s/answer" % target,
            {"answer": "accepted", "comment": "forged"},
            form_page="/my/complaints/new")
        self.assertEqual(status, 404)
        self.assertEqual(
            self.admin("qms.complaint.round", "search_read",
                       [("complaint_id", "=", target)],
                       ["answer", "comment", "answered_by_id"]), before)
        self.assertEqual(self.admin("qms.complaint", "read", [target],
                                    ["state"])[0]["state"], "waiting")

    def test_03_no_model_access_over_the_api(self):
        """R-E1: a portal user reads no complaint, requirement, property,
        round or attachment of a complaint through JSON-RPC: the fields
        the pages do not show stay ours."""
        browser = self.browser(self.a)
        for model in ("qms.complaint", "qms.complaint.round",
                      "qms.customer.requirement", "qms.customer.property",
                      "qms.property.incident", "qms.complaint.claim"):
            answer = browser.json("/web/dataset/call_kw", {
                "model": model, "method": "search_read",
                "args": [[], ["display_name"]], "kwargs": {}})
            self.assertIn("error", answer, model)
        answer = browser.json("/web/dataset/call_kw", {
            "model": "ir.attachment", "method": "search_read",
            "args": [[("res_model", "=", "qms.complaint")], ["name"]],
            "kwargs": {}})
        self.assertEqual(answer.get("result") or [], [])

    def test_04_internal_notes_and_root_cause_never_shown(self):
        """R-C4, R-E2: the complaint page and its chatter show the
        published message, never the internal note nor our root cause."""
        browser = self.browser(self.a)
        for complaint in [self.a["new"]] + self.a["waiting"]:
            status, body, _ctype = browser.get("/my/complaints/%s" % complaint)
            self.assertEqual(status, 200)
            self.assertNotIn(SECRET_NOTE, body)
            self.assertNotIn(SECRET_ROOT, body)
        status, body, _ctype = browser.get("/my/complaints/%s" % self.a["new"])
        token = re.search(r'data-token="([^"]+)"', body).group(1)
        chatter = browser.json("/mail/chatter_init", {
            "res_model": "qms.complaint", "res_id": self.a["new"],
            "token": token, "allow_composer": True, "limit": 50})
        text = json.dumps(chatter["result"])
        self.assertIn(PUBLISHED, text)
        self.assertNotIn(SECRET_NOTE, text)
        # the token of his own complaint opens nothing else
        chatter = browser.json("/mail/chatter_init", {
            "res_model": "qms.complaint", "res_id": self.b["new"],
            "token": token, "limit": 50})
        self.assertIn("error", chatter)
        self.assertNotIn(SECRET_NOTE, json.dumps(chatter))

    def test_05_public_link_with_token(self):
        """R-C4: the complaint's customer link opens the page without a
        login; a wrong key does not."""
        public = Browser(self.server)
        path = "/my/complaints/%s" % self.a["new"]
        status, body, _ctype = public.get(
            "%s?access_token=%s" % (path, self.a["token"]))
        self.assertEqual(status, 200)
        self.assertIn("New complaint A %s" % TAG, body)
        self.assertNotIn(SECRET_NOTE, body)
        self.assertEqual(public.get(
            "%s?access_token=%s" % (path, self.b["token"]))[0], 404)

    def test_06_file_a_complaint(self):
        """R-C1: a complaint filed on the portal arrives with channel
        portal for his company, its contact, his salesperson as owner, a
        number from the sequence and the attached file."""
        browser = self.browser(self.a)
        subject = "Scratched housings %s" % TAG
        status, _body, _ctype = browser.post_multipart(
            "/my/complaints/new",
            {"subject": subject, "description": "<b>12 pcs</b> scratched",
             "product_id": ""},
            {"attachments": ("photo.txt", b"picture")},
            form_page="/my/complaints/new")
        self.assertEqual(status, 200)
        found = self.admin(
            "qms.complaint", "search_read", [("subject", "=", subject)],
            ["name", "channel", "partner_id", "contact_id", "user_id",
             "description", "attachment_ids", "message_follower_ids"])
        self.assertEqual(len(found), 1)
        complaint = found[0]
        self.assertEqual(complaint["channel"], "portal")
        self.assertEqual(complaint["partner_id"][0], self.a["company"])
        self.assertEqual(complaint["contact_id"][0], self.a["buyer"])
        self.assertEqual(complaint["user_id"][0], self.a["salesman"])
        self.assertNotEqual(complaint["name"], subject)
        self.assertNotIn("<b>", complaint["description"])
        self.assertEqual(len(complaint["attachment_ids"]), 1)
        # B does not see it, A does
        self.assertEqual(self.browser(self.b).get(
            "/my/complaints/%s" % complaint["id"])[0], 404)
        self.assertIn(subject, self.browser(self.a).get("/my/complaints")[1])

    def test_07_accept_handling_sheet(self):
        """R-C4: accepting on the portal records the answer on the round
        as the quality user's answer does (answer, date, recorded by) and
        moves the complaint to accepted; the chatter says who answered,
        how, and the typed signature."""
        browser = self.browser(self.a)
        complaint = self.a["waiting"][0]
        status, body, ctype = browser.get("/my/complaints/%s/pdf" % complaint)
        self.assertEqual(status, 200, body if isinstance(body, str) else "")
        self.assertIn("pdf", ctype)
        status, body, _ctype = browser.post(
            "/my/complaints/%s/answer" % complaint,
            {"answer": "accepted", "comment": "Fine",
             "signed_name": "Buyer A signs"},
            form_page="/my/complaints/%s" % complaint)
        self.assertEqual(status, 200)
        rounds = self.admin("qms.complaint.round", "search_read",
                            [("complaint_id", "=", complaint)],
                            ["answer", "comment", "answered_by_id",
                             "date_answer"])
        self.assertEqual(len(rounds), 1)
        self.assertEqual(rounds[0]["answer"], "accepted")
        self.assertEqual(rounds[0]["answered_by_id"][0], self.a["user"])
        self.assertTrue(rounds[0]["date_answer"])
        self.assertEqual(self.admin("qms.complaint", "read", [complaint],
                                    ["state"])[0]["state"], "accepted")
        traces = self.admin("mail.message", "search_read", [
            ("model", "=", "qms.complaint"), ("res_id", "=", complaint),
            ("body", "ilike", "Buyer A signs")], ["author_id", "body"])
        self.assertEqual(len(traces), 1)
        self.assertEqual(traces[0]["author_id"][0], self.a["buyer"])
        self.assertIn(self.a["login"], traces[0]["body"])
        # answered: no second answer
        status, _body, _ctype = browser.post(
            "/my/complaints/%s/answer" % complaint,
            {"answer": "rejected", "comment": "changed my mind"},
            form_page="/my/complaints/new")
        self.assertEqual(self.admin("qms.complaint", "read", [complaint],
                                    ["state"])[0]["state"], "accepted")

    def test_08_reject_handling_sheet(self):
        """R-C4: "not accepted" needs a comment; with it, the round records
        the refusal and the complaint goes back to handling for a new
        round."""
        browser = self.browser(self.a)
        complaint = self.a["waiting"][1]
        page = "/my/complaints/%s" % complaint
        status, body, _ctype = browser.post(
            page + "/answer", {"answer": "rejected", "comment": ""},
            form_page=page)
        self.assertEqual(status, 200)
        self.assertEqual(self.admin("qms.complaint.round", "search_read", [
            ("complaint_id", "=", complaint)], ["answer"])[0]["answer"],
            "pending")
        status, body, _ctype = browser.post(
            page + "/answer",
            {"answer": "rejected", "comment": "Still scratched"},
            form_page=page)
        self.assertEqual(status, 200)
        rounds = self.admin("qms.complaint.round", "search_read",
                            [("complaint_id", "=", complaint)],
                            ["answer", "comment", "answered_by_id"])
        self.assertEqual(rounds[0]["answer"], "rejected")
        self.assertEqual(rounds[0]["comment"], "Still scratched")
        self.assertEqual(rounds[0]["answered_by_id"][0], self.a["user"])
        self.assertEqual(self.admin("qms.complaint", "read", [complaint],
                                    ["state"])[0]["state"], "handling")

    def test_09_propose_requirement(self):
        """R-B5: a requirement proposed on the portal arrives as a draft
        of his company for our review; the other customer does not see
        it."""
        browser = self.browser(self.b)
        name = "Label every box %s" % TAG
        status, _body, _ctype = browser.post(
            "/my/requirements/propose",
            {"name": name, "category": "health_safety",
             "description": "Hazard labels", "requirement_id": ""})
        self.assertEqual(status, 200)
        found = self.admin("qms.customer.requirement", "search_read",
                           [("name", "=", name)],
                           ["state", "partner_id", "priority",
                            "review_state"])
        self.assertEqual(len(found), 1)
        self.assertEqual(found[0]["state"], "draft")
        self.assertEqual(found[0]["partner_id"][0], self.b["company"])
        self.assertEqual(found[0]["priority"], "0")
        self.assertEqual(found[0]["review_state"], "none")
        self.assertIn(name, browser.get("/my/requirements")[1])
        self.assertNotIn(name, self.browser(self.a).get(
            "/my/requirements")[1])
        # a change of another customer's requirement is not linked
        status, _body, _ctype = self.browser(self.a).post(
            "/my/requirements/propose",
            {"name": "Change %s" % TAG, "category": "quality",
             "requirement_id": str(self.b["requirement"])})
        found = self.admin("qms.customer.requirement", "search_read",
                           [("name", "=", "Change %s" % TAG)],
                           ["partner_id", "description"])
        self.assertEqual(found[0]["partner_id"][0], self.a["company"])
        self.assertNotIn("Requirement B", found[0]["description"] or "")

    def test_10_surveys(self):
        """R-D1: the open campaign's questionnaire is offered with the
        personal link of his company, never the other customer's."""
        for me, other in ((self.a, self.b), (self.b, self.a)):
            status, body, _ctype = self.browser(me).get("/my/surveys")
            self.assertEqual(status, 200)
            self.assertIn("Portal survey %s" % TAG, body)
            self.assertIn(me["survey_token"], body)
            self.assertNotIn(other["survey_token"], body)
            self.assertIn("/my/surveys", self.browser(me).get("/my/home")[1])

    @unittest.skipUnless(CHROMIUM, "Chromium is installed by tools/bootstrap.sh")
    def test_11_accept_in_the_browser(self):
        """R-C4: in a real browser, the customer opens his complaint on the
        portal, signs with his name and accepts our remedy; the round and
        the complaint record it."""
        complaint = self.b["waiting"][1]
        session_id = self.server.login(self.b["login"], self.b["login"])
        chrome = ChromeBrowser()
        try:
            chrome.send("Network.enable")
            chrome.send("Network.setCookie", name="session_id",
                        value=session_id, url=self.server.base + "/")
            chrome.send("Page.navigate", url="%s/my/complaints/%s" % (
                self.server.base, complaint))
            explain = "location.href + ' | ' + document.body.innerText" \
                      ".slice(0, 300)"
            chrome.wait_for("!!document.querySelector('.o_qms_portal_answer "
                            "button[value=\"accepted\"]')", explain=explain)
            chrome.evaluate(
                "document.querySelector('#qms_signed_name').value = "
                "'Buyer B in the browser';"
                "document.querySelector('.o_qms_portal_answer "
                "button[value=\"accepted\"]').click()")
            chrome.wait_for("location.search.includes('answered=accepted')",
                            explain=explain)
        finally:
            chrome.close()
        rounds = self.admin("qms.complaint.round", "search_read",
                            [("complaint_id", "=", complaint)],
                            ["answer", "answered_by_id"])
        self.assertEqual([r["answer"] for r in rounds], ["accepted"])
        self.assertEqual(rounds[0]["answered_by_id"][0], self.b["user"])
        self.assertEqual(self.admin("qms.complaint", "read", [complaint],
                                    ["state"])[0]["state"], "accepted")
        self.assertEqual(self.admin("mail.message", "search_count", [
            ("model", "=", "qms.complaint"), ("res_id", "=", complaint),
            ("body", "ilike", "Buyer B in the browser")]), 1)
