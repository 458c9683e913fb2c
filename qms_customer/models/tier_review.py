# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .qms_mixins import qms_workflow


class TierReview(models.Model):
    """Tier reviews are decisions (R-A4, R-C6, R-E1): whatever the reviewed
    model, nobody creates, writes or deletes one outside the tier workflow
    (request, validate, reject, restart), which checks the signer against
    the tier's configured reviewer or group."""

    _name = "tier.review"
    _inherit = ["tier.review", "qms.workflow.guard"]
    _description = "Tier Review"
    _qms_workflow_only = True

    status = fields.Selection(selection_add=[("voided", "Voided")])
    # the signing inbox (To Sign, R-A4, R-C6): what is to be signed, for
    # how much, asked by whom, since when and by when
    qms_document = fields.Char(
        string="Document", compute="_compute_qms_inbox")
    qms_partner_id = fields.Many2one(
        "res.partner", string="Customer", compute="_compute_qms_inbox")
    qms_amount_company = fields.Monetary(
        string="Amount", compute="_compute_qms_inbox",
        currency_field="qms_currency_id")
    qms_currency_id = fields.Many2one(
        "res.currency", compute="_compute_qms_inbox")
    qms_deadline = fields.Date(
        string="Deadline", compute="_compute_qms_inbox")
    qms_overdue = fields.Boolean(
        string="Overdue", compute="_compute_qms_inbox")

    @api.multi
    def _compute_qms_inbox(self):
        today = fields.Date.context_today(self)
        deadlines = {}
        if self.ids:
            # sudo: the due dates of the signers' activities on the
            # documents of the reviews the user reads
            for activity in self.env["mail.activity"].sudo().search([
                    ("res_model", "in", list(set(self.mapped("model")))),
                    ("res_id", "in", list(set(self.mapped("res_id")))),
                    ("user_id", "=", self.env.uid)],
                    order="date_deadline"):
                deadlines.setdefault(
                    (activity.res_model, activity.res_id),
                    activity.date_deadline)
        for review in self:
            if review.model not in self.env.registry or not review.res_id:
                continue
            # sudo: the document's name and figures, shown to whoever may
            # read the review (its signers, its requester, managers)
            record = self.env[review.model].sudo().browse(review.res_id)
            if not record.exists():
                continue
            figures = record._qms_sign_figures()
            review.qms_document = record.display_name
            review.qms_partner_id = figures.get("partner")
            review.qms_amount_company = figures.get("amount", 0.0)
            review.qms_currency_id = figures.get("currency")
            deadline = deadlines.get((review.model, review.res_id))
            review.qms_deadline = deadline
            review.qms_overdue = bool(
                deadline and review.status == "pending" and deadline < today)

    @api.multi
    def action_qms_open_document(self):
        """The document to sign, in its own form (where Approve is)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.model,
            "res_id": self.res_id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def _get_reviewers(self):
        """Sale orders: the salesperson tier names the order's salesperson;
        any other tier excludes him (nobody approves his own order). Every
        model: only users of the document's company sign it."""
        if self.model not in self.env.registry:
            # a document of an addon not loaded yet (while the addons are
            # updated, a new user recomputes every review): its reviewers
            # stay as they are until it is loaded
            field = self._fields["reviewer_ids"]
            self.env.cr.execute(
                'SELECT "%s" FROM "%s" WHERE "%s" = %%s' % (
                    field.column2, field.relation, field.column1),
                (self.id,))
            return self.env["res.users"].browse(
                [row[0] for row in self.env.cr.fetchall()])
        # sudo: the reviewers follow from the document, whoever requests.
        record = self.env[self.model].sudo().browse(self.res_id)
        reviewers = super(TierReview, self)._get_reviewers()
        if self.model == "sale.order":
            if self.definition_id.review_type == "salesperson":
                return record.user_id
            reviewers -= record.user_id
        company = record.company_id if "company_id" in record._fields \
            else False
        if company:
            reviewers = reviewers.filtered(lambda u: company in u.company_ids)
        return reviewers


class TierValidation(models.AbstractModel):
    """OCA's tier workflow writes its reviews through the QMS workflow
    token; its signer check reads reviewer_ids, which only the workflow
    computes."""

    _inherit = "tier.validation"

    @api.multi
    def _qms_sign_figures(self):
        """What the signing inbox shows of a document to sign: its
        customer and amount in company currency (documents adapt it)."""
        self.ensure_one()
        partner = self.partner_id if "partner_id" in self._fields else False
        company = self.company_id if "company_id" in self._fields \
            else self.env.user.company_id
        return {"partner": partner, "amount": 0.0,
                "currency": company.currency_id}

    @api.multi
    def evaluate_tier(self, tier):
        """A tier of a company applies to that company's documents only;
        a tier without company to every company's."""
        self.ensure_one()
        company = self.company_id if "company_id" in self._fields else False
        if tier.company_id and company and tier.company_id != company:
            return False
        return super(TierValidation, self).evaluate_tier(tier)

    @api.multi
    def request_validation(self):
        return super(TierValidation, qms_workflow(self)).request_validation()

    @api.multi
    def validate_tier(self):
        return super(TierValidation, qms_workflow(self)).validate_tier()

    @api.multi
    def reject_tier(self):
        return super(TierValidation, qms_workflow(self)).reject_tier()

    @api.multi
    def restart_validation(self):
        return super(TierValidation, qms_workflow(self)).restart_validation()
