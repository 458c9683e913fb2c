# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
import unicodedata

from xlsxwriter.utility import xl_range

from odoo import _, api, fields, models

# Number format of each kind of cell; amounts take their currency's symbol
# and decimals (``_qms_amount_format``).
NUMBER_FORMATS = {
    "text": None,
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
    "integer": "#,##0",
    "quantity": "General",
    "score": "0.0",
    "percent": "0.0%",
    "amount": None,
}
# What the totals row shows under a column of the kind, unless the column
# says otherwise: counts and amounts are added up.
DEFAULT_TOTALS = {"integer": "sum", "amount": "sum"}
# Excel's SUBTOTAL function numbers that leave out the rows the reader
# filtered away, as the total row of an Excel table does.
SUBTOTAL_FUNCTIONS = {"sum": 109, "average": 101, "count": 103}
# Column widths in characters: a header wraps past HEADER_WIDTH, no
# column grows past MAX_WIDTH, the filter button takes FILTER_BUTTON.
MIN_WIDTH, HEADER_WIDTH, MAX_WIDTH, FILTER_BUTTON = 6, 24, 60, 3


def text_width(text):
    """Width of ``text`` in Excel characters: a CJK (wide) character takes
    two; the longest line of a multi-line text."""
    return max(sum(2 if unicodedata.east_asian_width(char) in "WF" else 1
                   for char in line)
               for line in (text or "").split("\n"))


class XlsxStyles(object):
    """The cell formats of one workbook, each made once, and the column
    widths each sheet needs so far."""

    def __init__(self, workbook):
        self.workbook = workbook
        self._formats = {}
        self._widths = {}
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.subtitle = workbook.add_format({"italic": True})
        self.header = workbook.add_format({
            "bold": True, "bg_color": "#D9E1F2", "border": 1,
            "text_wrap": True, "valign": "vcenter"})
        self.label = workbook.add_format({"bold": True, "valign": "top"})

    def cell(self, kind, number_format=None, total=False):
        """The format of a data cell (or of a totals cell) of ``kind``."""
        key = (kind, number_format, total)
        if key not in self._formats:
            props = {"valign": "top"}
            if number_format or NUMBER_FORMATS[kind]:
                props["num_format"] = number_format or NUMBER_FORMATS[kind]
            if total:
                props.update({"bold": True, "top": 1, "bottom": 6})
            self._formats[key] = self.workbook.add_format(props)
        return self._formats[key]

    def fit(self, sheet, col, width):
        """Widen column ``col`` of ``sheet`` to ``width`` characters if it
        is narrower."""
        widths = self._widths.setdefault(sheet.name, {})
        width = min(max(width, MIN_WIDTH), MAX_WIDTH)
        if width > widths.get(col, 0):
            widths[col] = width
            sheet.set_column(col, col, width)


