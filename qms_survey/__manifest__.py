# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "QMS Survey: Customer Satisfaction",
    "summary": "Half-yearly customer satisfaction campaigns, weighted scores, "
               "analysis report and improvement actions (ISO 9001 9.1.2)",
    "version": "11.0.1.0.0",
    "category": "Quality",
    "website": "https://github.com/qms-odoo/qms",
    "author": "QMS for Odoo",
    "license": "LGPL-3",
    "depends": [
        "qms_complaint",
        "survey",
    ],
    "data": [
        "security/ir.model.access.csv",
        "views/qms_survey_menus.xml",
    ],
    "demo": [],
    "installable": True,
    "application": False,
}
