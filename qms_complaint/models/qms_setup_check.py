# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models


class QmsSetupCheck(models.TransientModel):
    _inherit = "qms.setup.check"

    @api.model
    def _qms_check_company(self, company):
        lines = super(QmsSetupCheck, self)._qms_check_company(company)
        alias = self.env.ref("qms_complaint.mail_alias_complaint",
                             raise_if_not_found=False)
        domain = self.env["ir.config_parameter"].sudo().get_param(
            "mail.catchall.domain")
        if not alias or not domain:
            lines.append(self._qms_line(
                _("Complaints by e-mail"),
                _("Customers cannot e-mail complaints yet: set the alias "
                  "domain in the general settings (the alias is "
                  "'complaints')."), alias or company))
        gm = self.env.ref("qms_customer.group_qms_approver_gm")
        if not gm.users.filtered(lambda u: company in u.company_ids):
            lines.append(self._qms_line(
                _("Claims"),
                _("Nobody of the company is General Manager: claims cannot "
                  "be approved."), gm))
        return lines
