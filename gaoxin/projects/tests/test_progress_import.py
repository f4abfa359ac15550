"""Excel import of monthly reports: the template, per-row and per-column problems, all-or-nothing, idempotence;
through the pages, the upload checked and stored by the worker (immediate in tests), and purged if never confirmed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse, reverse_lazy
from django.utils import translation

from gaoxin.core import upload_imports
from gaoxin.core.models import ChangeLogEntry, Job, JobStatus
from gaoxin.core.tabular import parse_sheet, read_workbook, write_xlsx
from gaoxin.projects import report_import
from gaoxin.projects.forms.progress import LightRuleForm
from gaoxin.projects.models import InvestmentPlan, MonthlyReport, Project
from gaoxin.projects.tests.conftest import Office
from gaoxin.testing.personas import Personas

D = Decimal
TODAY = dt.date(2026, 5, 20)
CONFIRM = reverse_lazy("projects:report_import_confirm")
HEADER = "项目代码,项目名称,年度,月份,本月完成投资（万元）,本月计划投资（万元）,形象进度\n"


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> None:
    """Uploads waiting for confirmation are kept under MEDIA_ROOT: a scratch directory here."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def mine(make_project: Callable[..., Project]) -> Project:
    p = make_project(code="XM-A1", started_on=dt.date(2025, 1, 1))
    InvestmentPlan.objects.create(project=p, year=2026, amount=D(1200))
    return p


@pytest.fixture
def theirs(make_project: Callable[..., Project], personas: Personas) -> Project:
    return make_project(code="XM-B1", responsible_unit=personas.department_b)


def xlsx(rows: list[dict[str, Any]]) -> bytes:
    return write_xlsx(report_import.REPORTS, rows, "月度投资")


def test_the_template_reads_back_as_an_empty_sheet() -> None:
    sheets = read_workbook(report_import.template(), "template.xlsx")
    result = parse_sheet(sheets[0], report_import.REPORTS)
    assert result.rows == []
    assert result.errors == []
    assert result.columns == ("code", "name", "year", "month", "completed", "planned", "physical_progress")


def test_a_clean_file_is_stored_and_the_same_file_again_changes_nothing(
    mine: Project, personas: Personas
) -> None:
    data = xlsx(
        [
            {"code": "XM-A1", "year": 2026, "month": 3, "completed": D(100), "planned": D(120),
             "physical_progress": "桩基施工"},
            {"code": "XM-A1", "year": 2026, "month": 4, "completed": D(200), "physical_progress": "主体施工"},
        ]
    )  # fmt: skip
    first = report_import.run_import(data=data, filename="r.xlsx", by=personas.officer_a, today=TODAY)
    assert first.ok
    assert first.written
    assert first.counts == {"created": 2, "updated": 0, "unchanged": 0, "lights_changed": 1}
    march = MonthlyReport.objects.get(project=mine, month=3)
    assert (march.completed, march.planned, march.physical_progress) == (D(100), D(120), "桩基施工")
    mine.refresh_from_db()
    assert mine.physical_progress == "主体施工"
    # April: time progress 33.3 %; 300 of 1200 = 25 % → 8.3 points behind → green.
    assert mine.light == "green"
    entries = ChangeLogEntry.objects.count()
    again = report_import.run_import(data=data, filename="r.xlsx", by=personas.officer_a, today=TODAY)
    assert again.counts == {"created": 0, "updated": 0, "unchanged": 2, "lights_changed": 0}
    assert ChangeLogEntry.objects.count() == entries
    # The planned column left empty keeps the stored plan.
    MonthlyReport.objects.filter(project=mine, month=4).update(planned=D(90))
    report_import.run_import(data=data, filename="r.xlsx", by=personas.officer_a, today=TODAY)
    assert MonthlyReport.objects.get(project=mine, month=4).planned == D(90)


