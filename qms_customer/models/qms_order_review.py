# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import float_compare

from .qms_mixins import format_amount, in_workflow, qms_workflow

# The order's review state and its tier review's status follow the round.
ROUND_ORDER_STATE = {"approved": "approved", "rejected": "rejected",
                     "voided": "none", "withdrawn": "none"}
ROUND_TIER_STATUS = {"approved": "approved", "rejected": "rejected",
                     "voided": "voided", "withdrawn": "voided"}


def _customer_request():
    """True in an HTTP request of a portal or public user (the customer
    signing or paying a quotation), whatever sudo the code runs in."""
    try:
        return bool(request) and bool(request.env.user.share)
    except RuntimeError:  # no request bound
        return False


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
    _inherit = "qms.workflow.guard"
    _qms_workflow_create = True
    _qms_transitions = {
        "pending": ("approved", "rejected", "voided", "withdrawn"),
        "approved": ("voided",),
    }
    _qms_evidence = True
    _qms_protected_fields = {
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
    can_sign = fields.Boolean(compute="_compute_can_sign")
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

    @api.multi
    def write(self, vals):
        if not in_workflow(self.env):
            self._qms_check_protected_vals(vals)
            self._qms_check_editable()
        return super(QmsOrderReview, self).write(vals)

    @api.model
    def _qms_open(self, order):
        """Open the next round of order (R-A1): its tier (R-A4), the
        departments of its type and credit (R-A2, R-A6, R-A7), its review
        items, the customer's requirements (R-B5); ask the signers and the
        departments through activities."""
        if order.state not in ("draft", "sent"):
            raise UserError(_("Only quotations can be submitted for review "
                              "(%(order)s).") % {"order": order.name})
        if order.qms_review_state in ("pending", "approved"):
            raise UserError(_("Order %(order)s is already under review or "
                              "approved.") % {"order": order.name})
        if not order.order_line:
            raise UserError(_("Order %(order)s has no lines to review.")
                            % {"order": order.name})
        company = order.company_id
        amount = order.qms_amount_company
        order_type = order.qms_order_type_id or \
            order._default_qms_order_type_id()
        if not order_type:
            raise UserError(_("Set the order type of %(order)s before "
                              "submitting it.") % {"order": order.name})
        rounding = company.currency_id.rounding
        if company.qms_special_order_amount and not \
                order_type.requires_meeting and float_compare(
                    amount, company.qms_special_order_amount,
                    precision_rounding=rounding) > 0:
            special = self.env["qms.order.type"].search(
                [("code", "=", "special"), ("company_id", "=", company.id)],
                limit=1)
            if special:
                qms_workflow(order).write(
                    {"qms_order_type_id": special.id})
                order.message_post(body=_(
                    "Order type set to %(type)s: the amount is above "
                    "%(limit)s.") % {
                        "type": special.name,
                        "limit": format_amount(
                            self.env, company.qms_special_order_amount,
                            company.currency_id)})
                order_type = special
        if order_type.max_amount and float_compare(
                amount, order_type.max_amount,
                precision_rounding=rounding) >= 0:
            raise UserError(_(
                "Order type %(type)s is for orders below %(limit)s (company "
                "currency); %(order)s amounts to %(amount)s.") % {
                    "type": order_type.name,
                    "limit": format_amount(self.env, order_type.max_amount,
                                           company.currency_id),
                    "order": order.name,
                    "amount": format_amount(self.env, amount,
                                            company.currency_id)})
        tier = self.env["tier.definition"]._qms_find_sale_tier(
            company, amount)
        if not tier:
            raise UserError(_(
                "No signing tier of %(company)s covers %(amount)s; ask an "
                "administrator to complete the tiers.") % {
                    "company": company.name,
                    "amount": format_amount(self.env, amount,
                                            company.currency_id)})
        credit = order.partner_id.commercial_partner_id._qms_credit_figures(
            company, amount)
        departments = self.env["qms.department"]
        reasons = {}
        skip = bool(order.qms_no_framework_agreement and
                    company.qms_no_framework_skip_review)
        if not skip:
            departments = order_type._get_review_departments(company)
            for dept in departments:
                reasons[dept.id] = _("order type %s") % order_type.name
        if credit["credit_flag"]:
            finance = self.env["qms.department"]._get_by_code(
                "finance", company)
            if not finance:
                raise UserError(_(
                    "The customer's credit needs the finance review, but "
                    "%(company)s has no finance department.") % {
                        "company": company.name})
            departments |= finance
            reasons[finance.id] = _("credit: %s") % credit["credit_reason"]
        round_no = len(order.qms_review_ids) + 1
        review = qms_workflow(self).create(self._qms_prepare_round_vals(
            order, round_no, order_type, tier, credit, departments, reasons,
            skip))
        tier_review = qms_workflow(self.env["tier.review"]).create({
            "model": "sale.order",
            "res_id": order.id,
            "definition_id": tier.id,
            "sequence": round_no,
            "requested_by": self.env.uid,
        })
        signers = tier_review.reviewer_ids
        if not signers:
            raise UserError(_(
                "Nobody may sign %(order)s in tier %(tier)s: the tier has no "
                "signer other than the order's salesperson.") % {
                    "order": order.name, "tier": tier.name})
        qms_workflow(review).write({"tier_review_id": tier_review.id})
        qms_workflow(order).write({
            "qms_review_state": "pending",
            "qms_review_id": review.id,
            "qms_tier_id": tier.id,
        })
        deadline = order._qms_date_in(tier.qms_deadline_days)
        for signer in signers:
            # each signer reads his activity in his language: _() reads it
            # from ``context``
            context = {"lang": signer.lang}  # noqa: F841
            order.activity_schedule(
                "qms_customer.mail_activity_qms_order_review", deadline,
                _("Sign the contract review of %(order)s") % {
                    "order": order.name},
                _("Round %(round)s, %(amount)s, tier %(tier)s.") % {
                    "round": round_no,
                    "amount": format_amount(self.env, amount,
                                            company.currency_id, signer.lang),
                    "tier": tier.name},
                user_id=signer.id)
        for line in review.department_review_ids.filtered("responsible_id"):
            context = {"lang": line.responsible_id.lang}  # noqa: F841
            order.activity_schedule(
                "qms_customer.mail_activity_qms_department_review", deadline,
                _("%(dept)s review of %(order)s") % {
                    "dept": line.department_id.name, "order": order.name},
                line.reason or "", user_id=line.responsible_id.id)
        context = {}  # noqa: F841 (the chatter: the submitter's language)
        order.message_post(body=_(
            "Review round %(round)s submitted by %(user)s: %(amount)s, "
            "tier %(tier)s, to be signed by %(signers)s. "
            "Departments: %(departments)s.") % {
                "round": round_no, "user": self.env.user.name,
                "amount": format_amount(self.env, amount,
                                        company.currency_id),
                "tier": tier.name,
                "signers": ", ".join(signers.mapped("name")),
                "departments": ", ".join(departments.mapped("name")) or
                _("none")})
        return review

    @api.model
    def _qms_prepare_round_vals(self, order, round_no, order_type, tier,
                                credit, departments, reasons, skip):
        """Values of a new round of order: what was submitted, to whom,
        and the figures it was judged on. Extend to record more."""
        requirements = order._qms_active_requirements()
        item_types = self.env["qms.order.review.item.type"].search([])
        return {
            "order_id": order.id,
            "round_no": round_no,
            "order_type_id": order_type.id,
            "submitted_by": self.env.uid,
            "submit_date": fields.Datetime.now(),
            "currency_id": order.currency_id.id,
            "amount_total": order.amount_total,
            "amount_company": order.qms_amount_company,
            "tier_id": tier.id,
            "skip_department_review": skip,
            "credit_limit": credit["credit_limit"],
            "receivable_open": credit["receivable_open"],
            "receivable_overdue": credit["receivable_overdue"],
            "days_overdue": credit["days_overdue"],
            "credit_flag": credit["credit_flag"],
            "credit_reason": credit["credit_reason"],
            "requirement_summary": requirements._qms_html(),
            "requirement_count": len(requirements),
            "requires_meeting": order_type.requires_meeting,
            "requires_confirmation": order_type.requires_confirmation,
            "item_ids": [(0, 0, {"type_id": t.id, "name": t.name,
                                 "sequence": t.sequence})
                         for t in item_types],
            "department_review_ids": [
                (0, 0, {"department_id": d.id,
                        "responsible_id": d._get_responsible_user().id,
                        "reason": reasons.get(d.id)})
                for d in departments],
        }

    @api.multi
    def _qms_set_round_state(self, state, vals=None):
        """Close the round as state ('approved', 'rejected', 'voided',
        'withdrawn'): the round holds the decision; its tier review and its
        order's review state are derived from it here, and only here."""
        now = fields.Datetime.now()
        for review in self:
            qms_workflow(review).write(dict(vals or {}, state=state))
            tier_vals = {"status": ROUND_TIER_STATUS[state]}
            if state in ("approved", "rejected"):
                tier_vals.update(done_by=self.env.uid, reviewed_date=now)
            qms_workflow(review.tier_review_id).write(tier_vals)
            # sudo: a signer (e.g. the vice president) need not have write
            # access to orders; his right was checked by the caller.
            qms_workflow(review.order_id.sudo()).write(
                {"qms_review_state": ROUND_ORDER_STATE[state]})

    # ------------------------------------------------------------ gates
    @api.model
    def _qms_blocked(self, orders):
        """Orders that may not be confirmed yet: their company requires the
        review and the review of their current amount is not approved."""
        return orders.filtered(
            lambda o: o.state not in ("sale", "done") and
            o.company_id.qms_order_review_required and (
                o.qms_review_state != "approved" or not o.qms_review_id or
                o.qms_review_id.currency_id != o.currency_id or
                float_compare(o.qms_review_id.amount_total, o.amount_total,
                              precision_rounding=o.currency_id.rounding)))

    @api.model
    def _qms_check_confirmable(self, orders):
        self._qms_refuse_confirmation(self._qms_blocked(orders))

    @api.model
    def _qms_refuse_confirmation(self, blocked):
        if blocked:
            raise UserError(_(
                "Order(s) %(orders)s cannot be confirmed: the contract review "
                "of the current amount is not approved by the signer of its "
                "tier.") % {"orders": ", ".join(blocked.mapped("name"))})

    @api.model
    def _qms_gate_confirm(self, orders):
        """The orders to confirm now. Orders the customer confirms himself
        (portal signature or online payment, in a request of a portal or
        public user) while their review is due are not refused at the
        customer: they go into review and the salesperson is told."""
        blocked = self._qms_blocked(orders)
        if blocked and _customer_request():
            for order in blocked:
                self._qms_route_from_customer(order)
            return orders - blocked
        self._qms_refuse_confirmation(blocked)
        return orders

    @api.model
    def _qms_route_from_customer(self, order):
        # sudo: the customer's request reaches here without rights on the
        # review; the round is opened for the order's salesperson.
        order = order.sudo()
        note = _("The customer confirmed quotation %(order)s on the portal; "
                 "it is confirmed once its contract review is approved.") % {
                     "order": order.name}
        if order.qms_review_state != "pending":
            try:
                with self.env.cr.savepoint():
                    self.sudo()._qms_open(order)
            except UserError as error:
                note = "%s %s" % (note, _(
                    "It could not be submitted for review: %(error)s") % {
                        "error": error.name})
        order.message_post(body=note, subtype="mail.mt_note")
        salesperson = order.user_id or self.env.user
        context = {"lang": salesperson.lang}  # noqa: F841
        order.activity_schedule(
            "mail.mail_activity_data_todo", summary=_(
                "Confirm %(order)s after its review") % {"order": order.name},
            note=note, user_id=salesperson.id)

    @api.model
    def _qms_check_invoiceable(self, orders):
        unconfirmed = orders.filtered(
            lambda o: o.state not in ("sale", "done") and
            o.company_id.qms_order_review_required)
        if unconfirmed:
            raise UserError(_(
                "Order(s) %(orders)s are not confirmed after their contract "
                "review and cannot be invoiced.") % {
                    "orders": ", ".join(unconfirmed.mapped("name"))})

    # ------------------------------------------------------------ decisions
    @api.multi
    def _qms_check_signer(self):
        """The current user may decide this round (R-A4): one of the tier
        review's reviewers, computed by the tier, never the salesperson
        above the salesperson tier."""
        self.ensure_one()
        self._check_open()
        order = self.order_id
        user = self.env.user
        tier = self.tier_id
        if tier.review_type != "salesperson" and user == order.user_id:
            raise UserError(_(
                "You are the salesperson of %(order)s: nobody approves his "
                "own order. Tier %(tier)s is signed by someone else.") % {
                    "order": order.name, "tier": tier.name})
        # sudo: the signer may not read tier reviews of other documents;
        # this one names him or not.
        if user not in self.sudo().tier_review_id.reviewer_ids:
            raise UserError(_(
                "You may not sign %(order)s: its amount falls in tier "
                "%(tier)s, signed by %(signers)s.") % {
                    "order": order.name, "tier": tier.name,
                    "signers": ", ".join(
                        self.sudo().signer_ids.mapped("name"))
                    or (tier.reviewer_group_id.name or "")})
        return True

    @api.multi
    def _qms_decide(self, decision, vals, feedback):
        """Record the signer's decision ('approved' or 'rejected') and
        close his activity with the feedback."""
        self.ensure_one()
        self._qms_set_round_state(decision, dict(
            vals, decided_by=self.env.uid,
            decision_date=fields.Datetime.now()))
        self.order_id.activity_feedback(
            ["qms_customer.mail_activity_qms_order_review"], feedback=feedback)

    @api.multi
    def _qms_approve(self):
        for review in self:
            review._qms_check_signer()
            reasons = review._get_blocking_reasons()
            if reasons:
                raise UserError(_(
                    "The review of %(order)s cannot pass yet: %(reasons)s.")
                    % {"order": review.order_id.name,
                       "reasons": "; ".join(reasons)})
            review._qms_decide(
                "approved", {},
                _("Approved by %(user)s (round %(round)s, tier %(tier)s).")
                % {"user": self.env.user.name, "round": review.round_no,
                   "tier": review.tier_id.name})
        return True

    @api.multi
    def _qms_reject(self, reason):
        """The signer rejects the round: back to negotiation (R-A3)."""
        if not (reason or "").strip():
            raise UserError(_("A rejection needs a reason."))
        for review in self:
            review._qms_check_signer()
            review._qms_decide(
                "rejected", {"reject_reason": reason},
                _("Rejected by %(user)s (round %(round)s): %(reason)s") % {
                    "user": self.env.user.name, "round": review.round_no,
                    "reason": reason})
            review.order_id.activity_unlink(
                ["qms_customer.mail_activity_qms_department_review"])
            salesperson = review.order_id.user_id
            if salesperson:
                # _() reads the salesperson's language from ``context``
                context = {"lang": salesperson.lang}  # noqa: F841
                # sudo: the signer asks the salesperson to rework his order
                review.order_id.sudo().activity_schedule(
                    "mail.mail_activity_data_todo", summary=_(
                        "Rework %(order)s: rejected by %(user)s") % {
                            "order": review.order_id.name,
                            "user": self.env.user.name},
                    note=reason, user_id=salesperson.id)
        return True

    @api.multi
    def _qms_withdraw(self, reason):
        """The round is taken back before a decision (the caller checked
        the right on the order)."""
        for review in self:
            review._qms_set_round_state("withdrawn", {"void_reason": reason})
            review.order_id.activity_feedback(
                ["qms_customer.mail_activity_qms_order_review"],
                feedback=_("Review withdrawn: %s") % reason)
            review.order_id.activity_unlink(
                ["qms_customer.mail_activity_qms_department_review"])
        return True

    @api.multi
    def _qms_void(self, reason):
        """R-A5: a change voids the approval; the round stays in the
        history and the order needs a new round."""
        for review in self.filtered(lambda r: r.state == "approved"):
            review._qms_set_round_state("voided", {"void_reason": reason})
            review.order_id.message_post(body=_(
                "Approval of review round %(round)s voided by %(user)s: "
                "%(reason)s. The order must be submitted for review "
                "again.") % {"round": review.round_no,
                             "user": self.env.user.name,
                             "reason": reason})
        return True

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
    def _qms_check_editable(self):
        """An open round is filled in by the salesperson (write access on
        the order), a quality user or one of its possible signers."""
        self._check_open()
        user = self.env.user
        if user.has_group("qms_customer.group_qms_user"):
            return True
        for review in self:
            if user not in review.signer_ids:
                review.order_id.check_access_rights("write")
                review.order_id.check_access_rule("write")
        return True

    @api.multi
    def _compute_can_sign(self):
        for review in self:
            review.can_sign = review.state == "pending" and \
                self.env.user in review.signer_ids

    @api.multi
    def action_approve(self):
        """The signer approves from the round itself (R-A4): the order's
        approval, with its checks."""
        return self.mapped("order_id").action_qms_approve()

    @api.multi
    def action_reject(self):
        self.ensure_one()
        return self.order_id.action_qms_reject()

    @api.multi
    def action_acknowledge_requirements(self):
        """R-B5: the reviewer confirms he has read the customer's active
        special requirements (who and when are kept)."""
        for review in self:
            review._qms_check_editable()
            reqs = review.order_id._qms_active_requirements()
            qms_workflow(review).write({
                "csr_ack_user_id": self.env.uid,
                "csr_ack_date": fields.Datetime.now(),
                "csr_acked_ids": ",".join(str(i) for i in sorted(reqs.ids))
                if reqs else "",
                "requirement_summary": reqs._qms_html(),
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
