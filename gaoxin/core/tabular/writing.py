"""Writing data and empty templates as .xlsx with xlsxwriter (constant memory: rows streamed in order).

Headers are the Chinese labels with the column's unit ("实缴税金（万元）"), code and text columns carry the
text format so that leading zeros survive typing in Excel, numbers carry number formats, the header is
frozen and required columns are marked red. What ``write_xlsx`` writes, ``parse_sheet`` reads back to
the same values (numbers up to Excel's 15 significant digits).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import Decimal

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from gaoxin.core.tabular.columns import Column, TableSpec
from gaoxin.core.tabular.errors import gettext
from gaoxin.core.tabular.units import family_symbols
from gaoxin.core.tabular.workbooks import new_workbook

_MAX_WIDTH = 60
_FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


def write_xlsx(
    spec: TableSpec,
    rows: Iterable[Mapping[str, object]],
    sheet_name: str,
    title: str | None = None,
    note: str | None = None,
) -> bytes:
    """An .xlsx of ``rows`` (dicts keyed by column key, as ``ParsedRow.values``) in spec column order.

    ``title`` is a bold first row and ``note`` a wrapped row below it, both above the header.
    """
    buffer = io.BytesIO()
    workbook = new_workbook(buffer)
    sheet = workbook.add_worksheet(excel_sheet_name(sheet_name))
    _write_table(workbook, sheet, spec, rows, title, note)
    workbook.close()
    return buffer.getvalue()


def template_xlsx(
    spec: TableSpec, sheet_name: str | None = None, title: str | None = None, input_rows: int = 1000
) -> bytes:
    """An empty template: the header over ``input_rows`` formatted rows (drop-down lists for choice and
    yes/no columns), and a second sheet "填写说明" explaining each column: required or not, unit,
    what to type, an example."""
    name = excel_sheet_name(sheet_name or gettext("Data"))
    buffer = io.BytesIO()
    workbook = new_workbook(buffer)
    sheet = workbook.add_worksheet(name)
    header_row = _write_table(workbook, sheet, spec, (), title, None)
    for index, column in enumerate(spec.columns):
        options = column.converter.allowed_values()
        if options:
            sheet.data_validation(
                header_row + 1,
                index,
                header_row + input_rows,
                index,
                {"validate": "list", "source": list(options)},
            )
    _write_instructions(workbook, spec, name)
    workbook.close()
    return buffer.getvalue()


def excel_sheet_name(name: str) -> str:
    """A valid Excel sheet name: no []:*?/\\ and at most 31 characters."""
    return _FORBIDDEN_IN_SHEET_NAMES.sub("_", name)[:31] or "Sheet1"


def display_width(text: str) -> int:
    """Width in Excel character units: CJK and other wide characters count twice."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


class _Formats:
    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        border = {"border": 1, "valign": "vcenter", "text_wrap": True}
        self.title = workbook.add_format(
            {"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"}
        )
        self.note = workbook.add_format({"text_wrap": True, "valign": "top"})
        self.header = workbook.add_format({**border, "bold": True, "align": "center", "bg_color": "#DDEBF7"})
        self.required = workbook.add_format(
            {**border, "bold": True, "align": "center", "bg_color": "#DDEBF7", "font_color": "#C00000"}
        )
        self.cell = workbook.add_format({**border, "valign": "top"})
        self._numbers: dict[tuple[str, bool], Format] = {}

    def number(self, num_format: str, bordered: bool = False) -> Format:
        key = (num_format, bordered)
        if key not in self._numbers:
            properties: dict[str, object] = {"num_format": num_format}
            if bordered:
                properties |= {"border": 1, "valign": "top"}
            self._numbers[key] = self.workbook.add_format(properties)
        return self._numbers[key]


def _write_cell(sheet: Worksheet, row: int, index: int, value: object, cell_format: Format) -> None:
    if isinstance(value, str):
        sheet.write_string(row, index, value, cell_format)
    elif isinstance(value, bool):
        sheet.write_boolean(row, index, value, cell_format)
    elif isinstance(value, Decimal | int | float):
        sheet.write_number(row, index, float(value), cell_format)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, index, value, cell_format)
    else:
        sheet.write_string(row, index, str(value), cell_format)


