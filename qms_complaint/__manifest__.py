# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "QMS Complaints: Customer Complaints, Claims and CAPA",
    "summary": "Customer complaints with deadlines, containment, root cause, "
               "corrective actions, acceptance, claims and analysis "
               "(ISO 9001 9.1.2 / 10.2)",
    "version": "11.0.1.1.0",
    "category": "Quality",
    "website": "https://github.com/qms-odoo/qms",
    "author": "QMS for Odoo",
    "license": "LGPL-3",
    "depends": [
        "qms_customer",
        "mgmtsystem_nonconformity",
        "mgmtsystem_action",
        "base_tier_validation",
        "account_invoicing",
        "sale_stock",
        "report_xlsx",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/qms_complaint_security.xml",
        "data/qms_complaint_data.xml",
        "report/qms_complaint_reports.xml",
        "report/qms_complaint_templates.xml",
        "report/qms_complaint_summary_reports.xml",
        "data/mail_template_data.xml",
        "views/qms_complaint_views.xml",
        "views/qms_complaint_claim_views.xml",
        "views/qms_complaint_menus.xml",
        "views/qms_complaint_summary_views.xml",
        # Customer portal: complaints and their acceptance (issue 12)
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/qms_complaint_demo.xml",
        "demo/qms_complaint_cn_demo.xml",
    ],
    "installable": True,
    "application": False,
}
