# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.qms_customer.models.qms_mixins import (
    format_amount, in_workflow, qms_workflow)

# What a user edits directly in each state; the rest is the buttons' work.
EDITABLE = {
    "draft": {"complaint_id", "date", "customer_ref", "amount_claimed",
              "analysis", "proposal", "attachment_ids", "cancel_reason"},
    "approved": {"liability", "outcome", "amount_accepted", "supplier_id",
                 "cancel_reason", "analysis", "attachment_ids",
                 "customer_ref"},
}


class QmsComplaintClaim(models.Model):
    """Customer claim (索赔) on a complaint (R-C6): documents, claimed amount
    and proposal, approval by the general manager through OCA
    base_tier_validation, negotiated outcome and its booking: a credit note
    and a quality cost when the liability is ours, a vendor refund draft when
    it is the supplier's, a cancellation with reason otherwise."""

    _name = "qms.complaint.claim"
    _description = "Customer Claim"
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation",
                "qms.workflow.guard"]
    _order = "date desc, id desc"
    _qms_protected_fields = (
        "invoice_id", "supplier_invoice_id", "date_done", "approved_by_id",
        "date_approved")
    _qms_transitions = {
        "draft": ("approved", "cancel"),
        "approved": ("done", "cancel"),
    }
    _qms_locked_states = ("done", "cancel")
    _qms_evidence = True
    _qms_deletable_states = ("draft",)

    _state_field = "state"
    _state_from = ["draft"]
    _state_to = ["approved"]
    _cancel_state = "cancel"

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False,
        default=lambda self: _("New"))
    complaint_id = fields.Many2one(
        "qms.complaint", required=True, ondelete="restrict", index=True,
        readonly=True, states={"draft": [("readonly", False)]})
    partner_id = fields.Many2one(
        related="complaint_id.partner_id", store=True, readonly=True,
        string="Customer")
    category_id = fields.Many2one(
        related="complaint_id.category_id", store=True, readonly=True)
    company_id = fields.Many2one(
        related="complaint_id.company_id", store=True, readonly=True)
    currency_id = fields.Many2one(
        related="complaint_id.company_id.currency_id", readonly=True)
    state = fields.Selection(
        [("draft", "Proposal"), ("approved", "Approved, Negotiating"),
         ("done", "Settled"), ("cancel", "Cancelled")],
        default="draft", required=True, readonly=True, copy=False,
        index=True, track_visibility="onchange")
    date = fields.Date(required=True, default=fields.Date.context_today)
    customer_ref = fields.Char(string="Customer Claim Reference")
    amount_claimed = fields.Monetary(
        required=True, track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)]})
    analysis = fields.Text(string="First Analysis")
    proposal = fields.Text(
        readonly=True, states={"draft": [("readonly", False)]})
    attachment_ids = fields.Many2many(
        "ir.attachment", "qms_complaint_claim_attachment_rel", "claim_id",
        "attachment_id", string="Claim Documents")
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_approved = fields.Datetime(readonly=True, copy=False)
    liability = fields.Selection(
        [("ours", "Our Company"), ("supplier", "Supplier"),
         ("not_ours", "Not Our Liability")],
        track_visibility="onchange",
        readonly=True, states={"approved": [("readonly", False)]})
    outcome = fields.Text(
        string="Negotiated Outcome",
        readonly=True, states={"approved": [("readonly", False)]})
    amount_accepted = fields.Monetary(
        track_visibility="onchange",
        readonly=True, states={"approved": [("readonly", False)]})
    supplier_id = fields.Many2one(
        "res.partner", domain="[('supplier', '=', True)]",
        readonly=True, states={"approved": [("readonly", False)]})
    cancel_reason = fields.Text(
        readonly=True, states={"draft": [("readonly", False)],
                               "approved": [("readonly", False)]})
    invoice_id = fields.Many2one(
        "account.invoice", string="Customer Credit Note", readonly=True,
        copy=False)
    supplier_invoice_id = fields.Many2one(
        "account.invoice", string="Vendor Refund", readonly=True,
        copy=False)
    date_done = fields.Date(readonly=True, copy=False)
    quality_cost_ids = fields.One2many(
        "qms.complaint.quality.cost", "claim_id", readonly=True)

    _sql_constraints = [
        ("amount_claimed_positive", "CHECK(amount_claimed >= 0)",
         "The claimed amount cannot be negative."),
        ("amount_accepted_positive",
         "CHECK(amount_accepted IS NULL OR amount_accepted >= 0)",
         "The accepted amount cannot be negative."),
    ]

    @api.constrains("amount_claimed", "amount_accepted")
    def _check_amounts(self):
        for claim in self:
            if claim.amount_claimed < 0 or claim.amount_accepted < 0:
                raise ValidationError(_(
                    "Claim amounts cannot be negative."))
            if claim.amount_accepted > claim.amount_claimed:
                raise ValidationError(_(
                    "The accepted amount %(accepted)s cannot exceed the "
                    "claimed amount %(claimed)s.") % {
                        "accepted": format_amount(
                            self.env, claim.amount_accepted,
                            claim.currency_id),
                        "claimed": format_amount(
                            self.env, claim.amount_claimed,
                            claim.currency_id)})

    # ---------------------------------------------------------------- CRUD
    @api.model
    def create(self, vals):
        complaint = self.env["qms.complaint"].browse(vals.get("complaint_id"))
        if complaint.state in ("closed", "cancel"):
            raise UserError(_(
                "No claim can be raised on the closed or cancelled complaint "
                "%(name)s.") % {"name": complaint.name})
        if vals.get("name", _("New")) == _("New"):
            vals["name"] = self.env["ir.sequence"].with_context(
                force_company=complaint.company_id.id).next_by_code(
                    "qms.complaint.claim") or _("New")
        return super(QmsComplaintClaim, self).create(vals)

    @api.multi
    def _qms_sign_figures(self):
        """The signing inbox shows the amount claimed (company currency)."""
        figures = super(QmsComplaintClaim, self)._qms_sign_figures()
        figures.update(amount=self.amount_claimed, currency=self.currency_id)
        return figures

    @api.multi
    def write(self, vals):
        if not in_workflow(self.env):
            # the workflow's own fields first, before OCA's tier checks
            self._qms_check_protected_vals(vals)
            others = set(vals) - self._qms_get_protected_fields() - \
                {"message_follower_ids", "activity_ids", "message_ids"}
            for claim in self:
                refused = others - EDITABLE.get(claim.state, set())
                if refused:
                    raise UserError(_(
                        "The claim %(name)s cannot change %(fields)s in its "
                        "current state.") % {
                            "name": claim.name,
                            "fields": self._qms_field_labels(refused)})
        return super(QmsComplaintClaim, self).write(vals)

    @api.multi
    def unlink(self):
        if any(claim.review_ids for claim in self.sudo()):
            raise UserError(_(
                "Only a claim proposal not yet submitted can be deleted."))
        return super(QmsComplaintClaim, self).unlink()

    # -------------------------------------------------------- tier review
    @api.multi
    def request_validation(self):
        """Ask the general manager (tier definition in data) and give every
        reviewer an activity (R-C6)."""
        for claim in self:
            if claim.state != "draft":
                raise UserError(_(
                    "Only a claim proposal can be submitted for approval."))
            if claim.review_ids:
                raise UserError(_(
                    "The claim %(name)s is already under approval.") % {
                        "name": claim.name})
        reviews = super(QmsComplaintClaim, self).request_validation()
        if not reviews:
            raise UserError(_(
                "No approval tier applies to this claim; ask a manager to "
                "configure the claim approval tier."))
        for review in reviews:
            for user in review.reviewer_ids:
                # sudo: the activity is for the reviewer, not the requester,
                # on the claim the requester just submitted. _() reads the
                # reviewer's language from ``context``.
                context = {"lang": user.lang}  # noqa: F841
                claim = self.browse(review.res_id).sudo()
                claim.activity_schedule(
                    "mail.mail_activity_data_todo",
                    fields.Date.context_today(self),
                    _("Approve claim %(name)s") % {"name": claim.name},
                    user_id=user.id)
        return reviews

    @api.multi
    def action_request_approval(self):
        self.request_validation()
        return True

    def _check_may_review(self):
        for claim in self:
            # sudo: whether reviews exist is no secret; who may decide them
            # is checked next against the tier's reviewers.
            reviews = claim.sudo().review_ids
            if claim.state != "draft" or not reviews:
                raise UserError(_(
                    "The claim %(name)s is not waiting for approval.") % {
                        "name": claim.name})
            if self.env.user not in claim.reviewer_ids:
                raise UserError(_(
                    "You are not a reviewer of the claim %(name)s.") % {
                        "name": claim.name})
            requesters = claim.create_uid | reviews.mapped("requested_by")
            if self.env.user in requesters:
                raise UserError(_(
                    "You cannot approve the claim %(name)s that you raised "
                    "yourself.") % {"name": claim.name})

    @api.multi
    def validate_tier(self):
        self._check_may_review()
        result = super(QmsComplaintClaim, self).validate_tier()
        for claim in self:
            claim._close_review_activities()
            if claim.validated:
                qms_workflow(claim).write({
                    "state": "approved",
                    "approved_by_id": self.env.user.id,
                    "date_approved": fields.Datetime.now(),
                })
        return result

    @api.multi
    def reject_tier(self):
        self._check_may_review()
        result = super(QmsComplaintClaim, self).reject_tier()
        for claim in self:
            claim._close_review_activities()
        return result

    def _close_review_activities(self):
        # sudo: reviewer activities were created by sudo on this claim.
        self.sudo().activity_ids.filtered(
            lambda a: a.user_id == self.env.user).action_feedback(
                feedback=_("Reviewed."))

    # ---------------------------------------------------------- settlement
    @api.multi
    def action_settle(self):
        """Book the negotiated outcome: a credit note and quality cost when
        the liability is ours, a vendor refund draft when it is the
        supplier's."""
        self._qms_check_role(
            ["sales_team.group_sale_manager", "qms_customer.group_qms_user"],
            _("settle a claim"))
        for claim in self:
            if claim.state != "approved":
                raise UserError(_(
                    "The claim %(name)s must be approved by the general "
                    "manager before it is settled.") % {"name": claim.name})
            if claim.liability not in ("ours", "supplier"):
                raise UserError(_(
                    "A claim that is not our liability is cancelled with a "
                    "reason, not settled (%(name)s).") % {
                        "name": claim.name})
            if claim.amount_accepted <= 0:
                raise UserError(_(
                    "Record the accepted amount of the claim %(name)s.") % {
                        "name": claim.name})
            vals = {"state": "done",
                    "date_done": fields.Date.context_today(self)}
            if claim.liability == "ours":
                invoice = claim._create_credit_note()
                vals["invoice_id"] = invoice.id
                qms_workflow(self.env["qms.complaint.quality.cost"]).create(
                    claim._prepare_quality_cost_vals())
            else:
                supplier = claim.supplier_id or \
                    claim.complaint_id.supplier_id
                if not supplier:
                    raise UserError(_(
                        "Name the supplier liable for the claim %(name)s.")
                        % {"name": claim.name})
                invoice = claim._create_vendor_refund(supplier)
                vals["supplier_invoice_id"] = invoice.id
                vals["supplier_id"] = supplier.id
            qms_workflow(claim).write(vals)
        return True

    def _get_claim_product(self):
        return self.env.ref("qms_complaint.product_claim_compensation")

    def _prepare_refund_vals(self, partner, refund_type):
        self.ensure_one()
        # the partner's accounts are those of the claim's company, whoever
        # books it (a user of another company, or the superuser)
        partner = partner.with_context(force_company=self.company_id.id)
        product = self._get_claim_product()
        journal_type = "sale" if refund_type == "out_refund" else "purchase"
        journal = self.env["account.journal"].search([
            ("type", "=", journal_type),
            ("company_id", "=", self.company_id.id)], limit=1)
        if not journal:
            raise UserError(_(
                "Configure a %(type)s journal for the company %(company)s.")
                % {"type": journal_type, "company": self.company_id.name})
        accounts = product.product_tmpl_id.with_context(
            force_company=self.company_id.id)._get_product_accounts()
        account = accounts["income"] if refund_type == "out_refund" \
            else accounts["expense"]
        account = account or journal.default_debit_account_id
        if not account:
            raise UserError(_(
                "Configure the accounts of the product %(product)s.") % {
                    "product": product.display_name})
        partner_account = partner.property_account_receivable_id \
            if refund_type == "out_refund" \
            else partner.property_account_payable_id
        return {
            "type": refund_type,
            "partner_id": partner.id,
            "company_id": self.company_id.id,
            "journal_id": journal.id,
            "account_id": partner_account.id,
            "currency_id": self.company_id.currency_id.id,
            "origin": "%s %s" % (self.name, self.complaint_id.name),
            "name": self.complaint_id.subject,
            "invoice_line_ids": [(0, 0, {
                "product_id": product.id,
                "name": _("Claim %(claim)s on complaint %(complaint)s") % {
                    "claim": self.name, "complaint": self.complaint_id.name},
                "account_id": account.id,
                "quantity": 1.0,
                "price_unit": self.amount_accepted,
            })],
        }

    def _create_credit_note(self):
        # sudo: quality users settling claims need not be invoicing users;
        # the draft credit note is built from the approved claim only.
        claim = self.sudo()
        return claim.env["account.invoice"].create(
            claim._prepare_refund_vals(claim.partner_id, "out_refund"))

    def _create_vendor_refund(self, supplier):
        # sudo: same as the credit note, a draft for purchasing to follow.
        claim = self.sudo()
        return claim.env["account.invoice"].create(
            claim._prepare_refund_vals(supplier.sudo(), "in_refund"))

    def _prepare_quality_cost_vals(self):
        self.ensure_one()
        return {
            "complaint_id": self.complaint_id.id,
            "claim_id": self.id,
            "date": fields.Date.context_today(self),
            "amount": self.amount_accepted,
            "cost_type": "claim",
        }

    @api.multi
    def action_cancel(self):
        for claim in self:
            if claim.state not in ("draft", "approved"):
                raise UserError(_(
                    "The claim %(name)s can no longer be cancelled.") % {
                        "name": claim.name})
            if not claim.cancel_reason:
                raise UserError(_(
                    "Give the reason for cancelling the claim %(name)s.") % {
                        "name": claim.name})
        qms_workflow(self).write({"state": "cancel"})
        # sudo: remove the reviewers' open activities on these claims.
        self.sudo().mapped("activity_ids").unlink()
        return True