class QmsReportXlsx(models.AbstractModel):
    """One layout for every Excel export of the QMS addons, so that a
    quality engineer can hand the file to a manager: a title block, bold
    wrapped headers on a coloured band, dates as dates (yyyy-mm-dd),
    amounts with thousands separators in their currency, percentages,
    column widths from the content (CJK characters count double), the
    header row frozen and repeated on every printed page, an autofilter
    over the table and a totals row of formulas that follow the filter.

    An export inherits this model instead of ``report.report_xlsx.abstract``
    and builds its sheets with ``_qms_add_sheet``, ``_qms_write_title``,
    ``_qms_write_table`` (columns from ``_qms_column``) and
    ``_qms_write_fields``. Titles and headers are ``_()`` terms: the
    report renders in the context language, the reader's."""

    _name = "qms.report.xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "QMS Excel Report Layout"

    # ------------------------------------------------------------- helpers
    @api.model
    def _qms_styles(self, workbook):
        return XlsxStyles(workbook)

    @api.model
    def _qms_column(self, label, kind, value, currency=None, total=None):
        """A column of a table.

        :param label: translated header
        :param kind: text, date, datetime, integer, quantity, score,
            percent (``value`` gives percent points: 12.5 for 12.5 %) or
            amount
        :param value: function of a row (record or dict) giving the value
        :param currency: ``res.currency`` of an amount column, or a
            function of the row giving it
        :param total: sum, average or count (of the filled cells); None
            for the kind's default, False for no total
        """
        if total is None:
            total = DEFAULT_TOTALS.get(kind, False)
        return {"label": label, "kind": kind, "value": value,
                "currency": currency, "total": total}

    @api.model
    def _qms_selection_label(self, record, fname):
        """The label of a selection field's value, in the reader's
        language."""
        selection = dict(record._fields[fname]._description_selection(
            self.env))
        return selection.get(record[fname], record[fname] or "")

    @api.model
    def _qms_amount_format(self, currency):
        """Thousands separators and the currency's decimals and symbol on
        its side; two decimals without a currency."""
        decimals = currency.decimal_places if currency else 2
        number = "#,##0" + ("." + "0" * decimals if decimals else "")
        if not currency:
            return number
        symbol = (currency.symbol or currency.name).replace('"', "")
        if currency.position == "before":
            return '"%s "%s' % (symbol, number)
        return '%s" %s"' % (number, symbol)

    @api.model
    def _qms_cell_value(self, value, kind):
        """What Excel stores for ``value`` of ``kind``: None for an empty
        cell, dates and datetimes (Odoo strings, datetimes in UTC) as
        objects in the reader's time zone, percent points as fractions."""
        if value is None or value is False or value == "":
            return None
        if kind in ("date", "datetime") and isinstance(value, str):
            if len(value) > 10:
                value = fields.Datetime.context_timestamp(
                    self, fields.Datetime.from_string(value)).replace(
                        tzinfo=None)
                return value.date() if kind == "date" else value
            return fields.Date.from_string(value)
        if kind == "percent":
            return value / 100.0
        return value

    @api.model
    def _qms_display_width(self, value, kind, number_format):
        """Characters Excel needs to show the stored ``value``."""
        if value is None:
            return 0
        if kind == "date":
            return 10
        if kind == "datetime":
            return 16
        if kind == "percent":
            return len("%.1f%%" % (value * 100))
        if kind == "score":
            return len("%.1f" % value)
        if kind in ("integer", "amount"):
            decimals = 0
            if kind == "amount":
                match = re.search(r"\.(0+)", number_format or "")
                decimals = len(match.group(1)) if match else 0
            shown = "{:,.{}f}".format(value, decimals)
            literal = "".join(re.findall(r'"([^"]*)"', number_format or ""))
            return len(shown) + text_width(literal)
        if kind == "quantity":
            return len("%g" % value)
        return text_width("%s" % value)

    @api.model
    def _qms_write_cell(self, sheet, styles, row, col, value, kind,
                        currency=None):
        """Write one value of ``kind``, widen its column; text is written
        as text (a customer name starting with "=" stays a name). Returns
        the value stored."""
        number_format = None
        if kind == "amount":
            number_format = self._qms_amount_format(currency)
        cell_format = styles.cell(kind, number_format)
        value = self._qms_cell_value(value, kind)
        if value is None:
            sheet.write_blank(row, col, None, cell_format)
        elif kind in ("date", "datetime"):
            sheet.write_datetime(row, col, value, cell_format)
        elif kind == "text":
            sheet.write_string(row, col, "%s" % value, cell_format)
        else:
            sheet.write_number(row, col, value, cell_format)
        styles.fit(sheet, col, self._qms_display_width(
            value, kind, number_format) + 2)
        return value

    # -------------------------------------------------------------- blocks
    @api.model
    def _qms_add_sheet(self, workbook, name):
        """A worksheet named ``name`` (cut to Excel's 31 characters, without
        the characters Excel refuses, made unique), set up to print in
        landscape on A4, fitted to the page width, with page numbers."""
        name = re.sub(r"[\[\]:*?/\\]", "-", name)[:31]
        taken = {sheet.name.lower() for sheet in workbook.worksheets()}
        unique, number = name, 1
        while unique.lower() in taken:
            number += 1
            suffix = " (%d)" % number
            unique = name[:31 - len(suffix)] + suffix
        sheet = workbook.add_worksheet(unique)
        sheet.set_landscape()
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 0)
        sheet.set_footer("&L&A&R&P / &N")
        return sheet

    @api.model
    def _qms_write_title(self, sheet, styles, title, lines=()):
        """The title, the given lines and the printing date above a table;
        returns the first free row after a blank one."""
        sheet.write_string(0, 0, title, styles.title)
        lines = list(lines) + [_("Printed on %(date)s") % {
            "date": fields.Date.context_today(self)}]
        for row, line in enumerate(lines, 1):
            sheet.write_string(row, 0, line, styles.subtitle)
        return len(lines) + 2

    @api.model
    def _qms_write_fields(self, sheet, styles, row, figures):
        """Key figures as label / value lines in columns A and B;
        ``figures`` are (label, value, kind[, currency]). Returns the first
        free row after a blank one."""
        for line in figures:
            label, value, kind = line[:3]
            currency = line[3] if len(line) > 3 else None
            sheet.write_string(row, 0, label, styles.label)
            styles.fit(sheet, 0, text_width(label) + 2)
            self._qms_write_cell(sheet, styles, row, 1, value, kind, currency)
            row += 1
        return row + 1

    @api.model
    def _qms_write_table(self, sheet, styles, row, columns, rows,
                         freeze_cols=0):
        """A table from ``row`` on: the header (frozen, filtered, repeated
        on every printed page), one line per item of ``rows`` and, when a
        column has a total, a totals row of SUBTOTAL formulas (filtered
        rows left out). Amounts in more than one currency are not added
        up. Returns the first free row after a blank one."""
        header_row, first = row, row + 1
        for col, column in enumerate(columns):
            sheet.write_string(header_row, col, column["label"], styles.header)
            styles.fit(sheet, col, min(text_width(column["label"]),
                                       HEADER_WIDTH) + FILTER_BUTTON)
        written = [[] for _column in columns]
        end = first
        for line in rows:
            for col, column in enumerate(columns):
                currency = column["currency"]
                if callable(currency):
                    currency = currency(line)
                value = self._qms_write_cell(
                    sheet, styles, end, col, column["value"](line),
                    column["kind"], currency)
                if value is not None:
                    written[col].append((value, currency))
            end += 1
        last = end - 1
        if any(column["total"] for column in columns):
            self._qms_write_totals(sheet, styles, end, first, columns,
                                   written)
            end += 1
        sheet.autofilter(header_row, 0, max(last, header_row),
                         len(columns) - 1)
        sheet.freeze_panes(header_row + 1, freeze_cols)
        sheet.repeat_rows(header_row)
        return end + 1

    @api.model
    def _qms_write_totals(self, sheet, styles, row, first, columns, written):
        """The totals row under the data rows ``first`` to ``row - 1``:
        "Total" in the first column (in its number format when the column
        has a total itself, so that the cell stays a number), and under each
        column with a total a SUBTOTAL formula with its value (for the
        readers that do not compute formulas)."""
        label = _("Total")
        blank = styles.cell("text", total=True)
        for col, column in enumerate(columns):
            values = [value for value, _currency in written[col]]
            currencies = {currency for _value, currency in written[col]}
            function = column["total"]
            if column["kind"] == "amount" and len(currencies) > 1:
                function = False  # amounts in several currencies
            if not function:
                if col:
                    sheet.write_blank(row, col, None, blank)
                else:
                    sheet.write_string(row, col, label, blank)
                    styles.fit(sheet, col, text_width(label) + 2)
                continue
            kind = "integer" if function == "count" else column["kind"]
            number_format = NUMBER_FORMATS[kind]
            if kind == "amount":
                currency = column["currency"]
                if currencies or callable(currency):
                    currency = currencies.pop() if currencies else None
                number_format = self._qms_amount_format(currency)
            if not col:
                number_format = '"%s "%s' % (label.replace('"', ""),
                                             number_format or "General")
            cell_format = styles.cell(kind, number_format, total=True)
            if function == "count":
                result = len(values)
            elif function == "average":
                result = sum(values) / len(values) if values else None
            else:
                result = sum(values)
            if result is None:
                sheet.write_blank(row, col, None, cell_format)
            elif row > first:
                sheet.write_formula(
                    row, col, "=SUBTOTAL(%d,%s)" % (
                        SUBTOTAL_FUNCTIONS[function],
                        xl_range(first, col, row - 1, col)),
                    cell_format, result)
            else:
                sheet.write_number(row, col, result, cell_format)
            styles.fit(sheet, col, self._qms_display_width(
                result, kind, number_format) + 2)
