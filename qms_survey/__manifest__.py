# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "QMS Survey: Customer Satisfaction",
    "summary": "Half-yearly customer satisfaction campaigns, weighted scores, "
               "analysis report and improvement actions (ISO 9001 9.1.2)",
    "version": "11.0.1.2.0",
    "category": "Quality",
    "website": "https://github.com/qms-odoo/qms",
    "author": "QMS for Odoo",
    "license": "LGPL-3",
    "depends": [
        "qms_complaint",
        "mgmtsystem_action",
        "stock",
        "survey",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/qms_survey_security.xml",
        "data/qms_survey_dimension_data.xml",
        "data/survey_survey_data.xml",
        "data/qms_survey_campaign_data.xml",
        "report/qms_survey_campaign_reports.xml",
        "report/qms_survey_campaign_templates.xml",
        "views/qms_survey_campaign_views.xml",
        "views/qms_survey_menus.xml",
        "views/stock_picking_views.xml",
        # Customer portal: satisfaction surveys (issue 12)
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/qms_survey_campaign_demo.xml",
        "demo/qms_survey_campaign_cn_demo.xml",
    ],
    "installable": True,
    "application": False,
}
