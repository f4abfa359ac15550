"""An import from file to database: read, parse, check against the registry, then store all or the valid rows.

All-or-nothing by default: with any error nothing is written. ``valid_only`` stores the valid rows and reports
the rest. ``dry_run`` checks everything and writes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gaoxin.accounts.models import User
from gaoxin.core.field_limits import bounded
from gaoxin.core.message_text import translated
from gaoxin.core.messages import Message
from gaoxin.core.tabular.errors import CellError, TabularError
from gaoxin.core.tabular.headers import locate_header
from gaoxin.core.tabular.parsing import parse_sheet
from gaoxin.core.tabular.reading import RawSheet, read_workbook
from gaoxin.core.tabular.report import ImportReport
from gaoxin.core.tabular.results import ParsedRow, ParseResult
from gaoxin.core.tabular_edge import import_limits
from gaoxin.enterprises.imports import upsert
from gaoxin.enterprises.imports.specs import SPECS
from gaoxin.enterprises.models import Enterprise, EnterpriseYear

KINDS = tuple(SPECS)
KIND_NAMES = {"enterprises": gettext_noop("Enterprise list"), "years": gettext_noop("Yearly data")}
SHARED_KEYS = frozenset({"credit_code", "name"})  # the columns both kinds of file have
MODELS = {"enterprises": Enterprise, "years": EnterpriseYear}  # the model whose fields each kind fills
_LIST_SEPARATORS = re.compile(r"[、，,；;/\n]+")
Progress = Callable[[int, int], None]


def _split_list(value: object) -> list[str] | None:
    if value is None:
        return None
    return [part.strip() for part in _LIST_SEPARATORS.split(str(value)) if part.strip()]


def _choose_sheet(data: bytes, filename: str, kind: str) -> ParseResult:
    """Parse the first sheet whose header fits the spec; when none fits, the problems of the first sheet that
    looks like the other kind of file, or else of the first sheet."""
    sheets = read_workbook(data, filename, import_limits())
    spec = bounded(SPECS[kind], MODELS[kind])  # at each import: the limits of dates and years move on
    wrong_kind: TabularError | None = None
    first_problem: TabularError | None = None
    for sheet in sheets:
        mismatch = _looks_like_the_other_kind(sheet, kind)
        if mismatch is not None:
            wrong_kind = wrong_kind or TabularError(mismatch)
            continue
        try:
            return parse_sheet(sheet, spec)
        except TabularError as problem:
            first_problem = first_problem or problem
    raise wrong_kind or first_problem or TabularError(Message(gettext_noop("The file contains no sheet.")))


def _own_columns(sheet: RawSheet, kind: str) -> list[str]:
    """The labels of the columns only files of ``kind`` have (not the credit code and name both have) that
    the sheet's header names; none when the header lacks a column ``kind`` requires."""
    try:
        layout = locate_header(sheet, SPECS[kind])
    except TabularError:
        return []
    return [bound.column.label for bound in layout.columns if bound.column.key not in SHARED_KEYS]


def _looks_like_the_other_kind(sheet: RawSheet, kind: str) -> Message | None:
    """A sheet with none of the columns of ``kind`` and some of the other kind's (a yearly-data file uploaded
    as the enterprise list, or the reverse) is refused, naming what it looks like."""
    other = next(name for name in SPECS if name != kind)
    if _own_columns(sheet, kind):
        return None
    columns = _own_columns(sheet, other)
    if not columns:
        return None
    return Message(
        gettext_noop(
            'Sheet "%(sheet)s" looks like %(other)s: it has the columns %(columns)s and none of the columns '
            'of %(kind)s. Choose "%(other)s" as what the file contains and upload it again.'
        ),
        {
            "sheet": sheet.name,
            "other": _(KIND_NAMES[other]),
            "kind": _(KIND_NAMES[kind]),
            "columns": "、".join(f"“{label}”" for label in columns[:5]),
        },
    )


def _registry_errors(result: ParseResult) -> list[CellError]:
    """Yearly rows must name enterprises already in the registry."""
    known = upsert.enterprise_index({str(row.values["credit_code"]) for row in result.rows})
    return [
        CellError(
            result.sheet,
            row.row_number,
            "统一社会信用代码",
            _(
                "no enterprise with this credit code is in the registry; import it with the enterprise list first"
            ),
            row.values["credit_code"],
        )
        for row in result.rows
        if row.values["credit_code"] not in known
    ]


def _rows_for_store(kind: str, rows: list[ParsedRow]) -> list[dict[str, Any]]:
    if kind == "enterprises":
        prepared = []
        for row in rows:
            values = dict(row.values)
            for key in ("chains", "former_names"):
                if key in values:
                    values[key] = _split_list(values[key])
            prepared.append(values)
        return prepared
    return [row.values for row in rows]


def run_import(
    *,
    kind: str,
    data: bytes,
    filename: str,
    by: User | None,
    valid_only: bool = False,
    dry_run: bool = False,
    source: str = "other",
    progress: Progress | None = None,
) -> ImportReport:
    report = ImportReport(kind=kind, filename=filename)
    try:
        result = _choose_sheet(data, filename, kind)
    except TabularError as problem:
        report.fatal = [translated(m) for m in problem.messages]
        return report
    report.sheet = result.sheet
    report.notes = [str(n) for n in result.notes]
    errors = list(result.errors)
    rows = result.rows
    if kind == "years":
        registry = _registry_errors(result)
        bad_rows = {e.row for e in registry}
        errors.extend(registry)
        rows = [r for r in rows if r.row_number not in bad_rows]
    errors.sort(key=lambda e: (e.row, e.column_label or ""))
    report.errors = errors
    report.valid_rows = len(rows)
    report.total_rows = len(rows) + len({e.row for e in errors})
    if dry_run or (errors and not valid_only) or not rows:
        return report
    prepared = _rows_for_store(kind, rows)
    if kind == "enterprises":
        counts = upsert.store_enterprises(prepared, by=by, progress=progress or upsert.no_progress)
    else:
        counts = upsert.store_years(prepared, source=source, by=by, progress=progress or upsert.no_progress)
    report.counts = counts.as_dict()
    report.written = True
    return report
