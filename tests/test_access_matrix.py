"""R-E1: the access matrix. Every QMS model x every role x read / write /
create / delete, and which role sees a salesperson's records, each written
once in a table below: a right granted or withdrawn by mistake (an access
line, a record rule, an implied group) fails this test.

Model rights are Odoo's access lines (what the ORM lets a role try at
all); the workflow guard then refuses what only the buttons may write,
which test_workflow_guard and test_api_attacks prove."""
from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase

from odoo.addons.qms_customer.tests.common import new_user

ROLES = ("salesperson", "sales_manager", "vice_president", "general_manager",
         "quality_user", "quality_manager", "employee", "portal",
         "other_company")

ROLE_GROUPS = {
    "salesperson": ["sales_team.group_sale_salesman"],
    "sales_manager": ["sales_team.group_sale_salesman_all_leads",
                      "qms_customer.group_qms_approver_sales_manager"],
    "vice_president": ["qms_customer.group_qms_approver_vp"],
    "general_manager": ["qms_customer.group_qms_approver_gm"],
    "quality_user": ["qms_customer.group_qms_user"],
    "quality_manager": ["qms_customer.group_qms_manager"],
    "employee": ["base.group_user"],
    "portal": ["base.group_portal"],
    "other_company": ["sales_team.group_sale_salesman"],
}

# Model rights per role, in the order of ROLES: r(ead) w(rite) c(reate)
# u(nlink), "-" where refused. Rounds, quality costs and tier reviews are
# created by the workflow in the user's name (so the access line allows
# it); qms.workflow.guard refuses them to any direct call.
RIGHTS = {
    'qms.complaint':
        'rwc- rwc- rwc- rwc- rwc- rwcu rwc- ---- rwc-',
    'qms.complaint.category':
        'r--- r--- r--- r--- r--- rwcu r--- ---- r---',
    'qms.complaint.claim':
        'rwc- rwc- rwc- rwc- rwc- rwcu rwc- ---- rwc-',
    'qms.complaint.containment':
        'rwcu rwcu rwcu rwcu rwcu rwcu rwcu ---- rwcu',
    'qms.complaint.deadline':
        'r--- r--- r--- r--- r--- rwcu r--- ---- r---',
    'qms.complaint.measure':
        'rwcu rwcu rwcu rwcu rwcu rwcu rwcu ---- rwcu',
    'qms.complaint.meeting':
        'rwcu rwcu rwcu rwcu rwcu rwcu rwcu ---- rwcu',
    'qms.complaint.quality.cost':
        'rwc- rwc- rwc- rwc- rwc- rwc- rwc- ---- rwc-',
    'qms.complaint.round':
        'rwc- rwc- rwc- rwc- rwc- rwc- rwc- ---- rwc-',
    'qms.customer.document':
        'r--- r--- ---- ---- rwc- rwcu ---- ---- r---',
    'qms.customer.property':
        'r--- r--- ---- ---- rwc- rwcu ---- ---- r---',
    'qms.customer.requirement':
        'rwc- rwc- r--- r--- rwc- rwcu ---- ---- rwc-',
    'qms.customer.requirement.review':
        'r--- r--- ---- ---- rwc- rwcu ---- ---- r---',
    'qms.department':
        'r--- r--- r--- r--- r--- rwcu r--- ---- r---',
    'qms.order.review':
        'rwc- rwc- rw-- rw-- rw-- rw-- ---- ---- rwc-',
    'qms.order.review.deficiency':
        'rwc- rwc- r--- ---- rwc- rwc- ---- ---- rwc-',
    'qms.order.review.department':
        'rwc- rwc- r--- ---- rw-- rw-- ---- ---- rwc-',
    'qms.order.review.item':
        'rwc- rwc- rw-- ---- rw-- rw-- ---- ---- rwc-',
    'qms.order.review.item.type':
        'r--- r--- r--- r--- r--- rwcu r--- ---- r---',
    'qms.order.type':
        'r--- r--- r--- r--- r--- rwcu r--- ---- r---',
    'qms.property.incident':
        'rw-- rw-- ---- ---- rwc- rwcu ---- ---- rw--',
    'qms.property.loan':
        'r--- r--- ---- ---- rwc- rwcu ---- ---- r---',
    'qms.survey.campaign':
        'r--- r--- ---- ---- rwc- rwcu ---- ---- r---',
    'qms.survey.campaign.score':
        'r--- r--- ---- ---- r--- r--- ---- ---- r---',
    'qms.survey.dimension':
        'r--- r--- r--- r--- r--- rwcu r--- ---- r---',
    'qms.survey.grade':
        'r--- r--- r--- r--- r--- rwcu r--- ---- r---',
    'qms.survey.response':
        'r--- r--- ---- ---- rwc- rwcu ---- ---- r---',
    'tier.review':
        'rwcu rwcu rwcu rwcu rwcu rwcu rwcu ---- rwcu',
}

# Which roles read a record of the salesperson's customer in the main
# company, in the order of ROLES (1: visible, 0: not).
VISIBLE = {
    'qms.complaint': (1, 1, 0, 1, 1, 1, 0, 0, 0),
    'qms.complaint.claim': (1, 1, 0, 1, 1, 1, 0, 0, 0),
    'qms.customer.property': (1, 1, 0, 0, 0, 1, 0, 0, 0),
    'qms.customer.requirement': (1, 1, 1, 1, 1, 1, 0, 0, 0),
    'qms.order.review': (1, 1, 0, 0, 1, 1, 0, 0, 0),
    'qms.order.review.item': (1, 1, 0, 0, 1, 1, 0, 0, 0),
    'sale.order': (1, 1, 0, 0, 1, 1, 0, 0, 0),
    'tier.review': (1, 1, 0, 0, 1, 1, 0, 0, 0),
}


