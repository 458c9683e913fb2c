# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models


class QmsCustomerPropertyXlsx(models.AbstractModel):
    """Excel export of the customer property ledger (顾客财产台帐, R-B1),
    one row per item, in the layout of the paper ledger."""

    _name = "report.qms_customer.customer_property_xlsx"
    _inherit = "qms.report.xlsx"

    def _columns(self):
        column = self._qms_column
        label = self._qms_selection_label
        return [
            column(_("Ledger No."), "text", lambda i: i.name, total="count"),
            column(_("Customer"), "text", lambda i: i.partner_id.display_name),
            column(_("Item"), "text", lambda i: i.description),
            column(_("Customer Reference"), "text",
                   lambda i: i.customer_reference),
            column(_("Kind"), "text", lambda i: label(i, "kind")),
            column(_("Date Received"), "date", lambda i: i.date_received),
            column(_("Quantity"), "quantity", lambda i: i.quantity),
            column(_("Unit"), "text", lambda i: i.uom_id.name),
            column(_("Condition on Receipt"), "text",
                   lambda i: label(i, "condition_received")),
            column(_("Custodian Department"), "text",
                   lambda i: i.department_id.name),
            column(_("Location"), "text", lambda i: i.location),
            column(_("Responsible"), "text", lambda i: i.responsible_id.name),
            column(_("Status"), "text", lambda i: label(i, "state")),
        ]

    def generate_xlsx_report(self, workbook, data, items):
        styles = self._qms_styles(workbook)
        sheet = self._qms_add_sheet(workbook, _("Customer Property"))
        row = self._qms_write_title(
            sheet, styles, _("Customer Property Ledger"))
        self._qms_write_table(
            sheet, styles, row, self._columns(),
            items.sorted(lambda i: (i.partner_id.display_name or "", i.name)),
            freeze_cols=1)
