# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.1.1.0: report actions carry the form number and revision of the
controlled form they print (noupdate data on existing records)."""
from odoo.addons.qms_customer.models.ir_actions_report import load_form_numbers


def migrate(cr, version):
    if version:
        load_form_numbers(cr, "qms_complaint", [
            "report/qms_complaint_reports.xml",
            "report/qms_complaint_summary_reports.xml",
        ])
