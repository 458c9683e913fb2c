# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.tools import html_escape
from odoo.exceptions import UserError, ValidationError

# Allowed moves of a requirement's state; writing ``state`` is checked
# against this table in ``write`` so an API call can't skip a step.
REQUIREMENT_TRANSITIONS = {
    "draft": ("active", "withdrawn"),
    "active": ("withdrawn",),
    "withdrawn": ("draft",),
}


class QmsCustomerRequirement(models.Model):
    """A customer special requirement (顾客特殊要求清单, R-B5).

    Requirements in state ``active`` are in force: the order review shows
    them and asks for their acknowledgement (see
    ``res.partner._qms_active_requirements``). A requirement is put in force
    only after a review (顾客特殊要求评审记录) accepted it.
    """

    _name = "qms.customer.requirement"
    _description = "Customer Special Requirement"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.workflow.guard"]
    _qms_transitions = REQUIREMENT_TRANSITIONS
    _qms_state_by_workflow = False
    _order = "partner_id, priority, effective_date desc, id desc"

    name = fields.Char(string="Requirement", required=True,
                       track_visibility="onchange")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True,
        domain=["|", ("is_company", "=", True), ("parent_id", "=", False)],
        track_visibility="onchange",
        help="The customer (commercial entity) that imposes the requirement.")
    category = fields.Selection(
        [
            ("health_safety", "Health and safety"),
            ("quality", "Quality"),
            ("product", "Product and process"),
            ("delivery", "Delivery and logistics"),
            ("packaging", "Packaging and labelling"),
            ("documentation", "Documentation and records"),
            ("environment", "Environment"),
            ("other", "Other"),
        ],
        required=True, default="quality", track_visibility="onchange")
    priority = fields.Selection(
        [
            ("0", "Health and safety (highest)"),
            ("1", "High"),
            ("2", "Normal"),
            ("3", "Low"),
        ],
        required=True, default="2", track_visibility="onchange",
        help="Health and safety requirements always have the highest "
             "priority.")
    source_document = fields.Char(
        help="The customer document that states the requirement, e.g. the "
             "customer-specific requirements manual or a drawing.")
    clause = fields.Char(help="Clause or section of the source document.")
    description = fields.Text()
    department_id = fields.Many2one(
        "qms.department", string="Responsible Department",
        track_visibility="onchange")
    effective_date = fields.Date(track_visibility="onchange")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "In Force"),
            ("withdrawn", "Withdrawn"),
        ],
        required=True, default="draft", readonly=True, copy=False,
        track_visibility="onchange")
    review_ids = fields.One2many(
        "qms.customer.requirement.review", "requirement_id",
        string="Reviews", copy=False)
    review_state = fields.Selection(
        [
            ("none", "Not reviewed"),
            ("accepted", "Accepted"),
            ("conditional", "Accepted with conditions"),
            ("rejected", "Rejected"),
        ],
        compute="_compute_review", store=True, string="Review Status")
    last_review_date = fields.Date(compute="_compute_review", store=True)
    last_reviewer_id = fields.Many2one(
        "res.users", compute="_compute_review", store=True,
        string="Last Reviewed By")
    company_id = fields.Many2one(
        "res.company", required=True, index=True,
        default=lambda self: self.env["res.company"]._company_default_get(
            "qms.customer.requirement"))

    @api.depends("review_ids.outcome", "review_ids.review_date",
                 "review_ids.reviewer_id")
    def _compute_review(self):
        for requirement in self:
            last = requirement.review_ids.sorted(
                lambda r: (r.review_date or "", r.id))[-1:]
            requirement.review_state = last.outcome or "none"
            requirement.last_review_date = last.review_date
            requirement.last_reviewer_id = last.reviewer_id

    @api.constrains("category", "priority")
    def _check_priority(self):
        # sudo: the values just written are checked; whether this user may
        # create or change the record is the record rules' answer.
        for requirement in self.sudo():
            if (requirement.category == "health_safety"
                    and requirement.priority != "0"):
                raise ValidationError(_(
                    "The health and safety requirement %(name)s must have "
                    "the highest priority.") % {"name": requirement.name})

    @api.onchange("category")
    def _onchange_category(self):
        if self.category == "health_safety":
            self.priority = "0"

    @api.model
    def create(self, vals):
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals["partner_id"] = partner.commercial_partner_id.id
        if vals.get("category") == "health_safety":
            vals["priority"] = "0"
        state = vals.pop("state", "draft")
        requirement = super(QmsCustomerRequirement, self).create(vals)
        if state != "draft":
            requirement.write({"state": state})
        return requirement

    @api.multi
    def write(self, vals):
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals["partner_id"] = partner.commercial_partner_id.id
        if "state" in vals:
            self._check_state_change(vals["state"])
        return super(QmsCustomerRequirement, self).write(vals)

    @api.multi
    def _check_state_change(self, new_state):
        """Refuse a move of the state that the procedure does not allow."""
        if not self.env.user.has_group("qms_customer.group_qms_user"):
            raise UserError(_(
                "Only quality users may put a customer special requirement "
                "in force or withdraw it."))
        self._qms_check_transition(new_state)
        for requirement in self:
            if requirement.state == new_state:
                continue
            if new_state == "active" and requirement.review_state not in (
                    "accepted", "conditional"):
                raise UserError(_(
                    "The requirement %(name)s cannot be put in force before "
                    "a review accepted it (顾客特殊要求评审记录).") % {
                        "name": requirement.name})

    @api.multi
    def action_activate(self):
        self.write({"state": "active"})
        return True

    @api.multi
    def action_withdraw(self):
        self.write({"state": "withdrawn"})
        return True

    @api.multi
    def _qms_html(self):
        """These requirements as the list the order review shows (R-B5)."""
        if not self:
            return False
        priorities = dict(self._fields["priority"]._description_selection(
            self.env))
        return "<ul>%s</ul>" % "".join(
            "<li>%s%s</li>" % (
                html_escape(req.name), " (%s)" % html_escape(
                    priorities[req.priority]) if req.priority else "")
            for req in self)

    @api.multi
    def action_reset_draft(self):
        self.write({"state": "draft"})
        return True


class QmsCustomerRequirementReview(models.Model):
    """One review of a special requirement (顾客特殊要求评审记录): can we
    meet it, who reviewed it, when, and with what outcome."""

    _name = "qms.customer.requirement.review"
    _description = "Customer Special Requirement Review"
    _order = "review_date desc, id desc"

    requirement_id = fields.Many2one(
        "qms.customer.requirement", required=True, ondelete="cascade",
        index=True)
    partner_id = fields.Many2one(
        related="requirement_id.partner_id", store=True, readonly=True)
    reviewer_id = fields.Many2one(
        "res.users", string="Reviewed By", required=True,
        default=lambda self: self.env.user)
    review_date = fields.Date(required=True, default=fields.Date.context_today)
    outcome = fields.Selection(
        [
            ("accepted", "Accepted"),
            ("conditional", "Accepted with conditions"),
            ("rejected", "Rejected"),
        ],
        required=True)
    notes = fields.Text(help="How the requirement will be met, conditions, "
                             "or why it cannot be met.")
    company_id = fields.Many2one(
        related="requirement_id.company_id", store=True, readonly=True)

    @api.model
    def create(self, vals):
        review = super(QmsCustomerRequirementReview, self).create(vals)
        requirement = review.requirement_id
        if review.outcome == "rejected" and requirement.state == "active":
            requirement.message_post(body=_(
                "A review rejected this requirement while it is in force; "
                "withdraw it or review it again."))
        return review
