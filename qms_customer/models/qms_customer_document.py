# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class QmsCustomerDocument(models.Model):
    """A customer drawing or document at one revision (外来图纸及文件登记记录表,
    R-B2).

    Registering a new revision of the same number for the same customer
    supersedes the current one, which stays in the register as superseded.
    The register is kept by the technical department.
    """

    _name = "qms.customer.document"
    _description = "Customer Drawing or Document"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.workflow.guard"]
    _order = "partner_id, name, date_received desc, id desc"

    name = fields.Char(string="Number", required=True, index=True,
                       track_visibility="onchange")
    revision = fields.Char(required=True, track_visibility="onchange")
    title = fields.Char(required=True)
    partner_id = fields.Many2one("res.partner", string="Customer",
                                 required=True, index=True)
    document_type = fields.Selection(
        [
            ("drawing", "Drawing"),
            ("specification", "Specification"),
            ("standard", "Standard"),
            ("other", "Other document"),
        ],
        string="Type", required=True, default="drawing")
    date_received = fields.Date(required=True,
                                default=fields.Date.context_today)
    copies = fields.Integer(default=1)
    department_id = fields.Many2one(
        "qms.department", string="Kept By", required=True,
        default=lambda self: self.env["qms.department"]._get_by_code(
            "technical"))
    holder_id = fields.Many2one("res.users", string="Holder")
    property_id = fields.Many2one(
        "qms.customer.property", string="Ledger Item",
        help="The customer property ledger item of this document, if the "
             "customer handed it over physically.")
    attachment_ids = fields.Many2many(
        "ir.attachment", "qms_customer_document_attachment_rel",
        "document_id", "attachment_id", string="Files")
    state = fields.Selection(
        [("current", "Current"), ("superseded", "Superseded")],
        required=True, default="current", readonly=True, copy=False,
        index=True, track_visibility="onchange")
    superseded_by_id = fields.Many2one(
        "qms.customer.document", string="Superseded By", readonly=True,
        copy=False)
    superseded_date = fields.Date(readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, index=True,
        default=lambda self: self.env["res.company"]._company_default_get(
            "qms.customer.document"))

    _sql_constraints = [
        ("revision_uniq", "unique(partner_id, name, revision, company_id)",
         "This revision of the document is already registered."),
    ]

    @api.model
    def create(self, vals):
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals["partner_id"] = partner.commercial_partner_id.id
        if vals.pop("state", "current") != "current" or vals.get(
                "superseded_by_id"):
            raise UserError(_("A document is registered at its current "
                              "revision; it is superseded by the next."))
        document = super(QmsCustomerDocument, self).create(vals)
        previous = self.search([
            ("partner_id", "=", document.partner_id.id),
            ("name", "=", document.name),
            ("company_id", "=", document.company_id.id),
            ("state", "=", "current"),
            ("id", "!=", document.id),
        ])
        if previous:
            previous.write({
                "state": "superseded",
                "superseded_by_id": document.id,
                "superseded_date": fields.Date.context_today(self),
            })
        return document

    @api.multi
    def write(self, vals):
        for field in ("name", "partner_id", "revision"):
            if field in vals and any(
                    (doc[field].id if field == "partner_id" else doc[field])
                    != vals[field] for doc in self):
                raise UserError(_(
                    "The number, customer and revision of a registered "
                    "document do not change: register the new revision; it "
                    "supersedes the current one."))
        if "state" in vals or "superseded_by_id" in vals:
            self._check_supersede(vals)
        return super(QmsCustomerDocument, self).write(vals)

    @api.multi
    def _check_supersede(self, vals):
        """Only a newer registered revision of the same document supersedes
        it, and a superseded revision stays superseded."""
        new = self.browse(vals.get("superseded_by_id"))
        for doc in self:
            if vals.get("state", doc.state) == doc.state and (
                    new == doc.superseded_by_id):
                continue
            if (doc.state != "current" or vals.get("state") != "superseded"
                    or not new or new == doc or new.state != "current"
                    or new.name != doc.name
                    or new.partner_id != doc.partner_id
                    or new.id < doc.id):
                raise UserError(_(
                    "The document %(doc)s is superseded only by registering "
                    "its new revision.") % {"doc": doc.display_name})

    @api.multi
    def name_get(self):
        return [(d.id, _("%(number)s rev. %(revision)s") % {
            "number": d.name, "revision": d.revision}) for d in self]
