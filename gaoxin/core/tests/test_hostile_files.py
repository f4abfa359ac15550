"""Hostile files through every way in: the CLI import and the four upload pages, with the worker's own code path
(tasks run in the request under the immediate backend of the tests).

Every file ends in a clear refusal (a Chinese message) or a clean acceptance: no 500, no crash, no unexpected
failure of the job, nothing written when refused, and the next upload is checked as usual. Files the reader must
refuse (bombs, sparse sheets, damaged or renamed files) are refused whatever the import; the others (formulas,
extreme numbers, NUL) may be refused by the checks or accepted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from gaoxin.core.models import ChangeLogEntry, Job, JobStatus
from gaoxin.enterprises.credit_code import make_code
from gaoxin.enterprises.models import Enterprise, EnterpriseYear
from gaoxin.evaluation.models import EvaluationInput
from gaoxin.evaluation.tests.zone import YEAR, build_zone
from gaoxin.projects import seeds
from gaoxin.projects.models import MonthlyReport, Project, Stage
from gaoxin.testing import hostile_files
from gaoxin.testing.hostile_files import HostileFile

pytestmark = pytest.mark.django_db

CHINESE = re.compile(r"[\u4e00-\u9fff]")
UNEXPECTED = (
    "The import failed unexpectedly; the administrator can find the cause in the log.",
    "Scoring failed unexpectedly; the administrator can find the cause in the log.",
)
CODE = make_code(serial=777)


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def snapshot() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Enterprise, EnterpriseYear, MonthlyReport, EvaluationInput, ChangeLogEntry)
    )


def unexpected() -> set[str]:
    with translation.override("zh-hans"):
        return {translation.gettext(message) for message in UNEXPECTED}


@dataclass
class Page:
    """An upload page: where to post the file (with which other fields), and the job's pages."""

    start: str
    fields: dict[str, Any]
    job_page: Callable[[Job], str]
    confirm: Callable[[Job], tuple[str, dict[str, Any]]]


def registry(kind: str) -> Page:
    return Page(
        reverse("enterprises:import_start"),
        {"kind": kind, "source": "other"},
        lambda job: reverse("enterprises:import_job", args=[job.id]),
        lambda job: (reverse("enterprises:import_confirm", args=[job.id]), {"valid_only": "1"}),
    )


def catalogue(
    rows: list[list[object]], *, extreme: bool = False, nul: bool | None = None
) -> list[HostileFile]:
    """The hostile files for ``rows``: those of extreme numbers only, or all the others (with or without those
    holding NUL, or both when ``nul`` is None)."""
    return [
        f
        for f in hostile_files.catalogue(rows)
        if f.filename.startswith("extreme") == extreme
        and (nul is None or f.filename.startswith("nul") == nul)
    ]


