# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models


class QmsSurveyCampaignXlsx(models.AbstractModel):
    """Excel export of the customer satisfaction analysis (顾客满意度分析报告,
    R-D3): the key figures on a first sheet, then the scores per dimension,
    the distribution, the trend and the customers with their complaints and
    deliveries, every figure from the campaign's ``_get_report_data`` (the
    same as the PDF report)."""

    _name = "report.qms_survey.satisfaction_analysis_xlsx"
    _inherit = "qms.report.xlsx"

    def _key_figures(self, data):
        currency = data["currency"]
        complaints = data["total_complaints"] or {}
        delivery = data["total_delivery"]
        figures = [
            (_("Period Start"), data["campaign"].date_start, "date"),
            (_("Period End"), data["campaign"].date_end, "date"),
            (_("Customers invited"), data["target_count"], "integer"),
            (_("Answered"), data["answered_count"], "integer"),
            (_("Response rate"), data["response_rate"], "percent"),
            (_("Overall (weighted)"), data["overall"], "score"),
            (_("Grade"), data["overall_grade"].name, "text"),
            (_("Objective"), data["objective"], "score"),
            (_("Gap"), data["gap"], "score"),
        ]
        if data["complaints_available"]:
            figures += [
                (_("Complaints"), complaints.get("count", 0), "integer"),
                (_("Recurring"), complaints.get("recurring", 0), "integer"),
                (_("Claims cost"), complaints.get("cost", 0.0), "amount",
                 currency),
            ]
        figures += [
            (_("Shipments"), delivery["shipments"], "integer"),
            (_("On time"), delivery["rate"] if delivery["shipments"]
             else None, "percent"),
            (_("Returns"), delivery["returns"], "integer"),
            (_("Premium freight"), delivery["premium"], "integer"),
            (_("Premium freight cost"), delivery["premium_cost"], "amount",
             currency),
        ]
        return figures

    def _tables(self, data):
        """(sheet title, columns, rows) of each table of the analysis."""
        column = self._qms_column
        objective = data["objective"]
        trend = [column(_("Dimension"), "text", lambda r: r["name"])] + [
            column(campaign.name, "score",
                   lambda r, index=index: r["trend"][index])
            for index, campaign in enumerate(data["trend_campaigns"])]
        overall = {"name": _("Overall (weighted)"),
                   "trend": data["trend_overall"]}
        return [
            (_("Scores"), [
                column(_("Dimension"), "text", lambda r: r["name"]),
                column(_("Weight"), "quantity", lambda r: r["weight"],
                       total="sum"),
                column(_("Score"), "score", lambda r: r["score"]),
                column(_("Grade"), "text", lambda r: r["grade"].name),
                column(_("Objective"), "score", lambda r: objective),
                column(_("Gap"), "score", lambda r: r["score"] - objective
                       if r["score"] is not None else None),
            ], data["dimensions"]),
            (_("Distribution"), [
                column(_("Score"), "text", lambda r: r["label"]),
                column(_("Customers"), "integer", lambda r: r["count"]),
            ], data["histogram"]),
            (_("Trend"), trend, data["dimensions"] + [overall]),
            (_("Customers"), self._customer_columns(data), data["customers"]),
        ]

    def _customer_columns(self, data):
        """The customers' table: answer, score, complaints and deliveries
        of the period."""
        column = self._qms_column
        currency = data["currency"]
        # translated here: a lambda's frame has no ``self`` for _()
        answered = {True: _("Yes"), False: _("No")}

        def figure(part, key):
            """The customer's ``key`` of ``part`` (complaints, delivery)."""
            return lambda r: (r[part] or {}).get(key, 0)

        def on_time(r):
            delivery = r["delivery"] or {}
            return delivery["rate"] if delivery.get("shipments") else None

        columns = [
            column(_("Customer"), "text", lambda r: r["partner"],
                   total="count"),
            column(_("Answered"), "text",
                   lambda r: answered[r["state"] == "done"]),
            column(_("Score"), "score", lambda r: r["score"],
                   total="average"),
            column(_("Grade"), "text", lambda r: r["grade"].name),
        ]
        if data["complaints_available"]:
            columns += [
                column(_("Complaints"), "integer",
                       figure("complaints", "count")),
                column(_("Recurring"), "integer",
                       figure("complaints", "recurring")),
                column(_("Claims cost"), "amount",
                       figure("complaints", "cost"), currency=currency),
            ]
        return columns + [
            column(_("Shipments"), "integer", figure("delivery", "shipments")),
            column(_("On time"), "percent", on_time),
            column(_("Returns"), "integer", figure("delivery", "returns")),
            column(_("Premium freight"), "integer",
                   figure("delivery", "premium")),
            column(_("Premium freight cost"), "amount",
                   figure("delivery", "premium_cost"), currency=currency),
        ]

    def generate_xlsx_report(self, workbook, data, campaigns):
        styles = self._qms_styles(workbook)
        for campaign in campaigns:
            analysis = campaign._get_report_data()
            lines = [campaign.name, campaign.company_id.name,
                     _("Period: %(start)s - %(end)s") % {
                         "start": campaign.date_start,
                         "end": campaign.date_end}]
            title = _("Customer Satisfaction Analysis Report")
            sheet = self._qms_add_sheet(workbook, _("Analysis"))
            row = self._qms_write_title(sheet, styles, title, lines)
            self._qms_write_fields(sheet, styles, row,
                                   self._key_figures(analysis))
            for name, columns, rows in self._tables(analysis):
                sheet = self._qms_add_sheet(workbook, name)
                row = self._qms_write_title(
                    sheet, styles, "%s - %s" % (title, name), lines)
                self._qms_write_table(sheet, styles, row, columns, rows)