def problem_file() -> bytes:
    lines = [
        "XM-A1,,2026,3,100,,正常",  # row 2: valid
        "XM-ZZ,,2026,3,100,,",  # row 3: unknown code
        "XM-B1,,2026,3,100,,",  # row 4: another unit's project
        "XM-A1,,2026,13,100,,",  # row 5: month out of range
        "XM-A1,,2026,6,100,,",  # row 6: a month still to come
        "XM-A1,,2026,2,-5,,",  # row 7: negative amount
        "XM-A1,,2026,1,一百,,",  # row 8: text in a number column
        "XM-A1,,2026,3,50,,",  # row 9: the same month twice
    ]
    return (HEADER + "\n".join(lines) + "\n").encode("gbk")


def test_every_problem_is_named_by_row_and_column_in_chinese(
    mine: Project, theirs: Project, personas: Personas
) -> None:
    with translation.override("zh-hans"):
        report = report_import.run_import(
            data=problem_file(), filename="月报.csv", by=personas.officer_a, today=TODAY
        )
        errors = {(e.row, e.column_label): str(e.message) for e in report.errors}
    assert not report.written
    assert not MonthlyReport.objects.exists()
    assert report.valid_rows == 1
    assert report.total_rows == 8
    assert errors[(3, "项目代码")] == "没有此代码的项目"
    assert errors[(4, "项目代码")] == "该项目不是本单位负责的项目"
    assert (5, "月份") in errors
    assert errors[(6, "月份")] == "2026年06月尚未开始"
    assert (7, "本月完成投资") in errors
    assert (8, "本月完成投资") in errors
    assert "2" in errors[(9, "项目代码、年度、月份")]  # repeats row 2
    assert {row for row, _column in errors} == {3, 4, 5, 6, 7, 8, 9}


def test_valid_only_stores_the_valid_rows(mine: Project, theirs: Project, personas: Personas) -> None:
    report = report_import.run_import(
        data=problem_file(), filename="月报.csv", by=personas.officer_a, valid_only=True, today=TODAY
    )
    assert report.written
    assert report.counts["created"] == 1
    assert list(MonthlyReport.objects.values_list("project__code", "month", "completed")) == [
        ("XM-A1", 3, D(100))
    ]


def test_the_project_office_imports_any_unit(mine: Project, theirs: Project, office: Office) -> None:
    data = ("项目代码,年度,月份,本月完成投资（万元）\nXM-A1,2026,3,10\nXM-B1,2026,3,20\n").encode()
    report = report_import.run_import(data=data, filename="r.csv", by=office.officer, today=TODAY)
    assert report.ok
    assert report.counts["created"] == 2


def test_a_file_without_the_needed_columns_cannot_be_used(personas: Personas) -> None:
    report = report_import.run_import(
        data="名称,金额\n甲,1\n".encode(), filename="r.csv", by=personas.officer_a
    )
    assert report.fatal
    assert not report.written


def upload(client: Client, body: str, name: str = "月报.csv") -> HttpResponse:
    return client.post(
        reverse("projects:report_import"),
        {"file": SimpleUploadedFile(name, body.encode("gbk"))},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )


def kept(job: Job) -> Path:
    return upload_imports.upload_path(job)


