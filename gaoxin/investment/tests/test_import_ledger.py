"""The 招商台账 import: messy headers of a real .xlsx and a GBK .csv, 亿元 converted to 万元, stages, sources and
officers matched, problems named by row and column in Chinese, duplicates reported per row, all-or-nothing or
valid rows only, and the web flow through the worker with the template."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gaoxin.accounts.models import User
from gaoxin.core.models import ChangeLogEntry, Job
from gaoxin.core.tabular import parse_sheet, read_workbook
from gaoxin.investment.choices import Source
from gaoxin.investment.imports import ledger
from gaoxin.investment.models import Lead
from gaoxin.investment.tests.conftest import MakeLead
from gaoxin.testing.personas import Personas

HEADER = [
    "序号",
    "项目",
    "投资主体",
    "总投资（亿元）",
    "固投（万元）",
    "项目来源",
    "负责人",
    "当前阶段",
    "登记时间",
    "情况说明",
]


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def workbook(rows: list[list[Any]], header: list[str] = HEADER) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2026年招商台账"
    sheet.append(["高新区招商引资项目台账（截至3月底）"])  # a title row above the header
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def gbk_csv(rows: list[list[Any]]) -> bytes:
    lines = [",".join(HEADER), *(",".join("" if v is None else str(v) for v in row) for row in rows)]
    return ("\n".join(lines) + "\n").encode("gbk")


def test_a_messy_xlsx_is_registered_with_units_converted(bureau_officer: User) -> None:
    data = workbook(
        [
            [1, "年产10GW高效光伏组件项目", "恒达新能源科技有限公司", 12, 80000, "以商引商", "招商局干部", "洽谈", dt.date(2026, 3, 2), "已两次考察"],
            [2, "智能网联汽车零部件项目", "远航汽车部件有限公司", 3.5, None, "展会", None, None, None, None],
        ]
    )  # fmt: skip
    report = ledger.run_import(data=data, filename="台账.xlsx", by=bureau_officer, today=dt.date(2026, 4, 1))
    assert report.errors == []
    assert report.written
    assert report.counts["created"] == 2
    first, second = Lead.objects.order_by("code")
    assert (first.name, first.investor_name, first.total_investment, first.fixed_asset_investment) == (
        "年产10GW高效光伏组件项目",
        "恒达新能源科技有限公司",
        Decimal(120_000),  # 12亿元 → 万元
        Decimal(80_000),
    )
    assert (first.source, first.stage.name, first.registered_on, first.officer) == (
        Source.REFERRAL,
        "洽谈",
        dt.date(2026, 3, 2),
        bureau_officer,
    )
    assert first.description == "已两次考察"
    assert (second.total_investment, second.source, second.stage.name) == (
        Decimal(35_000),
        Source.FAIR,
        "线索",
    )
    assert second.registered_on == dt.date(2026, 4, 1)
    assert ChangeLogEntry.objects.filter(content_type__model="lead", user=bureau_officer).count() == 2


def test_problems_are_named_by_row_and_column_all_or_nothing(bureau_officer: User) -> None:
    rows = [
        ["1", "储能电池包项目", "远景储能科技有限公司", "2", "", "基金招商", "", "洽谈", "2026-03-01", ""],
        ["2", "", "无名公司", "abc", "", "路边", "查无此人", "谈判中", "", ""],
        ["3", "芯片封测项目", "华芯半导体有限公司", "1", "20000", "", "", "", "", ""],
    ]
    data = gbk_csv(rows)
    report = ledger.run_import(data=data, filename="台账.csv", by=bureau_officer, today=dt.date(2026, 4, 1))
    found = {(e.row, e.column_label) for e in report.errors}
    assert (3, "项目名称") in found  # required
    assert (3, "总投资") in found  # not a number
    assert (3, "来源") in found  # not a source
    assert (4, "固定资产投资") in found  # 2亿万元 > 1亿元 total: the service's own check
    messages = " ".join(str(e.message) for e in report.errors)
    assert "固定资产投资不能超过总投资" in messages
    assert not report.written
    assert not Lead.objects.exists()  # all-or-nothing
    valid = ledger.run_import(
        data=data, filename="台账.csv", by=bureau_officer, valid_only=True, today=dt.date(2026, 4, 1)
    )
    assert valid.written
    assert valid.counts["created"] == 1
    assert list(Lead.objects.values_list("name", "total_investment")) == [("储能电池包项目", Decimal(20_000))]


def test_unknown_stage_and_officer_are_refused(bureau_officer: User) -> None:
    data = gbk_csv([["1", "某项目", "某公司", "1", "", "", "查无此人", "谈判中", "", ""]])
    report = ledger.run_import(data=data, filename="台账.csv", by=bureau_officer, dry_run=True)
    assert {(e.row, e.column_label) for e in report.errors} == {(2, "责任人"), (2, "阶段")}
    assert "谈判中" in " ".join(str(e.message) for e in report.errors)


def test_duplicates_are_reported_per_row(make_lead: MakeLead, bureau_officer: User) -> None:
    existing = make_lead()
    data = gbk_csv(
        [
            ["1", "光伏组件二期", "恒达新能源科技（江苏）股份有限公司", "1", "", "", "", "", "", ""],
            ["2", "新型显示面板项目", "京显光电有限公司", "1", "", "", "", "", "", ""],
            ["3", "新型显示面板扩建项目", "京显光电股份有限公司", "1", "", "", "", "", "", ""],
        ]
    )
    report = ledger.run_import(data=data, filename="台账.csv", by=bureau_officer, dry_run=True)
    assert report.errors == []
    notes = " ".join(report.notes)
    assert f"第2行可能与{existing.code}" in notes.replace(" ", "")
    assert "第4行" in notes  # the third row duplicates the second
    assert "第3行" not in notes  # an earlier row is not reported against a later one
    assert Lead.objects.count() == 1  # a check writes nothing


def test_only_the_bureau_imports(personas: Personas) -> None:
    with pytest.raises(PermissionDenied):
        ledger.run_import(data=gbk_csv([]), filename="台账.csv", by=personas.officer_a)


def test_the_template_reads_back(bureau: Any) -> None:
    [sheet] = [s for s in read_workbook(ledger.template(), "模板.xlsx") if s.name == "招商台账"]
    result = parse_sheet(sheet, ledger.LEDGER)
    assert result.rows == []
    assert "name" in result.columns
    assert "total_investment" in result.columns


def test_through_the_pages_checked_then_confirmed(
    client_for: Callable[[str], Client], personas: Personas, bureau_officer: User
) -> None:
    client = Client()
    client.force_login(bureau_officer)
    response = client.post(
        reverse("investment:import"),
        {
            "file": SimpleUploadedFile(
                "台账.csv",
                gbk_csv([["1", "芯片封测项目", "华芯半导体有限公司", "1", "", "", "", "", "", ""]]),
            )
        },
    )
    job = Job.objects.get()
    assert response.url == reverse("investment:import_job", args=[job.id])
    assert job.result["phase"] == "checked"
    assert not Lead.objects.exists()
    client.post(reverse("investment:import_confirm"), {"job": job.id})
    job.refresh_from_db()
    assert job.result["phase"] == "stored"
    assert Lead.objects.get().name == "芯片封测项目"
    assert 'id="import-done"' in client.get(response.url).content.decode()
    template = client.get(reverse("investment:import_template"))
    assert template.status_code == 200
    assert client_for("officer_a").get(reverse("investment:import")).status_code == 403
