# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero, html_escape

from .qms_order_review import (
    changed_fields, is_review_internal, with_review_token)

# Order fields whose change affects the review (R-A5).
QMS_REVIEW_ORDER_FIELDS = frozenset([
    "partner_id", "partner_invoice_id", "partner_shipping_id",
    "payment_term_id", "pricelist_id", "qms_delivery_date", "user_id",
    "company_id", "qms_order_type_id",
])
# Order fields only the review workflow writes.
QMS_PROTECTED_ORDER_FIELDS = frozenset([
    "qms_review_state", "qms_review_id", "qms_tier_id", "qms_review_ids",
    "review_ids",
])


class SaleOrder(models.Model):
    """Sale order with its contract review (R-A1 to R-A9).

    OCA ``tier.validation`` provides the reviews (``tier.review``), the tier
    definitions, the review widget and the reviewer systray. Its own write
    gate is switched off (``_state_from`` empty) and replaced here: exactly
    one review per round for the highest band, no self-approval, lines
    guarded, approval voided by changes, activities for the signer, and
    "Send by email" left working while a review is open.
    """

    _name = "sale.order"
    _inherit = ["sale.order", "tier.validation"]
    _state_from = []
    _state_to = ["sale", "done"]
    _cancel_state = "cancel"

    @api.model
    def _default_qms_order_type_id(self):
        company = self.env["res.company"].browse(
            self.env.context.get("default_company_id")) \
            or self.env.user.company_id
        return self.env["qms.order.type"].search(
            [("code", "=", "regular"), ("company_id", "=", company.id)],
            limit=1)

    qms_order_type_id = fields.Many2one(
        "qms.order.type", string="Order Type",
        default=_default_qms_order_type_id, track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)],
                               "sent": [("readonly", False)]})
    qms_delivery_date = fields.Date(
        string="Committed Delivery Date", track_visibility="onchange",
        copy=False, readonly=True,
        states={"draft": [("readonly", False)], "sent": [("readonly", False)]})
    qms_review_state = fields.Selection(
        [
            ("none", "To Submit"),
            ("pending", "Under Review"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        string="Review", default="none", required=True, readonly=True,
        copy=False, index=True, track_visibility="onchange")
    qms_review_id = fields.Many2one(
        "qms.order.review", string="Current Review Round", readonly=True,
        copy=False)
    qms_review_ids = fields.One2many(
        "qms.order.review", "order_id", string="Review Rounds",
        readonly=True, copy=False)
    qms_review_round = fields.Integer(
        related="qms_review_id.round_no", string="Round", readonly=True)
    qms_tier_id = fields.Many2one(
        "tier.definition", string="Signing Tier", readonly=True, copy=False)
    qms_signed_by = fields.Many2one(
        related="qms_review_id.decided_by", readonly=True)
    qms_deficiency_ids = fields.One2many(
        "qms.order.review.deficiency", "order_id", string="Deficiencies",
        copy=False)
    qms_review_required = fields.Boolean(
        related="company_id.qms_order_review_required", readonly=True)
    qms_company_currency_id = fields.Many2one(
        related="company_id.currency_id", readonly=True)
    qms_amount_company = fields.Monetary(
        string="Amount (Company Currency)",
        compute="_compute_qms_amount_company", store=True,
        currency_field="qms_company_currency_id")
    qms_no_framework_agreement = fields.Boolean(
        related="partner_id.commercial_partner_id.qms_no_framework_agreement",
        readonly=True)
    qms_can_sign = fields.Boolean(compute="_compute_qms_can_sign")
    # credit figures (R-A7), live from account_financial_risk
    qms_credit_limit = fields.Monetary(
        compute="_compute_qms_credit", string="Credit Limit",
        currency_field="qms_company_currency_id")
    qms_receivable_open = fields.Monetary(
        compute="_compute_qms_credit", string="Open Receivables",
        currency_field="qms_company_currency_id")
    qms_receivable_overdue = fields.Monetary(
        compute="_compute_qms_credit", string="Overdue Receivables",
        currency_field="qms_company_currency_id")
    qms_days_overdue = fields.Integer(
        compute="_compute_qms_credit", string="Days Overdue")
    qms_credit_flag = fields.Boolean(
        compute="_compute_qms_credit", string="Credit Review Required")
    qms_requirement_html = fields.Html(
        compute="_compute_qms_requirement_html",
        string="Customer Special Requirements")
    # contract ledger (R-A8)
    qms_delivery_status = fields.Selection(
        [("none", "Not Delivered"), ("partial", "Partially Delivered"),
         ("full", "Delivered")],
        string="Delivery", compute="_compute_qms_ledger_status", store=True)
    qms_amount_invoiced = fields.Monetary(
        string="Invoiced", compute="_compute_qms_ledger_status", store=True)
    qms_amount_paid = fields.Monetary(
        string="Paid", compute="_compute_qms_ledger_status", store=True)
    qms_payment_status = fields.Selection(
        [("none", "Not Invoiced"), ("not_paid", "Not Paid"),
         ("partial", "Partially Paid"), ("paid", "Paid")],
        string="Payment", compute="_compute_qms_ledger_status", store=True)

    # ------------------------------------------------------------ computes
    @api.depends("amount_total", "currency_id", "company_id", "date_order")
    def _compute_qms_amount_company(self):
        for order in self:
            company_currency = order.company_id.currency_id
            if not order.currency_id or order.currency_id == company_currency:
                order.qms_amount_company = order.amount_total
            else:
                order.qms_amount_company = order.currency_id.with_context(
                    date=order.date_order or fields.Date.today()).compute(
                        order.amount_total, company_currency)

    @api.depends("qms_review_id.tier_review_id.reviewer_ids",
                 "qms_review_state")
    def _compute_qms_can_sign(self):
        for order in self:
            order.qms_can_sign = order.qms_review_state == "pending" and \
                self.env.user in order.qms_review_id.signer_ids

    def _compute_can_review(self):
        for order in self:
            order.can_review = order.qms_can_sign

    def _compute_need_validation(self):
        for order in self:
            order.need_validation = order.state in ("draft", "sent") and \
                order.qms_review_state in ("none", "rejected")

    def _compute_validated_rejected(self):
        for order in self:
            order.validated = order.qms_review_state == "approved"
            order.rejected = order.qms_review_state == "rejected"

    @api.model
    def _search_validated(self, operator, value):
        positive = (operator == "=") == bool(value)
        return [("qms_review_state", "=" if positive else "!=", "approved")]

    def _compute_qms_credit(self):
        for order in self:
            figures = order._qms_credit_figures()
            order.qms_credit_limit = figures["credit_limit"]
            order.qms_receivable_open = figures["receivable_open"]
            order.qms_receivable_overdue = figures["receivable_overdue"]
            order.qms_days_overdue = figures["days_overdue"]
            order.qms_credit_flag = figures["credit_flag"]

    def _compute_qms_requirement_html(self):
        for order in self:
            order.qms_requirement_html = order._qms_requirement_html(
                order._qms_active_requirements())

    @api.depends("state", "order_line.qty_delivered",
                 "order_line.product_uom_qty",
                 "order_line.invoice_lines.invoice_id.state",
                 "order_line.invoice_lines.invoice_id.residual")
    def _compute_qms_ledger_status(self):
        for order in self:
            lines = order.order_line.filtered(
                lambda ln: ln.product_id.type != "service")
            delivered = [ln for ln in lines if ln.qty_delivered > 0]
            if not lines or not delivered:
                order.qms_delivery_status = "none"
            elif all(ln.qty_delivered >= ln.product_uom_qty for ln in lines):
                order.qms_delivery_status = "full"
            else:
                order.qms_delivery_status = "partial"
            invoices = order.order_line.mapped("invoice_lines.invoice_id")
            invoices = invoices.filtered(
                lambda i: i.state in ("open", "paid") and
                i.type == "out_invoice")
            invoiced = sum(invoices.mapped("amount_total"))
            paid = invoiced - sum(invoices.mapped("residual"))
            order.qms_amount_invoiced = invoiced
            order.qms_amount_paid = paid
            rounding = order.currency_id.rounding or 0.01
            if not invoices:
                order.qms_payment_status = "none"
            elif float_is_zero(paid, precision_rounding=rounding):
                order.qms_payment_status = "not_paid"
            elif float_compare(paid, invoiced,
                               precision_rounding=rounding) >= 0:
                order.qms_payment_status = "paid"
            else:
                order.qms_payment_status = "partial"

    # ------------------------------------------------------------ helpers
    @api.multi
    def _qms_review_required(self):
        self.ensure_one()
        return self.company_id.qms_order_review_required

    @api.multi
    def _qms_active_requirements(self):
        """Active special requirements of the customer (R-B5), or an empty
        list while the requirement model is not installed."""
        self.ensure_one()
        if "qms.customer.requirement" not in self.env:
            return self.env["res.partner"].browse()
        partner = self.partner_id.commercial_partner_id
        if not partner or not hasattr(partner, "_qms_active_requirements"):
            return self.env["qms.customer.requirement"].browse()
        return partner._qms_active_requirements()

    @api.model
    def _qms_requirement_html(self, requirements):
        if not requirements:
            return False
        items = []
        for req in requirements:
            priority = ""
            if "priority" in req._fields and req.priority:
                priority = dict(req._fields["priority"]._description_selection(
                    self.env)).get(req.priority, "")
            items.append("<li>%s%s</li>" % (
                html_escape(req.name),
                priority and " (%s)" % html_escape(priority) or ""))
        return "<ul>%s</ul>" % "".join(items)

    @api.multi
    def _qms_credit_figures(self):
        """The customer's payment record (R-A7): figures read from
        account_financial_risk, the rule applied here."""
        self.ensure_one()
        result = {"credit_limit": 0.0, "receivable_open": 0.0,
                  "receivable_overdue": 0.0, "days_overdue": 0,
                  "credit_flag": False, "credit_reason": ""}
        partner = self.partner_id.commercial_partner_id
        if not partner.id:
            return result
        # sudo: salespeople may not read accounting entries; only the
        # customer's totals are shown, for this order's review.
        partner = partner.sudo().with_context(
            force_company=self.company_id.id)
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
            ("company_id", "=", self.company_id.id),
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
                result["receivable_open"] + self.qms_amount_company,
                partner.credit_limit, precision_digits=2) > 0:
            reasons.append(_("open receivables with this order exceed the "
                             "credit limit"))
        allowed = self.company_id.qms_credit_overdue_days
        if result["days_overdue"] > allowed:
            reasons.append(_("invoices overdue for %(days)s days (more "
                             "than %(allowed)s)") % {
                                 "days": result["days_overdue"],
                                 "allowed": allowed})
        result["credit_flag"] = bool(reasons)
        result["credit_reason"] = "; ".join(reasons)
        return result

    @api.multi
    def _qms_check_can_edit_review(self):
        """The salesperson (write access on the order), a quality user or a
        possible signer may fill in the review."""
        self.ensure_one()
        user = self.env.user
        if user.has_group("qms_customer.group_qms_user") or \
                user in self.qms_review_id.signer_ids:
            return True
        self.check_access_rights("write")
        self.check_access_rule("write")
        return True

    @api.multi
    def _qms_guard_change(self, what):
        """Refuse a change under review or after confirmation; return the
        orders whose approval the change voids (R-A5)."""
        to_void = self.browse()
        for order in self:
            if order.qms_review_state == "pending":
                raise UserError(_(
                    "Order %(order)s is under review (round %(round)s): "
                    "%(what)s cannot be changed. Withdraw the review first, "
                    "then submit the amended order again.") % {
                        "order": order.name,
                        "round": order.qms_review_id.round_no,
                        "what": what})
            if order.state in ("sale", "done") and order.qms_review_ids:
                raise UserError(_(
                    "Order %(order)s is confirmed after its contract review: "
                    "%(what)s cannot be changed. Cancel it and set it back to "
                    "quotation to amend it; the amended order is reviewed "
                    "again.") % {"order": order.name, "what": what})
            if order.qms_review_state == "approved":
                to_void |= order
        return to_void

    @api.multi
    def _qms_void_approval(self, reason):
        """R-A5: a change voids the approval; the round stays in the
        history and the order needs a new round."""
        for order in self.filtered(lambda o: o.qms_review_state == "approved"):
            review = order.qms_review_id
            with_review_token(review).write({
                "state": "voided", "void_reason": reason})
            with_review_token(review.tier_review_id).write(
                {"status": "voided"})
            with_review_token(order).write({"qms_review_state": "none"})
            order.message_post(body=_(
                "Approval of review round %(round)s voided by %(user)s: "
                "%(reason)s. The order must be submitted for review "
                "again.") % {"round": review.round_no,
                             "user": self.env.user.name,
                             "reason": reason})

    @api.multi
    def _qms_check_confirmable(self):
        blocked = self.filtered(
            lambda o: o.state in ("draft", "sent") and
            o._qms_review_required() and (
                o.qms_review_state != "approved" or
                not o.qms_review_id or
                o.qms_review_id.currency_id != o.currency_id or
                float_compare(o.qms_review_id.amount_total, o.amount_total,
                              precision_rounding=o.currency_id.rounding)))
        if blocked:
            raise UserError(_(
                "Order(s) %(orders)s cannot be confirmed: the contract review "
                "of the current amount is not approved by the signer of its "
                "tier.") % {"orders": ", ".join(blocked.mapped("name"))})

    def _qms_activity_deadline(self, days):
        return fields.Date.to_string(
            fields.Date.from_string(fields.Date.context_today(self)) +
            timedelta(days=days or 0))

    @api.multi
    def _qms_schedule(self, xmlid, users, summary, note, days):
        activity_type = self.env.ref(xmlid)
        model_id = self.env["ir.model"]._get_id("sale.order")
        Activity = self.env["mail.activity"]
        deadline = self._qms_activity_deadline(days)
        for order in self:
            for user in users:
                Activity.create({
                    "res_model_id": model_id,
                    "res_id": order.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "date_deadline": deadline,
                    "summary": summary,
                    "note": note,
                })

    @api.multi
    def _qms_close_activities(self, xmlid, feedback, users=None, post=True):
        """Close the activities of the given type (of users, if given) with
        the feedback posted in the chatter as the current user."""
        activity_type = self.env.ref(xmlid)
        # sudo: the signer may have no write right on the order; the
        # activities are those of this order and type, closed on his
        # decision, which is posted under his name.
        activities = self.env["mail.activity"].sudo().search([
            ("res_model", "=", "sale.order"),
            ("res_id", "in", self.ids),
            ("activity_type_id", "=", activity_type.id),
        ])
        if users is not None:
            activities = activities.filtered(lambda a: a.user_id in users)
        if not post:
            activities.unlink()
            return
        own = activities.filtered(lambda a: a.user_id == self.env.user)
        author = self.env.user.partner_id.id
        if own:
            subtype = self.env.ref("mail.mt_activities").id
            own.write({"feedback": feedback})
            for activity in own:
                # sudo: the signer posts his decision on an order he may
                # only read.
                order = self.sudo().browse(activity.res_id)
                order.message_post_with_view(
                    "mail.message_activity_done",
                    values={"activity": activity},
                    subtype_id=subtype,
                    mail_activity_type_id=activity.activity_type_id.id,
                    author_id=author)
        for order in self - self.browse(own.mapped("res_id")):
            # sudo: as above, the decision is posted on a read-only order.
            order.sudo().message_post(body=feedback, author_id=author,
                                      subtype="mail.mt_note")
        activities.unlink()

    # ------------------------------------------------------------ CRUD
    @api.multi
    def write(self, vals):
        internal = is_review_internal(self.env)
        if not internal and QMS_PROTECTED_ORDER_FIELDS & set(vals):
            raise UserError(_(
                "The review status of an order is set by its review workflow "
                "(submit, approve, reject) only."))
        if vals.get("state") in ("sale", "done"):
            self._qms_check_confirmable()
        to_void = self.browse()
        reasons = {}
        if not internal and QMS_REVIEW_ORDER_FIELDS & set(vals):
            for order in self:
                changed = changed_fields(
                    order, vals, QMS_REVIEW_ORDER_FIELDS)
                if changed:
                    to_void |= order._qms_guard_change(", ".join(changed))
                    reasons[order.id] = _("changed %s") % ", ".join(changed)
        if vals.get("state") == "draft":
            for order in self.filtered(
                    lambda o: o.state == "cancel" and
                    o.qms_review_state == "approved"):
                to_void |= order
                reasons[order.id] = _("order set back to quotation")
        res = super(SaleOrder, self).write(vals)
        for order in to_void:
            order._qms_void_approval(reasons[order.id])
        return res

    # ------------------------------------------------------------ actions
    @api.multi
    def action_confirm(self):
        self._qms_check_confirmable()
        if len(self) > 1:
            # Odoo 11's _action_confirm reads self.order_line (singleton
            # only): confirm order by order, after checking them all.
            for order in self:
                order.action_confirm()
            return True
        res = super(SaleOrder, self).action_confirm()
        self._qms_release_to_departments()
        return res

    @api.multi
    def action_cancel(self):
        pending = self.filtered(lambda o: o.qms_review_state == "pending")
        if pending:
            pending._qms_withdraw(_("order cancelled"))
        return super(SaleOrder, self).action_cancel()

    @api.multi
    def action_qms_submit_review(self):
        """Open a review round (R-A1) and ask its signer (R-A4) and the
        departments (R-A2) through activities."""
        for order in self:
            order.check_access_rights("write")
            order.check_access_rule("write")
            if order.state not in ("draft", "sent"):
                raise UserError(_("Only quotations can be submitted for "
                                  "review (%(order)s).") % {
                                      "order": order.name})
            if order.qms_review_state in ("pending", "approved"):
                raise UserError(_("Order %(order)s is already under review or "
                                  "approved.") % {"order": order.name})
            if not order.order_line:
                raise UserError(_("Order %(order)s has no lines to "
                                  "review.") % {"order": order.name})
            order._qms_open_round()
        return True

    def request_validation(self):
        """The tier widget's request button: our submission."""
        return self.action_qms_submit_review()

    def validate_tier(self):
        return self.action_qms_approve()

    def reject_tier(self):
        return self.action_qms_reject()

    def restart_validation(self):
        return self.action_qms_withdraw_review()

    @api.multi
    def _qms_open_round(self):
        self.ensure_one()
        order = self
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
                with_review_token(order).write(
                    {"qms_order_type_id": special.id})
                order.message_post(body=_(
                    "Order type set to %(type)s: the amount is above "
                    "%(limit)s.") % {"type": special.name,
                                     "limit": company.qms_special_order_amount})
                order_type = special
        if order_type.max_amount and float_compare(
                amount, order_type.max_amount,
                precision_rounding=rounding) >= 0:
            raise UserError(_(
                "Order type %(type)s is for orders below %(limit)s (company "
                "currency); %(order)s amounts to %(amount)s.") % {
                    "type": order_type.name, "limit": order_type.max_amount,
                    "order": order.name, "amount": amount})
        tier = self.env["tier.definition"]._qms_find_sale_tier(
            company, amount)
        if not tier:
            raise UserError(_(
                "No signing tier of %(company)s covers %(amount)s; ask an "
                "administrator to complete the tiers.") % {
                    "company": company.name, "amount": amount})
        credit = order._qms_credit_figures()
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
        requirements = order._qms_active_requirements()
        item_types = self.env["qms.order.review.item.type"].search([])
        round_no = len(order.qms_review_ids) + 1
        review = with_review_token(self.env["qms.order.review"]).create({
            "order_id": order.id,
            "round_no": round_no,
            "order_type_id": order_type.id,
            "submitted_by": self.env.uid,
            "submit_date": fields.Datetime.now(),
            "currency_id": order.currency_id.id,
            "amount_total": order.amount_total,
            "amount_company": amount,
            "tier_id": tier.id,
            "skip_department_review": skip,
            "credit_limit": credit["credit_limit"],
            "receivable_open": credit["receivable_open"],
            "receivable_overdue": credit["receivable_overdue"],
            "days_overdue": credit["days_overdue"],
            "credit_flag": credit["credit_flag"],
            "credit_reason": credit["credit_reason"],
            "requirement_summary": self._qms_requirement_html(requirements),
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
        })
        tier_review = with_review_token(self.env["tier.review"]).create({
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
        with_review_token(review).write({"tier_review_id": tier_review.id})
        with_review_token(order).write({
            "qms_review_state": "pending",
            "qms_review_id": review.id,
            "qms_tier_id": tier.id,
        })
        summary = _("Sign the contract review of %s") % order.name
        order._qms_schedule(
            "qms_customer.mail_activity_qms_order_review", signers, summary,
            _("Round %(round)s, %(amount)s %(currency)s, tier %(tier)s.") % {
                "round": round_no, "amount": amount,
                "currency": company.currency_id.name, "tier": tier.name},
            tier.qms_deadline_days)
        for line in review.department_review_ids.filtered("responsible_id"):
            order._qms_schedule(
                "qms_customer.mail_activity_qms_department_review",
                line.responsible_id,
                _("%(dept)s review of %(order)s") % {
                    "dept": line.department_id.name, "order": order.name},
                line.reason or "", tier.qms_deadline_days)
        order.message_post(body=_(
            "Review round %(round)s submitted by %(user)s: %(amount)s "
            "%(currency)s, tier %(tier)s, to be signed by %(signers)s. "
            "Departments: %(departments)s.") % {
                "round": round_no, "user": self.env.user.name,
                "amount": amount, "currency": company.currency_id.name,
                "tier": tier.name,
                "signers": ", ".join(signers.mapped("name")),
                "departments": ", ".join(departments.mapped("name")) or
                _("none")})
        return review

    @api.multi
    def _qms_check_signer(self):
        """The current user may decide the current round (R-A4)."""
        self.ensure_one()
        review = self.qms_review_id
        if self.qms_review_state != "pending" or not review:
            raise UserError(_("Order %(order)s has no review waiting for a "
                              "decision.") % {"order": self.name})
        user = self.env.user
        tier = review.tier_id
        if tier.review_type != "salesperson" and user == self.user_id:
            raise UserError(_(
                "You are the salesperson of %(order)s: nobody approves his "
                "own order. Tier %(tier)s is signed by someone else.") % {
                    "order": self.name, "tier": tier.name})
        if user not in review.tier_review_id.reviewer_ids:
            raise UserError(_(
                "You may not sign %(order)s: its amount falls in tier "
                "%(tier)s, signed by %(signers)s.") % {
                    "order": self.name, "tier": tier.name,
                    "signers": ", ".join(review.signer_ids.mapped("name"))
                    or (tier.reviewer_group_id.name or "")})
        return True

    @api.multi
    def action_qms_approve(self):
        """The signer of the tier approves the current round."""
        for order in self:
            order._qms_check_signer()
            review = order.qms_review_id
            reasons = review._get_blocking_reasons()
            if reasons:
                raise UserError(_(
                    "The review of %(order)s cannot pass yet: %(reasons)s.")
                    % {"order": order.name, "reasons": "; ".join(reasons)})
            order._qms_record_decision(
                "approved", {},
                _("Approved by %(user)s (round %(round)s, tier %(tier)s).")
                % {"user": self.env.user.name, "round": review.round_no,
                   "tier": review.tier_id.name})
        return True

    @api.multi
    def _qms_record_decision(self, decision, review_vals, feedback):
        """Write the signer's decision ('approved' or 'rejected') on the
        round, its tier review and the order, and close the signer's
        activity with the feedback. The caller has checked the signer."""
        self.ensure_one()
        review = self.qms_review_id
        now = fields.Datetime.now()
        with_review_token(review).write(dict(
            review_vals, state=decision, decided_by=self.env.uid,
            decision_date=now))
        with_review_token(review.tier_review_id).write({
            "status": decision, "done_by": self.env.uid,
            "reviewed_date": now})
        # sudo: a signer (e.g. the vice president) need not have write
        # access to orders; his right to sign was checked by the caller.
        with_review_token(self.sudo()).write({"qms_review_state": decision})
        self._qms_close_activities(
            "qms_customer.mail_activity_qms_order_review", feedback)

    @api.multi
    def action_qms_reject(self):
        self.ensure_one()
        self._qms_check_signer()
        return {
            "type": "ir.actions.act_window",
            "res_model": "qms.order.review.reject",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    @api.multi
    def _qms_reject(self, reason):
        """The signer rejects the round: back to negotiation (R-A3)."""
        if not (reason or "").strip():
            raise UserError(_("A rejection needs a reason."))
        for order in self:
            order._qms_check_signer()
            order._qms_record_decision(
                "rejected", {"reject_reason": reason},
                _("Rejected by %(user)s (round %(round)s): %(reason)s") % {
                    "user": self.env.user.name,
                    "round": order.qms_review_id.round_no, "reason": reason})
            order._qms_close_activities(
                "qms_customer.mail_activity_qms_department_review",
                _("Review round rejected"), post=False)
        return True

    @api.multi
    def action_qms_withdraw_review(self):
        """The salesperson takes the order back from review to amend it."""
        for order in self:
            order.check_access_rights("write")
            order.check_access_rule("write")
            if order.qms_review_state != "pending":
                raise UserError(_("Order %(order)s is not under review.")
                                % {"order": order.name})
        self._qms_withdraw(_("withdrawn by %s") % self.env.user.name)
        return True

    @api.multi
    def _qms_withdraw(self, reason):
        for order in self:
            review = order.qms_review_id
            with_review_token(review).write({
                "state": "withdrawn", "void_reason": reason})
            with_review_token(review.tier_review_id).write(
                {"status": "voided"})
            with_review_token(order).write({"qms_review_state": "none"})
            order._qms_close_activities(
                "qms_customer.mail_activity_qms_order_review",
                _("Review withdrawn: %s") % reason)
            order._qms_close_activities(
                "qms_customer.mail_activity_qms_department_review",
                _("Review withdrawn: %s") % reason, post=False)

    @api.multi
    def _qms_release_to_departments(self):
        """R-A9: the departments of the order type are told to act on the
        confirmed order (任务实施单)."""
        for order in self:
            departments = order.qms_order_type_id.release_department_ids
            users = self.env["res.users"]
            for dept in departments.filtered(
                    lambda d: d.company_id == order.company_id):
                users |= dept._get_responsible_user()
            if users:
                order._qms_schedule(
                    "qms_customer.mail_activity_qms_order_release", users,
                    _("Carry out order %s (任务实施单)") % order.name,
                    order.qms_order_type_id.name,
                    order.company_id.qms_release_deadline_days)

    @api.multi
    def action_qms_acknowledge_requirements(self):
        return self.mapped("qms_review_id").action_acknowledge_requirements()

    @api.multi
    def action_qms_items_pass(self):
        return self.mapped("qms_review_id").action_set_unanswered_pass()

    @api.multi
    def action_qms_view_reviews(self):
        self.ensure_one()
        action = self.env.ref("qms_customer.qms_order_review_action").read()[0]
        action["domain"] = [("order_id", "=", self.id)]
        return action

    @api.multi
    def action_qms_print_review(self):
        return self.env.ref(
            "qms_customer.action_report_sale_order_review").report_action(self)
