"""Parsing a raw sheet against a TableSpec: every cell converted, every problem named by row and column.

Conversion runs column by column: the bound cells are picked out of every row in C (``itemgetter``,
``zip``), and each column goes through its compiled converter with ``map``; a ConversionError records the
cell and conversion resumes with the next one. Rows are then reassembled, blank rows skipped, required
cells checked and the validators run on the rows that converted cleanly.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from operator import itemgetter

from gaoxin.core.messages import Message, gettext_noop
from gaoxin.core.tabular.columns import TableSpec
from gaoxin.core.tabular.converters import CellValue, Convert, display_value
from gaoxin.core.tabular.errors import CellError, ConversionError, TabularError, text
from gaoxin.core.tabular.headers import DEFAULT_HEADER_SEARCH_ROWS, locate_header, select_sheet
from gaoxin.core.tabular.limits import DEFAULT_LIMITS, ReadLimits
from gaoxin.core.tabular.reading import RawSheet, read_workbook
from gaoxin.core.tabular.results import ParsedRow, ParseResult
from gaoxin.core.tabular.validation import Validator

_REQUIRED = gettext_noop("must not be empty")
_FAILED = object()  # stands for a cell whose conversion failed


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
    bound = layout.columns
    first_data_row = layout.last_row + 1
    data = sheet.rows[first_data_row:]
    name = sheet.name
    failures: dict[int, list[CellError]] = {}
    converted = []
    for column, raw_values in zip(bound, _columns(data, [b.index for b in bound]), strict=True):
        convert = column.column.converter.compile(column.scale)
        converted.append(
            _convert_column(convert, raw_values, name, first_data_row, column.column.label, failures)
        )
    keys = tuple(b.column.key for b in bound)
    required = [(position, b.column.label) for position, b in enumerate(bound) if b.column.required]
    required_message = text(Message(_REQUIRED))
    rows: list[ParsedRow] = []
    errors: list[CellError] = []
    for offset, values in enumerate(zip(*converted, strict=False)):  # equal lengths by construction
        # Identity tests only: comparing a Decimal with None goes through a slow isinstance check.
        if values[0] is None and all(value is None for value in values):
            continue  # blank row (a failed cell is not None, so such a row is never blank)
        row_number = first_data_row + offset + 1
        row_errors = failures.get(offset)
        for position, label in required:
            if values[position] is None:
                row_errors = row_errors or []
                row_errors.append(CellError(name, row_number, label, required_message, ""))
        if row_errors:
            errors.extend(row_errors)
        else:
            rows.append(ParsedRow(row_number, dict(zip(keys, values, strict=False))))
    all_validators = (*spec.validators, *validators)
    if all_validators:
        rows, errors = _validate(name, spec, rows, errors, all_validators)
    return ParseResult(
        sheet=name,
        rows=rows,
        errors=errors,
        notes=[text(note) for note in layout.notes],
        header_rows=(layout.first_row + 1, layout.last_row + 1),
        columns=keys,
    )


def _columns(data: Sequence[Sequence[CellValue]], indexes: list[int]) -> Iterator[tuple[CellValue, ...]]:
    """The cells at ``indexes`` of every row, column by column; short rows count as empty cells."""
    if not data:
        return iter([()] * len(indexes))
    needed = max(indexes) + 1
    if min(map(len, data)) < needed:
        data = [row if len(row) >= needed else [*row, *[""] * (needed - len(row))] for row in data]
    if len(indexes) == 1:
        return iter([tuple(row[indexes[0]] for row in data)])
    return zip(*map(itemgetter(*indexes), data), strict=True)


def _convert_column(
    convert: Convert,
    raw_values: tuple[CellValue, ...],
    sheet_name: str,
    first_data_row: int,
    label: str,
    failures: dict[int, list[CellError]],
) -> list[object]:
    out: list[object] = []
    append = out.append
    results = map(convert, raw_values)
    while True:
        try:
            for value in results:
                append(value)
        except ConversionError as error:
            offset = len(out)
            raw = raw_values[offset]
            failures.setdefault(offset, []).append(
                CellError(sheet_name, first_data_row + offset + 1, label, str(error), raw)
            )
            append(_FAILED)
        else:
            return out


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
                    text(issue.message),
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
    limits: ReadLimits = DEFAULT_LIMITS,
) -> ParseResult:
    """Read a file and parse the sheet called ``sheet_name``, or else the sheet whose header fits best."""
    sheets = read_workbook(data, filename, limits)
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
