# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import float_compare

from .qms_order_review import changed_fields

# Customer fields that steer a QMS rule (R-E1): who sees the customer's
# records, the credit review, the departmental review; and the groups that
# own them.
QMS_STEERING_FIELDS = {
    "user_id": ("sales_team.group_sale_manager",),
    "credit_limit": ("sales_team.group_sale_manager",
                     "account.group_account_manager"),
    "qms_no_framework_agreement": ("sales_team.group_sale_manager",),
}


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
        if not commercial.ids or not self.env[model].check_access_rights(
                "read", raise_exception=False):
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
        # sudo: the review gate and its signer see every requirement in
        # force for the customer, whoever reviews the order.
        return self.env["qms.customer.requirement"].sudo().search([
            ("partner_id", "in", commercial.ids),
            ("state", "=", "active"),
        ])

    @api.multi
    def _qms_credit_figures(self, company, amount):
        """The customer's payment record in company (R-A7), with amount (in
        company currency) about to be added: figures read from
        account_financial_risk, the rule applied here."""
        self.ensure_one()
        result = {"credit_limit": 0.0, "receivable_open": 0.0,
                  "receivable_overdue": 0.0, "days_overdue": 0,
                  "credit_flag": False, "credit_reason": ""}
        partner = self.commercial_partner_id
        if not partner.id:
            return result
        # sudo: salespeople may not read accounting entries; only the
        # customer's totals are shown, for an order's review.
        partner = partner.sudo().with_context(force_company=company.id)
        overdue = partner.risk_invoice_unpaid
        result.update(
            credit_limit=partner.credit_limit,
            receivable_open=partner.risk_invoice_open + overdue,
            receivable_overdue=overdue,
        )
        # sudo: the credit review reads the customer's invoices; reviewers
        # need no invoicing rights.
        oldest = self.env["account.invoice"].sudo().search([
            ("commercial_partner_id", "=", partner.id),
            ("company_id", "=", company.id),
            ("type", "=", "out_invoice"),
            ("state", "=", "open"),
            ("date_due", "<", fields.Date.today()),
        ], order="date_due asc", limit=1)
        if oldest:
            result["days_overdue"] = (
                fields.Date.from_string(fields.Date.today()) -
                fields.Date.from_string(oldest.date_due)).days
        reasons = []
        if partner.credit_limit and float_compare(
                result["receivable_open"] + amount,
                partner.credit_limit, precision_digits=2) > 0:
            reasons.append(_("open receivables with this order exceed the "
                             "credit limit"))
        allowed = company.qms_credit_overdue_days
        if result["days_overdue"] > allowed:
            reasons.append(_("invoices overdue for %(days)s days (more "
                             "than %(allowed)s)") % {
                                 "days": result["days_overdue"],
                                 "allowed": allowed})
        result["credit_flag"] = bool(reasons)
        result["credit_reason"] = "; ".join(reasons)
        return result

    @api.multi
    def write(self, vals):
        self._qms_check_steering_vals(vals)
        return super(ResPartner, self).write(vals)

    @api.multi
    def _qms_check_steering_vals(self, vals):
        """Only the owning roles change a customer's salesperson, credit
        limit or framework-agreement flag."""
        if self.env.uid == SUPERUSER_ID:
            return
        user = self.env.user
        for fname, groups in QMS_STEERING_FIELDS.items():
            if fname not in vals or any(user.has_group(g) for g in groups):
                continue
            for partner in self.filtered(
                    lambda p: p.commercial_partner_id == p):
                changed = changed_fields(partner, vals, [fname])
                if changed:
                    raise AccessError(_(
                        "Only %(groups)s may change the %(field)s of "
                        "customer %(partner)s.") % {
                            "groups": _(" or ").join(
                                self.env.ref(g).sudo().full_name
                                for g in groups),
                            "field": changed[0],
                            "partner": partner.display_name})

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