def test_upload_check_in_the_worker_then_confirm_the_valid_rows(
    client_for: Callable[[str], Client], mine: Project, theirs: Project
) -> None:
    client = client_for("officer_a")
    response = upload(client, HEADER + "XM-A1,,2026,3,100,,\nXM-B1,,2026,3,100,,\n")
    job = Job.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("projects:report_import_job", args=[job.id])
    assert (job.kind, job.status, job.result["phase"]) == (
        "import.project_reports",
        JobStatus.DONE,
        "checked",
    )
    assert (job.done, job.total) == (2, 2)  # the check's progress: both rows
    assert kept(job).read_bytes().startswith("项目代码".encode("gbk"))
    assert not MonthlyReport.objects.exists()
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'id="import-errors"' in page
    assert "该项目不是本单位负责的项目" in page
    assert 'id="confirm-import"' in page
    assert 'name="valid_only" value="1"' in page
    assert 'hx-select="#import-body"' not in page  # finished: the page stops polling
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    assert 'hx-select="#import-body"' in client.get(response.url).content.decode()  # while running, it polls
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE)
    done = client.post(CONFIRM, {"job": job.id, "valid_only": "1"})
    assert done.url == reverse("projects:report_import_job", args=[job.id])
    job.refresh_from_db()
    assert (job.status, job.result["phase"]) == (JobStatus.DONE, "stored")
    assert job.result["report"]["counts"]["created"] == 1
    assert list(MonthlyReport.objects.values_list("project__code", "year", "month", "completed")) == [
        ("XM-A1", 2026, 3, D(100))
    ]
    assert not kept(job).exists()  # stored: the upload is deleted
    assert 'id="import-done"' in client.get(done.url).content.decode()
    # Confirmed once: confirming again stores nothing more.
    again = client.post(
        CONFIRM, {"job": job.id, "valid_only": "1"}, follow=True, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert "该导入任务不在待确认状态" in again.content.decode()
    assert MonthlyReport.objects.count() == 1
    # The upload page lists it among the recent imports.
    assert (
        reverse("projects:report_import_job", args=[job.id])
        in client.get(reverse("projects:report_import")).content.decode()
    )


def test_all_or_nothing_confirmation_of_a_file_with_problems_writes_nothing(
    client_for: Callable[[str], Client], mine: Project, theirs: Project
) -> None:
    client = client_for("officer_a")
    upload(client, HEADER + "XM-A1,,2020,1,100,,\nXM-B1,,2020,1,100,,\n")
    job = Job.objects.get()
    assert job.result["report"]["error_count"] == 1
    client.post(CONFIRM, {"job": job.id})
    job.refresh_from_db()
    assert (job.status, job.result["phase"]) == (JobStatus.DONE, "checked")
    assert kept(job).exists()  # still waiting: the user may still import the valid rows
    assert not MonthlyReport.objects.exists()


def test_a_clean_file_is_stored_whole(client_for: Callable[[str], Client], mine: Project) -> None:
    client = client_for("officer_a")
    upload(client, HEADER + "XM-A1,,2026,1,100,,桩基施工\nXM-A1,,2026,2,50,,\n")
    job = Job.objects.get()
    page = client.get(reverse("projects:report_import_job", args=[job.id])).content.decode()
    assert 'name="valid_only"' not in page
    client.post(CONFIRM, {"job": job.id})
    job.refresh_from_db()
    assert job.result["phase"] == "stored"
    assert job.result["report"]["counts"]["created"] == 2
    assert sorted(MonthlyReport.objects.values_list("month", flat=True)) == [1, 2]


def test_a_file_that_cannot_be_used_fails_its_job_and_is_not_kept(
    client_for: Callable[[str], Client], mine: Project
) -> None:
    client = client_for("officer_a")
    upload(client, "名称,金额\n甲,1\n")
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert job.result["report"]["fatal"]
    assert not kept(job).exists()
    assert (
        'id="import-fatal"'
        in client.get(reverse("projects:report_import_job", args=[job.id])).content.decode()
    )


def test_a_file_of_another_type_is_refused(client_for: Callable[[str], Client]) -> None:
    response = upload(client_for("officer_a"), "hello", name="月报.txt")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Job.objects.exists()


def test_another_user_can_neither_see_nor_confirm_the_job(
    client_for: Callable[[str], Client], personas: Personas, mine: Project
) -> None:
    upload(client_for("officer_a"), HEADER + "XM-A1,,2026,1,100,,\n")
    job = Job.objects.get()
    personas.officer_b.department = personas.department_a  # even a colleague of the same unit
    personas.officer_b.save()
    other = client_for("officer_b")
    assert other.get(reverse("projects:report_import_job", args=[job.id])).status_code == 404
    refused = other.post(CONFIRM, {"job": job.id, "valid_only": "1"})
    assert refused.url == reverse("projects:report_import")
    assert str(job.id) not in other.get(reverse("projects:report_import")).content.decode()
    job.refresh_from_db()
    assert job.result["phase"] == "checked"
    assert not MonthlyReport.objects.exists()
    # Nor is it one of the registry's imports, even for its own user.
    owner = client_for("officer_a")
    assert owner.get(reverse("enterprises:import_job", args=[job.id])).status_code == 404


def test_only_importers_reach_the_pages(client_for: Callable[[str], Client], mine: Project) -> None:
    upload(client_for("officer_a"), HEADER + "XM-A1,,2026,1,100,,\n")
    job = Job.objects.get()
    leader = client_for("leader")
    assert leader.get(reverse("projects:report_import")).status_code == 403
    assert leader.get(reverse("projects:report_import_job", args=[job.id])).status_code == 403
    assert client_for("contact").get(reverse("projects:report_import")).status_code == 403


def test_an_upload_not_confirmed_within_two_days_is_purged_and_a_fresh_one_kept(
    client_for: Callable[[str], Client], mine: Project
) -> None:
    client = client_for("officer_a")
    upload(client, HEADER + "XM-A1,,2020,1,100,,\n", name="旧.csv")
    old = Job.objects.get()
    with time_machine.travel(old.created_at + dt.timedelta(days=2, minutes=1)):
        client = client_for("officer_a")  # a session of that day
        upload(client, HEADER + "XM-A1,,2020,2,100,,\n", name="新.csv")
        fresh = Job.objects.exclude(pk=old.pk).get()
        with translation.override("en"):
            call_command("purge_uploads", "--quiet")
        old.refresh_from_db()
        fresh.refresh_from_db()
        assert not kept(old).exists()
        assert (old.status, old.result["phase"]) == (JobStatus.FAILED, "expired")
        assert old.message == "Not confirmed within 2 days: the uploaded file was deleted; upload it again."
        assert kept(fresh).exists()
        assert (fresh.status, fresh.result["phase"]) == (JobStatus.DONE, "checked")
        # The expired upload cannot be confirmed; the fresh one still can.
        client.post(CONFIRM, {"job": old.id})
        client.post(CONFIRM, {"job": fresh.id})
    assert list(MonthlyReport.objects.values_list("year", "month")) == [(2020, 2)]


def test_the_template_download(client_for: Callable[[str], Client], personas: Personas) -> None:
    response = client_for("officer_a").get(reverse("projects:report_import_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize(
    ("line", "column", "words"),
    [
        ("XM-A1,,2026,3,1e15,,", "本月完成投资", "1,000,000,000"),  # no project's month is 10^15 万元
        ("XM-A1,,2026,3,1e30,,", "本月完成投资", "1,000,000,000"),  # crashed the check
        ("XM-A1,,2026,3,100,1e20,", "本月计划投资", "1,000,000,000"),
        ("XM-A1,,2026,3,100,,桩基\x00施工", "形象进度", "U+0000"),  # PostgreSQL cannot store NUL
    ],
)
def test_values_the_columns_cannot_hold_are_refused_at_the_check(
    mine: Project, personas: Personas, line: str, column: str, words: str
) -> None:
    data = (HEADER + line + "\n").encode("utf-8")
    report = report_import.run_import(data=data, filename="r.csv", by=personas.officer_a, today=TODAY)
    assert not report.written
    (error,) = report.errors
    assert (error.row, error.column_label) == (2, column)
    assert words in str(error)
    assert not MonthlyReport.objects.exists()


def test_physical_progress_keeps_its_line_breaks(mine: Project, personas: Personas) -> None:
    data = xlsx(
        [{"code": "XM-A1", "year": 2026, "month": 3, "completed": D(1), "physical_progress": "桩基\n主体"}]
    )
    assert report_import.run_import(data=data, filename="r.xlsx", by=personas.officer_a, today=TODAY).written
    assert MonthlyReport.objects.get().physical_progress == "桩基\n主体"


def test_the_light_rule_gaps_are_percentage_points_from_0_to_100() -> None:
    form = LightRuleForm(data={"yellow_gap": "10", "red_gap": "150", "start_late_red_months": 3})
    assert not form.is_valid()
    assert list(form.errors) == ["red_gap"]
    assert LightRuleForm(data={"yellow_gap": "10", "red_gap": "100", "start_late_red_months": 3}).is_valid()


def test_the_import_reads_with_the_settings_limits(settings: Any) -> None:
    settings.IMPORT_MAX_ROWS = 2
    with translation.override("zh-hans"):
        report, rows = report_import.check("项目编号\nA\nB\n".encode(), "a.csv", by=None)
    assert rows == []
    assert any("每个工作表最多 2 行" in problem for problem in report.fatal)
