# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class QmsComplaintAnswerWizard(models.TransientModel):
    """Record the customer's answer on the remedy sent (R-C4)."""

    _name = "qms.complaint.answer.wizard"
    _description = "Complaint Customer Answer"

    complaint_id = fields.Many2one("qms.complaint", required=True)
    answer = fields.Selection(
        [("accepted", "Accepted"), ("rejected", "Not Accepted")],
        required=True, default="accepted")
    date = fields.Date(required=True, default=fields.Date.context_today)
    comment = fields.Text(string="Customer Comment")

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self.complaint_id._record_answer(self.answer, self.date, self.comment)
        return {"type": "ir.actions.act_window_close"}
