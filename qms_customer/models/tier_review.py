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

    def _get_reviewers(self):
        """Sale orders: the salesperson tier names the order's salesperson;
        any other tier excludes him (nobody approves his own order). Every
        model: only users of the document's company sign it."""
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
