# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.1.2.0: the analysis report carries the form number and revision of
the controlled form (noupdate data on an existing record)."""
from odoo.addons.qms_customer.models.ir_actions_report import load_form_numbers


def migrate(cr, version):
    if version:
        load_form_numbers(cr, "qms_survey", [
            "report/qms_survey_campaign_reports.xml",
        ])
