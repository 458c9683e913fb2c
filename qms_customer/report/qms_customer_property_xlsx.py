# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models


class QmsCustomerPropertyXlsx(models.AbstractModel):
    """Excel export of the customer property ledger (顾客财产台帐, R-B1),
    one row per item, in the layout of the paper ledger."""

    _name = "report.qms_customer.customer_property_xlsx"
    _inherit = "report.report_xlsx.abstract"

    def _columns(self):
        return [
            (_("Ledger No."), 16, lambda i: i.name),
            (_("Customer"), 28, lambda i: i.partner_id.display_name),
            (_("Item"), 30, lambda i: i.description),
            (_("Customer Reference"), 18, lambda i: i.customer_reference or ""),
            (_("Kind"), 16, lambda i: self._label(i, "kind")),
            (_("Date Received"), 14, lambda i: i.date_received or ""),
            (_("Quantity"), 10, lambda i: i.quantity),
            (_("Unit"), 10, lambda i: i.uom_id.name or ""),
            (_("Condition on Receipt"), 18,
             lambda i: self._label(i, "condition_received")),
            (_("Custodian Department"), 20, lambda i: i.department_id.name),
            (_("Location"), 18, lambda i: i.location or ""),
            (_("Responsible"), 18, lambda i: i.responsible_id.name or ""),
            (_("Status"), 16, lambda i: self._label(i, "state")),
        ]

    def _label(self, item, field):
        selection = dict(item._fields[field]._description_selection(
            item.env))
        return selection.get(item[field], item[field] or "")

    def generate_xlsx_report(self, workbook, data, items):
        sheet = workbook.add_worksheet(_("Customer Property"))
        bold = workbook.add_format({"bold": True, "bg_color": "#DDDDDD",
                                    "border": 1})
        title = workbook.add_format({"bold": True, "font_size": 14})
        sheet.write(0, 0, _("Customer Property Ledger"), title)
        sheet.write(1, 0, _("Printed on %(date)s") % {
            "date": fields.Date.context_today(self)})
        columns = self._columns()
        for col, (label, width, _getter) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write(3, col, label, bold)
        for row, item in enumerate(items.sorted(
                lambda i: (i.partner_id.display_name or "", i.name)), 4):
            for col, (_label, _width, getter) in enumerate(columns):
                sheet.write(row, col, getter(item))
        sheet.freeze_panes(4, 0)
