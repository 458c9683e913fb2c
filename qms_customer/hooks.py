# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api


def post_init_hook(cr, registry):
    """Every company already in the database gets its departments, order
    types and signing tiers (the main company's data are the templates)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.company"].search([])._qms_setup_company()
