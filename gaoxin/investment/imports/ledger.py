"""The bureau's existing 招商台账 (lead ledger) by Excel or CSV (UTF-8 or GBK): the template, and an import checked
row by row before anything is written.

Messy headers are recognised by their aliases (项目名称/项目, 投资方/投资主体/客商, 总投资（亿元）…); amounts in 亿元 or
元 are converted to 万元 by the header's unit. A stage, a source and an officer are matched against the configured
stages, the sources and the staff by name. Each row is registered through ``services.leads.lead_create`` (so it
is validated and logged exactly like a lead registered by hand); the check runs the same registrations and rolls
them back. Every problem names its row and column; the possible duplicates of each row (with the leads already
stored and the earlier rows of the file) are reported as notes. All-or-nothing by default; ``valid_only`` writes
the valid rows. Through the web both phases run in the worker (``core.upload_imports``, tasks in ``imports.tasks``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gaoxin.accounts.models import User
from gaoxin.core.message_text import translated
from gaoxin.core.messages import Message
from gaoxin.core.models import Job
from gaoxin.core.tabular import (
    CellError,
    Choice,
    Column,
    Date,
    Number,
    ParseResult,
    TableSpec,
    TabularError,
    Text,
    parse_sheet,
    read_workbook,
    template_xlsx,
)
from gaoxin.core.tabular.report import ImportReport
from gaoxin.core.tabular_edge import import_limits
from gaoxin.core.upload_imports import Progress
from gaoxin.investment import permissions
from gaoxin.investment.choices import LEDGER_IMPORT_JOB, Source
from gaoxin.investment.models import Lead
from gaoxin.investment.selectors import imports as reads
from gaoxin.investment.selectors.leads import possible_duplicates
from gaoxin.investment.services import leads as lead_services

JOB = LEDGER_IMPORT_JOB
SOURCES = {
    "以商引商": Source.REFERRAL,
    "中介/商会协会": Source.INTERMEDIARY,
    "驻外招商点": Source.OVERSEAS_OFFICE,
    "展会/推介会": Source.FAIR,
    "基金招商": Source.FUND,
    "网络": Source.ONLINE,
    "全员招商": Source.ALL_STAFF,
    "其他": Source.OTHER,
}
SOURCE_ALIASES = {
    "企业推荐": Source.REFERRAL, "引荐": Source.REFERRAL, "中介": Source.INTERMEDIARY,
    "商会": Source.INTERMEDIARY, "协会": Source.INTERMEDIARY, "驻外": Source.OVERSEAS_OFFICE,
    "展会": Source.FAIR, "推介会": Source.FAIR, "招商会": Source.FAIR, "基金": Source.FUND,
    "线上": Source.ONLINE, "网上": Source.ONLINE, "自主招商": Source.ALL_STAFF,
}  # fmt: skip
STAGE_LABEL, OFFICER_LABEL = "阶段", "责任人"
LEDGER = TableSpec(
    columns=(
        Column("name", "项目名称", aliases=("项目", "项目名", "在谈项目"), converter=Text(200), required=True,
               example="年产10GW高效光伏组件项目"),
        Column("investor_name", "投资方", aliases=("投资主体", "投资企业", "投资单位", "客商", "企业名称"),
               converter=Text(200), required=True, example="恒达新能源科技有限公司"),
        Column("investor_credit_code", "统一社会信用代码", aliases=("信用代码", "投资方信用代码"),
               converter=Text(18), help_text="国内投资方填写"),
        Column("total_investment", "总投资", aliases=("投资总额", "计划总投资", "总投资额"),
               converter=Number(min_value=0, places=4), unit="万元", example=120000,
               help_text="表头注明单位（亿元、万元、元）即按单位换算"),
        Column("fixed_asset_investment", "固定资产投资", aliases=("固投", "固定资产投资额"),
               converter=Number(min_value=0, places=4), unit="万元", example=100000),
        Column("land_mu", "用地", aliases=("用地面积", "拟用地", "用地需求"),
               converter=Number(min_value=0, places=4), unit="亩", example=300),
        Column("source", "来源", aliases=("项目来源", "信息来源", "招商方式", "线索来源"),
               converter=Choice(SOURCES, SOURCE_ALIASES), example="以商引商"),
        Column("officer", OFFICER_LABEL, aliases=("负责人", "招商责任人", "跟进人", "责任干部"),
               converter=Text(60), help_text="工作人员的姓名；留空则由导入人负责", example="吴静"),
        Column("stage", STAGE_LABEL, aliases=("进展阶段", "当前阶段", "项目阶段", "推进阶段"),
               converter=Text(40), help_text="线索、接洽、考察、洽谈……；留空为第一个阶段", example="洽谈"),
        Column("registered_on", "登记日期", aliases=("登记时间", "录入日期", "首次接触日期", "日期"),
               converter=Date(), help_text="留空为导入当天", example=dt.date(2026, 3, 2)),
        Column("description", "备注", aliases=("进展情况", "说明", "情况说明"),
               converter=Text(2000, multiline=True)),
    ),
)  # fmt: skip
FIELD_LABELS = {column.key: column.label for column in LEDGER.columns} | {
    "responsible_unit": OFFICER_LABEL,
    "registered_on": "登记日期",
}


def template() -> bytes:
    return template_xlsx(LEDGER, sheet_name="招商台账", title="招商引资项目台账")


def _parse(data: bytes, filename: str) -> ParseResult:
    first: TabularError | None = None
    for sheet in read_workbook(data, filename, import_limits()):
        try:
            return parse_sheet(sheet, LEDGER)
        except TabularError as problem:
            first = first or problem
    raise first or TabularError(Message(gettext_noop("The file contains no sheet.")))


class _Lookups:
    """The stages and staff rows name, fetched once."""

    def __init__(self) -> None:
        self.stages = reads.named_stages()
        self.staff = reads.named_staff()


def _lead_data(
    values: dict[str, Any], lookups: _Lookups, by: User
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The lead's fields from a parsed row, and the problems (label, message) of its stage and officer."""
    problems: list[tuple[str, str]] = []
    data = {
        key: values[key]
        for key in ("name", "investor_name", "investor_credit_code", "total_investment", "fixed_asset_investment",
                    "land_mu", "source", "description")
        if values.get(key) not in (None, "")
    }  # fmt: skip
    stage_name = str(values.get("stage") or "").strip()
    if stage_name:
        stage = lookups.stages.get(stage_name)
        if stage is None:
            problems.append((STAGE_LABEL, _("no stage is called %(name)s") % {"name": stage_name}))
        else:
            data["stage"] = stage
    officer_name = str(values.get("officer") or "").strip()
    officer = by
    if officer_name:
        found = lookups.staff.get(officer_name, [])
        if len(found) != 1:
            message = (
                _("no officer is called %(name)s") if not found else _("several officers are called %(name)s")
            )
            problems.append((OFFICER_LABEL, message % {"name": officer_name}))
        else:
            officer = found[0]
    data["officer"] = officer
    data["responsible_unit"] = officer.department or by.department
    return data, problems


