# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class QmsDepartment(models.Model):
    """A department that takes part in the quality processes.

    Order review (R-A2), custody of customer property (R-B1), special
    requirements (R-B5) and complaint handling (R-C3) all name the
    department responsible; its members are the users who act for it and its
    manager is asked through activities when the department must act.
    """

    _name = "qms.department"
    _description = "QMS Department"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(
        [
            ("sales", "Sales"),
            ("quality", "Quality"),
            ("technical", "Technical"),
            ("production", "Production"),
            ("purchasing", "Purchasing"),
            ("logistics", "Logistics"),
            ("finance", "Finance"),
            ("office", "Office"),
        ],
        string="Role",
        help="The role this department plays in the procedures; rules that "
             "route work to e.g. the technical department look for this "
             "role. Leave empty for other departments.",
    )
    sequence = fields.Integer(default=10)
    manager_id = fields.Many2one(
        "res.users",
        string="Manager",
        help="Asked through activities when the department must act.",
    )
    user_ids = fields.Many2many(
        "res.users",
        "qms_department_users_rel",
        "department_id",
        "user_id",
        string="Members",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env["res.company"]._company_default_get(
            "qms.department"),
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)",
         "Each department role can be given to one department per company."),
    ]

    @api.multi
    def _get_responsible_user(self):
        """The user asked to act for the department: its manager, else its
        first member, else nobody (the caller decides the fallback); nobody
        too for no department (a company without this department)."""
        if not self:
            return self.env["res.users"]
        self.ensure_one()
        return self.manager_id or self.user_ids[:1]

    @api.model
    def _get_by_code(self, code, company=None):
        company = company or self.env.user.company_id
        return self.search(
            [("code", "=", code), ("company_id", "=", company.id)], limit=1)
