"""R-E1: rules hold against a real external API client. A server runs on
the test database; XML-RPC and JSON-RPC calls as the administrator and as
the demo salesperson try to force states, amounts and decisions past the
workflow; each call is refused and a re-read shows nothing changed. (Only
refused calls are made: the committed demo data stays as it is.)"""
import unittest
import xmlrpc.client

from odoo_server import OdooServer


class TestApiAttacks(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.server = OdooServer()
        cls.server.wait_ready()
        common = xmlrpc.client.ServerProxy(cls.server.base + "/xmlrpc/2/common")
        cls.users = {}
        for login in ("admin", "demo"):
            cls.users[login] = common.authenticate(
                cls.server.db, login, login, {})
        cls.models = xmlrpc.client.ServerProxy(
            cls.server.base + "/xmlrpc/2/object", allow_none=True)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def call(self, login, model, method, *args, **kw):
        return self.models.execute_kw(
            self.server.db, self.users[login], login, model, method,
            list(args), kw)

    def refused(self, login, model, method, *args, **kw):
        with self.assertRaises(xmlrpc.client.Fault,
                               msg="%s %s.%s" % (login, model, method)):
            self.call(login, model, method, *args, **kw)

    def quotation(self):
        ids = self.call("admin", "sale.order", "search",
                        [("state", "in", ["draft", "sent"])], limit=1)
        self.assertTrue(ids, "the demo data has quotations")
        return ids[0]

    def test_01_create_confirmed_order(self):
        """R-A4: an order created directly in state 'sale' is refused."""
        partner = self.call("admin", "res.partner", "search",
                            [("customer", "=", True)], limit=1)[0]
        before = self.call("admin", "sale.order", "search_count", [])
        for login in ("admin", "demo"):
            self.refused(login, "sale.order", "create",
                         {"partner_id": partner, "state": "sale"})
        self.assertEqual(
            self.call("admin", "sale.order", "search_count", []), before)

    def test_02_stored_amount_and_review_state(self):
        """R-A4: the stored amounts and review state of an order are not
        writable through the API, not even by the administrator."""
        order_id = self.quotation()
        fields = ["qms_amount_company", "amount_total", "qms_review_state"]
        before = self.call("admin", "sale.order", "read", [order_id], fields)
        for login in ("admin", "demo"):
            self.refused(login, "sale.order", "write", [order_id],
                         {"qms_amount_company": 1.0})
            self.refused(login, "sale.order", "write", [order_id],
                         {"amount_total": 1.0})
            self.refused(login, "sale.order", "write", [order_id],
                         {"qms_review_state": "approved"})
        self.assertEqual(
            self.call("admin", "sale.order", "read", [order_id], fields),
            before)

    def test_03_tier_review_forged(self):
        """R-A4, R-C6: no tier review is approved, rewritten or deleted
        through the API, even with a context flag sent along (JSON cannot
        carry the workflow token)."""
        review_ids = self.call("admin", "tier.review", "search", [])
        self.assertTrue(review_ids, "the demo data has tier reviews")
        fields = ["status", "reviewer_ids", "done_by"]
        before = self.call("admin", "tier.review", "read", review_ids, fields)
        for login in ("admin", "demo"):
            self.refused(login, "tier.review", "write", review_ids,
                         {"status": "approved"},
                         context={"qms_workflow": True})
            self.refused(login, "tier.review", "write", review_ids,
                         {"reviewer_ids": [(6, 0, [self.users[login]])]})
            self.refused(login, "tier.review", "unlink", review_ids)
        self.assertEqual(
            self.call("admin", "tier.review", "read", review_ids, fields),
            before)

    def test_04_json_rpc_context_flag(self):
        """R-E1: over JSON-RPC too, a context key does not open the
        workflow: the review state stays."""
        order_id = self.quotation()
        before = self.call("admin", "sale.order", "read", [order_id],
                           ["qms_review_state"])
        self.server.login("demo", "demo")
        answer = self.server.json("/web/dataset/call_kw", {
            "model": "sale.order", "method": "write",
            "args": [[order_id], {"qms_review_state": "rejected"}],
            "kwargs": {"context": {"qms_workflow": True,
                                   "qms_review_token": True}}})
        self.assertIn("error", answer)
        self.assertEqual(self.call("admin", "sale.order", "read", [order_id],
                                   ["qms_review_state"]), before)
