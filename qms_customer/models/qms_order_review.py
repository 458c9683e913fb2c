# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

# Internal writes of the review workflow carry this object in their context.
# Unlike a flag, an object cannot be sent through the external API (the
# context arrives there as JSON), so a caller cannot forge a decision.
REVIEW_TOKEN = object()


def is_review_internal(env):
    return env.context.get("qms_review_token") is REVIEW_TOKEN


def with_review_token(records):
    return records.with_context(qms_review_token=REVIEW_TOKEN)


def changed_fields(record, vals, fnames):
    """Labels of the fields of fnames whose value in vals differs from
    record's (one record)."""
    changed = []
    for fname in sorted(fnames):
        if fname not in vals:
            continue
        field = record._fields[fname]
        old, new = record[fname], vals[fname]
        if field.type == "many2one":
            same = old.id == (new or False)
        elif field.type in ("float", "monetary"):
            same = float_compare(old or 0.0, new or 0.0,
                                 precision_digits=6) == 0
        elif field.type in ("many2many", "one2many"):
            same = False
        else:
            same = (old or False) == (new or False)
        if not same:
            changed.append(field.string)
    return changed


class QmsOrderReview(models.Model):
    """One round of the contract review of a sale order (合同评审表, R-A1 to
    R-A5). A round is opened when the order is submitted and closed by the
    decision of the signer of the order's amount tier (approved / rejected),
    by the salesperson (withdrawn), or by a change of the approved order
    (voided). Rounds are never deleted: they are the review history."""

    _name = "qms.order.review"
    _description = "Contract Review Round (合同评审表)"
    _order = "order_id, round_no desc"

    _protected_fields = {
        "order_id", "round_no", "state", "submitted_by", "submit_date",
        "amount_total", "currency_id", "amount_company", "tier_id",
        "tier_review_id", "decided_by", "decision_date", "reject_reason",
        "void_reason", "credit_limit", "receivable_open",
        "receivable_overdue", "days_overdue", "credit_flag", "credit_reason",
        "requirement_summary", "requirement_count", "csr_ack_user_id",
        "csr_ack_date", "csr_acked_ids", "order_type_id",
        "skip_department_review", "requires_meeting",
        "requires_confirmation", "company_id",
    }

    name = fields.Char(compute="_compute_name", store=True)
    order_id = fields.Many2one(
        "sale.order", required=True, ondelete="cascade", index=True,
        readonly=True)
    company_id = fields.Many2one(
        related="order_id.company_id", store=True, readonly=True)
    partner_id = fields.Many2one(
        related="order_id.partner_id", readonly=True)
    round_no = fields.Integer(string="Round", readonly=True)
    state = fields.Selection(
        [
            ("pending", "Under Review"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("voided", "Voided by a Change"),
            ("withdrawn", "Withdrawn"),
        ],
        default="pending", required=True, readonly=True, index=True)
    order_type_id = fields.Many2one("qms.order.type", readonly=True)
    submitted_by = fields.Many2one("res.users", readonly=True)
    submit_date = fields.Datetime(readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    amount_total = fields.Monetary(readonly=True)
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", readonly=True)
    amount_company = fields.Monetary(
        string="Amount in Company Currency",
        currency_field="company_currency_id", readonly=True)
    tier_id = fields.Many2one(
        "tier.definition", string="Signing Tier", readonly=True)
    tier_review_id = fields.Many2one("tier.review", readonly=True)
    signer_ids = fields.Many2many(
        related="tier_review_id.reviewer_ids", string="May Sign",
        readonly=True)
    decided_by = fields.Many2one("res.users", string="Signed By",
                                 readonly=True)
    decision_date = fields.Datetime(readonly=True)
    reject_reason = fields.Text(readonly=True)
    void_reason = fields.Text(readonly=True)
    item_ids = fields.One2many("qms.order.review.item", "review_id",
                               string="Review Items")
    department_review_ids = fields.One2many(
        "qms.order.review.department", "review_id",
        string="Department Reviews")
    deficiency_ids = fields.One2many(
        "qms.order.review.deficiency", "review_id",
        string="Deficiencies Found")
    skip_department_review = fields.Boolean(
        readonly=True,
        help="Customer without framework agreement: the departmental review "
             "was skipped as the company allows; the signature was not.")
    # credit at submission (R-A7)
    credit_limit = fields.Monetary(currency_field="company_currency_id",
                                   readonly=True)
    receivable_open = fields.Monetary(
        string="Open Receivables", currency_field="company_currency_id",
        readonly=True)
    receivable_overdue = fields.Monetary(
        string="Overdue Receivables", currency_field="company_currency_id",
        readonly=True)
    days_overdue = fields.Integer(readonly=True)
    credit_flag = fields.Boolean(string="Credit Review Required",
                                 readonly=True)
    credit_reason = fields.Char(readonly=True)
    # customer special requirements (R-B5)
    requirement_summary = fields.Html(
        string="Customer Special Requirements", readonly=True,
        sanitize=True)
    requirement_count = fields.Integer(readonly=True)
    csr_acked_ids = fields.Char(readonly=True)
    csr_ack_user_id = fields.Many2one(
        "res.users", string="Requirements Acknowledged By", readonly=True)
    csr_ack_date = fields.Datetime(string="Acknowledged On", readonly=True)
    # special orders: review meeting (R-A6)
    requires_meeting = fields.Boolean(readonly=True)
    meeting_date = fields.Date()
    meeting_attendee_ids = fields.Many2many(
        "res.users", "qms_order_review_meeting_user_rel", "review_id",
        "user_id", string="Meeting Attendees")
    meeting_minutes = fields.Text()
    # telephone / oral / fax orders: order confirmation record (R-A6)
    requires_confirmation = fields.Boolean(readonly=True)
    confirmation_channel = fields.Selection(
        [("phone", "Telephone"), ("oral", "Oral"), ("fax", "Fax")])
    confirmation_contact = fields.Char(
        help="Customer person who confirmed the order.")
    confirmation_date = fields.Date()
    confirmation_note = fields.Text(
        string="Confirmed Content",
        help="What was confirmed with the customer: products, quantities, "
             "prices, delivery (电话(口头)传真订单确认表).")

    @api.depends("order_id.name", "round_no")
    def _compute_name(self):
        for review in self:
            review.name = _("%(order)s / round %(round)s") % {
                "order": review.order_id.name or "", "round": review.round_no}

    @api.model
    def create(self, vals):
        if not is_review_internal(self.env):
            raise UserError(_(
                "A review round is opened by submitting the order for "
                "review, not created directly."))
        return super(QmsOrderReview, self).create(vals)

    @api.multi
    def write(self, vals):
        if not is_review_internal(self.env):
            protected = self._protected_fields & set(vals)
            if protected:
                raise UserError(_(
                    "These review fields are set by the review workflow "
                    "only: %(fields)s.") % {
                        "fields": ", ".join(sorted(protected))})
            self._check_open()
            for order in self.mapped("order_id"):
                order._qms_check_can_edit_review()
        return super(QmsOrderReview, self).write(vals)

    @api.multi
    def unlink(self):
        raise UserError(_(
            "Review rounds are the review history of the order and cannot be "
            "deleted."))

    @api.multi
    def _check_open(self):
        closed = self.filtered(lambda r: r.state != "pending")
        if closed:
            raise UserError(_(
                "Review %(name)s is closed (%(state)s) and can no longer be "
                "changed.") % {
                    "name": closed[0].name,
                    "state": dict(self._fields["state"]._description_selection(
                        self.env))[closed[0].state]})

    @api.multi
    def action_acknowledge_requirements(self):
        """R-B5: the reviewer confirms he has read the customer's active
        special requirements (who and when are kept)."""
        for review in self:
            review._check_open()
            review.order_id._qms_check_can_edit_review()
            reqs = review.order_id._qms_active_requirements()
            with_review_token(review).write({
                "csr_ack_user_id": self.env.uid,
                "csr_ack_date": fields.Datetime.now(),
                "csr_acked_ids": ",".join(str(i) for i in sorted(reqs.ids))
                if reqs else "",
                "requirement_summary":
                    review.order_id._qms_requirement_html(reqs),
                "requirement_count": len(reqs),
            })
        return True

    @api.multi
    def action_set_unanswered_pass(self):
        """Answer 'pass' to every item not answered yet (the answer is
        recorded under the user's name)."""
        for review in self:
            review.item_ids.filtered(lambda i: not i.result).write(
                {"result": "pass"})
        return True

    @api.multi
    def _get_blocking_reasons(self):
        """Why the round cannot pass review yet (empty list: it can)."""
        self.ensure_one()
        reasons = []
        order = self.order_id
        unanswered = self.item_ids.filtered(lambda i: not i.result)
        if unanswered:
            reasons.append(_("review items not answered: %s") % ", ".join(
                unanswered.mapped("name")))
        failed = self.item_ids.filtered(lambda i: i.result == "fail")
        if failed:
            reasons.append(_("review items failed: %s") % ", ".join(
                failed.mapped("name")))
        pending = self.department_review_ids.filtered(
            lambda d: d.state != "passed")
        if pending:
            reasons.append(_("departments not passed: %s") % ", ".join(
                pending.mapped("department_id.name")))
        open_defs = order.qms_deficiency_ids.filtered(
            lambda d: d.state == "open")
        if open_defs:
            reasons.append(_("open deficiencies: %s") % ", ".join(
                open_defs.mapped("name")))
        reqs = order._qms_active_requirements()
        if reqs:
            acked = set(int(i) for i in (self.csr_acked_ids or "").split(",")
                        if i)
            if not self.csr_ack_user_id or not set(reqs.ids) <= acked:
                reasons.append(_(
                    "the customer's special requirements are not "
                    "acknowledged"))
        if self.requires_meeting and not (
                self.meeting_date and self.meeting_minutes):
            reasons.append(_("the review meeting record (date and minutes) "
                             "is missing"))
        if self.requires_confirmation and not (
                self.confirmation_date and self.confirmation_contact
                and self.confirmation_note):
            reasons.append(_("the order confirmation record (customer "
                             "contact, date, confirmed content) is missing"))
        return reasons