def drive(client: Client, page: Page, files: list[HostileFile]) -> None:
    bad = unexpected()
    for hostile in files:
        before = snapshot()
        jobs_before = Job.objects.count()
        upload = SimpleUploadedFile(hostile.filename, hostile.data)
        response = client.post(page.start, {**page.fields, "file": upload}, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code in (200, 302), hostile.filename
        if response.status_code == 200:  # refused by the form (an empty file): a message, no job
            assert CHINESE.search(response.content.decode()), hostile.filename
            assert Job.objects.count() == jobs_before, hostile.filename
            continue
        job = Job.objects.order_by("-created_at").first()
        assert job is not None
        assert client.get(page.job_page(job)).status_code == 200, hostile.filename
        job.refresh_from_db()
        assert job.status in (JobStatus.DONE, JobStatus.FAILED), hostile.filename
        assert job.message not in bad, hostile.filename
        if job.status == JobStatus.FAILED:
            assert CHINESE.search(job.message), (hostile.filename, job.message)
        assert not (hostile.must_refuse and job.status == JobStatus.DONE), hostile.filename
        assert snapshot() == before, hostile.filename  # the check writes nothing
        if job.status == JobStatus.DONE and job.result["report"]["valid_rows"]:
            url, data = page.confirm(job)
            assert client.post(url, data).status_code == 302, hostile.filename
            assert client.get(page.job_page(job)).status_code == 200, hostile.filename
            job.refresh_from_db()
            assert job.message not in bad, hostile.filename
            if job.result["phase"] != "stored":
                assert snapshot() == before, hostile.filename


ENTERPRISES = [["统一社会信用代码", "企业名称", "行业代码"], [CODE, "模糊测试有限公司", "3825"]]
YEARS = [["统一社会信用代码", "企业名称", "年度", "实缴税金"], [CODE, "模糊测试有限公司", 2024, 12.5]]
REPORTS = [
    ["项目代码", "项目名称", "年度", "月份", "形象进度", "本月完成投资（万元）"],
    ["XM-F1", "", 2026, 3, "桩基", 100],
]


def report_page() -> Page:
    return Page(
        reverse("projects:report_import"),
        {},
        lambda job: reverse("projects:report_import_job", args=[job.id]),
        lambda job: (reverse("projects:report_import_confirm"), {"job": job.id, "valid_only": "1"}),
    )


def test_the_registry_import_page(client_for: Callable[[str], Client]) -> None:
    client = client_for("officer_a")
    drive(client, registry("enterprises"), catalogue(ENTERPRISES))
    drive(client, registry("enterprises"), catalogue(ENTERPRISES, extreme=True))
    Enterprise.objects.get_or_create(credit_code=CODE, defaults={"name": "模糊测试有限公司"})
    drive(client, registry("years"), catalogue(YEARS))
    # The next job runs as usual.
    good = hostile_files.xlsx(YEARS)
    client.post(
        reverse("enterprises:import_start"),
        {**registry("years").fields, "file": SimpleUploadedFile("ok.xlsx", good)},
    )
    job = Job.objects.order_by("-created_at").first()
    assert job is not None
    assert (job.status, job.result["phase"], job.result["report"]["valid_rows"]) == (
        JobStatus.DONE,
        "checked",
        1,
    )


def test_extreme_numbers_on_the_years_import_page(client_for: Callable[[str], Client]) -> None:
    Enterprise.objects.create(credit_code=CODE, name="模糊测试有限公司")
    drive(client_for("officer_a"), registry("years"), catalogue(YEARS, extreme=True))


def project(personas: Any) -> None:
    seeds.ensure_defaults()
    Project.objects.create(
        code="XM-F1",
        name="模糊测试项目",
        stage=Stage.objects.get(code="signed"),
        responsible_unit=personas.department_a,
        owner=personas.own_enterprise,
        total_investment=Decimal(50000),
        fixed_asset_investment=Decimal(40000),
    )


def test_the_monthly_report_import_page(client_for: Callable[[str], Client], personas: Any) -> None:
    project(personas)
    drive(client_for("officer_a"), report_page(), catalogue(REPORTS, nul=False))


def test_nul_on_the_monthly_report_import_page(client_for: Callable[[str], Client], personas: Any) -> None:
    project(personas)
    drive(client_for("officer_a"), report_page(), catalogue(REPORTS, nul=True))


def test_extreme_numbers_on_the_monthly_report_import_page(
    client_for: Callable[[str], Client], personas: Any
) -> None:
    project(personas)
    drive(client_for("officer_a"), report_page(), catalogue(REPORTS, extreme=True))


def test_the_evaluation_inputs_import_page(client_for: Callable[[str], Client], personas: Any) -> None:
    zone = build_zone(personas)
    rows = [["统一社会信用代码", "企业名称", "发生安全生产事故"], [zone.f1.credit_code, "甲", "是"]]
    page = Page(
        reverse("evaluation:inputs_import"),
        {"year": YEAR},
        lambda job: reverse("evaluation:inputs_import_job", args=[job.id]),
        lambda job: (reverse("evaluation:inputs_import_confirm", args=[job.id]), {"valid_only": "1"}),
    )
    drive(client_for("officer_a"), page, catalogue(rows) + catalogue(rows, extreme=True))


def cli_refusal(kind: str, path: Path) -> str | None:
    """``gaoxin import KIND FILE --valid-only``: the message it stops with, or None when it imported."""
    with translation.override("zh-hans"):
        try:
            call_command("import", kind, str(path), "--valid-only", stdout=_Sink(), stderr=_Sink())
        except CommandError as refused:
            return str(refused)
    return None


@pytest.mark.parametrize(
    ("kind", "extreme"),
    [
        ("enterprises", False),
        ("enterprises", True),
        ("years", False),
        ("years", True),
    ],
)
def test_the_cli_import(kind: str, extreme: bool, tmp_path: Path) -> None:
    Enterprise.objects.create(credit_code=CODE, name="模糊测试有限公司")
    for hostile in catalogue(ENTERPRISES if kind == "enterprises" else YEARS, extreme=extreme):
        path = tmp_path / hostile.filename
        path.write_bytes(hostile.data)
        before = snapshot()
        refusal = cli_refusal(kind, path)
        if refusal is None:
            assert not hostile.must_refuse, hostile.filename
        else:
            assert CHINESE.search(refusal), (hostile.filename, refusal)
            assert snapshot() == before, hostile.filename


class _Sink:
    def write(self, text: str) -> None:
        pass

    def flush(self) -> None:
        pass
