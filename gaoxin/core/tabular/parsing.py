"""Parsing a raw sheet against a TableSpec: every cell converted, every problem named by row and column."""

from __future__ import annotations

from collections.abc import Sequence

from gaoxin.core.tabular.columns import TableSpec
from gaoxin.core.tabular.converters import display_value
from gaoxin.core.tabular.errors import CellError, ConversionError, Message, TabularError, gettext_noop
from gaoxin.core.tabular.headers import DEFAULT_HEADER_SEARCH_ROWS, locate_header, select_sheet
from gaoxin.core.tabular.reading import RawSheet, read_workbook
from gaoxin.core.tabular.results import ParsedRow, ParseResult
from gaoxin.core.tabular.validation import Validator

_REQUIRED = gettext_noop("must not be empty")


def parse_sheet(
    sheet: RawSheet,
    spec: TableSpec,
    *,
    validators: Sequence[Validator] = (),
    search_rows: int = DEFAULT_HEADER_SEARCH_ROWS,
) -> ParseResult:
    """Convert every data row below the header, then run the spec's and the given validators on clean rows.

    Blank rows are skipped. Raises TabularError when the header cannot be used (see ``locate_header``).
    """
    layout = locate_header(sheet, spec, search_rows)
    plan = [
        (bound.index, bound.column.key, bound.column.converter.compile(bound.scale), bound.column.label)
        for bound in layout.columns
    ]
    required = [(bound.column.key, bound.column.label) for bound in layout.columns if bound.column.required]
    required_message = str(Message(_REQUIRED))
    name = sheet.name
    rows: list[ParsedRow] = []
    errors: list[CellError] = []
    all_rows = sheet.rows
    for row_index in range(layout.last_row + 1, len(all_rows)):
        cells = all_rows[row_index]
        width = len(cells)
        values: dict[str, object] = {}
        filled = False
        row_errors: list[CellError] = []
        for index, key, convert, label in plan:
            raw = cells[index] if index < width else ""
            if raw == "":
                values[key] = None
                continue
            try:
                value = convert(raw)
            except ConversionError as error:
                filled = True
                row_errors.append(CellError(name, row_index + 1, label, str(error), raw))
                continue
            values[key] = value
            if value is not None:
                filled = True
        if not filled:
            continue
        for key, label in required:
            if key in values and values[key] is None:
                row_errors.append(CellError(name, row_index + 1, label, required_message, ""))
        if row_errors:
            errors.extend(row_errors)
        else:
            rows.append(ParsedRow(row_index + 1, values))
    all_validators = (*spec.validators, *validators)
    if all_validators:
        rows, errors = _validate(name, spec, rows, errors, all_validators)
    return ParseResult(
        sheet=name,
        rows=rows,
        errors=errors,
        notes=[str(note) for note in layout.notes],
        header_rows=(layout.first_row + 1, layout.last_row + 1),
        columns=tuple(bound.column.key for bound in layout.columns),
    )


def _validate(
    sheet_name: str,
    spec: TableSpec,
    rows: list[ParsedRow],
    errors: list[CellError],
    validators: Sequence[Validator],
) -> tuple[list[ParsedRow], list[CellError]]:
    labels = {column.key: column.label for column in spec.columns}
    by_number = {row.row_number: row for row in rows}
    found: list[CellError] = []
    for validator in validators:
        for issue in validator(rows):
            row = by_number[issue.row_number]
            found.append(
                CellError(
                    sheet_name,
                    issue.row_number,
                    "、".join(labels[key] for key in issue.keys) or None,
                    str(issue.message),
                    " / ".join(display_value(row.values.get(key)) for key in issue.keys),
                )
            )
    if not found:
        return rows, errors
    failed = {error.row for error in found}
    merged = sorted([*errors, *found], key=lambda error: error.row)
    return [row for row in rows if row.row_number not in failed], merged


def parse_workbook(
    data: bytes,
    filename: str,
    spec: TableSpec,
    *,
    sheet_name: str | None = None,
    validators: Sequence[Validator] = (),
) -> ParseResult:
    """Read a file and parse the sheet called ``sheet_name``, or else the sheet whose header fits best."""
    sheets = read_workbook(data, filename)
    if sheet_name is None:
        sheet = select_sheet(sheets, spec)
    else:
        named = [sheet for sheet in sheets if sheet.name == sheet_name]
        if not named:
            raise TabularError(
                Message(gettext_noop('The file has no sheet named "%(sheet)s".'), {"sheet": sheet_name})
            )
        sheet = named[0]
    return parse_sheet(sheet, spec, validators=validators)
