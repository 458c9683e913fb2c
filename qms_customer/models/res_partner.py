# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # --- Customer property and special requirements (R-B1, R-B3, R-B5) ---
    qms_property_ids = fields.One2many(
        "qms.customer.property", "partner_id", string="Customer Property",
        groups="qms_customer.group_qms_user,sales_team.group_sale_salesman")
    qms_property_count = fields.Integer(
        compute="_compute_qms_property_count", string="Customer Property",
        groups="qms_customer.group_qms_user,sales_team.group_sale_salesman")
    qms_property_consent_required = fields.Boolean(
        string="Loans of Its Property Need Consent",
        help="The customer must consent before any of its property is lent "
             "(R-B3); the consent is recorded on the loan.")
    qms_requirement_ids = fields.One2many(
        "qms.customer.requirement", "partner_id",
        string="Special Requirements")
    qms_requirement_count = fields.Integer(
        compute="_compute_qms_requirement_count",
        string="Special Requirements")

    # --- Order review (R-A6) ---
    qms_no_framework_agreement = fields.Boolean(
        string="No Framework Agreement",
        help="Orders are placed directly, without a framework agreement: "
             "their departmental review may be skipped (company setting); "
             "the tier signature never is.")

    @api.multi
    def _compute_qms_property_count(self):
        counts = self._qms_count_by_commercial_partner("qms.customer.property")
        for partner in self:
            partner.qms_property_count = counts.get(
                partner.commercial_partner_id.id, 0)

    @api.multi
    def _compute_qms_requirement_count(self):
        counts = self._qms_count_by_commercial_partner(
            "qms.customer.requirement")
        for partner in self:
            partner.qms_requirement_count = counts.get(
                partner.commercial_partner_id.id, 0)

    @api.multi
    def _qms_count_by_commercial_partner(self, model):
        """One read_group for the whole recordset: {commercial id: count}."""
        commercial = self.mapped("commercial_partner_id")
        if not commercial.ids:
            return {}
        groups = self.env[model].read_group(
            [("partner_id", "in", commercial.ids)],
            ["partner_id"], ["partner_id"])
        return {g["partner_id"][0]: g["partner_id_count"] for g in groups}

    @api.multi
    def _qms_active_requirements(self):
        """The special requirements in force for these partners' commercial
        entities (R-B5), in one query, most important first."""
        commercial = self.mapped("commercial_partner_id")
        if not commercial:
            return self.env["qms.customer.requirement"]
        return self.env["qms.customer.requirement"].search([
            ("partner_id", "in", commercial.ids),
            ("state", "=", "active"),
        ])

    @api.multi
    def action_qms_property(self):
        self.ensure_one()
        action = self.env.ref(
            "qms_customer.qms_customer_property_action").read()[0]
        action["domain"] = [
            ("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {
            "default_partner_id": self.commercial_partner_id.id}
        return action

    @api.multi
    def action_qms_requirements(self):
        self.ensure_one()
        action = self.env.ref(
            "qms_customer.qms_customer_requirement_action").read()[0]
        action["domain"] = [
            ("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {
            "default_partner_id": self.commercial_partner_id.id}
        return action
