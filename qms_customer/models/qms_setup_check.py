# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models


class QmsSetupCheck(models.TransientModel):
    """One line of the set-up checklist (Quality > Configuration): what a
    company still lacks for the procedures to run, with a link to fix it.
    Made afresh each time the checklist is opened; each addon adds its own
    checks in ``_qms_check_company``."""

    _name = "qms.setup.check"
    _description = "QMS Set-up Checklist Line"
    _order = "company_id, sequence, id"

    company_id = fields.Many2one("res.company", readonly=True)
    sequence = fields.Integer(readonly=True)
    topic = fields.Char(readonly=True)
    problem = fields.Char(readonly=True)
    res_model = fields.Char(readonly=True)
    res_id = fields.Integer(readonly=True)

    @api.model
    def action_open_checklist(self):
        """Check every company of the user and list what is missing."""
        self.search([("create_uid", "=", self.env.uid)]).unlink()
        lines = self.browse()
        for company in self.env.user.company_ids:
            for sequence, vals in enumerate(
                    self._qms_check_company(company)):
                lines |= self.create(dict(
                    vals, company_id=company.id, sequence=sequence))
        action = self.env.ref(
            "qms_customer.qms_setup_check_action").read()[0]
        action["domain"] = [("id", "in", lines.ids)]
        return action

    @api.model
    def _qms_line(self, topic, problem, record):
        return {"topic": topic, "problem": problem,
                "res_model": record._name, "res_id": record.id}

    @api.model
    def _qms_check_company(self, company):
        """What the company lacks: a list of _qms_line() values."""
        lines = []
        if not company.qms_order_review_required:
            lines.append(self._qms_line(
                _("Contract review"),
                _("Orders are confirmed without contract review: switch "
                  "'Order Review Required' on when the company is ready."),
                company))
        departments = self.env["qms.department"].search(
            [("company_id", "=", company.id)])
        if not departments:
            lines.append(self._qms_line(
                _("Departments"), _("The company has no departments."),
                company))
        for department in departments.filtered(
                lambda d: not d.manager_id and not d.user_ids):
            lines.append(self._qms_line(
                _("Departments"),
                _("%(dept)s has neither manager nor members: nobody is "
                  "asked for its reviews and actions.") % {
                      "dept": department.name}, department))
        tiers = self.env["tier.definition"].search([
            ("model", "=", "sale.order"),
            ("company_id", "in", [company.id, False])])
        if not tiers:
            lines.append(self._qms_line(
                _("Signing tiers"),
                _("No signing tier: orders cannot be submitted for "
                  "review."), company))
        for tier in tiers.filtered(lambda t: t.review_type == "group"):
            signers = tier.reviewer_group_id.users.filtered(
                lambda u: company in u.company_ids)
            if not signers:
                lines.append(self._qms_line(
                    _("Signing tiers"),
                    _("Nobody of the company is in %(group)s, who signs "
                      "tier %(tier)s.") % {
                          "group": tier.reviewer_group_id.full_name,
                          "tier": tier.name}, tier.reviewer_group_id))
        return lines

    @api.multi
    def action_fix(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "target": "current",
        }
