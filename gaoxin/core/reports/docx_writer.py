"""Writing Word documents with python-docx in the committee's house style: 宋体 body, a centred bold title,
bordered tables with a shaded header row."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.run import Run

BODY_FONT = "宋体"
LATIN_FONT = "Times New Roman"
HEADER_SHADE = "D9D9D9"


def _east_asian(run_properties: BaseOxmlElement, font: str) -> None:
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.append(fonts)
    fonts.set(qn("w:eastAsia"), font)


def new_document(*, landscape: bool = False) -> DocxDocument:
    """An A4 document (landscape for wide tables) whose Normal style writes Chinese in 宋体."""
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(10.5)
    _east_asian(normal.element.get_or_add_rPr(), BODY_FONT)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    section.top_margin = section.bottom_margin = Cm(2.2)
    return document


def _font(run: Run, *, size: float | None = None, bold: bool = False) -> Run:
    run.bold = bold
    if size is not None:
        run.font.size = Pt(size)
    _east_asian(run._element.get_or_add_rPr(), BODY_FONT)
    return run


def add_title(document: DocxDocument, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(paragraph.add_run(text), size=18, bold=True)


def add_paragraph(
    document: DocxDocument, text: str, *, centred: bool = False, right: bool = False, bold: bool = False
) -> None:
    paragraph = document.add_paragraph()
    if centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _font(paragraph.add_run(text), bold=bold)


def add_heading(document: DocxDocument, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(10)
    _font(paragraph.add_run(text), size=12, bold=True)


def _shade(cell_properties: BaseOxmlElement) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), HEADER_SHADE)
    cell_properties.append(shading)


def add_table(
    document: DocxDocument,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    widths_cm: Sequence[float] | None = None,
    font_size: float = 9,
) -> Table:
    """A bordered table; the header row repeats on every page."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for cell, text in zip(header.cells, headers, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(cell.paragraphs[0].add_run(text), size=font_size, bold=True)
        _shade(cell._tc.get_or_add_tcPr())
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            _font(cell.paragraphs[0].add_run(text), size=font_size)
    if widths_cm is not None:
        for row in table.rows:
            for cell, width in zip(row.cells, widths_cm, strict=True):
                cell.width = Cm(width)
    return table


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) in ``paragraph``: Word fills in its value when it lays the page out."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        run = _font(paragraph.add_run(), size=9)
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._element.append(char)
        elif text == instruction:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {instruction} "
            run._element.append(code)
        else:
            run.text = text or ""


def add_page_numbers(document: DocxDocument) -> None:
    """Page numbers centred in the footer of every page: "第 1 页，共 3 页"."""
    template = _("Page %(page)s of %(pages)s")
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for part in re.split(r"(%\(page\)s|%\(pages\)s)", template):
        if part == "%(page)s":
            _field(paragraph, "PAGE")
        elif part == "%(pages)s":
            _field(paragraph, "NUMPAGES")
        elif part:
            _font(paragraph.add_run(part), size=9)


def add_signature(document: DocxDocument, issuer: str, day: str) -> None:
    """The closing block (落款): the issuing body and the date, right-aligned."""
    document.add_paragraph()
    if issuer:
        add_paragraph(document, issuer, right=True)
    add_paragraph(document, day, right=True)


def to_bytes(document: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
