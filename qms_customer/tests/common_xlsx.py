# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reads back the Excel files of the QMS exports for the tests of every
QMS addon, from the XML parts of the file (openpyxl is not a dependency)."""
import io
import re
import zipfile
from datetime import date, timedelta

from lxml import etree

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/"
         "relationships",
    "p": "http://schemas.openxmlformats.org/package/2006/relationships",
}
# the built-in number formats xlsxwriter writes by id instead of by code
BUILTIN_FORMATS = {0: "General", 1: "0", 2: "0.00", 3: "#,##0",
                   4: "#,##0.00", 9: "0%", 10: "0.00%"}


def read_xlsx(content):
    """{sheet name: sheet} of an .xlsx file, in the workbook's order, where
    a sheet is a dict:

    - ``frozen``: (rows, columns) above and left of the frozen pane, or None
    - ``autofilter``: the range of the filter ("A4:R9"), or None
    - ``widths``: {column letter: width} of the columns given a width
    - ``cells``: {"A1": {"value", "formula", "format"}}, the value a number
      or a text, the formula without "=", the number format's code
    """
    archive = zipfile.ZipFile(io.BytesIO(content))

    def xml(path):
        return etree.fromstring(archive.read(path))

    strings = []
    if "xl/sharedStrings.xml" in archive.namelist():
        strings = ["".join(item.itertext()) for item in
                   xml("xl/sharedStrings.xml").findall("m:si", NS)]
    styles = xml("xl/styles.xml")
    codes = dict(BUILTIN_FORMATS)
    for number_format in styles.iterfind("m:numFmts/m:numFmt", NS):
        codes[int(number_format.get("numFmtId"))] = number_format.get(
            "formatCode")
    cell_formats = [codes.get(int(xf.get("numFmtId", 0)))
                    for xf in styles.iterfind("m:cellXfs/m:xf", NS)]
    targets = {rel.get("Id"): rel.get("Target") for rel in
               xml("xl/_rels/workbook.xml.rels").iterfind("p:Relationship", NS)}
    sheets = {}
    for entry in xml("xl/workbook.xml").iterfind("m:sheets/m:sheet", NS):
        target = targets[entry.get("{%s}id" % NS["r"])]
        root = xml("xl/" + target.lstrip("/").replace("xl/", "", 1))
        pane = root.find("m:sheetViews/m:sheetView/m:pane", NS)
        frozen = None
        if pane is not None and pane.get("state") == "frozen":
            frozen = (int(float(pane.get("ySplit", 0))),
                      int(float(pane.get("xSplit", 0))))
        autofilter = root.find("m:autoFilter", NS)
        widths = {}
        for col in root.iterfind("m:cols/m:col", NS):
            for index in range(int(col.get("min")), int(col.get("max")) + 1):
                widths[column_letter(index - 1)] = float(col.get("width"))
        cells = {}
        for cell in root.iterfind("m:sheetData/m:row/m:c", NS):
            value = cell.findtext("m:v", namespaces=NS)
            if cell.get("t") == "s":
                value = strings[int(value)]
            elif cell.get("t") == "str":
                pass
            elif value is not None:
                value = float(value)
            cells[cell.get("r")] = {
                "value": value,
                "formula": cell.findtext("m:f", namespaces=NS),
                "format": cell_formats[int(cell.get("s", 0))],
            }
        sheets[entry.get("name")] = {
            "frozen": frozen,
            "autofilter": autofilter.get("ref") if autofilter is not None
            else None,
            "widths": widths,
            "cells": cells,
        }
    return sheets


def column_letter(index):
    """"A" for column 0, "AA" for column 26."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def find_cell(sheet, value):
    """The address of the first cell (in row order) holding ``value``."""
    def order(ref):
        letters, digits = re.match(r"([A-Z]+)(\d+)", ref).groups()
        return int(digits), len(letters), letters
    for ref in sorted(sheet["cells"], key=order):
        if sheet["cells"][ref]["value"] == value:
            return ref
    return None


def excel_date(serial):
    """The date of an Excel date number (1900 system)."""
    return date(1899, 12, 30) + timedelta(days=int(serial))


def assert_table(test, sheet, first, last, frozen_columns=0):
    """The table of ``sheet`` from its header's first cell ``first`` to the
    last data cell ``last`` ("A4", "R6") has the autofilter over it, its
    header frozen (with ``frozen_columns``) and a width on every column."""
    header_row = int(re.sub(r"[A-Z]", "", first))
    test.assertEqual(sheet["frozen"], (header_row, frozen_columns))
    test.assertEqual(sheet["autofilter"], "%s:%s" % (first, last))
    letters = re.sub(r"\d", "", last)
    count = 0
    while column_letter(count) != letters:
        count += 1
    for index in range(count + 1):
        test.assertGreaterEqual(
            sheet["widths"].get(column_letter(index), 0), 6,
            "column %s has no width" % column_letter(index))
