# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures of the customer property and special requirement tests (R-B)."""
from odoo.tests.common import SavepointCase
from .common import new_user

LOAN_DATE = "2026-03-02"
DUE_DATE = "2026-03-16"


class PropertyCase(SavepointCase):
    """Two customers, one with consent required; users per role; the
    departments of the company with their members; a second company."""

    @classmethod
    def setUpClass(cls):
        super(PropertyCase, cls).setUpClass()
        cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=True,
            mail_notify_force_send=False, mail_create_nolog=True))
        cls.company = cls.env.ref("base.main_company")
        def user(login, groups, company=None):
            return new_user(cls.env, login, groups, company or cls.company)

        cls.production_user = user("qp_production", [
            "qms_customer.group_qms_user"])
        cls.quality_user = user("qp_quality", [
            "qms_customer.group_qms_user"])
        cls.technical_user = user("qp_technical", [
            "qms_customer.group_qms_user"])
        cls.quality_manager = user("qp_quality_manager", [
            "qms_customer.group_qms_manager"])
        cls.salesman = user("qp_salesman", [
            "sales_team.group_sale_salesman"])
        cls.other_salesman = user("qp_other_salesman", [
            "sales_team.group_sale_salesman"])
        cls.employee = user("qp_employee", ["base.group_user"])

        Department = cls.env["qms.department"]
        cls.dept_production = Department._get_by_code(
            "production", cls.company)
        cls.dept_quality = Department._get_by_code("quality", cls.company)
        cls.dept_technical = Department._get_by_code(
            "technical", cls.company)
        cls.dept_production.write({
            "manager_id": cls.production_user.id,
            "user_ids": [(6, 0, [cls.production_user.id])]})
        cls.dept_quality.write({
            "manager_id": cls.quality_user.id,
            "user_ids": [(6, 0, [cls.quality_user.id])]})
        cls.dept_technical.write({
            "manager_id": cls.technical_user.id,
            "user_ids": [(6, 0, [cls.technical_user.id])]})

        Partner = cls.env["res.partner"]
        cls.customer = Partner.create({
            "name": "QP Customer", "is_company": True, "customer": True,
            "email": "buyer@qp-customer.example.com",
            "user_id": cls.salesman.id})
        cls.customer_contact = Partner.create({
            "name": "QP Buyer", "parent_id": cls.customer.id,
            "email": "contact@qp-customer.example.com"})
        cls.consent_customer = Partner.create({
            "name": "QP Consent Customer", "is_company": True,
            "customer": True, "email": "qa@consent.example.com",
            "user_id": cls.other_salesman.id,
            "qms_property_consent_required": True})

        cls.company_b = cls.env["res.company"].create({"name": "QP Company B"})
        cls.user_b = user("qp_user_b", ["qms_customer.group_qms_manager"],
                          cls.company_b)

    @classmethod
    def _item(cls, **vals):
        values = {
            "description": "Boundary sample",
            "partner_id": cls.customer.id,
            "kind": "sample",
            "quantity": 3.0,
            "date_received": "2026-02-01",
        }
        values.update(vals)
        return cls.env["qms.customer.property"].create(values)

    @classmethod
    def _loan(cls, item, **vals):
        values = {
            "property_id": item.id,
            "borrower_id": cls.quality_user.id,
            "reason": "Measurement at the supplier",
            "date_loan": LOAN_DATE,
            "date_due": DUE_DATE,
        }
        values.update(vals)
        return cls.env["qms.property.loan"].create(values)

    @classmethod
    def _requirement(cls, **vals):
        values = {
            "name": "Annual layout inspection",
            "partner_id": cls.customer.id,
            "category": "quality",
            "source_document": "Customer quality manual",
            "clause": "7.3",
            "department_id": cls.dept_quality.id,
            "effective_date": "2026-01-01",
        }
        values.update(vals)
        return cls.env["qms.customer.requirement"].create(values)
