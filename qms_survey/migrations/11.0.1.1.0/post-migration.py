# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.1.1.0: a customer's scores are read from the answers by a SQL view
instead of being stored on the response. Drop the columns 11.0.1.0.0
stored them in (Odoo keeps the columns of removed fields) and restore the
table's default fill factor, which only served their rewriting."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        ALTER TABLE qms_survey_response
            DROP COLUMN IF EXISTS score_detail,
            DROP COLUMN IF EXISTS score_overall,
            DROP COLUMN IF EXISTS date_scored,
            RESET (fillfactor)
    """)
