# Copyright 2026 QMS for Odoo
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Controlled forms (R-E3): the form number and revision of a printed form,
and the page footer every PDF page of a form carries.

The wkhtmltopdf of Debian is built against an unpatched Qt: it ignores the
header and footer html (and the text footers: ``--footer-center`` too) and
refuses more than one html document per run. The QMS form layout
(``qms_customer.report_qms_form_layout``) therefore writes its page footer
into the body as a hidden block; for a body that holds one, every document
is printed by its own wkhtmltopdf run and the footer, with "page x / y" of
that document, is drawn into the bottom margin of each page of the PDF."""
import io

import lxml.html
from PyPDF2 import PdfFileReader, PdfFileWriter
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from odoo import api, fields, models
from odoo.tools import convert_file

# The hidden page footer the form layout writes into the body.
FOOTER_CLASS = "qms_pdf_footer"
FOOTER_PARTS = ("qms_pdf_footer_form", "qms_pdf_footer_reference",
                "qms_pdf_footer_page")
# A PDF standard font for Western text; for other text (Chinese) the
# Adobe-GB1 font of the PDF reader (not embedded: reportlab cannot embed
# the OpenType CJK fonts installed here).
LATIN_FONT = "Helvetica"
CJK_FONT = "STSong-Light"
FOOTER_FONT_SIZE = 7.5


def load_form_numbers(cr, module, filenames):
    """Migration helper: the form numbers are noupdate data on report
    actions that already exist, which an upgrade skips; load the files
    that set them once, as an installation would."""
    for filename in filenames:
        convert_file(cr, module, filename, {}, mode="init", kind="data")


def _class_xpath(klass):
    return ".//*[contains(concat(' ', normalize-space(@class), ' '), ' %s ')]" % klass


def _footer_font(text):
    try:
        text.encode("cp1252")
        return LATIN_FONT
    except UnicodeEncodeError:
        if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
        return CJK_FONT


def _fit(text, font, width):
    """``text``, shortened with an ellipsis to ``width`` points."""
    size = FOOTER_FONT_SIZE
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(
            text + "\u2026", font, size) > width:
        text = text[:-1]
    return text + "\u2026" if text else ""


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    qms_form_number = fields.Char(
        string="Form Number",
        help="Number of the controlled form in the quality manual (for "
             "example QR-8.2-01), printed on top of the form and on every "
             "page. The screen version of a report prints the number of the "
             "PDF report of the same template.")
    qms_form_revision = fields.Char(
        string="Form Revision",
        help="Revision of the controlled form (for example A), printed "
             "next to the form number.")

    @api.model
    def _qms_get_form(self, report_name):
        """The report action holding the form number and revision of the
        template ``report_name`` (the PDF report and its screen version
        print the same form); empty when the form has no number."""
        # sudo: whoever prints a form may read its number; the domain is
        # the name of the template being rendered.
        return self.sudo().search([
            ("report_name", "=", report_name),
            ("qms_form_number", "!=", False)], order="id", limit=1)

    @api.model
    def _run_wkhtmltopdf(self, bodies, header=None, footer=None,
                         landscape=False, specific_paperformat_args=None,
                         set_viewport_size=False):
        footers = [self._qms_page_footer(body) for body in bodies]
        if not any(footers):
            return super(IrActionsReport, self)._run_wkhtmltopdf(
                bodies, header=header, footer=footer, landscape=landscape,
                specific_paperformat_args=specific_paperformat_args,
                set_viewport_size=set_viewport_size)
        # One run per document: the page numbers count the pages of each
        # document, and this wkhtmltopdf takes one html document per run.
        # The form layout has no header or footer html to pass.
        paperformat = (self.paperformat_id
                       or self.env.user.company_id.paperformat_id)
        writer = PdfFileWriter()
        streams = []
        for body, page_footer in zip(bodies, footers):
            pdf = super(IrActionsReport, self)._run_wkhtmltopdf(
                [body], landscape=landscape,
                specific_paperformat_args=specific_paperformat_args,
                set_viewport_size=set_viewport_size)
            stream = io.BytesIO(pdf)
            streams.append(stream)
            reader = PdfFileReader(stream)
            for index in range(reader.getNumPages()):
                page = reader.getPage(index)
                if page_footer:
                    page.mergePage(self._qms_footer_page(
                        page, page_footer, index + 1, reader.getNumPages(),
                        paperformat))
                    page.compressContentStreams()
                writer.addPage(page)
        result = io.BytesIO()
        writer.write(result)
        for stream in streams:
            stream.close()
        return result.getvalue()

    @api.model
    def _qms_page_footer(self, body):
        """The texts of the hidden page footer of a rendered body (form
        number, document number, "page [page] / [topage]"), or None."""
        if isinstance(body, str):
            body = body.encode()
        if FOOTER_CLASS.encode() not in body:
            return None
        nodes = lxml.html.fromstring(body).xpath(_class_xpath(FOOTER_CLASS))
        if not nodes:
            return None
        texts = []
        for part in FOOTER_PARTS:
            found = nodes[0].xpath(_class_xpath(part))
            texts.append(" ".join(found[0].text_content().split())
                         if found else "")
        return texts

    @api.model
    def _qms_footer_page(self, page, texts, number, count, paperformat):
        """A PDF page of the size of ``page`` with the footer line drawn in
        its bottom margin: form number left, document number centred, page
        number right."""
        form, reference, page_format = texts
        page_text = page_format.replace("[page]", str(number)).replace(
            "[topage]", str(count))
        box = page.mediaBox
        left, bottom = float(box.getLowerLeft_x()), float(box.getLowerLeft_y())
        width, height = float(box.getWidth()), float(box.getHeight())
        margin_left = (paperformat.margin_left if paperformat else 7) * mm
        margin_right = (paperformat.margin_right if paperformat else 7) * mm
        margin_bottom = (paperformat.margin_bottom if paperformat else 20) * mm
        baseline = bottom + max(margin_bottom * 0.35, 3 * mm)
        x_left, x_right = left + margin_left, left + width - margin_right
        # each part in its third of the line
        third = (x_right - x_left) / 3 - 2 * mm
        buf = io.BytesIO()
        sheet = canvas.Canvas(buf, pagesize=(left + width, bottom + height))
        sheet.setLineWidth(0.4)
        sheet.line(x_left, baseline + 3 * mm, x_right, baseline + 3 * mm)
        for text, draw, x in (
                (form, sheet.drawString, x_left),
                (reference, sheet.drawCentredString, (x_left + x_right) / 2),
                (page_text, sheet.drawRightString, x_right)):
            font = _footer_font(text)
            sheet.setFont(font, FOOTER_FONT_SIZE)
            draw(x, baseline, _fit(text, font, third))
        sheet.save()
        return PdfFileReader(io.BytesIO(buf.getvalue())).getPage(0)
