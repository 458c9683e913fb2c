# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures of the order review tests (R-A1 to R-A9) and the checks of
the printed forms of every QMS addon (R-E3)."""
import io
import re
import tempfile

import lxml.html
from PyPDF2 import PdfFileReader

from odoo.modules.module import get_module_resource
from odoo.tests.common import SavepointCase
from odoo.tools import config
from odoo.tools.translate import trans_load


def load_chinese(env, module):
    """Simplified Chinese with the addon's translations, as ./qms run
    loads them (the test database has English only)."""
    env["res.lang"].load_lang("zh_CN")
    trans_load(env.cr, get_module_resource(module, "i18n", "zh_CN.po"),
               "zh_CN", verbose=False, module_name=module)


def new_user(env, login, groups, company=None):
    """A user of the given groups (xml ids) in one company (default: the
    current user's), for the tests of every QMS addon."""
    company = company or env.user.company_id
    return env["res.users"].with_context(no_reset_password=True).create({
        "name": login.replace("_", " ").title(),
        "login": login,
        "email": "%s@example.com" % login,
        "company_id": company.id,
        "company_ids": [(6, 0, [company.id])],
        "groups_id": [(6, 0, [env.ref(g).id for g in groups])],
    })


class OrderReviewCase(SavepointCase):
    """Users per role, a customer, a product without taxes, the default
    signing tiers of the main company, departments with their managers."""

    @classmethod
    def setUpClass(cls):
        super(OrderReviewCase, cls).setUpClass()
        cls.env = cls.env(context=dict(
            cls.env.context, mail_notify_force_send=False,
            mail_create_nolog=True, no_reset_password=True))
        cls.company = cls.env.ref("base.main_company")
        cls.company.write({
            "qms_order_review_required": True,
            "qms_special_order_amount": 1000000.0,
            "qms_credit_overdue_days": 30,
            "qms_no_framework_skip_review": True,
        })
        cls.currency = cls.company.currency_id

        # Only our users sign: empty the approver groups of other users.
        for xmlid in ("qms_customer.group_qms_approver_sales_manager",
                      "qms_customer.group_qms_approver_vp"):
            cls.env.ref(xmlid).write({"users": [(5, 0, 0)]})

        cls.salesman = cls._user("qr_salesman", [
            "sales_team.group_sale_salesman"])
        cls.salesman2 = cls._user("qr_salesman2", [
            "sales_team.group_sale_salesman"])
        cls.sales_manager = cls._user("qr_sales_manager", [
            "sales_team.group_sale_salesman_all_leads",
            "qms_customer.group_qms_approver_sales_manager"])
        cls.sales_manager2 = cls._user("qr_sales_manager2", [
            "sales_team.group_sale_salesman_all_leads",
            "qms_customer.group_qms_approver_sales_manager"])
        cls.vp = cls._user("qr_vp", ["qms_customer.group_qms_approver_vp"])
        cls.quality_user = cls._user("qr_quality", [
            "qms_customer.group_qms_user"])
        cls.finance_user = cls._user("qr_finance", [
            "qms_customer.group_qms_user"])
        cls.employee = cls._user("qr_employee", ["base.group_user"])

        Department = cls.env["qms.department"]
        cls.departments = Department.search(
            [("company_id", "=", cls.company.id)])
        for dept in cls.departments:
            dept.write({"manager_id": cls.quality_user.id,
                        "user_ids": [(6, 0, [cls.quality_user.id])]})
        cls.dept_finance = Department._get_by_code("finance", cls.company)
        cls.dept_finance.write({"manager_id": cls.finance_user.id,
                                "user_ids": [(6, 0, [cls.finance_user.id])]})
        cls.dept_production = Department._get_by_code(
            "production", cls.company)

        cls.type_regular = cls.env.ref("qms_customer.qms_order_type_regular")
        cls.type_special = cls.env.ref("qms_customer.qms_order_type_special")
        cls.type_phone = cls.env.ref("qms_customer.qms_order_type_phone")
        cls.type_small = cls.env.ref("qms_customer.qms_order_type_small")
        cls.type_regular.write({"department_ids": [(5, 0, 0)],
                                "all_departments": False})
        cls.tier_sales = cls.env.ref("qms_customer.tier_sale_salesperson")
        cls.tier_manager = cls.env.ref("qms_customer.tier_sale_manager")
        cls.tier_vp = cls.env.ref("qms_customer.tier_sale_vp")

        cls.customer = cls.env["res.partner"].create({
            "name": "QR Customer", "customer": True, "is_company": True,
            "email": "qr.customer@example.com"})
        cls.product = cls.env["product.product"].create({
            "name": "QR Valve", "type": "consu", "list_price": 10.0,
            "taxes_id": [(6, 0, [])]})
        cls.pricelist = cls.env["product.pricelist"].create({
            "name": "QR company currency", "currency_id": cls.currency.id})

    @classmethod
    def _user(cls, login, groups, company=None):
        return new_user(cls.env, login, groups, company or cls.company)

    def _order(self, amount, user=None, partner=None, pricelist=None,
               order_type=None, **extra):
        """A quotation of one line of the given amount, created by the
        salesperson himself."""
        user = user or self.salesman
        vals = {
            "partner_id": (partner or self.customer).id,
            "user_id": user.id,
            "pricelist_id": (pricelist or self.pricelist).id,
            "order_line": [(0, 0, {
                "product_id": self.product.id, "name": "QR Valve",
                "product_uom_qty": 1.0, "price_unit": amount,
                "product_uom": self.product.uom_id.id,
                "tax_id": [(6, 0, [])]})],
        }
        if order_type:
            vals["qms_order_type_id"] = order_type.id
        vals.update(extra)
        return self.env["sale.order"].sudo(user).create(vals).sudo(user)

    def _answer_items(self, order, user=None, result="pass"):
        review = order.qms_review_id
        review.item_ids.sudo(user or order.user_id).write({"result": result})

    def _submit(self, order, answer=True):
        order.action_qms_submit_review()
        if answer:
            self._answer_items(order)
        return order.qms_review_id

    def _signer_for(self, order):
        tier = order.qms_review_id.tier_id
        if tier == self.tier_sales:
            return order.user_id
        if tier == self.tier_manager:
            return self.sales_manager
        return self.vp

    def _approve(self, order, user=None):
        user = user or self._signer_for(order)
        order.sudo(user).action_qms_approve()

    def _activities(self, order, xmlid):
        return self.env["mail.activity"].search([
            ("res_model", "=", "sale.order"), ("res_id", "=", order.id),
            ("activity_type_id", "=", self.env.ref(xmlid).id)])


class FormReportMixin(object):
    """Checks of a controlled form (R-E3): rendered HTML and real PDF."""

    def _form_html(self, report, records):
        html = report.render_qweb_html(records.ids)[0]
        return html.decode() if isinstance(html, bytes) else html

    def _form_pdf_pages(self, report, records):
        """Render a real PDF with wkhtmltopdf and return the text of each
        page. Odoo renders HTML instead under the test runner unless a
        report directory is set (test mode stays on: no commit of the asset
        bundles); a missing wkhtmltopdf fails the test."""
        self.assertEqual(
            report.get_wkhtmltopdf_state(), "ok",
            "wkhtmltopdf is needed to print the forms")
        directory = config["test_report_directory"]
        with tempfile.TemporaryDirectory() as tmp:
            config["test_report_directory"] = tmp
            try:
                pdf, fmt = report.render_qweb_pdf(records.ids)
            finally:
                config["test_report_directory"] = directory
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), pdf[:40])
        reader = PdfFileReader(io.BytesIO(pdf))
        return [reader.getPage(index).extractText()
                for index in range(reader.getNumPages())]

    def assertFormHtml(self, html, report, company):
        """The form prints the company, its form number and revision (top
        and page footer), the row style of its tables and no label without
        a value."""
        self.assertTrue(report.qms_form_number)
        self.assertIn(report.qms_form_number, html)
        self.assertIn("%s Rev. %s" % (report.qms_form_number,
                                      report.qms_form_revision), html)
        self.assertIn(company.name, html)
        self.assertIn("page-break-inside: avoid", html)
        self.assertIn("Page [page] / [topage]", html)
        self.assertNoEmptyLabel(html)

    def assertNoEmptyLabel(self, html):
        """No "Label:" without its value, no punctuation between values
        that are missing (", :", ": ,", "()")."""
        flat = " ".join(html.split())
        for pattern in (", :", ": ,"):
            self.assertNotIn(pattern, flat)
        # a label followed by an empty element
        self.assertFalse(re.search(
            r":\s*(</strong>|</b>)?\s*<(span|div|p)\b[^>]*>\s*</\2>", flat),
            "a label is printed without its value")
        root = lxml.html.fromstring(html)
        for node in root.xpath("//style|//script"):
            node.drop_tree()
        text = " ".join(root.text_content().split())
        for pattern in (", :", ": ,", ", ,", ": ;", "( )", "()", ": ."):
            self.assertNotIn(pattern, text)
        for label in root.xpath("//strong|//b"):
            words = " ".join(label.text_content().split())
            if not words.endswith(":"):
                continue
            value = label.tail or ""
            for sibling in label.itersiblings():
                if sibling.tag in ("strong", "b"):
                    break
                value += sibling.text_content() + (sibling.tail or "")
            self.assertTrue(value.strip(),
                            "label %r printed without a value" % words)
