# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class QmsComplaintSummary(models.TransientModel):
    """Monthly / yearly complaint summary (顾客投诉/抱怨汇总处理表, R-C7).

    Every figure comes from ``read_group`` (SQL GROUP BY): counts by
    customer, product, defect category and responsibility, recurring versus
    one-off, the trend against the previous periods, the season (month of
    year across years), the on-time response rate, claim and quality cost
    totals, and the months whose count exceeds the trailing average by the
    company's factor."""

    _name = "qms.complaint.summary"
    _description = "Complaint Summary"

    period = fields.Selection(
        [("month", "Month"), ("year", "Year")], required=True,
        default="month")
    date = fields.Date(
        string="Any Day of the Period", required=True,
        default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", required=True,
        default=lambda self: self.env.user.company_id)

    # ------------------------------------------------------------ helpers
    @api.model
    def _period_bounds(self, period, day):
        day = fields.Date.from_string(day)
        if period == "month":
            start = date(day.year, day.month, 1)
            end = start + relativedelta(months=1)
        else:
            start = date(day.year, 1, 1)
            end = start + relativedelta(years=1)
        return start, end

    @api.model
    def _month_keys(self, start, end):
        keys = []
        current = start
        while current < end:
            keys.append(current.strftime("%Y-%m"))
            current += relativedelta(months=1)
        return keys

    @api.model
    def _group(self, model, domain, groupby, measures=()):
        """{group value: (count, {measure: sum})} from one SQL GROUP BY,
        in the form ``read_group`` gives (a many2one group is
        ``(id, name)``): the names are read once for all groups, not per
        group as Odoo 11's ``read_group`` does, so the summary does not
        slow down with the number of customers (R-C7 performance).

        The summary is a company document: its figures are the whole
        company's whoever reads it; ``_check_summary_access`` is the
        access check, made before."""
        # sudo: company-wide figures (see above); the domain carries the
        # company.
        Model = self.env[model].sudo()
        from_clause, where_clause, params = Model._where_calc(
            domain).get_sql()
        table = Model._table
        sums = "".join(', SUM("%s"."%s")' % (table, measure)
                       for measure in measures)
        self.env.cr.execute(
            'SELECT "%s"."%s", COUNT(*)%s FROM %s WHERE %s GROUP BY 1' % (
                table, groupby, sums, from_clause, where_clause or "TRUE"),
            params)
        rows = self.env.cr.fetchall()
        field = Model._fields[groupby]
        names = {}
        if field.type == "many2one":
            # sudo: the labels of the groups counted above; without
            # prefetching, name_get reads the few columns it needs rather
            # than every column of hundreds of customers
            names = dict(self.env[field.comodel_name].sudo().with_context(
                prefetch_fields=False).browse(
                    [row[0] for row in rows if row[0]]).name_get())
        result = {}
        for row in rows:
            value = row[0]
            if field.type == "many2one" and value:
                value = (value, names.get(value, ""))
            elif value is None:
                value = False
            result[value] = (row[1], {
                measure: row[2 + index] or 0.0
                for index, measure in enumerate(measures)})
        return result

    @api.model
    def _check_summary_access(self, company):
        """Whoever may read complaints of the company (one of his
        companies or their subsidiaries, as Odoo's multi-company rules
        have it) may read its summary; the figures are then the
        company's (R-C7)."""
        self.env["qms.complaint"].check_access_rights("read")
        user = self.env.user
        # sudo: the user's companies' subsidiaries, whatever he may read
        allowed = self.env["res.company"].sudo().search(
            [("id", "child_of", user.company_ids.ids)])
        if company not in allowed and not user._is_superuser():
            raise UserError(_("You cannot summarise another company."))

    @api.model
    def _rows(self, grouped, labels=None):
        rows = []
        for key, (count, _sums) in grouped.items():
            if isinstance(key, tuple):
                label = key[1]
            elif labels is not None:
                label = labels.get(key, key) if key else _("Undefined")
            else:
                label = key or _("Undefined")
            rows.append({"label": label, "count": count})
        rows.sort(key=lambda r: (-r["count"], str(r["label"])))
        return rows

    # -------------------------------------------------------------- figures
    @api.model
    def _get_summary(self, period, day, company):
        """All figures of the summary as a dict (used by the screen/PDF
        report, the Excel export and the tests)."""
        self._check_summary_access(company)
        start, end = self._period_bounds(period, day)
        to_dt = fields.Datetime.to_string
        base = [("company_id", "=", company.id), ("state", "!=", "cancel")]
        in_period = base + [
            ("date_received", ">=", to_dt(start)),
            ("date_received", "<", to_dt(end))]
        complaint_fields = self.env["qms.complaint"]._fields
        resp_labels = dict(complaint_fields["responsibility"].selection)

        Complaint = "qms.complaint"
        by_customer = self._group(Complaint, in_period, "partner_id")
        by_product = self._group(Complaint, in_period, "product_id")
        by_category = self._group(Complaint, in_period, "category_id")
        by_resp = self._group(Complaint, in_period, "responsibility")
        by_recurring = self._group(Complaint, in_period, "is_recurring")
        on_time = self._group(
            Complaint, in_period + [("date_responded", "!=", False)],
            "is_on_time")
        total = sum(c for c, _s in by_recurring.values())
        recurring = by_recurring.get(True, (0, {}))[0]
        answered = sum(c for c, _s in on_time.values())
        answered_on_time = on_time.get(True, (0, {}))[0]

        # trend and alert: one GROUP BY over the trailing window
        months = company.qms_complaint_trend_months
        factor = company.qms_complaint_trend_factor
        if period == "month":
            trend_start = start - relativedelta(months=max(months, 12))
        else:
            trend_start = start - relativedelta(years=2)
        trend_domain = base + [
            ("date_received", ">=", to_dt(trend_start)),
            ("date_received", "<", to_dt(end))]
        monthly = {k: c for k, (c, _s) in self._group(
            Complaint, trend_domain, "period_month").items()}
        all_months = self._month_keys(trend_start, end)
        month_counts = [(k, monthly.get(k, 0)) for k in all_months]
        flagged = []
        for index, (key, count) in enumerate(month_counts):
            if key < start.strftime("%Y-%m") or index < months:
                continue
            previous = [c for _k, c in month_counts[index - months:index]]
            average = float(sum(previous)) / months
            if count > factor * average and count > 0:
                flagged.append({"month": key, "count": count,
                                "average": average})
        if period == "month":
            trend = month_counts[-(months + 1):]
            previous_count = month_counts[-2][1]
            last_year_count = month_counts[-13][1]
        else:
            years = {}
            for key, count in month_counts:
                years[key[:4]] = years.get(key[:4], 0) + count
            trend = sorted(years.items())
            previous_count = trend[-2][1] if len(trend) > 1 else 0
            last_year_count = previous_count

        season = {k: c for k, (c, _s) in self._group(
            Complaint, base, "month_of_year").items() if k}

        claim_domain = [
            ("company_id", "=", company.id), ("state", "!=", "cancel"),
            ("date", ">=", fields.Date.to_string(start)),
            ("date", "<", fields.Date.to_string(end))]
        claims = self._group(
            "qms.complaint.claim", claim_domain, "state",
            ("amount_claimed", "amount_accepted"))
        cost_domain = [
            ("company_id", "=", company.id),
            ("date", ">=", fields.Date.to_string(start)),
            ("date", "<", fields.Date.to_string(end))]
        costs = self._group(
            "qms.complaint.quality.cost", cost_domain, "category_id",
            ("amount",))
        return {
            "period": period,
            "date_from": fields.Date.to_string(start),
            "date_to": fields.Date.to_string(end - relativedelta(days=1)),
            "company": company.name,
            "currency": company.currency_id,
            "total": total,
            "recurring": recurring,
            "one_off": total - recurring,
            "by_customer": self._rows(by_customer),
            "by_product": self._rows(by_product),
            "by_category": self._rows(by_category),
            "by_responsibility": self._rows(by_resp, resp_labels),
            "answered": answered,
            "answered_on_time": answered_on_time,
            # None when nothing was answered: "n/a", not "0.0 %"
            "on_time_rate": (100.0 * answered_on_time / answered
                             if answered else None),
            "trend": [{"period": k, "count": c} for k, c in trend],
            "previous_count": previous_count,
            "last_year_count": last_year_count,
            "season": [{"month": "%02d" % m,
                        "count": season.get("%02d" % m, 0)}
                       for m in range(1, 13)],
            "flagged": flagged,
            "claim_count": sum(c for c, _s in claims.values()),
            "claim_amount": sum(
                s["amount_claimed"] for _c, s in claims.values()),
            "claim_accepted": sum(
                s["amount_accepted"] for _c, s in claims.values()),
            "quality_cost": sum(s["amount"] for _c, s in costs.values()),
            "quality_cost_by_category": [
                {"label": k[1] if k else _("Undefined"),
                 "amount": s["amount"]} for k, (_c, s) in costs.items()],
        }

    @api.model
    def _get_complaint_rows(self, period, day, company):
        """One row per complaint of the period, as the paper form
        顾客投诉/抱怨汇总处理表 has them: number, date, customer, product,
        problem, cause, measures, result and closing date, in the reader's
        language and time zone (R-C7)."""
        self._check_summary_access(company)
        start, end = self._period_bounds(period, day)
        to_dt = fields.Datetime.to_string
        # sudo: a company document, access checked above
        Complaint = self.env["qms.complaint"].sudo()
        complaints = Complaint.search([
            ("company_id", "=", company.id), ("state", "!=", "cancel"),
            ("date_received", ">=", to_dt(start)),
            ("date_received", "<", to_dt(end))],
            order="date_received, id")
        states = dict(Complaint._fields["state"]._description_selection(
            self.env))
        results = dict(Complaint._fields[
            "verification_result"]._description_selection(self.env))

        def local_date(value):
            return fields.Datetime.context_timestamp(
                self, fields.Datetime.from_string(value)).date() \
                if value else False

        rows = []
        for complaint in complaints:
            measures = [complaint.remedy] if complaint.remedy else []
            measures += complaint.measure_ids.mapped("name")
            rows.append({
                "number": complaint.name,
                "date": local_date(complaint.date_received),
                "customer": complaint.partner_id.display_name,
                "product": complaint.product_id.display_name or "",
                "problem": complaint.subject,
                "cause": complaint.root_cause or "",
                "measures": "; ".join(measures),
                "result": results.get(complaint.verification_result) or
                states.get(complaint.state),
                "closed_on": local_date(complaint.date_closed),
            })
        return rows

    @api.multi
    def get_complaint_rows(self):
        self.ensure_one()
        return self._get_complaint_rows(
            self.period, self.date, self.company_id)

    @api.multi
    def get_summary(self):
        self.ensure_one()
        return self._get_summary(self.period, self.date, self.company_id)

    @api.multi
    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "qms_complaint.action_report_complaint_summary").report_action(
                self)

    @api.multi
    def action_view(self):
        self.ensure_one()
        return self.env.ref(
            "qms_complaint.action_report_complaint_summary_html"
        ).report_action(self)

    @api.multi
    def action_export_xlsx(self):
        self.ensure_one()
        self._check_summary_access(self.company_id)
        return self.env.ref(
            "qms_complaint.action_report_complaint_summary_xlsx"
        ).report_action(self)
