# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models


class ContractLedgerXlsx(models.AbstractModel):
    """Contract ledger 合同台账 (R-A8) as an Excel workbook."""

    _name = "report.qms_customer.contract_ledger_xlsx"
    _inherit = "qms.report.xlsx"

    def _get_objs_for_report(self, docids, data):
        if self.env.context.get("active_model", "sale.order") != "sale.order":
            return super(ContractLedgerXlsx, self)._get_objs_for_report(
                docids, data)
        ids = docids or (data or {}).get("context", {}).get(
            "active_ids") or self.env.context.get("active_ids", [])
        return self.env["sale.order"].browse(ids)

    def _ledger_columns(self):
        column = self._qms_column
        currency = lambda o: o.currency_id
        company_currency = lambda o: o.qms_company_currency_id
        return [
            column(_("Order"), "text", lambda o: o.name, total="count"),
            column(_("Customer"), "text", lambda o: o.partner_id.display_name),
            column(_("Order Date"), "date", lambda o: o.date_order),
            column(_("Salesperson"), "text", lambda o: o.user_id.name),
            column(_("Order Type"), "text",
                   lambda o: o.qms_order_type_id.name),
            column(_("Currency"), "text", lambda o: o.currency_id.name),
            column(_("Amount"), "amount", lambda o: o.amount_total,
                   currency=currency),
            column(_("Amount (Company Currency)"), "amount",
                   lambda o: o.qms_amount_company, currency=company_currency),
            column(_("Review"), "text",
                   lambda o: self._qms_selection_label(o, "qms_review_state")),
            column(_("Round"), "integer", lambda o: o.qms_review_round,
                   total=False),
            column(_("Signing Tier"), "text", lambda o: o.qms_tier_id.name),
            column(_("Signed By"), "text", lambda o: o.qms_signed_by.name),
            column(_("Order Status"), "text", lambda o: self._qms_selection_label(o, "state")),
            column(_("Committed Delivery"), "date",
                   lambda o: o.qms_delivery_date),
            column(_("Delivery"), "text",
                   lambda o: self._qms_selection_label(o, "qms_delivery_status")),
            column(_("Invoiced"), "amount", lambda o: o.qms_amount_invoiced,
                   currency=currency),
            column(_("Paid"), "amount", lambda o: o.qms_amount_paid,
                   currency=currency),
            column(_("Payment"), "text",
                   lambda o: self._qms_selection_label(o, "qms_payment_status")),
        ]

    def generate_xlsx_report(self, workbook, data, orders):
        styles = self._qms_styles(workbook)
        sheet = self._qms_add_sheet(workbook, _("Contract Ledger"))
        row = self._qms_write_title(sheet, styles, _("Contract Ledger"))
        self._qms_write_table(sheet, styles, row, self._ledger_columns(),
                              orders, freeze_cols=1)
