"""Running the engine on a county's own spreadsheet, without the database: the ``gaoxin evaluate`` command.

The sheet's header row is the first (of the first 20) naming the credit code (统一社会信用代码 …); every
cell below it is read as text and ``columns.map_columns`` converts it by the column's type and stated unit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from django.utils.translation import gettext as _

from gaoxin.core.message_text import translated
from gaoxin.core.tabular.errors import TabularError
from gaoxin.core.tabular.labels import label_key
from gaoxin.core.tabular.reading import RawSheet, read_workbook
from gaoxin.core.tabular_edge import import_limits
from gaoxin.evaluation import engine
from gaoxin.evaluation.engine.columns import LABELS, map_columns
from gaoxin.evaluation.engine.xlsx import write_result_xlsx
from gaoxin.evaluation.messages import input_problems, scheme_problems

HEADER_SEARCH_ROWS = 20


class OfflineError(ValueError):
    """The files cannot be used; ``problems`` says why, in the user's language."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else format(value, ".15g")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _is_code_header(value: object) -> bool:
    names = {label_key(label) for label in LABELS["credit_code"]} | {label_key("credit_code")}
    return label_key(cell_text(value)) in names


@dataclass(frozen=True)
class SheetTable:
    frame: pl.DataFrame  # text columns named by the header row
    first_row: int  # the spreadsheet row number of the frame's first row


def sheet_frame(sheet: RawSheet) -> SheetTable:
    """The sheet's table below its header row, from its first to its last filled row (blank rows between
    stay, so that row numbers in messages are the sheet's; ``evaluate_files`` drops them)."""
    rows = sheet.rows
    header_at = next(
        (i for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]) if any(_is_code_header(cell) for cell in row)),
        None,
    )
    if header_at is None:
        raise OfflineError(
            [_("Sheet %(sheet)s has no header row with the column 统一社会信用代码.") % {"sheet": sheet.name}]
        )
    headers = [cell_text(cell) for cell in rows[header_at]]
    kept = [(index, header) for index, header in enumerate(headers) if header]
    seen: set[str] = set()
    for _index, header in kept:
        if header in seen:
            raise OfflineError([_("Column %(column)s appears twice.") % {"column": header}])
        seen.add(header)
    filled = [n for n, row in enumerate(rows[header_at + 1 :]) if any(cell_text(cell) for cell in row)]
    skipped = filled[0] if filled else 0
    body = rows[header_at + 1 + skipped : header_at + 2 + filled[-1]] if filled else []
    columns = {
        header: [cell_text(row[index]) if index < len(row) else "" for row in body] for index, header in kept
    }
    frame = pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String))
    return SheetTable(frame, header_at + skipped + 2)


def read_data(path: Path, sheet_name: str | None = None) -> SheetTable:
    return read_table(path.read_bytes(), path.name, sheet_name)


def read_table(data: bytes, filename: str, sheet_name: str | None = None) -> SheetTable:
    """The table of the named (or first) sheet of a .xlsx, .xls or .csv file."""
    try:
        sheets = read_workbook(data, filename, import_limits())
    except TabularError as error:
        raise OfflineError([translated(message) for message in error.messages]) from error
    if sheet_name is not None:
        chosen = next((sheet for sheet in sheets if sheet.name == sheet_name), None)
        if chosen is None:
            raise OfflineError([_("The workbook has no sheet named %(sheet)s.") % {"sheet": sheet_name}])
        return sheet_frame(chosen)
    return sheet_frame(sheets[0])


@dataclass(frozen=True)
class OfflineResult:
    result: engine.ScoreTable
    absent: list[str]  # labels of the scheme's further inputs the sheet lacks, taken as empty


def with_absent_inputs(frame: pl.DataFrame, scheme: engine.Scheme) -> tuple[pl.DataFrame, list[str]]:
    """The frame with an empty column for each further input of the scheme it lacks (no flag set)."""
    absent = [column for column in scheme.inputs if column.key not in frame.columns]
    frame = frame.with_columns(pl.lit(None, pl.String).alias(column.key) for column in absent)
    return frame, [column.label for column in absent]


def evaluate_files(
    scheme_path: Path, data_path: Path, out_path: Path, *, year: int | None = None, sheet: str | None = None
) -> OfflineResult:
    """Score the spreadsheet ``data_path`` with the scheme file ``scheme_path`` and write ``out_path``."""
    for path in (scheme_path, data_path):
        if not path.is_file():
            raise OfflineError([_("File %(path)s does not exist.") % {"path": path}])
    try:
        scheme = engine.parse_scheme(scheme_path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as error:
        raise OfflineError([_("The scheme file is not UTF-8 text.")]) from error
    except engine.SchemeError as error:
        raise OfflineError(scheme_problems(error)) from error
    table = read_data(data_path, sheet)
    try:
        mapped = map_columns(table.frame, scheme, first_row=table.first_row)
        mapped = mapped.filter(~pl.all_horizontal(pl.all().is_null()))
        mapped, absent = with_absent_inputs(mapped, scheme)
        result = engine.evaluate(mapped, scheme, year=year)
    except engine.InputError as error:
        raise OfflineError(input_problems(error)) from error
    try:
        write_result_xlsx(result, out_path, translate=_)
    except OSError as error:
        raise OfflineError(
            [_("Cannot write %(path)s: %(error)s") % {"path": out_path, "error": error.strerror}]
        ) from error
    return OfflineResult(result, absent)
