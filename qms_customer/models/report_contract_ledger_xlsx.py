# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models


class ContractLedgerXlsx(models.AbstractModel):
    """Contract ledger 合同台账 (R-A8) as an Excel workbook."""

    _name = "report.qms_customer.contract_ledger_xlsx"
    _inherit = "report.report_xlsx.abstract"

    def _get_objs_for_report(self, docids, data):
        if self.env.context.get("active_model", "sale.order") != "sale.order":
            return super(ContractLedgerXlsx, self)._get_objs_for_report(
                docids, data)
        ids = docids or (data or {}).get("context", {}).get(
            "active_ids") or self.env.context.get("active_ids", [])
        return self.env["sale.order"].browse(ids)

    def _ledger_columns(self):
        return [
            (_("Order"), lambda o: o.name),
            (_("Customer"), lambda o: o.partner_id.display_name),
            (_("Order Date"), lambda o: o.date_order or ""),
            (_("Salesperson"), lambda o: o.user_id.name or ""),
            (_("Order Type"), lambda o: o.qms_order_type_id.name or ""),
            (_("Currency"), lambda o: o.currency_id.name),
            (_("Amount"), lambda o: o.amount_total),
            (_("Amount (Company Currency)"), lambda o: o.qms_amount_company),
            (_("Review"), lambda o: self._label(o, "qms_review_state")),
            (_("Round"), lambda o: o.qms_review_round),
            (_("Signing Tier"), lambda o: o.qms_tier_id.name or ""),
            (_("Signed By"), lambda o: o.qms_signed_by.name or ""),
            (_("Order Status"), lambda o: self._label(o, "state")),
            (_("Committed Delivery"), lambda o: o.qms_delivery_date or ""),
            (_("Delivery"), lambda o: self._label(o, "qms_delivery_status")),
            (_("Invoiced"), lambda o: o.qms_amount_invoiced),
            (_("Paid"), lambda o: o.qms_amount_paid),
            (_("Payment"), lambda o: self._label(o, "qms_payment_status")),
        ]

    def _label(self, record, fname):
        selection = dict(record._fields[fname]._description_selection(
            self.env))
        return selection.get(record[fname], record[fname] or "")

    def generate_xlsx_report(self, workbook, data, orders):
        sheet = workbook.add_worksheet(_("Contract Ledger"))
        bold = workbook.add_format({"bold": True})
        columns = self._ledger_columns()
        for col, (title, _getter) in enumerate(columns):
            sheet.write(0, col, title, bold)
            sheet.set_column(col, col, 16)
        for row, order in enumerate(orders, start=1):
            for col, (_title, getter) in enumerate(columns):
                sheet.write(row, col, getter(order))
