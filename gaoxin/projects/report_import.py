"""Monthly reports by Excel: the template, and an import checked row by row before anything is written.

A responsible unit uploads its projects' months (.xlsx, .xls or .csv in UTF-8 or GBK). Every problem is named by
row and column: an unknown project code, a project of another unit, a month out of range or still to come,
negative amounts, text in number columns, a month given twice. All-or-nothing by default; ``valid_only``
writes the valid rows and reports the rest; ``dry_run`` checks only. Importing the same file again changes
nothing (the rows are compared with what is stored). Through the web both phases run in the worker
(``core.upload_imports``, with ``work`` and the tasks in ``projects.tasks``).
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gaoxin.accounts.models import User
from gaoxin.core.field_limits import bounded
from gaoxin.core.message_text import translated
from gaoxin.core.messages import Message
from gaoxin.core.models import Job
from gaoxin.core.tabular import (
    CellError,
    Code,
    Column,
    Integer,
    Number,
    ParseResult,
    TableSpec,
    TabularError,
    Text,
    Year,
    parse_sheet,
    read_workbook,
    template_xlsx,
    unique,
)
from gaoxin.core.tabular.report import ImportReport
from gaoxin.core.tabular_edge import import_limits
from gaoxin.core.upload_imports import Progress
from gaoxin.projects import permissions, selectors
from gaoxin.projects.models import MonthlyReport
from gaoxin.projects.services.progress import ReportRow, store_reports

PROGRESS_EVERY = 1000  # rows between two progress reports of the check
CODE_LABEL, MONTH_LABEL = "项目代码", "月份"
REPORTS = TableSpec(
    columns=(
        Column(
            "code",
            CODE_LABEL,
            aliases=("项目编号", "项目编码"),
            converter=Code(max_length=40),
            required=True,
            example="XM-2026-001",
        ),
        Column("name", "项目名称", aliases=("项目",), converter=Text(200), help_text="仅供核对，不导入"),
        Column("year", "年度", aliases=("年份",), converter=Year(2000, 2100), required=True, example=2026),
        Column(
            "month",
            MONTH_LABEL,
            aliases=("月度", "填报月份"),
            converter=Integer(min_value=1, max_value=12),
            required=True,
            example=3,
        ),
        Column(
            "completed",
            "本月完成投资",
            aliases=("当月完成投资", "完成投资"),
            converter=Number(min_value=0, places=4),
            unit="万元",
            required=True,
            example=1200,
        ),
        Column(
            "planned",
            "本月计划投资",
            aliases=("当月计划投资", "计划投资"),
            converter=Number(min_value=0, places=4),
            unit="万元",
            help_text="留空则保留已有的月度计划",
        ),
        Column(
            "physical_progress",
            "形象进度",
            aliases=("工程形象进度", "进展情况"),
            converter=Text(2000, multiline=True),
            help_text="留空则保留已有的形象进度",
            example="主体结构封顶",
        ),
    ),
    validators=(unique("code", "year", "month"),),
)


def template() -> bytes:
    return template_xlsx(REPORTS, sheet_name="月度投资", title="重大项目月度投资完成情况")


def _parse(data: bytes, filename: str) -> ParseResult:
    first: TabularError | None = None
    spec = bounded(REPORTS, MonthlyReport)  # each column held to what its field can store and may mean
    for sheet in read_workbook(data, filename, import_limits()):
        try:
            return parse_sheet(sheet, spec)
        except TabularError as problem:
            first = first or problem
    raise first or TabularError(Message(gettext_noop("The file contains no sheet.")))


def check(
    data: bytes,
    filename: str,
    *,
    by: User | None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> tuple[ImportReport, list[ReportRow]]:
    """Parse and check the file against the projects; the rows ready to store and the report of the others.
    ``progress(done, total)`` hears of the rows checked."""
    today = today or timezone.localdate()
    report = ImportReport(filename=filename)
    try:
        result = _parse(data, filename)
    except TabularError as problem:
        report.fatal = [translated(m) for m in problem.messages]
        return report, []
    report.sheet, report.notes = result.sheet, [str(n) for n in result.notes]
    errors = list(result.errors)
    projects = selectors.projects_by_code({str(r.values["code"]) for r in result.rows})
    rows: list[ReportRow] = []
    for done, parsed in enumerate(result.rows):
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, len(result.rows))
        values = parsed.values
        code, year, month = str(values["code"]), cast(int, values["year"]), cast(int, values["month"])
        problems: list[tuple[str, str, object]] = []
        project = projects.get(code)
        if project is None:
            problems.append((CODE_LABEL, _("no project has this code"), code))
        elif not permissions.may_edit(by, project):
            problems.append((CODE_LABEL, _("this project is not one of your unit's projects"), code))
        if (year, month) > (today.year, today.month):
            problems.append(
                (
                    MONTH_LABEL,
                    _("%(year)s-%(month)02d has not begun yet") % {"year": year, "month": month},
                    month,
                )
            )
        if problems or project is None:
            errors.extend(CellError(result.sheet, parsed.row_number, c, m, v) for c, m, v in problems)
            continue
        stored = {
            key: values[key]
            for key in ("completed", "planned", "physical_progress")
            if values.get(key) not in (None, "")
        }
        rows.append(ReportRow(project.pk, year, month, stored))
    if progress:
        progress(len(result.rows), len(result.rows))
    errors.sort(key=lambda e: (e.row, e.column_label or ""))
    report.errors = errors
    report.valid_rows = len(rows)
    report.total_rows = len(rows) + len({e.row for e in errors})
    return report, rows


def run_import(
    *,
    data: bytes,
    filename: str,
    by: User | None,
    valid_only: bool = False,
    dry_run: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Check the file, then store all its rows (none if any has a problem) or, with ``valid_only``, the valid
    ones. The counts say how many months were created, updated and left unchanged."""
    today = today or timezone.localdate()
    report, rows = check(data, filename, by=by, today=today, progress=progress)
    if dry_run or report.fatal or (report.errors and not valid_only) or not rows:
        return report
    report.counts = store_reports(rows, by=by, today=today).as_dict()
    report.written = True
    return report


def work(job: Job, data: bytes, dry_run: bool, progress: Progress) -> ImportReport:
    """A phase of an upload's job (``core.upload_imports.Work``): check the kept file, or store it as its uploader
    (whose unit's projects only) with the option the user confirmed."""
    return run_import(
        data=data,
        filename=job.result["filename"],
        by=job.user,
        valid_only=job.result["valid_only"],
        dry_run=dry_run,
        progress=progress,
    )
