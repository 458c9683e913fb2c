# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .qms_mixins import in_workflow
from .qms_order_review import changed_fields

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
    """Sale order plugged into its contract review (R-A1 to R-A9): the
    rounds (``qms.order.review``) open, decide and close the review and its
    OCA ``tier.review``; the order gates confirmation and invoicing on it
    and voids the approval when a reviewed field changes."""

    _name = "sale.order"
    _inherit = ["sale.order", "tier.validation", "qms.workflow.guard"]
    _qms_protected_fields = QMS_PROTECTED_ORDER_FIELDS
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
    # set by the first round and never cleared: "has been reviewed" is
    # this indexed column (the Contract Ledger's domain), not a subquery
    # over every round
    qms_review_id = fields.Many2one(
        "qms.order.review", string="Current Review Round", readonly=True,
        copy=False, index=True)
    qms_review_ids = fields.One2many(
        "qms.order.review", "order_id", string="Review Rounds",
        readonly=True, copy=False)
    # stored: the lists (Contract Ledger, Orders to Sign) read them without
    # reading every column of the orders again as superuser (Odoo 11's
    # related fields), and can sort on them
    qms_review_round = fields.Integer(
        related="qms_review_id.round_no", string="Round", readonly=True,
        store=True)
    qms_tier_id = fields.Many2one(
        "tier.definition", string="Signing Tier", readonly=True, copy=False)
    qms_signed_by = fields.Many2one(
        related="qms_review_id.decided_by", readonly=True)
    qms_signer_ids = fields.Many2many(
        related="qms_review_id.signer_ids", readonly=True, string="Signers")
    qms_reject_reason = fields.Text(
        related="qms_review_id.reject_reason", readonly=True)
    qms_submitted_by = fields.Many2one(
        related="qms_review_id.submitted_by", readonly=True, store=True)
    qms_submit_date = fields.Datetime(
        related="qms_review_id.submit_date", readonly=True,
        string="Waiting Since", store=True)
    qms_sign_deadline = fields.Date(
        compute="_compute_qms_sign_deadline", string="Sign By",
        help="Due date of the signers' activities of the current round.")
    # the review sheet of the current round, shown on the order (R-A1)
    qms_item_ids = fields.One2many(
        related="qms_review_id.item_ids", readonly=True,
        string="Review Items")
    qms_department_review_ids = fields.One2many(
        related="qms_review_id.department_review_ids", readonly=True,
        string="Department Reviews")
    qms_deficiency_ids = fields.One2many(
        "qms.order.review.deficiency", "order_id", string="Deficiencies",
        copy=False)
    qms_review_required = fields.Boolean(
        related="company_id.qms_order_review_required", readonly=True)
    qms_company_currency_id = fields.Many2one(
        related="company_id.currency_id", readonly=True, store=True)
    qms_amount_company = fields.Monetary(
        string="Amount (Company Currency)",
        compute="_compute_qms_amount_company", store=True,
        currency_field="qms_company_currency_id")
    qms_no_framework_agreement = fields.Boolean(
        related="partner_id.commercial_partner_id.qms_no_framework_agreement",
        readonly=True)
    qms_can_sign = fields.Boolean(
        compute="_compute_qms_can_sign", search="_search_qms_can_sign")
    qms_review_missing = fields.Text(
        compute="_compute_qms_review_missing", string="Missing for Approval")
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

    @api.model
    def _search_qms_can_sign(self, operator, value):
        """The orders whose pending round the user may sign, in one
        subquery (the path qms_review_id.tier_review_id.reviewer_ids made
        Odoo send every id of the user's reviews to SQL twice)."""
        field = self.env["tier.review"]._fields["reviewer_ids"]
        query = """
            SELECT r.order_id
              FROM qms_order_review r
              JOIN tier_review t ON t.id = r.tier_review_id
              JOIN "{rel}" s ON s."{col1}" = t.id
             WHERE r.state = 'pending' AND t.status = 'pending'
               AND s."{col2}" = %s""".format(
            rel=field.relation, col1=field.column1, col2=field.column2)
        positive = (operator == "=") == bool(value)
        return [("id", "inselect" if positive else "not inselect",
                 (query, [self.env.uid]))]

    @api.multi
    def _qms_sign_figures(self):
        figures = super(SaleOrder, self)._qms_sign_figures()
        figures.update(amount=self.qms_amount_company,
                       currency=self.qms_company_currency_id)
        return figures

    def _compute_qms_sign_deadline(self):
        pending = self.filtered(lambda o: o.qms_review_state == "pending")
        deadlines = {}
        if pending.ids:
            activity_type = self.env.ref(
                "qms_customer.mail_activity_qms_order_review")
            # sudo: the deadline of the signers' activities, shown to all
            for activity in self.env["mail.activity"].sudo().search(
                    [("res_model", "=", "sale.order"),
                     ("res_id", "in", pending.ids),
                     ("activity_type_id", "=", activity_type.id)],
                    order="date_deadline"):
                deadlines.setdefault(activity.res_id, activity.date_deadline)
        for order in self:
            order.qms_sign_deadline = deadlines.get(order.id, False)

    def _compute_qms_review_missing(self):
        for order in self:
            # sudo: only the names of what is missing are shown
            review = order.qms_review_id.sudo()
            # False, not "", when nothing is missing: the form shows
            # Approve on False
            order.qms_review_missing = "; ".join(
                review._get_blocking_reasons()) or False if review and \
                order.qms_review_state == "pending" else False

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
            figures = order.partner_id.commercial_partner_id._qms_credit_figures(
                order.company_id, order.qms_amount_company)
            order.qms_credit_limit = figures["credit_limit"]
            order.qms_receivable_open = figures["receivable_open"]
            order.qms_receivable_overdue = figures["receivable_overdue"]
            order.qms_days_overdue = figures["days_overdue"]
            order.qms_credit_flag = figures["credit_flag"]

    def _compute_qms_requirement_html(self):
        for order in self:
            order.qms_requirement_html = \
                order._qms_active_requirements()._qms_html()

    @api.depends("state", "order_line.qty_delivered",
                 "order_line.product_uom_qty",
                 "order_line.invoice_lines.invoice_id.state",
                 "order_line.invoice_lines.invoice_id.residual")
    def _compute_qms_ledger_status(self):
        for order in self:
            order.update(order.order_line._qms_ledger_values())

    # ------------------------------------------------------------ helpers
    @api.multi
    def _qms_active_requirements(self):
        """Special requirements in force for the customer (R-B5)."""
        self.ensure_one()
        return self.partner_id._qms_active_requirements()

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
        """R-A5: a change voids the approval of these orders."""
        self.filtered(lambda o: o.qms_review_state == "approved").mapped(
            "qms_review_id")._qms_void(reason)

    # ------------------------------------------------------------ CRUD
    @api.model
    def _qms_get_company_link_fields(self):
        return {"qms_order_type_id"}

    @api.model
    def create(self, vals):
        if vals.get("state") in ("sale", "done"):
            # R-A4: an order is confirmed by action_confirm after its review
            company = self.env["res.company"].browse(
                vals.get("company_id")) or self.env.user.company_id
            if company.qms_order_review_required:
                raise UserError(_(
                    "An order is created as a quotation and confirmed after "
                    "its contract review, not created confirmed."))
        return super(SaleOrder, self).create(vals)

    @api.multi
    def write(self, vals):
        internal = in_workflow(self.env)
        if vals.get("state") in ("sale", "done"):
            self.env["qms.order.review"]._qms_check_confirmable(self)
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
        """R-A4: only orders whose review of the current amount is approved
        are confirmed; the customer's own confirmation (portal signature,
        online payment) sends the quotation into review instead."""
        for order in self.env["qms.order.review"]._qms_gate_confirm(self):
            # one by one: Odoo 11's _action_confirm reads order_line as a
            # singleton
            super(SaleOrder, order).action_confirm()
            if order.qms_order_type_id:
                order.qms_order_type_id._qms_release(order)
        return True

    @api.multi
    def action_invoice_create(self, grouped=False, final=False):
        """R-A4: only a confirmed order is invoiced when review is due."""
        self.env["qms.order.review"]._qms_check_invoiceable(self)
        return super(SaleOrder, self).action_invoice_create(
            grouped=grouped, final=final)

    @api.multi
    def action_cancel(self):
        self.filtered(lambda o: o.qms_review_state == "pending").mapped(
            "qms_review_id")._qms_withdraw(_("order cancelled"))
        return super(SaleOrder, self).action_cancel()

    @api.multi
    def action_qms_submit_review(self):
        """Open a review round (R-A1) and ask its signer (R-A4) and the
        departments (R-A2) through activities."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        for order in self:
            self.env["qms.order.review"]._qms_open(order)
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
    def _qms_pending_round(self):
        """The round waiting for a decision, or an error."""
        self.ensure_one()
        if self.qms_review_state != "pending" or not self.qms_review_id:
            raise UserError(_("Order %(order)s is not under review.")
                            % {"order": self.name})
        return self.qms_review_id

    @api.multi
    def action_qms_approve(self):
        """The signer of the tier approves the current round (R-A4)."""
        for order in self:
            order._qms_pending_round()._qms_approve()
        return True

    @api.multi
    def action_qms_reject(self):
        self.ensure_one()
        self._qms_pending_round()._qms_check_signer()
        return {
            "type": "ir.actions.act_window",
            "res_model": "qms.order.review.reject",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    @api.multi
    def _qms_reject(self, reason):
        for order in self:
            order._qms_pending_round()._qms_reject(reason)
        return True

    @api.multi
    def action_qms_withdraw_review(self):
        """The salesperson takes the order back from review to amend it."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        for order in self:
            order._qms_pending_round()._qms_withdraw(
                _("withdrawn by %s") % self.env.user.name)
        return True

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
