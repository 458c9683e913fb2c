# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models


class QmsComplaintSummaryXlsx(models.AbstractModel):
    """Excel export of the complaint summary (顾客投诉/抱怨汇总处理表,
    R-C7): the key figures on a first sheet, then one filterable table per
    breakdown (customer, product, defect category, responsibility), the
    trend, the season, the abnormal months and the quality cost, every
    figure from ``qms.complaint.summary.get_summary``."""

    _name = "report.qms_complaint.report_complaint_summary_xlsx"
    _inherit = "qms.report.xlsx"

    def _key_figures(self, figures):
        currency = figures["currency"]
        return [
            (_("From"), figures["date_from"], "date"),
            (_("To"), figures["date_to"], "date"),
            (_("Complaints"), figures["total"], "integer"),
            (_("Recurring"), figures["recurring"], "integer"),
            (_("One-off"), figures["one_off"], "integer"),
            (_("Previous period"), figures["previous_count"], "integer"),
            (_("Same period last year"), figures["last_year_count"],
             "integer"),
            (_("Answered"), figures["answered"], "integer"),
            (_("Answered on time"), figures["answered_on_time"], "integer"),
            (_("On-time response rate"), figures["on_time_rate"], "percent"),
            (_("Claims"), figures["claim_count"], "integer"),
            (_("Claimed amount"), figures["claim_amount"], "amount",
             currency),
            (_("Accepted amount"), figures["claim_accepted"], "amount",
             currency),
            (_("Quality cost"), figures["quality_cost"], "amount", currency),
        ]

    def _tables(self, figures):
        """(sheet title, columns, rows) of each table of the summary."""
        column = self._qms_column
        total = figures["total"]
        count = column(_("Complaints"), "integer", lambda r: r["count"])
        share = column(_("Share"), "percent",
                       lambda r: 100.0 * r["count"] / total if total else 0.0,
                       total="sum")
        tables = [
            (title, [column(header, "text", lambda r: r["label"]),
                     count, share], figures[key])
            for title, header, key in (
                (_("By customer"), _("Customer"), "by_customer"),
                (_("By product"), _("Product"), "by_product"),
                (_("By defect category"), _("Defect Category"),
                 "by_category"),
                (_("By responsibility"), _("Responsibility"),
                 "by_responsibility"))]
        tables += [
            (_("Trend"), [column(_("Period"), "text", lambda r: r["period"]),
                          count], figures["trend"]),
            (_("Season (month of year)"),
             [column(_("Month"), "text", lambda r: r["month"]), count],
             figures["season"]),
            (_("Flagged months"),
             [column(_("Month"), "text", lambda r: r["month"]),
              column(_("Complaints"), "integer", lambda r: r["count"],
                     total=False),
              column(_("Trailing average"), "score",
                     lambda r: r["average"])],
             figures["flagged"]),
            (_("Quality cost"),
             [column(_("Category"), "text", lambda r: r["label"]),
              column(_("Amount"), "amount", lambda r: r["amount"],
                     currency=figures["currency"])],
             figures["quality_cost_by_category"]),
        ]
        return tables

    def _complaint_table(self, summary):
        """The complaints of the period, one row each, as the paper form
        lists them."""
        column = self._qms_column
        return (_("Complaints of the period"), [
            column(_("Date"), "date", lambda r: r["date"] or False),
            column(_("Number"), "text", lambda r: r["number"]),
            column(_("Customer"), "text", lambda r: r["customer"]),
            column(_("Product"), "text", lambda r: r["product"]),
            column(_("Problem"), "text", lambda r: r["problem"]),
            column(_("Cause"), "text", lambda r: r["cause"]),
            column(_("Measures"), "text", lambda r: r["measures"]),
            column(_("Result"), "text", lambda r: r["result"]),
            column(_("Closed on"), "date", lambda r: r["closed_on"] or False),
        ], summary.get_complaint_rows())

    def generate_xlsx_report(self, workbook, data, summaries):
        styles = self._qms_styles(workbook)
        for summary in summaries:
            figures = summary.get_summary()
            lines = [figures["company"], _("Period: %(start)s - %(end)s") % {
                "start": figures["date_from"], "end": figures["date_to"]}]
            sheet = self._qms_add_sheet(workbook, _("Complaint Summary"))
            row = self._qms_write_title(
                sheet, styles, _("Complaint Summary"), lines)
            self._qms_write_fields(sheet, styles, row,
                                   self._key_figures(figures))
            for title, columns, rows in self._tables(figures) + [
                    self._complaint_table(summary)]:
                sheet = self._qms_add_sheet(workbook, title)
                row = self._qms_write_title(
                    sheet, styles, "%s - %s" % (_("Complaint Summary"), title),
                    lines)
                self._qms_write_table(sheet, styles, row, columns, rows)