def _write_banner(sheet: Worksheet, row: int, last_index: int, text: str, cell_format: Format) -> None:
    if last_index > 0:
        sheet.merge_range(row, 0, row, last_index, text, cell_format)
    else:
        sheet.write_string(row, 0, text, cell_format)


def _write_table(
    workbook: Workbook,
    sheet: Worksheet,
    spec: TableSpec,
    rows: Iterable[Mapping[str, object]],
    title: str | None,
    note: str | None,
) -> int:
    """Title, note, header and data rows; returns the 0-based header row."""
    formats = _Formats(workbook)
    columns = list(spec.columns)
    last_index = len(columns) - 1
    header_row = 0
    if title:
        sheet.set_row(header_row, 28)
        _write_banner(sheet, header_row, last_index, title, formats.title)
        header_row += 1
    if note:
        sheet.set_row(header_row, 15 * (note.count("\n") + 1))
        _write_banner(sheet, header_row, last_index, note, formats.note)
        header_row += 1
    writers = []
    for index, column in enumerate(columns):
        cell_format = formats.number(column.converter.num_format)
        width = min(max(column.converter.width, display_width(column.header) + 2), _MAX_WIDTH)
        sheet.set_column(index, index, width, cell_format)
        header_format = formats.required if column.required else formats.header
        sheet.write_string(header_row, index, column.header, header_format)
        writers.append((index, column.key, column.converter.to_cell, cell_format))
    sheet.freeze_panes(header_row + 1, 0)
    row = header_row
    for values in rows:
        row += 1
        for index, key, to_cell, cell_format in writers:
            value = values.get(key)
            if value is not None:
                _write_cell(sheet, row, index, to_cell(value), cell_format)
    sheet.autofilter(header_row, 0, max(row, header_row), last_index)
    return header_row


def _unit_text(column: Column) -> str:
    unit = column.canonical_unit
    if unit is None:
        return ""
    others = [symbol for symbol in family_symbols(unit.family) if symbol != unit.symbol]
    return gettext("The header may state %(units)s instead; values are converted to %(unit)s.") % {
        "units": "、".join(others),
        "unit": unit.symbol,
    }


def _write_instructions(workbook: Workbook, spec: TableSpec, data_sheet: str) -> None:
    formats = _Formats(workbook)
    sheet = workbook.add_worksheet(excel_sheet_name(gettext("Instructions")))
    headings = [
        gettext("Column name"),
        gettext("Required?"),
        gettext("Unit"),
        gettext("What to enter"),
        gettext("Example"),
        gettext("Explanation"),
    ]
    for index, width in enumerate((26, 8, 10, 36, 18, 50)):
        sheet.set_column(index, index, width)
    sheet.set_row(0, 45)
    _write_banner(
        sheet,
        0,
        len(headings) - 1,
        gettext(
            'Fill in the sheet "%(sheet)s" row by row below its header. Red column names are required. '
            "Columns may be reordered; unknown columns are ignored."
        )
        % {"sheet": data_sheet},
        formats.note,
    )
    for index, heading in enumerate(headings):
        sheet.write_string(1, index, heading, formats.header)
    for row, column in enumerate(spec.columns, start=2):
        notes = [
            text
            for text in (
                column.help_text,
                _unit_text(column),
                gettext("Also accepted as the header: %(aliases)s") % {"aliases": "、".join(column.aliases)}
                if column.aliases
                else "",
            )
            if text
        ]
        sheet.write_string(row, 0, column.header, formats.required if column.required else formats.cell)
        sheet.write_string(row, 1, gettext("Yes") if column.required else gettext("No"), formats.cell)
        sheet.write_string(row, 2, column.unit or "", formats.cell)
        sheet.write_string(row, 3, column.converter.describe(), formats.cell)
        if column.example is None:
            sheet.write_blank(row, 4, None, formats.cell)
        else:
            example_format = formats.number(column.converter.num_format, bordered=True)
            _write_cell(sheet, row, 4, column.converter.to_cell(column.example), example_format)
        sheet.write_string(row, 5, "\n".join(notes), formats.cell)