def _register(
    parsed: Any, lookups: _Lookups, by: User, today: dt.date, sheet: str
) -> tuple[Lead | None, list[CellError]]:
    """Register one row as a lead in a savepoint; the lead, or the row's problems by column."""
    data, problems = _lead_data(parsed.values, lookups, by)
    errors = [CellError(sheet, parsed.row_number, label, message, None) for label, message in problems]
    if errors:
        return None, errors
    on = parsed.values.get("registered_on") or today
    try:
        with transaction.atomic():
            return lead_services.lead_create(data=data, by=by, on=on), []
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            label = FIELD_LABELS.get(name)
            errors += [CellError(sheet, parsed.row_number, label, message, None) for message in messages]
        return None, errors


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
    """Check the file by registering its rows (rolled back on ``dry_run``, or when any row has a problem and not
    ``valid_only``); the report names each problem's row and column and each row's possible duplicates."""
    if by is None or not permissions.is_bureau(by):
        raise PermissionDenied
    today = today or timezone.localdate()
    report = ImportReport(filename=filename, kind=JOB)
    try:
        result = _parse(data, filename)
    except TabularError as problem:
        report.fatal = [translated(m) for m in problem.messages]
        return report
    report.sheet, report.notes = result.sheet, [str(n) for n in result.notes]
    errors = list(result.errors)
    created: list[tuple[int, Lead]] = []
    lookups = _Lookups()
    with transaction.atomic():
        for done, parsed in enumerate(result.rows):
            if progress and done % 200 == 0:
                progress(done, len(result.rows))
            lead, problems = _register(parsed, lookups, by, today, result.sheet)
            errors += problems
            if lead is not None:
                created.append((parsed.row_number, lead))
        errors.sort(key=lambda e: (e.row, e.column_label or ""))
        report.errors = errors
        report.valid_rows = len(created)
        report.total_rows = len(created) + len({e.row for e in errors})
        for row, lead in created:
            found = possible_duplicates(
                name=lead.name,
                investor_name=lead.investor_name,
                credit_code=lead.investor_credit_code,
                exclude=lead.pk,
            )
            found = [d for d in found if d.lead.pk < lead.pk]  # stored before, or an earlier row
            if found:
                report.notes.append(
                    _("Row %(row)s may duplicate %(leads)s.")
                    % {"row": row, "leads": "、".join(f"{d.lead.code} {d.lead.name}" for d in found)}
                )
        if dry_run or (errors and not valid_only) or not created:
            transaction.set_rollback(True)
            return report
        report.written = True
        report.counts = {"created": len(created), "updated": 0, "unchanged": 0}
    if progress:
        progress(len(result.rows), len(result.rows))
    return report


def work(job: Job, data: bytes, dry_run: bool, progress: Progress) -> ImportReport:
    """A phase of an upload's job (``core.upload_imports.Work``)."""
    return run_import(
        data=data,
        filename=job.result["filename"],
        by=job.user,
        valid_only=job.result["valid_only"],
        dry_run=dry_run,
        progress=progress,
    )
