# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import contextlib
from unittest import mock

from odoo import fields
from odoo.tests.common import SavepointCase
from odoo.addons.qms_customer.tests.common import new_user


@contextlib.contextmanager
def frozen_time(dt):
    """Freeze fields.Datetime.now / fields.Date.today / context_today at
    ``dt`` ('YYYY-MM-DD HH:MM:SS', UTC)."""
    day = dt[:10]
    with mock.patch.object(fields.Datetime, "now", return_value=dt), \
            mock.patch.object(fields.Date, "today", return_value=day), \
            mock.patch.object(fields.Date, "context_today",
                              return_value=day):
        yield


class ComplaintCase(SavepointCase):
    """Users of every role, two companies, customers, a supplier, a product,
    a defect category and the quality department with its manager."""

    @classmethod
    def setUpClass(cls):
        super(ComplaintCase, cls).setUpClass()
        cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=False, mail_notrack=False,
            mail_create_nosubscribe=True, no_reset_password=True))
        cls.company = cls.env.ref("base.main_company")
        cls.company2 = cls.env["res.company"].create({
            "name": "QMS Second Company"})
        def user(login, groups, company=None):
            return new_user(cls.env, login, groups, company or cls.company)

        cls.salesman = user("qc_salesman", ["sales_team.group_sale_salesman"])
        cls.salesman2 = user(
            "qc_salesman2", ["sales_team.group_sale_salesman"])
        cls.employee = user("qc_employee", ["base.group_user"])
        cls.quality_user = user(
            "qc_quality_user", ["qms_customer.group_qms_user"])
        cls.quality_manager = user(
            "qc_quality_manager", ["qms_customer.group_qms_manager"])
        cls.gm = user("qc_gm", ["qms_customer.group_qms_approver_gm",
                                "qms_customer.group_qms_user"])
        cls.gm2 = user("qc_gm2", ["qms_customer.group_qms_approver_gm"])
        cls.quality_user2 = user(
            "qc_quality_user_c2", ["qms_customer.group_qms_manager"],
            company=cls.company2)

        cls.department = cls.env["qms.department"]._get_by_code(
            "quality", cls.company)
        if not cls.department:
            cls.department = cls.env["qms.department"].create({
                "name": "Quality", "code": "quality",
                "company_id": cls.company.id})
        cls.department.write({"manager_id": cls.quality_manager.id,
                              "user_ids": [(4, cls.quality_user.id)]})

        Partner = cls.env["res.partner"]
        cls.customer = Partner.create({
            "name": "QC Customer A", "customer": True, "is_company": True,
            "user_id": cls.salesman.id, "email": "buyer-a@example.com"})
        cls.contact = Partner.create({
            "name": "QC Buyer A", "parent_id": cls.customer.id,
            "email": "buyer.contact@customer-a.example.com"})
        cls.customer2 = Partner.create({
            "name": "QC Customer B", "customer": True, "is_company": True,
            "user_id": cls.salesman2.id})
        cls.supplier = Partner.create({
            "name": "QC Supplier", "supplier": True, "is_company": True})
        cls.product = cls.env["product.product"].create({
            "name": "QC Bracket", "type": "consu"})
        cls.product2 = cls.env["product.product"].create({
            "name": "QC Housing", "type": "consu"})
        cls.category = cls.env["qms.complaint.category"].create({
            "name": "QC Scratches"})
        cls.category2 = cls.env["qms.complaint.category"].create({
            "name": "QC Wrong size"})
        cls.Complaint = cls.env["qms.complaint"]

    @classmethod
    def _complaint(cls, user=None, **vals):
        values = {
            "subject": "Scratched brackets",
            "partner_id": cls.customer.id,
            "product_id": cls.product.id,
            "category_id": cls.category.id,
            "quantity": 20,
            "channel": "phone",
            "date_received": "2026-03-02 08:00:00",
        }
        values.update(vals)
        model = cls.Complaint.sudo(user) if user else cls.Complaint
        return model.create(values)

    def _classified(self, route="quality", urgency="normal", **vals):
        with frozen_time("2026-03-02 09:00:00"):
            complaint = self._complaint(route=route, urgency=urgency, **vals)
            complaint.action_classify()
        return complaint

    def _handled(self, complaint=None, **vals):
        complaint = complaint or self._classified(**vals)
        complaint.write({
            "investigation": "<p>Checked 20 pieces.</p>",
            "responsibility": "ours",
            "root_cause": "Worn fixture",
            "remedy": "Replace 20 pieces",
        })
        return complaint

    def _sent(self, complaint=None, now="2026-03-03 10:00:00"):
        complaint = self._handled(complaint)
        with frozen_time(now):
            complaint.action_mark_sent()
        return complaint
