# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "QMS Complaints: Customer Complaints, Claims and CAPA",
    "summary": "Customer complaints with deadlines, containment, root cause, "
               "corrective actions, acceptance, claims and analysis "
               "(ISO 9001 9.1.2 / 10.2)",
    "version": "11.0.1.0.0",
    "category": "Quality",
    "website": "https://github.com/qms-odoo/qms",
    "author": "QMS for Odoo",
    "license": "LGPL-3",
    "depends": [
        "qms_customer",
        "mgmtsystem_nonconformity",
        "mgmtsystem_action",
    ],
    "data": [
        "security/ir.model.access.csv",
        "views/qms_complaint_menus.xml",
    ],
    "demo": [],
    "installable": True,
    "application": False,
}
