"""A ``ReportDocument`` written as .xlsx (numbers stay numbers: one sheet for the headline figures, one per table),
as .docx (the committee's house style: 宋体, a centred title, the summary in words, bordered tables, page numbers, the
issuer and the day) and for the page (cells as text, figures right-aligned)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from xlsxwriter.worksheet import Worksheet

from gaoxin.core.reports import docx_writer
from gaoxin.core.reports.content import (
    AMOUNT,
    DATE,
    FIGURES,
    INTEGER,
    PERCENT,
    TEXT,
    ReportDocument,
    Table,
    kind_and_value,
)
from gaoxin.core.reports.display import long_date, shown
from gaoxin.core.tabular.workbooks import new_workbook
from gaoxin.core.tabular.writing import excel_sheet_name

XLSX_FORMATS = {INTEGER: "#,##0", AMOUNT: "#,##0.00", PERCENT: "0.0%", DATE: "yyyy-mm-dd", TEXT: "@"}


@dataclass(frozen=True)
class PageTable:
    """A table as the page shows it: headers and cells as text, each with whether it is a figure."""

    title: str
    headers: list[tuple[str, bool]]
    rows: list[list[tuple[str, bool]]]


def page_table(table: Table) -> PageTable:
    figure = [kind in FIGURES for kind in table.kinds]
    return PageTable(
        table.title,
        list(zip(table.headers, figure, strict=True)),
        [list(zip(row, figure, strict=True)) for row in shown_rows(table)],
    )


def page_figures(document: ReportDocument) -> list[tuple[str, str]]:
    """The headline figures as the page shows them: label, value as text."""
    return [(figure.label, shown(figure.kind, figure.value)) for figure in document.figures]


def shown_rows(table: Table) -> list[list[str]]:
    """The cells as text, as Word and the page show them."""
    return [
        [shown(*kind_and_value(kind, cell)) for kind, cell in zip(table.kinds, row, strict=True)]
        for row in table.rows
    ]


def signature_lines(document: ReportDocument) -> list[str]:
    """The closing block: the issuing body (when configured) and the day the report was made."""
    return [line for line in (document.issued_by, long_date(document.made_on)) if line]


def report_xlsx(document: ReportDocument) -> bytes:
    buffer = io.BytesIO()
    book = new_workbook(buffer, constant_memory=False)
    title = book.add_format({"bold": True, "font_size": 14})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    header = book.add_format(
        {"bold": True, "border": 1, "align": "center", "bg_color": "#DDEBF7", "text_wrap": True}
    )
    cells = {
        kind: book.add_format({"border": 1, "valign": "top", "num_format": fmt, "text_wrap": kind == TEXT})
        for kind, fmt in XLSX_FORMATS.items()
    }

    def write(sheet: Worksheet, row: int, col: int, kind: str, value: object) -> None:
        if value is None:
            sheet.write_string(row, col, "—", cells[TEXT])
        elif kind in FIGURES:
            sheet.write_number(row, col, float(Decimal(str(value))), cells[kind])
        elif kind == DATE and isinstance(value, dt.date):
            sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), cells[DATE])
        else:
            sheet.write_string(row, col, str(value), cells[TEXT])

    footer = "&C" + _("Page %(page)s of %(pages)s") % {"page": "&P", "pages": "&N"}
    sheet = book.add_worksheet(excel_sheet_name(_("Overview")))
    sheet.set_footer(footer)
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 1, 18)
    sheet.merge_range(0, 0, 0, 3, document.title, title)
    row = 1
    for paragraph in document.summary:
        sheet.merge_range(row, 0, row, 3, paragraph, wrap)
        sheet.set_row(row, 15 * (1 + len(paragraph) // 40))
        row += 1
    row += 1
    for figure in document.figures:
        sheet.write_string(row, 0, figure.label, cells[TEXT])
        write(sheet, row, 1, figure.kind, figure.value)
        row += 1
    row += 1
    for line in signature_lines(document):
        sheet.write_string(row, 0, line, cells[TEXT])
        row += 1
    used: set[str] = set()
    for table in document.tables:
        name = excel_sheet_name(table.title)
        suffix = 2
        while name in used:  # two tables of one title (a report per team) get distinct sheets
            name = excel_sheet_name(f"{table.title}{suffix}")
            suffix += 1
        used.add(name)
        sheet = book.add_worksheet(name)
        sheet.set_footer(footer)
        sheet.write_string(0, 0, table.title, title)
        for col, (heading, kind) in enumerate(zip(table.headers, table.kinds, strict=True)):
            sheet.set_column(col, col, 30 if kind == TEXT else 14)
            sheet.write_string(1, col, heading, header)
        for r, values in enumerate(table.rows, start=2):
            for col, (kind, cell) in enumerate(zip(table.kinds, values, strict=True)):
                write(sheet, r, col, *kind_and_value(kind, cell))
        sheet.freeze_panes(2, 0)
    book.close()
    return buffer.getvalue()


def report_docx(document: ReportDocument) -> bytes:
    doc = docx_writer.new_document(landscape=document.landscape)
    docx_writer.add_page_numbers(doc)
    docx_writer.add_title(doc, document.title)
    docx_writer.add_paragraph(
        doc, _("Figures as of %(day)s") % {"day": long_date(document.as_of)}, centred=True
    )
    for paragraph in document.summary:
        docx_writer.add_paragraph(doc, paragraph)
    for section in document.sections:
        docx_writer.add_heading(doc, section.heading)
        for paragraph in section.paragraphs:
            docx_writer.add_paragraph(doc, paragraph)
        for table in section.tables:
            if len(section.tables) > 1 or table.title != section.heading:
                docx_writer.add_paragraph(doc, table.title)
            if table.rows:
                docx_writer.add_table(doc, list(table.headers), shown_rows(table))
            else:
                docx_writer.add_paragraph(doc, _("None."))
    docx_writer.add_signature(doc, document.issued_by, long_date(document.made_on))
    return docx_writer.to_bytes(doc)
