# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class StockPicking(models.Model):
    """Premium freight on outgoing shipments: a delivery performance figure
    of the satisfaction analysis (R-D3) that Odoo does not record."""

    _inherit = "stock.picking"

    qms_premium_freight = fields.Boolean(
        string="Premium Freight", copy=False, track_visibility="onchange",
        help="The shipment went by a faster, dearer means than planned "
             "(express, air freight, special run) to meet the customer's "
             "date. Counted in the customer satisfaction analysis.")
    qms_premium_freight_cost = fields.Monetary(
        string="Premium Freight Cost", copy=False,
        currency_field="qms_currency_id", track_visibility="onchange",
        help="Cost above the planned freight, in the company currency.")
    qms_premium_freight_reason = fields.Char(
        string="Premium Freight Reason", copy=False)
    qms_currency_id = fields.Many2one(
        related="company_id.currency_id", readonly=True,
        string="Company Currency")

    @api.constrains("qms_premium_freight", "qms_premium_freight_cost")
    def _check_qms_premium_freight(self):
        for picking in self:
            if picking.qms_premium_freight_cost < 0:
                raise ValidationError(_(
                    "A premium freight cost cannot be negative (%(cost)s).")
                    % {"cost": picking.qms_premium_freight_cost})
            if picking.qms_premium_freight_cost and \
                    not picking.qms_premium_freight:
                raise ValidationError(_(
                    "%(name)s has a premium freight cost but is not marked "
                    "as premium freight.") % {"name": picking.name})
