# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "QMS Customer: Order Review, Customer Property, Special Requirements",
    "summary": "Contract review with signing tiers, customer property ledger, "
               "customer special requirements (ISO 9001 8.2 / 8.5.3, IATF 16949)",
    "version": "11.0.1.0.0",
    "category": "Quality",
    "website": "https://github.com/qms-odoo/qms",
    "author": "QMS for Odoo",
    "license": "LGPL-3",
    "depends": [
        "mail",
        "sale_management",
        "sale_stock",
        "account_invoicing",
        "base_tier_validation",
        "account_financial_risk",
        "report_xlsx",
    ],
    "data": [
        "security/qms_customer_groups.xml",
        "security/ir.model.access.csv",
        "security/qms_customer_security.xml",
        "data/qms_department_data.xml",
        "views/qms_customer_menus.xml",
        "views/qms_department_views.xml",
    ],
    "demo": [
        "demo/qms_department_demo.xml",
    ],
    "installable": True,
    "application": True,
}