class TestAccessMatrix(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestAccessMatrix, cls).setUpClass()
        cls.env = cls.env(context=dict(
            cls.env.context, mail_notify_force_send=False,
            mail_create_nolog=True, no_reset_password=True,
            tracking_disable=True))
        cls.company = cls.env.ref("base.main_company")
        cls.company_b = cls.env["res.company"].create({
            "name": "QMS Matrix Other Co"})
        cls.users = {}
        for role in ROLES:
            company = cls.company_b if role == "other_company" \
                else cls.company
            cls.users[role] = new_user(
                cls.env, "mx_%s" % role, ROLE_GROUPS[role], company)
        cls.records = cls._make_records()

    @classmethod
    def _make_records(cls):
        """One record per model, of a customer of the salesperson."""
        env = cls.env
        salesperson = cls.users["salesperson"]
        customer = env["res.partner"].create({
            "name": "MX Customer", "customer": True, "is_company": True,
            "user_id": salesperson.id})
        product = env["product.product"].create({
            "name": "MX Part", "type": "consu", "list_price": 10.0,
            "taxes_id": [(6, 0, [])]})
        order = env["sale.order"].sudo(salesperson).create({
            "partner_id": customer.id, "user_id": salesperson.id,
            "order_line": [(0, 0, {
                "product_id": product.id, "name": "MX Part",
                "product_uom_qty": 1.0, "price_unit": 100.0,
                "product_uom": product.uom_id.id,
                "tax_id": [(6, 0, [])]})]})
        order.sudo(salesperson).action_qms_submit_review()
        review = order.qms_review_id
        complaint = env["qms.complaint"].sudo(salesperson).create({
            "subject": "MX scratches", "partner_id": customer.id})
        claim = env["qms.complaint.claim"].sudo(salesperson).create({
            "complaint_id": complaint.id, "amount_claimed": 100.0})
        requirement = env["qms.customer.requirement"].create({
            "name": "MX packaging", "partner_id": customer.id})
        item = env["qms.customer.property"].create({
            "description": "MX gauge", "partner_id": customer.id,
            "kind": "gauge", "quantity": 1.0})
        return {
            "sale.order": order,
            "qms.order.review": review,
            "qms.order.review.item": review.item_ids[:1],
            "tier.review": review.tier_review_id,
            "qms.complaint": complaint,
            "qms.complaint.claim": claim,
            "qms.customer.requirement": requirement,
            "qms.customer.property": item,
        }

    def _rights(self, model, user):
        Model = self.env[model].sudo(user)
        return "".join(
            letter if Model.check_access_rights(op, raise_exception=False)
            else "-"
            for letter, op in (("r", "read"), ("w", "write"),
                               ("c", "create"), ("u", "unlink")))

    def _visible(self, record, user):
        try:
            return int(bool(record.sudo(user).search_count(
                [("id", "=", record.id)])))
        except AccessError:
            return 0

    def test_01_model_rights(self):
        """R-E1: every QMS model's rights per role are the table's."""
        models = sorted(
            m for m in self.env.registry.models
            if (m.startswith("qms.") or m == "tier.review")
            and not self.env[m]._abstract and not self.env[m]._transient
            and self.env[m]._auto)
        actual = {m: tuple(self._rights(m, self.users[r]) for r in ROLES)
                  for m in models}
        table = "\n".join("    %r:\n        %r," % (m, " ".join(actual[m]))
                           for m in models)
        self.assertEqual(sorted(RIGHTS), models,
                         "a QMS model is missing from the table:\n" + table)
        for model in models:
            self.assertEqual(actual[model], tuple(RIGHTS[model].split()),
                             "%s rights per role %s\n%s" % (
                                 model, ROLES, table))

    def test_02_record_visibility(self):
        """R-E1: a salesperson's records are read by him, the managers and
        the signers assigned to them; never by another company, a portal
        user or an employee without a QMS role."""
        actual = {
            model: tuple(self._visible(record, self.users[r]) for r in ROLES)
            for model, record in self.records.items()}
        table = "\n".join("    %r: %r," % (m, actual[m])
                          for m in sorted(actual))
        self.assertEqual(sorted(VISIBLE), sorted(actual), table)
        for model in sorted(actual):
            self.assertTrue(self.records[model], model)
            self.assertEqual(actual[model], VISIBLE[model],
                             "%s visible per role %s\n%s" % (
                                 model, ROLES, table))

    def test_03_signer_reads_what_is_assigned(self):
        """R-E1: the vice president reads an order above 500,000 that he
        is asked to sign, its round and its tier review; the general
        manager, not asked, reads none of them."""
        salesperson = self.users["salesperson"]
        order = self.records["sale.order"].copy()
        order.order_line.write({"price_unit": 600000.0})
        order.sudo(salesperson).action_qms_submit_review()
        round_ = order.qms_review_id
        self.assertEqual(round_.tier_id,
                         self.env.ref("qms_customer.tier_sale_vp"))
        for record in (order, round_, round_.tier_review_id):
            self.assertEqual(
                self._visible(record, self.users["vice_president"]), 1,
                record._name)
            self.assertEqual(
                self._visible(record, self.users["general_manager"]), 0,
                record._name)
