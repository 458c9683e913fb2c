# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model
    def _default_qms_order_review_required(self):
        """A new company follows the others: review required when a company
        of the database already requires it. At install no company does,
        so Odoo's own flows (and quotations already open) keep working
        until an administrator switches the review on."""
        # sudo: a company's creator may not read every company.
        return bool(self.sudo().search_count(
            [("qms_order_review_required", "=", True)]))

    qms_order_review_required = fields.Boolean(
        string="Order Review Required",
        default=lambda self: self._default_qms_order_review_required(),
        help="Sale orders of this company can only be confirmed after their "
             "contract review is approved by the signer of their tier.")
    qms_special_order_amount = fields.Float(
        string="Special Order Above", default=1000000.0,
        help="Orders above this amount (company currency) are reviewed as "
             "special orders (R-A6). 0 disables the rule.")
    qms_credit_overdue_days = fields.Integer(
        string="Credit: Overdue Days Allowed", default=30,
        help="A customer with invoices overdue for more days than this "
             "needs the finance review (R-A7).")
    qms_no_framework_skip_review = fields.Boolean(
        string="Skip Departmental Review Without Framework Agreement",
        default=True,
        help="Orders of customers flagged 'no framework agreement' skip the "
             "departmental review; the tier signature is still required.")
    qms_release_deadline_days = fields.Integer(
        string="Days to Act on a Released Order", default=3)

    # ------------------------------------------------------------ set-up
    # Records every company needs for the procedures to run (R-A2, R-A4,
    # R-A6): the main company's records from our data files are the
    # templates, copied for each company that lacks them.
    _qms_template_xmlids = {
        "qms.department": [
            "qms_customer.qms_department_%s" % code for code in (
                "sales", "quality", "technical", "production", "purchasing",
                "logistics", "finance", "office")],
        "qms.order.type": [
            "qms_customer.qms_order_type_%s" % code for code in (
                "regular", "special", "phone", "small")],
        "tier.definition": [
            "qms_customer.tier_sale_salesperson",
            "qms_customer.tier_sale_manager", "qms_customer.tier_sale_vp"],
    }

    @api.model
    def create(self, vals):
        company = super(ResCompany, self).create(vals)
        company._qms_setup_company()
        return company

    @api.model
    def _qms_template_records(self, model):
        records = self.env[model].sudo().browse()
        for xmlid in self._qms_template_xmlids.get(model, ()):
            record = self.env.ref(xmlid, raise_if_not_found=False)
            if record:
                records |= record.sudo()
        return records

    @api.model
    def _qms_template_key(self, record):
        """What makes a template record the same in another company."""
        if record._name == "tier.definition":
            return (record.model, record.review_type,
                    record.qms_amount_above)
        return record.code

    @api.multi
    def _qms_setup_company(self):
        """Copy the template records (departments, order types, signing
        tiers, ...) into every company that lacks them: a company created
        after install works at once; its administrator staffs the
        departments and may adjust the rest (idempotent)."""
        # sudo: configuration records are created for the company by its
        # creator, who need not be a quality manager.
        for company in self.sudo():
            departments = {}
            for model in self._qms_template_xmlids:
                Model = self.env[model].sudo().with_context(
                    active_test=False)
                existing = Model.search([("company_id", "=", company.id)])
                keys = {self._qms_template_key(r) for r in existing}
                for template in self._qms_template_records(model):
                    if template.company_id == company or \
                            self._qms_template_key(template) in keys:
                        continue
                    template.copy(company._qms_template_copy_vals(
                        template, departments))
                if model == "qms.department":
                    departments = {
                        d.code: d.id for d in Model.search(
                            [("company_id", "=", company.id)])}
        return True

    @api.multi
    def _qms_template_copy_vals(self, template, departments):
        """Values of the copy of template for this company."""
        self.ensure_one()
        vals = {"company_id": self.id}
        if template._name == "qms.department":
            vals.update(manager_id=False, user_ids=[(5, 0, 0)])
        if template._name == "qms.order.type":
            for fname in ("department_ids", "release_department_ids"):
                vals[fname] = [(6, 0, [
                    departments[d.code] for d in template[fname]
                    if d.code in departments])]
        return vals
