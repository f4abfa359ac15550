"""Importing further inputs (flags such as 高新技术企业 or 一票否决 lists, numbers such as sub-let counts) from
a spreadsheet: one row per enterprise, the credit code and one column per input, headed by its label or key.

A blank cell leaves the stored value as it is; 否 (or 0) records "no". Any problem, named by row and column,
stores nothing, unless the user chooses to store only the rows without problems. Through the web the file is read in the worker only, in the two phases of
``core.upload_imports`` (``work``; the tasks are in ``evaluation.tasks``).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gaoxin.core.models import Job
from gaoxin.core.tabular.converters import control_character
from gaoxin.core.tabular.errors import CellError
from gaoxin.core.tabular.labels import label_key
from gaoxin.core.tabular.report import ImportReport
from gaoxin.core.upload_imports import Progress
from gaoxin.enterprises import selectors as enterprise_selectors
from gaoxin.evaluation import selectors, services
from gaoxin.evaluation.choices import INPUTS_IMPORT_JOB
from gaoxin.evaluation.engine.columns import LABELS
from gaoxin.evaluation.engine.glossary import CREDIT_CODE, ColumnType
from gaoxin.evaluation.engine.scheme import InputColumn
from gaoxin.evaluation.offline import OfflineError, read_table

JOB_NAME = INPUTS_IMPORT_JOB
_TRUE = {"是", "有", "√", "y", "yes", "true", "1"}
_FALSE = {"否", "无", "×", "n", "no", "false", "0"}
_CODE_HEADERS = {label_key(label) for label in (*LABELS[CREDIT_CODE], CREDIT_CODE)}


def declared_columns() -> list[InputColumn]:
    """The further inputs the active schemes declare (the first declaration of a key wins)."""
    columns: dict[str, InputColumn] = {}
    for scheme in selectors.active_schemes():
        for column in scheme.parsed().inputs:
            columns.setdefault(column.key, column)
    return list(columns.values())


@dataclass
class InputSheet:
    values: dict[int, dict[str, object]] = field(default_factory=dict)  # enterprise id → {key: value}
    rows: int = 0  # rows with a credit code or a value
    rejected: set[int] = field(default_factory=set)  # enterprises with a problem in their row
    errors: list[CellError] = field(default_factory=list)
    fatal: list[str] = field(default_factory=list)


_EXPECTED = {
    ColumnType.BOOL: gettext_noop("Expected 是 or 否."),
    ColumnType.NUMBER: gettext_noop("Expected a finite number."),
    ColumnType.DATE: gettext_noop("Expected a date such as 2024-05-31."),
}


def _convert(column: InputColumn, text: str) -> object:
    """The value of a non-blank cell; ValueError when it does not fit the column's type, or, for a number, is
    not finite or outside the bounds the scheme declares; text with control characters is refused too."""
    kind = column.type
    if control_character(text) is not None:
        raise ValueError(text)
    if kind is ColumnType.BOOL:
        lowered = text.lower()
        if lowered in _TRUE or lowered in _FALSE:
            return lowered in _TRUE
        raise ValueError(text)
    if kind is ColumnType.NUMBER:
        number = float(text.replace(",", ""))
        low, high = column.minimum, column.maximum
        if (
            not math.isfinite(number)
            or (low is not None and number < low)
            or (high is not None and number > high)
        ):
            raise ValueError(text)
        return number
    if kind is ColumnType.DATE:
        return dt.date.fromisoformat(text[:10]).isoformat()
    return text


def read_inputs(data: bytes, filename: str, year: int, columns: list[InputColumn]) -> InputSheet:
    sheet = InputSheet()
    try:
        table = read_table(data, filename)
    except OfflineError as error:
        sheet.fatal = error.problems
        return sheet
    by_header = {label_key(column.label): column for column in columns} | {
        label_key(column.key): column for column in columns
    }
    headers = {
        name: by_header[label_key(name)] for name in table.frame.columns if label_key(name) in by_header
    }
    code_header = next((name for name in table.frame.columns if label_key(name) in _CODE_HEADERS), None)
    if code_header is None or not headers:
        sheet.fatal.append(
            _("No column names one of the inputs: %(labels)s.")
            % {"labels": "、".join(c.label for c in columns) or "—"}
        )
        return sheet
    enterprises = enterprise_selectors.sheet_holders(year)
    expected = {kind: _(message) for kind, message in _EXPECTED.items()}
    sheet_name = filename
    for offset, row in enumerate(table.frame.iter_rows(named=True)):
        number = table.first_row + offset
        code = (row[code_header] or "").strip().upper()
        if not code and not any((row[header] or "").strip() for header in headers):
            continue
        sheet.rows += 1
        if code not in enterprises:
            sheet.errors.append(
                CellError(
                    sheet_name,
                    number,
                    code_header,
                    _("No enterprise with this credit code has data for %(year)d.") % {"year": year},
                    code or "—",
                )
            )
            continue
        for header, column in headers.items():
            text = (row[header] or "").strip()
            if not text:
                continue
            try:
                value = _convert(column, text)
            except ValueError:
                sheet.errors.append(CellError(sheet_name, number, header, expected[column.type], text))
                sheet.rejected.add(enterprises[code])
                continue
            sheet.values.setdefault(enterprises[code], {})[column.key] = value
    return sheet


def work(job: Job, data: bytes, dry_run: bool, progress: Progress) -> ImportReport:
    """A phase of an upload's job (``core.upload_imports.Work``): check the kept file, or store its values for
    the year chosen at upload as the uploader — nothing if any row has a problem, unless the user confirmed
    only the valid rows."""
    filename, year = job.result["filename"], int(job.result["year"])
    sheet = read_inputs(data, filename, year, declared_columns())
    report = ImportReport(
        filename=filename,
        kind=JOB_NAME,
        sheet=filename,
        total_rows=sheet.rows,
        valid_rows=sheet.rows - len({error.row for error in sheet.errors}),
        errors=sheet.errors,
        fatal=sheet.fatal,
    )
    progress(sheet.rows, sheet.rows)
    valid_only = bool(job.result.get("valid_only"))
    if dry_run or report.fatal or (report.errors and not valid_only):
        return report
    values = {key: row for key, row in sheet.values.items() if key not in sheet.rejected}
    report.counts = services.inputs_import(year=year, values=values, by=job.user)
    report.written = True
    return report
