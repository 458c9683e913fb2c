# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression

from odoo.addons.qms_customer.models.qms_mixins import (
    commit_batch, in_workflow, qms_workflow)

_logger = logging.getLogger(__name__)

STATES = [
    ("new", "Registered"),
    ("handling", "In Handling"),
    ("waiting", "Awaiting Customer"),
    ("accepted", "Accepted by Customer"),
    ("closed", "Closed"),
    ("cancel", "Cancelled"),
]

QUALITY_USER = "qms_customer.group_qms_user"


class QmsComplaint(models.Model):
    """Customer complaint (质量信息反馈单 at intake, 顾客抱怨处理单 once
    handled): R-C1 intake, R-C2 triage and deadlines, R-C3 handling, R-C4
    customer acceptance, R-C5 CAPA link, R-C6 claims, R-C7 analysis."""

    _name = "qms.complaint"
    _description = "Customer Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.workflow.guard"]
    _order = "date_received desc, id desc"
    # fields only the buttons write (stored computes are protected anyway)
    _qms_protected_fields = (
        "date_classified", "date_responded", "escalated", "date_escalated",
        "date_closed", "nonconformity_id", "action_ids",
        "verification_result", "verified_by_id", "date_verified")
    _qms_transitions = {
        "new": ("handling", "cancel"),
        "handling": ("waiting", "cancel"),
        "waiting": ("accepted", "handling"),
        "accepted": ("closed",),
    }
    _qms_locked_states = ("closed", "cancel")
    _qms_locked_writable = ("attachment_ids",)
    _qms_evidence = True
    _qms_deletable_states = ("new",)

    # ---------------------------------------------------------------- intake
    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False,
        default=lambda self: _("New"), index=True)
    subject = fields.Char(required=True, track_visibility="onchange")
    state = fields.Selection(
        STATES, default="new", required=True, readonly=True, copy=False,
        index=True, track_visibility="onchange",
        group_expand="_group_expand_states")
    company_id = fields.Many2one(
        "res.company", required=True, index=True,
        default=lambda self: self.env["res.company"]._company_default_get(
            "qms.complaint"))
    currency_id = fields.Many2one(
        related="company_id.currency_id", store=True, readonly=True)
    channel = fields.Selection(
        [("phone", "Phone"), ("email", "E-mail"), ("visit", "Visit"),
         ("fax", "Fax"), ("portal", "Portal"), ("internal", "Internal")],
        required=True, default="phone")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True,
        track_visibility="onchange",
        domain="[('parent_id', '=', False)]",
        help="The commercial partner (customer company) complaining.")
    contact_id = fields.Many2one(
        "res.partner", string="Contact",
        domain="[('id', 'child_of', partner_id)]")
    user_id = fields.Many2one(
        "res.users", string="Owner", index=True, track_visibility="onchange",
        default=lambda self: self.env.user,
        help="Who must act next: the salesperson while sales keeps the "
             "complaint, the quality department once handed over.")
    salesperson_id = fields.Many2one(
        related="partner_id.user_id", string="Salesperson", readonly=True)
    sale_order_id = fields.Many2one(
        "sale.order", string="Sale Order",
        domain="[('partner_id', 'child_of', partner_id)]")
    invoice_id = fields.Many2one(
        "account.invoice", string="Invoice",
        domain="[('partner_id', 'child_of', partner_id), "
               "('type', '=', 'out_invoice')]")
    picking_id = fields.Many2one(
        "stock.picking", string="Delivery",
        domain="[('partner_id', 'child_of', partner_id)]")
    delivery_ref = fields.Char(string="Delivery Reference")
    product_id = fields.Many2one("product.product", index=True)
    lot_id = fields.Many2one(
        "stock.production.lot", string="Lot/Serial Number",
        domain="[('product_id', '=', product_id)]")
    quantity = fields.Float(
        string="Quantity Affected", digits=(16, 3), default=0.0)
    category_id = fields.Many2one(
        "qms.complaint.category", string="Defect Category", index=True)
    description = fields.Html()
    attachment_ids = fields.Many2many(
        "ir.attachment", "qms_complaint_attachment_rel", "complaint_id",
        "attachment_id", string="Attachments")
    date_received = fields.Datetime(
        required=True, index=True, default=fields.Datetime.now,
        track_visibility="onchange",
        help="When the customer's complaint came in.")

    # ---------------------------------------------------- triage, deadlines
    route = fields.Selection(
        [("sales", "Kept by Sales"), ("quality", "Handed to Quality")],
        track_visibility="onchange",
        help="Sales decides whether to hand the complaint to the quality "
             "department.")
    urgency = fields.Selection(
        [("normal", "Normal"), ("urgent", "Urgent")], default="normal",
        required=True, track_visibility="onchange")
    is_major = fields.Boolean(
        string="Major Quality Problem",
        help="A major problem needs a cross-department meeting before the "
             "remedy goes to the customer.")
    date_classified = fields.Datetime(readonly=True, copy=False)
    date_deadline = fields.Datetime(
        string="Response Deadline", copy=False, index=True,
        track_visibility="onchange")
    deadline_status = fields.Selection(
        [("green", "On Track"), ("amber", "Due Soon"), ("red", "Overdue"),
         ("done", "Answered")],
        compute="_compute_deadline_status")
    is_overdue = fields.Boolean(
        compute="_compute_deadline_status", search="_search_is_overdue")
    date_responded = fields.Datetime(
        readonly=True, copy=False,
        help="When the first remedy went to the customer.")
    is_on_time = fields.Boolean(
        compute="_compute_is_on_time", store=True,
        help="Answered by the deadline.")
    escalated = fields.Boolean(readonly=True, copy=False)
    date_escalated = fields.Datetime(readonly=True, copy=False)
    meeting_ids = fields.One2many(
        "qms.complaint.meeting", "complaint_id", string="Meetings")

    # ------------------------------------------------------- handling sheet
    department_id = fields.Many2one(
        "qms.department", string="Responsible Department",
        help="The department that executes the measures.")
    investigation = fields.Html(string="Investigation and Analysis")
    responsibility = fields.Selection(
        [("ours", "Our Company"), ("supplier", "Supplier"),
         ("customer", "Customer"), ("undetermined", "Undetermined")],
        default="undetermined", required=True, track_visibility="onchange")
    supplier_id = fields.Many2one(
        "res.partner", string="Responsible Supplier",
        domain="[('supplier', '=', True)]")
    root_cause = fields.Text()
    remedy = fields.Text(
        string="Remedy Proposed",
        help="The remedy offered to the customer in the current round.")
    containment_ids = fields.One2many(
        "qms.complaint.containment", "complaint_id",
        string="Containment Measures")
    measure_ids = fields.One2many(
        "qms.complaint.measure", "complaint_id", string="Permanent Measures")
    verification_result = fields.Selection(
        [("effective", "Effective"), ("not_effective", "Not Effective")],
        readonly=True, copy=False, track_visibility="onchange")
    verification_note = fields.Text()
    verified_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_verified = fields.Datetime(readonly=True, copy=False)

    # ----------------------------------------------------------------- CAPA
    nonconformity_id = fields.Many2one(
        "mgmtsystem.nonconformity", readonly=True, copy=False)
    nonconformity_stage_id = fields.Many2one(
        related="nonconformity_id.stage_id", readonly=True,
        string="Nonconformity Stage")
    action_ids = fields.Many2many(
        "mgmtsystem.action", "qms_complaint_action_rel", "complaint_id",
        "action_id", string="Corrective/Preventive Actions", readonly=True,
        copy=False)
    open_action_count = fields.Integer(compute="_compute_open_action_count")
    missing_for_next_step = fields.Text(
        compute="_compute_missing_for_next_step",
        string="Missing for the Next Step",
        help="What the complaint still lacks before its next step "
             "(classify, send to the customer, close).")

    # ------------------------------------------------- acceptance, closing
    round_ids = fields.One2many(
        "qms.complaint.round", "complaint_id", string="Rounds",
        readonly=True)
    round_count = fields.Integer(compute="_compute_round_count")
    date_closed = fields.Datetime(readonly=True, copy=False)

    # --------------------------------------------------- claims and costs
    claim_ids = fields.One2many(
        "qms.complaint.claim", "complaint_id", string="Claims")
    claim_count = fields.Integer(compute="_compute_claim_count")
    quality_cost_ids = fields.One2many(
        "qms.complaint.quality.cost", "complaint_id", string="Quality Costs",
        readonly=True)
    quality_cost_amount = fields.Monetary(
        compute="_compute_quality_cost_amount", store=True,
        currency_field="currency_id",
        help="Accepted claim amounts booked as quality cost, in company "
             "currency.")

    # ------------------------------------------------------------ analysis
    is_recurring = fields.Boolean(
        compute="_compute_is_recurring", store=True, index=True,
        help="The same customer complained about the same product or defect "
             "category within the recurrence window before this one.")
    period_month = fields.Char(
        compute="_compute_month_of_year", store=True, index=True,
        string="Month Received", help="YYYY-MM of the date received (UTC).")
    period_year = fields.Char(
        compute="_compute_month_of_year", store=True, index=True,
        string="Year Received")
    month_of_year = fields.Selection(
        [("%02d" % m, "%02d" % m) for m in range(1, 13)],
        compute="_compute_month_of_year", store=True, index=True,
        string="Month of Year",
        help="Season: the month of the year, across years.")

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity >= 0)",
         "The quantity affected cannot be negative."),
        ("name_company_uniq", "unique(name, company_id)",
         "The complaint number must be unique per company."),
    ]

    # ------------------------------------------------------------ computes
    @api.model
    def _group_expand_states(self, states, domain, order):
        """Every step of the procedure is a column of the kanban board,
        empty or not; cancelled complaints only when there are some."""
        return [key for key, _label in STATES if key != "cancel"] + (
            ["cancel"] if "cancel" in states else [])

    @api.depends("date_deadline", "date_responded", "state")
    def _compute_deadline_status(self):
        now = fields.Datetime.from_string(fields.Datetime.now())
        for rec in self:
            status = False
            if rec.date_responded or rec.state in (
                    "waiting", "accepted", "closed", "cancel"):
                status = "done" if rec.date_deadline else False
            elif rec.date_deadline:
                deadline = fields.Datetime.from_string(rec.date_deadline)
                amber = timedelta(
                    hours=rec.company_id.qms_complaint_amber_hours)
                if now > deadline:
                    status = "red"
                elif deadline - now <= amber:
                    status = "amber"
                else:
                    status = "green"
            rec.deadline_status = status
            rec.is_overdue = status == "red"

    @api.model
    def _get_overdue_domain(self):
        return [
            ("state", "in", ("new", "handling")),
            ("date_responded", "=", False),
            ("date_deadline", "!=", False),
            ("date_deadline", "<", fields.Datetime.now()),
        ]

    @api.model
    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(_("Unsupported search on overdue complaints."))
        positive = (operator == "=") == bool(value)
        domain = expression.normalize_domain(self._get_overdue_domain())
        if positive:
            return domain
        return ["!"] + domain

    @api.depends("date_deadline", "date_responded")
    def _compute_is_on_time(self):
        for rec in self:
            rec.is_on_time = bool(
                rec.date_responded and rec.date_deadline and
                rec.date_responded <= rec.date_deadline)

    @api.depends("action_ids.stage_id")
    def _compute_open_action_count(self):
        for rec in self:
            rec.open_action_count = len(rec.action_ids.filtered(
                lambda a: not a.stage_id.is_ending))

    @api.depends("round_ids")
    def _compute_round_count(self):
        for rec in self:
            rec.round_count = len(rec.round_ids)

    @api.depends("claim_ids")
    def _compute_claim_count(self):
        for rec in self:
            rec.claim_count = len(rec.claim_ids)

    @api.depends("quality_cost_ids.amount")
    def _compute_quality_cost_amount(self):
        for rec in self:
            rec.quality_cost_amount = sum(rec.quality_cost_ids.mapped(
                "amount"))

    @api.depends("date_received")
    def _compute_month_of_year(self):
        for rec in self:
            received = rec.date_received or ""
            rec.month_of_year = received[5:7] or False
            rec.period_month = received[:7] or False
            rec.period_year = received[:4] or False

    @api.depends("partner_id", "product_id", "category_id", "date_received",
                 "company_id")
    def _compute_is_recurring(self):
        # sudo: the search looks for earlier complaints of the same customer
        # whatever their owner; its domain is built here, not by the user.
        complaints = self.sudo()
        for rec in self:
            if not (rec.partner_id and rec.date_received and (
                    rec.product_id or rec.category_id)):
                rec.is_recurring = False
                continue
            received = fields.Datetime.from_string(rec.date_received)
            window = timedelta(
                days=rec.company_id.qms_complaint_recurrence_days)
            same = []
            if rec.product_id and rec.category_id:
                same = ["|", ("product_id", "=", rec.product_id.id),
                        ("category_id", "=", rec.category_id.id)]
            elif rec.product_id:
                same = [("product_id", "=", rec.product_id.id)]
            else:
                same = [("category_id", "=", rec.category_id.id)]
            domain = [
                ("partner_id", "=", rec.partner_id.id),
                ("company_id", "=", rec.company_id.id),
                ("state", "!=", "cancel"),
                ("date_received", "<", rec.date_received),
                ("date_received", ">=",
                 fields.Datetime.to_string(received - window)),
            ] + same
            if isinstance(rec.id, int):
                domain.append(("id", "!=", rec.id))
            rec.is_recurring = bool(complaints.search_count(domain))

    # --------------------------------------------------------- constraints
    @api.constrains("quantity")
    def _check_quantity(self):
        for rec in self:
            if rec.quantity < 0:
                raise ValidationError(_(
                    "The quantity affected cannot be negative."))

    @api.constrains("date_received")
    def _check_date_received(self):
        now = fields.Datetime.now()
        for rec in self:
            if rec.date_received and rec.date_received > now:
                raise ValidationError(_(
                    "A complaint cannot be received in the future."))

    @api.constrains("partner_id", "contact_id")
    def _check_contact(self):
        for rec in self:
            if rec.contact_id and (
                    rec.contact_id.commercial_partner_id !=
                    rec.partner_id.commercial_partner_id):
                raise ValidationError(_(
                    "The contact %(contact)s does not belong to the customer "
                    "%(customer)s.") % {
                        "contact": rec.contact_id.display_name,
                        "customer": rec.partner_id.display_name})

    @api.constrains("partner_id", "sale_order_id", "invoice_id", "picking_id")
    def _check_documents_customer(self):
        """The order, invoice and delivery named on a complaint are the
        customer's own: an audit trail that mixes customers is worthless."""
        for rec in self:
            for doc in (rec.sale_order_id, rec.invoice_id, rec.picking_id):
                if doc and doc.partner_id and (
                        doc.partner_id.commercial_partner_id !=
                        rec.partner_id.commercial_partner_id):
                    raise ValidationError(_(
                        "%(document)s belongs to %(owner)s, not to the "
                        "customer %(customer)s of this complaint.") % {
                            "document": doc.display_name,
                            "owner": doc.partner_id.commercial_partner_id
                            .display_name,
                            "customer": rec.partner_id.display_name})

    @api.onchange("contact_id")
    def _onchange_contact_id(self):
        if self.contact_id and not self.partner_id:
            self.partner_id = self.contact_id.commercial_partner_id

    @api.onchange("sale_order_id")
    def _onchange_sale_order_id(self):
        if self.sale_order_id and not self.partner_id:
            self.partner_id = self.sale_order_id.partner_id.\
                commercial_partner_id

    # ---------------------------------------------------------------- CRUD

    @api.model
    def _check_deadline_vals(self, vals):
        deadline = vals.get("date_deadline")
        if deadline and not in_workflow(self.env):
            if deadline < fields.Datetime.now():
                raise ValidationError(_(
                    "The response deadline cannot be in the past."))
            if not self.env.user.has_group("qms_customer.group_qms_manager"):
                raise UserError(_(
                    "Only a quality manager may move a response deadline."))

    @api.model
    def create(self, vals):
        self._check_deadline_vals(vals)
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals["partner_id"] = partner.commercial_partner_id.id
        if vals.get("name", _("New")) == _("New"):
            company = self.env["res.company"].browse(
                vals.get("company_id")) or self.env.user.company_id
            vals["name"] = self.env["ir.sequence"].with_context(
                force_company=company.id).next_by_code(
                    "qms.complaint") or _("New")
        return super(QmsComplaint, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_deadline_vals(vals)
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals["partner_id"] = partner.commercial_partner_id.id
        return super(QmsComplaint, self).write(vals)

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """An e-mail to the complaint alias registers a complaint (R-C1):
        the sender's partner is the customer, the mail its first message."""
        values = dict(custom_values or {})
        author = self.env["res.partner"].browse(msg_dict.get("author_id"))
        if not author:
            email = tools.email_split(msg_dict.get("email_from") or "")
            if email:
                author = self.env["res.partner"].search(
                    [("email", "=ilike", email[0])], limit=1)
        if not author:
            author = self.env["res.partner"].create({
                "name": msg_dict.get("email_from") or _("Unknown sender"),
                "email": msg_dict.get("email_from"),
                "customer": True,
            })
        values.setdefault("partner_id", author.commercial_partner_id.id)
        # the complaint belongs to the customer's company (the alias runs
        # in one company for all), where his salesperson reads it
        company = author.commercial_partner_id.company_id or \
            author.commercial_partner_id.user_id.company_id
        if company:
            values.setdefault("company_id", company.id)
        if author.parent_id:
            values.setdefault("contact_id", author.id)
        values.setdefault(
            "subject", msg_dict.get("subject") or _("E-mail complaint"))
        values.setdefault("channel", "email")
        # numbered by the sequence, not named after the mail's subject
        # (which mail.thread would put in ``name``)
        values.setdefault("name", _("New"))
        # the customer's mail is kept as text: no markup of his reaches
        # the complaint's rich-text fields or its PDF
        values.setdefault("description", tools.plaintext2html(
            tools.html2plaintext(msg_dict.get("body") or "")))
        if author.commercial_partner_id.user_id:
            values.setdefault(
                "user_id", author.commercial_partner_id.user_id.id)
        return super(QmsComplaint, self).message_new(
            msg_dict, custom_values=values)

    @api.multi
    def message_post(self, **kwargs):
        if self.env.context.get("qms_mark_complaint_sent"):
            self.filtered(lambda c: c.state == "handling").action_mark_sent()
        return super(QmsComplaint, self).message_post(**kwargs)

    # ------------------------------------------------------------- actions
    @api.multi
    def action_classify(self):
        """Triage (R-C2): fix the route, compute the response deadline from
        the policy, give the owner an activity with that deadline."""
        policy = self.env["qms.complaint.deadline"]
        for rec in self:
            if rec.state != "new":
                raise UserError(_(
                    "Only a registered complaint can be classified; "
                    "%(name)s is already in handling.") % {"name": rec.name})
            rec._qms_refuse_missing(rec._qms_missing_to_classify(), _(
                "The complaint %(name)s cannot be classified yet") % {
                    "name": rec.name})
            now = fields.Datetime.now()
            hours = policy._get_hours(rec.route, rec.urgency, rec.company_id)
            deadline = fields.Datetime.from_string(
                rec.date_received) + timedelta(hours=hours)
            vals = {
                "state": "handling",
                "date_classified": now,
                "date_deadline": fields.Datetime.to_string(deadline),
            }
            if rec.route == "quality":
                department = self.env["qms.department"]._get_by_code(
                    "quality", rec.company_id)
                vals["department_id"] = rec.department_id.id or \
                    department.id
                owner = department._get_responsible_user() if department \
                    else self.env["res.users"]
                if owner:
                    vals["user_id"] = owner.id
            qms_workflow(rec).write(vals)
            rec._schedule_deadline_activity()
        return True

    @api.multi
    def _schedule_deadline_activity(self):
        for rec in self.filtered(lambda c: c.user_id and c.date_deadline):
            # sudo: the owner may be another user than the classifier, whom
            # the activity is for; the record is the one being classified.
            # _() reads the owner's language from ``context``.
            context = {"lang": rec.user_id.lang}  # noqa: F841
            rec = rec.sudo()
            rec.activity_schedule(
                "mail.mail_activity_data_todo", rec.date_deadline[:10],
                _("Answer complaint %(name)s by %(deadline)s") % {
                    "name": rec.name, "deadline": rec.date_deadline},
                user_id=rec.user_id.id)

    @api.model
    def _cron_escalate_overdue(self, batch_size=500):
        """Escalate every overdue complaint once to the quality manager of
        its company, batch by batch: each batch is marked escalated and
        committed, so a job stopped by the time limit resumes where it
        stopped; the work per complaint stays constant."""
        domain = self._get_overdue_domain() + [("escalated", "=", False)]
        overdue = self.search(domain, limit=batch_size)
        if not overdue:
            return True
        fallback = self.env.ref("qms_customer.group_qms_manager").users
        managers = {}
        today = fields.Date.context_today(self)
        total = 0
        while overdue:
            rows = [(rec.id, rec.name, rec.company_id) for rec in overdue]
            qms_workflow(overdue).write({
                "escalated": True, "date_escalated": fields.Datetime.now()})
            for rec_id, name, company in rows:
                if company.id not in managers:
                    department = self.env["qms.department"]._get_by_code(
                        "quality", company)
                    managers[company.id] = (
                        department.manager_id or fallback.filtered(
                            lambda u: u.company_id == company)[:1] or
                        fallback[:1])
                manager = managers[company.id]
                if manager:
                    # _() reads the manager's language from ``context``
                    context = {"lang": manager.lang}  # noqa: F841
                    self.browse(rec_id).activity_schedule(
                        "mail.mail_activity_data_todo", today,
                        _("Overdue complaint %(name)s escalated") % {
                            "name": name}, user_id=manager.id)
            total += len(rows)
            commit_batch(self.env)
            overdue = self.search(domain, limit=batch_size)
        _logger.info("Escalated %d overdue complaints", total)
        return True

    # ------------------------------------------- prerequisites of a step
    # One list per step, read by the form's checklist (its buttons appear
    # when nothing is missing) and by the step itself, which refuses with
    # the same sentences.
    @api.multi
    def _qms_missing_to_classify(self):
        self.ensure_one()
        if not self.route:
            return [_("the route: kept by sales or handed to quality")]
        return []

    @api.multi
    def _qms_missing_to_send(self):
        self.ensure_one()
        missing = []
        if not self.remedy:
            missing.append(_("the remedy proposed to the customer"))
        if self.route == "quality" and not self.root_cause:
            missing.append(_("the root cause analysis"))
        if self.is_major and not self.meeting_ids:
            missing.append(_(
                "the cross-department meeting of a major quality problem"))
        return missing

    @api.multi
    def _qms_missing_to_close(self):
        self.ensure_one()
        missing = []
        if self.open_action_count:
            missing.append(_(
                "%(count)s corrective or preventive actions still open") % {
                    "count": self.open_action_count})
        if self.measure_ids.filtered(
                lambda m: m.state not in ("done", "cancel")):
            missing.append(_("permanent measures not yet done or cancelled"))
        if self.measure_ids and self.verification_result != "effective":
            missing.append(_(
                "quality to verify the measures as effective"))
        if self.claim_ids.filtered(
                lambda c: c.state not in ("done", "cancel")):
            missing.append(_("a claim still open"))
        return missing

    @api.depends("state", "route", "remedy", "root_cause", "is_major",
                 "meeting_ids", "measure_ids.state", "verification_result",
                 "claim_ids.state", "action_ids")
    def _compute_missing_for_next_step(self):
        steps = {"new": "_qms_missing_to_classify",
                 "handling": "_qms_missing_to_send",
                 "accepted": "_qms_missing_to_close"}
        for rec in self:
            step = steps.get(rec.state)
            missing = getattr(rec, step)() if step and rec.id else []
            rec.missing_for_next_step = "\n".join(
                "- %s" % item for item in missing) or False

    @api.model
    def _qms_refuse_missing(self, missing, refusal):
        """Refuse a step with what is missing for it."""
        if missing:
            raise UserError(_("%(refusal)s; missing: %(missing)s.") % {
                "refusal": refusal, "missing": "; ".join(missing)})

    @api.multi
    def _check_ready_to_send(self):
        for rec in self:
            if rec.state != "handling":
                raise UserError(_(
                    "Only a complaint in handling can go to the customer "
                    "(%(name)s).") % {"name": rec.name})
            rec._qms_refuse_missing(rec._qms_missing_to_send(), _(
                "The handling sheet of %(name)s cannot go to the customer "
                "yet") % {"name": rec.name})

    @api.multi
    def action_send_to_customer(self):
        """Open the mail composer with the handling sheet template; sending
        marks the complaint as sent (R-C4)."""
        self.ensure_one()
        self._check_ready_to_send()
        template = self.env.ref("qms_complaint.mail_template_handling_sheet")
        compose_form = self.env.ref("mail.email_compose_message_wizard_form")
        ctx = {
            "default_model": self._name,
            "default_res_id": self.id,
            "default_use_template": True,
            "default_template_id": template.id,
            "default_composition_mode": "comment",
            "qms_mark_complaint_sent": True,
        }
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_type": "form",
            "view_mode": "form",
            "views": [(compose_form.id, "form")],
            "view_id": compose_form.id,
            "target": "new",
            "context": ctx,
        }

    @api.multi
    def action_mark_sent(self):
        """The remedy (handling sheet) went to the customer: a new round
        starts and waits for the customer's answer (R-C4)."""
        self._check_ready_to_send()
        now = fields.Datetime.now()
        Round = self.env["qms.complaint.round"]
        for rec in self:
            qms_workflow(Round).create({
                "complaint_id": rec.id,
                "number": len(rec.round_ids) + 1,
                "remedy": rec.remedy,
                "date_sent": now,
            })
            vals = {"state": "waiting"}
            if not rec.date_responded:
                vals["date_responded"] = now
            qms_workflow(rec).write(vals)
            rec.activity_ids.filtered(
                lambda a: a.user_id == rec.user_id).action_feedback(
                    feedback=_("Remedy sent to the customer."))
        return True

    @api.multi
    def _record_answer(self, answer, date=None, comment=None):
        """The customer's answer on the current round (R-C4): accepted
        moves on to closing, not accepted reopens handling for a new
        round."""
        if answer not in ("accepted", "rejected"):
            raise UserError(_("The customer's answer must be accepted or "
                              "not accepted."))
        self._check_owner_or_quality(_("record the customer's answer"))
        date = date or fields.Date.context_today(self)
        for rec in self:
            if rec.state != "waiting":
                raise UserError(_(
                    "The complaint %(name)s is not waiting for the "
                    "customer's answer.") % {"name": rec.name})
            current = rec.round_ids.sorted("number")[-1:]
            if date > fields.Date.context_today(self) or \
                    date < current.date_sent[:10]:
                raise ValidationError(_(
                    "The answer date must lie between the sending date and "
                    "today."))
            qms_workflow(current).write({
                "answer": answer,
                "date_answer": date,
                "comment": comment,
                "answered_by_id": self.env.user.id,
            })
            qms_workflow(rec).write({
                "state": "accepted" if answer == "accepted" else "handling",
            })
            rec.message_post(body=_(
                "Customer answer on round %(number)s: %(answer)s. "
                "%(comment)s") % {
                    "number": current.number,
                    "answer": dict(current._fields["answer"].selection)[
                        answer],
                    "comment": comment or ""})
        return True

    @api.multi
    def action_record_answer(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Customer Answer"),
            "res_model": "qms.complaint.answer.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    @api.multi
    def _check_owner_or_quality(self, action):
        """The complaint's owner, its customer's salesperson or the quality
        department: who speaks with the customer about it."""
        user = self.env.user
        if user.has_group(QUALITY_USER) or user._is_superuser():
            return
        for rec in self:
            if user not in rec.user_id | rec.partner_id.user_id:
                raise AccessError(_(
                    "Only the owner of the complaint %(name)s, the "
                    "customer's salesperson or the quality department may "
                    "%(action)s.") % {"action": action, "name": rec.name})

    @api.multi
    def _verify(self, result):
        self._qms_check_role(
            [QUALITY_USER], _("verify the effectiveness of the measures"))
        for rec in self:
            if rec.state not in ("handling", "waiting", "accepted"):
                raise UserError(_(
                    "The measures of the complaint %(name)s cannot be "
                    "verified in this state.") % {"name": rec.name})
        qms_workflow(self).write({
            "verification_result": result,
            "verified_by_id": self.env.user.id,
            "date_verified": fields.Datetime.now(),
        })
        return True

    @api.multi
    def action_verify_effective(self):
        return self._verify("effective")

    @api.multi
    def action_verify_not_effective(self):
        return self._verify("not_effective")

    @api.multi
    def action_create_capa(self):
        """Create the nonconformity of the complaint and one corrective or
        preventive action per permanent measure in the OCA management system
        (R-C5); the complaint keeps the links."""
        self._qms_check_role(
            [QUALITY_USER], _("plan corrective and preventive actions"))
        origin = self.env.ref("qms_complaint.nonconformity_origin_complaint")
        for rec in self:
            if rec.state not in ("handling", "waiting", "accepted"):
                raise UserError(_(
                    "Corrective actions are planned while the complaint "
                    "%(name)s is handled.") % {"name": rec.name})
            vals = {}
            nonconformity = rec.nonconformity_id
            if not nonconformity:
                department = self.env["qms.department"]._get_by_code(
                    "quality", rec.company_id)
                manager = department.manager_id or self.env.user
                nonconformity = self.env["mgmtsystem.nonconformity"].create(
                    rec._prepare_nonconformity_vals(manager, origin))
                vals["nonconformity_id"] = nonconformity.id
            actions = self.env["mgmtsystem.action"]
            for measure in rec.measure_ids.filtered(
                    lambda m: not m.action_id and m.state != "cancel"):
                action = self.env["mgmtsystem.action"].create(
                    measure._prepare_action_vals())
                measure.action_id = action
                actions |= action
            if actions:
                nonconformity.action_ids = [(4, a.id) for a in actions]
                vals["action_ids"] = [(4, a.id) for a in actions]
            if vals:
                qms_workflow(rec).write(vals)
        return True

    @api.multi
    def _prepare_nonconformity_vals(self, manager, origin):
        self.ensure_one()
        return {
            "name": "%s %s" % (self.name, self.subject),
            "partner_id": self.partner_id.id,
            "reference": self.name,
            "responsible_user_id": (self.user_id or self.env.user).id,
            "manager_user_id": manager.id,
            "origin_ids": [(6, 0, origin.ids)],
            "description": tools.html2plaintext(
                self.description or "") or self.subject,
            "analysis": self.root_cause,
            "company_id": self.company_id.id,
        }

    @api.multi
    def action_close(self):
        """Close (R-C4, R-C5): only after the customer accepted, every
        corrective action is closed and quality verified the measures.
        Quality closes what was handed to it; the owner what sales kept."""
        if self.filtered(lambda c: c.route != "sales"):
            self._qms_check_role(
                [QUALITY_USER], _("close a complaint handed to quality"))
        self.filtered(lambda c: c.route == "sales")._check_owner_or_quality(
            _("close the complaint"))
        for rec in self:
            if rec.state != "accepted":
                raise UserError(_(
                    "The complaint %(name)s can be closed only after the "
                    "customer accepted the remedy.") % {"name": rec.name})
            rec._qms_refuse_missing(rec._qms_missing_to_close(), _(
                "The complaint %(name)s cannot be closed yet") % {
                    "name": rec.name})
        qms_workflow(self).write({
            "state": "closed", "date_closed": fields.Datetime.now()})
        self.mapped("activity_ids").unlink()
        return True

    @api.multi
    def action_cancel(self):
        for rec in self:
            if rec.state not in ("new", "handling"):
                raise UserError(_(
                    "The complaint %(name)s can no longer be cancelled.") % {
                        "name": rec.name})
        self._check_owner_or_quality(_("cancel the complaint"))
        qms_workflow(self).write({"state": "cancel"})
        self.mapped("activity_ids").unlink()
        return True

    @api.multi
    def action_view_claims(self):
        self.ensure_one()
        action = self.env.ref("qms_complaint.qms_complaint_claim_action").\
            read()[0]
        action["domain"] = [("complaint_id", "=", self.id)]
        action["context"] = {"default_complaint_id": self.id}
        return action
