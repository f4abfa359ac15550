"""Further inputs from a spreadsheet, read in the worker (never in the request): flags by credit code, checked,
confirmed, all or nothing, logged, used by the next run."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from django.urls import reverse

from gaoxin.core.models import ChangeLogEntry, Job, JobStatus
from gaoxin.evaluation import services
from gaoxin.evaluation.models import EvaluationInput, EvaluationResult
from gaoxin.evaluation.tests.zone import YEAR, Zone

pytestmark = pytest.mark.django_db
URL = "/evaluation/inputs/import/"


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def sheet(rows: list[list[object]]) -> io.BytesIO:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    data = book.add_worksheet("附加数据")
    data.write_row(0, 0, ["统一社会信用代码", "企业名称", "发生安全生产事故"])
    for number, row in enumerate(rows, start=1):
        data.write_row(number, 0, row)
    book.close()
    buffer.seek(0)
    buffer.name = "附加数据.xlsx"
    return buffer


def test_imported_flags_are_stored_logged_and_used(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    services.inputs_save(enterprise=zone.f2, year=YEAR, values={"high_tech": True}, by=None)
    upload = sheet(
        [
            [zone.f1.credit_code, "甲", "是"],
            [zone.f2.credit_code, "乙", "否"],
            [zone.f3.credit_code, "丙", ""],
        ]
    )
    client = client_for("officer_a")
    response = client.post(URL, {"year": YEAR, "file": upload})
    job = Job.objects.get()
    assert response.url == reverse("evaluation:inputs_import_job", args=[job.id])
    assert (job.status, job.result["phase"]) == (JobStatus.DONE, "checked")
    assert not EvaluationInput.objects.filter(enterprise=zone.f1).exists()  # checked, not stored yet
    page = client.get(response.url).content.decode()
    assert 'id="confirm-import"' in page
    client.post(reverse("evaluation:inputs_import_confirm", args=[job.id]))
    job.refresh_from_db()
    assert job.result["phase"] == "stored"
    assert 'id="import-done"' in client.get(response.url).content.decode()
    stored = dict(EvaluationInput.objects.filter(year=YEAR).values_list("enterprise_id", "values"))
    assert stored == {
        zone.f1.pk: {"safety_accident": True},
        zone.f2.pk: {"high_tech": True, "safety_accident": False},
    }
    notes = ChangeLogEntry.objects.filter(content_type__model="evaluationinput", note="import")
    assert sorted(notes.values_list("action", flat=True)) == ["create", "update"]
    run = zone.run()
    f1 = EvaluationResult.objects.get(run=run, enterprise=zone.f1)
    assert (f1.grade_merit, f1.grade) == ("A", "C")


def test_a_problem_stores_nothing(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    upload = sheet(
        [
            [zone.f1.credit_code, "甲", "是"],
            ["91330000000000000X", "无此企业", "是"],
            [zone.f2.credit_code, "乙", "也许"],
        ]
    )
    client = client_for("officer_a")
    job_url = client.post(URL, {"year": YEAR, "file": upload}).url
    html = client.get(job_url).content.decode()
    assert "91330000000000000X" in html
    assert "也许" in html
    job = Job.objects.get()
    client.post(reverse("evaluation:inputs_import_confirm", args=[job.id]))  # all rows: refused
    assert not EvaluationInput.objects.exists()
    client.post(reverse("evaluation:inputs_import_confirm", args=[job.id]), {"valid_only": "1"})
    assert dict(EvaluationInput.objects.values_list("enterprise_id", "values")) == {
        zone.f1.pk: {"safety_accident": True}
    }


def test_an_unreadable_file_is_refused_by_the_worker(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("officer_a")
    broken = io.BytesIO(b"PK\x03\x04 not really a workbook")
    broken.name = "附加数据.xlsx"
    job_url = client.post(URL, {"year": YEAR, "file": broken}).url
    job = Job.objects.order_by("-created_at").first()
    assert job is not None
    assert job.status == JobStatus.FAILED
    assert "无法读取该文件" in client.get(job_url).content.decode()
    assert not EvaluationInput.objects.exists()


def test_only_the_capability_may_import(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    client_for("officer_a").post(URL, {"year": YEAR, "file": sheet([])})
    job = Job.objects.get()
    for persona in ("leader", "officer_b", "contact"):
        assert client_for(persona).get(URL).status_code == 403
        job_url = reverse("evaluation:inputs_import_job", args=[job.id])
        assert client_for(persona).get(job_url).status_code == 403
    template = client_for("officer_a").get(f"{URL}?template=1")
    assert template.status_code == 200
    assert template.content[:2] == b"PK"
