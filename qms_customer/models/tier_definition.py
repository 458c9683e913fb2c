# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare


class TierDefinition(models.Model):
    """Signing tiers of sale orders (R-A4): an amount band in company
    currency per company; the highest band an order falls in names its one
    signer."""

    _inherit = "tier.definition"

    review_type = fields.Selection(selection_add=[
        ("salesperson", "The order's salesperson")])
    qms_amount_above = fields.Float(
        string="Amount Above",
        help="Lower bound of the band, excluded, in company currency.")
    qms_amount_upto = fields.Float(
        string="Amount Up To",
        help="Upper bound of the band, included, in company currency; "
             "0 means no upper bound.")
    qms_deadline_days = fields.Integer(
        string="Days to Sign", default=2,
        help="Deadline of the signer's activity, in days after submission.")

    @api.model
    def _get_tier_validation_model_names(self):
        res = super(TierDefinition, self)._get_tier_validation_model_names()
        res.append("sale.order")
        return res

    @api.constrains("qms_amount_above", "qms_amount_upto")
    def _check_qms_amount_band(self):
        for tier in self:
            if tier.qms_amount_above < 0 or tier.qms_amount_upto < 0:
                raise ValidationError(_("Tier amounts cannot be negative."))
            if tier.qms_amount_upto and \
                    tier.qms_amount_upto <= tier.qms_amount_above:
                raise ValidationError(_(
                    "Tier %(name)s: the upper bound must be above the lower "
                    "bound.") % {"name": tier.name})

    @api.multi
    def _qms_contains(self, amount, currency):
        """Whether amount (company currency) falls in this tier's band."""
        self.ensure_one()
        above = float_compare(amount, self.qms_amount_above,
                              precision_rounding=currency.rounding) > 0
        if not self.qms_amount_above and float_compare(
                amount, 0.0, precision_rounding=currency.rounding) >= 0:
            above = True
        below = not self.qms_amount_upto or float_compare(
            amount, self.qms_amount_upto,
            precision_rounding=currency.rounding) <= 0
        return above and below

    @api.model
    def _qms_find_sale_tier(self, company, amount):
        """The one tier whose band holds amount; the highest band wins when
        bands overlap. Tiers of the company win over tiers without one."""
        tiers = self.search([("model", "=", "sale.order"),
                             ("company_id", "=", company.id)])
        if not tiers:
            tiers = self.search([("model", "=", "sale.order"),
                                 ("company_id", "=", False)])
        matching = tiers.filtered(
            lambda t: t._qms_contains(amount, company.currency_id))
        if not matching:
            return self.browse()
        return matching.sorted(
            key=lambda t: (t.qms_amount_above, -t.sequence))[-1]
