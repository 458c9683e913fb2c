# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class QmsComplaintDeadline(models.Model):
    """Response deadline policy (R-C2): hours allowed per route and urgency.

    Kept by sales: a remedy within 48 hours; handed over to quality: urgent
    within 2 days, normal within 7 days. Managers edit these records."""

    _name = "qms.complaint.deadline"
    _description = "Complaint Response Deadline Policy"
    _order = "route, urgency"

    route = fields.Selection(
        [("sales", "Kept by Sales"), ("quality", "Handed to Quality")],
        required=True,
    )
    urgency = fields.Selection(
        [("normal", "Normal"), ("urgent", "Urgent")],
        help="Leave empty for a rule that applies to every urgency of the "
             "route.",
    )
    hours = fields.Integer(required=True)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty for a rule shared by every company; a company rule "
             "wins over a shared one.",
    )
    active = fields.Boolean(default=True)

    @api.constrains("hours")
    def _check_hours(self):
        for policy in self:
            if policy.hours <= 0:
                raise ValidationError(_(
                    "A response deadline must allow a positive number of "
                    "hours."))

    @api.model
    def _get_hours(self, route, urgency, company):
        """Hours allowed for a route and urgency; the most specific rule
        (company, then urgency) wins."""
        policies = self.search([
            ("route", "=", route),
            ("urgency", "in", [urgency, False]),
            ("company_id", "in", [company.id, False]),
        ])
        if not policies:
            raise ValidationError(_(
                "No response deadline is configured for the route "
                "%(route)s and urgency %(urgency)s.") % {
                    "route": route, "urgency": urgency})
        best = policies.sorted(
            key=lambda p: (bool(p.company_id), bool(p.urgency)))[-1]
        return best.hours
