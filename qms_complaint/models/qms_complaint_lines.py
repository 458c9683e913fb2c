# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class QmsComplaintRound(models.Model):
    """One round of remedy proposed to the customer and the customer's
    answer (R-C4). Rounds are written by the complaint's buttons only and
    every round is kept."""

    _name = "qms.complaint.round"
    _description = "Complaint Customer Acceptance Round"
    _order = "complaint_id, number"
    _inherit = "qms.workflow.guard"
    _qms_workflow_only = True

    complaint_id = fields.Many2one(
        "qms.complaint", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(
        related="complaint_id.company_id", store=True, readonly=True)
    number = fields.Integer(required=True)
    remedy = fields.Text(string="Remedy Proposed")
    date_sent = fields.Datetime()
    answer = fields.Selection(
        [("pending", "Waiting"), ("accepted", "Accepted"),
         ("rejected", "Not Accepted")], default="pending", required=True)
    date_answer = fields.Date()
    comment = fields.Text(string="Customer Comment")
    answered_by_id = fields.Many2one("res.users", string="Recorded by")


class QmsComplaintChildMixin(models.AbstractModel):
    """Lines of the handling sheet: editable while the complaint is open."""

    _name = "qms.complaint.child.mixin"
    _description = "Complaint Handling Sheet Line"

    complaint_id = fields.Many2one(
        "qms.complaint", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(
        related="complaint_id.company_id", store=True, readonly=True)

    def _check_complaint_open(self, complaints):
        closed = complaints.filtered(
            lambda c: c.state in ("closed", "cancel"))
        if closed:
            raise UserError(_(
                "The complaint %(name)s is closed or cancelled and can no "
                "longer be changed.") % {"name": closed[0].name})

    @api.model
    def create(self, vals):
        record = super(QmsComplaintChildMixin, self).create(vals)
        self._check_complaint_open(record.complaint_id)
        return record

    @api.multi
    def write(self, vals):
        self._check_complaint_open(self.mapped("complaint_id"))
        result = super(QmsComplaintChildMixin, self).write(vals)
        self._check_complaint_open(self.mapped("complaint_id"))
        return result

    @api.multi
    def unlink(self):
        self._check_complaint_open(self.mapped("complaint_id"))
        return super(QmsComplaintChildMixin, self).unlink()


class QmsComplaintMeeting(models.Model):
    """Cross-department meeting on a major quality problem (R-C2)."""

    _name = "qms.complaint.meeting"
    _inherit = "qms.complaint.child.mixin"
    _description = "Complaint Cross-Department Meeting"
    _order = "date desc, id desc"

    date = fields.Datetime(required=True, default=fields.Datetime.now)
    participant_ids = fields.Many2many(
        "res.users", "qms_complaint_meeting_user_rel", "meeting_id",
        "user_id", string="Participants", required=True)
    department_ids = fields.Many2many(
        "qms.department", "qms_complaint_meeting_department_rel",
        "meeting_id", "department_id", string="Departments")
    decisions = fields.Text(required=True)


class QmsComplaintContainment(models.Model):
    """Containment / emergency measure (R-C3), including stock not yet
    shipped: finished goods and work in process, with quantities."""

    _name = "qms.complaint.containment"
    _inherit = "qms.complaint.child.mixin"
    _description = "Complaint Containment Measure"
    _order = "complaint_id, sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(string="Measure", required=True)
    scope = fields.Selection(
        [("customer", "At the Customer"), ("transit", "In Transit"),
         ("finished", "Finished Goods Not Yet Shipped"),
         ("wip", "Work in Process"), ("other", "Other")],
        required=True, default="finished")
    quantity = fields.Float(digits=(16, 3), default=0.0)
    user_id = fields.Many2one("res.users", string="Owner")
    date_done = fields.Date()
    done = fields.Boolean()

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity >= 0)",
         "A contained quantity cannot be negative."),
    ]


class QmsComplaintMeasure(models.Model):
    """Permanent corrective measure (R-C3) in one of four kinds, executed by
    the responsible department, mirrored as an OCA action (R-C5)."""

    _name = "qms.complaint.measure"
    _inherit = "qms.complaint.child.mixin"
    _description = "Complaint Permanent Measure"
    _order = "complaint_id, sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(string="Measure", required=True)
    kind = fields.Selection(
        [("process", "Process"), ("management", "Management"),
         ("tooling", "Tooling / Equipment"), ("inspection", "Inspection")],
        required=True, default="process")
    action_type = fields.Selection(
        [("correction", "Corrective"), ("prevention", "Preventive")],
        required=True, default="correction")
    user_id = fields.Many2one("res.users", string="Owner", required=True)
    department_id = fields.Many2one("qms.department")
    date_due = fields.Date(string="Due Date", required=True)
    state = fields.Selection(
        [("open", "Open"), ("done", "Done"), ("cancel", "Cancelled")],
        default="open", required=True)
    action_id = fields.Many2one(
        "mgmtsystem.action", string="CAPA Action", readonly=True,
        copy=False)
    action_stage_id = fields.Many2one(
        related="action_id.stage_id", readonly=True)

    @api.model
    def create(self, vals):
        self._check_due_date_vals(vals)
        return super(QmsComplaintMeasure, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_due_date_vals(vals)
        return super(QmsComplaintMeasure, self).write(vals)

    @api.model
    def _check_due_date_vals(self, vals):
        if vals.get("date_due") and \
                vals["date_due"] < fields.Date.context_today(self):
            raise ValidationError(_(
                "The due date of a measure cannot be in the past."))

    @api.multi
    def _prepare_action_vals(self):
        self.ensure_one()
        complaint = self.complaint_id
        return {
            "name": "%s: %s" % (complaint.name, self.name),
            "type_action": self.action_type,
            "user_id": self.user_id.id,
            "date_deadline": self.date_due,
            "description": "<p>%s</p><p>%s</p>" % (
                dict(self._fields["kind"].selection)[self.kind],
                complaint.root_cause or ""),
            "company_id": complaint.company_id.id,
        }
