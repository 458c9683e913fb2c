# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class MgmtsystemNonconformity(models.Model):
    """Show, on the OCA nonconformity, the complaints it was raised from
    (the link itself is stored on the complaint, R-C5)."""

    _inherit = "mgmtsystem.nonconformity"

    qms_complaint_ids = fields.One2many(
        "qms.complaint", "nonconformity_id", string="Complaints",
        readonly=True)


class MgmtsystemAction(models.Model):
    _inherit = "mgmtsystem.action"

    @api.model
    def send_mail_for_action(self, action, force_send=True):
        """The new action's e-mail goes through the mail queue: OCA sends it
        at once, which made a scheduled job opening 1,500 improvement
        actions spend its time limit on SMTP (R-C5, R-D4)."""
        return super(MgmtsystemAction, self).send_mail_for_action(
            action, force_send=False)

    @api.multi
    def get_action_url(self):
        """The link of the new action's e-mail, for whoever opens the
        action: OCA reads the base URL with the user's rights, which only
        a system administrator has (R-C5)."""
        # sudo: the base URL is a system parameter; the link is the same
        # for every user
        return super(MgmtsystemAction, self.sudo()).get_action_url()