class QmsComplaintQualityCost(models.Model):
    """Quality cost booked from a complaint (R-C6): per defect category and
    period, the accepted claim amounts in company currency."""

    _name = "qms.complaint.quality.cost"
    _description = "Complaint Quality Cost"
    _inherit = "qms.workflow.guard"
    _qms_workflow_only = True
    _order = "date desc, id desc"

    complaint_id = fields.Many2one(
        "qms.complaint", required=True, ondelete="cascade", index=True)
    claim_id = fields.Many2one("qms.complaint.claim", ondelete="set null")
    date = fields.Date(required=True, index=True)
    cost_type = fields.Selection(
        [("claim", "Customer Claim")], required=True, default="claim")
    amount = fields.Monetary(required=True)
    company_id = fields.Many2one(
        related="complaint_id.company_id", store=True, readonly=True)
    currency_id = fields.Many2one(
        related="complaint_id.company_id.currency_id", readonly=True)
    category_id = fields.Many2one(
        related="complaint_id.category_id", store=True, readonly=True)
    partner_id = fields.Many2one(
        related="complaint_id.partner_id", store=True, readonly=True,
        string="Customer")
    product_id = fields.Many2one(
        related="complaint_id.product_id", store=True, readonly=True)


class TierDefinition(models.Model):
    _inherit = "tier.definition"

    @api.model
    def _get_tier_validation_model_names(self):
        res = super(TierDefinition, self)._get_tier_validation_model_names()
        res.append("qms.complaint.claim")
        return res


class QmsComplaintClaimDemo(models.AbstractModel):
    """Demo data helper: acts as another user in the demo flows (an XML
    <function> runs as the administrator; a claim is not approved by the
    user who requested it). Private, so not callable over RPC."""

    _name = "qms.complaint.claim.demo"
    _description = "Complaint Claim Demo Helper"

    @api.model
    def _demo_settle(self, claim_xmlid, user_xmlid, vals=None):
        """Request approval, approve as ``user_xmlid``, then record the
        negotiation ``vals`` and settle when given."""
        claim = self.env.ref(claim_xmlid)
        claim.action_request_approval()
        claim.sudo(self.env.ref(user_xmlid)).validate_tier()
        if vals:
            claim.write(vals)
            # On a fresh demo install the chart of accounts (installed
            # after this addon) is not there yet: the claim then stays
            # approved, ready to be settled by the user.
            journal_type = "sale" if vals.get("liability") == "ours" \
                else "purchase"
            if self.env["account.journal"].search_count([
                    ("type", "=", journal_type),
                    ("company_id", "=", claim.company_id.id)]):
                claim.action_settle()
        return True
