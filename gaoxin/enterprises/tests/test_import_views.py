"""Imports through the pages: upload → check → preview → confirm → stored; and with the real database worker."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from gaoxin.core.models import Job, JobStatus
from gaoxin.core.tabular.reading import read_workbook
from gaoxin.enterprises.credit_code import make_code
from gaoxin.enterprises.imports import background
from gaoxin.enterprises.models import Enterprise
from gaoxin.enterprises.tests import files

pytestmark = pytest.mark.django_db

CODE = make_code(serial=555)
GOOD = files.xlsx([["统一社会信用代码", "企业名称", "行业代码"], [CODE, "页面导入有限公司", "3825"]])
BAD = files.xlsx([["统一社会信用代码", "企业名称", "行业代码"], [CODE, "页面导入有限公司", "0000"]])


def upload(client, data: bytes, name: str = "名录.xlsx", **extra):
    return client.post(
        reverse("enterprises:import_start"),
        {"kind": "enterprises", "source": "other", "file": SimpleUploadedFile(name, data), **extra},
    )


def test_upload_check_preview_confirm(client_for):
    client = client_for("officer_a")
    response = upload(client, GOOD)
    job = Job.objects.get()
    assert response.url == reverse("enterprises:import_job", args=[job.id])
    assert job.status == JobStatus.DONE
    assert job.result["phase"] == "checked"
    assert not Enterprise.objects.filter(credit_code=CODE).exists()
    page = client.get(response.url).content.decode()
    assert 'id="confirm-import"' in page
    client.post(reverse("enterprises:import_confirm", args=[job.id]))
    job.refresh_from_db()
    assert job.result["phase"] == "stored"
    assert Enterprise.objects.get(credit_code=CODE).name == "页面导入有限公司"


def test_file_with_problems_cannot_be_confirmed_whole(client_for):
    client = client_for("officer_a")
    upload(client, BAD)
    job = Job.objects.get()
    page = client.get(reverse("enterprises:import_job", args=[job.id])).content.decode()
    assert 'id="import-errors"' in page
    assert "0000" in page
    client.post(reverse("enterprises:import_confirm", args=[job.id]))
    assert not Enterprise.objects.filter(credit_code=CODE).exists()


def test_wrong_file_type_is_refused(client_for):
    response = upload(client_for("officer_a"), b"hello", name="名录.txt")
    assert response.status_code == 200
    assert not Job.objects.exists()


def test_another_users_import_is_not_visible(client_for, personas):
    upload(client_for("officer_a"), GOOD)
    job = Job.objects.get()
    personas.officer_b.department = personas.department_a
    personas.officer_b.save()
    assert client_for("officer_b").get(reverse("enterprises:import_job", args=[job.id])).status_code == 404


@pytest.mark.django_db(transaction=True)  # the worker closes its connection after each task
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_database_worker_runs_both_phases(personas):
    job = background.start(
        kind="enterprises",
        upload=SimpleUploadedFile("名录.xlsx", GOOD),
        source="other",
        valid_only=False,
        by=personas.officer_a,
    )
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.result["phase"]) == (JobStatus.DONE, "checked")
    background.confirm(job=job, valid_only=False)
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.result["phase"]) == (JobStatus.DONE, "stored")
    assert Enterprise.objects.filter(credit_code=CODE).exists()


def test_the_problems_of_a_check_download_as_excel_by_row_and_column(client_for):
    client = client_for("officer_a")
    upload(client, BAD)
    job = Job.objects.get()
    url = reverse("enterprises:import_problems", args=[job.id])
    assert url in client.get(reverse("enterprises:import_job", args=[job.id])).content.decode()
    response = client.get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    (sheet,) = read_workbook(response.content, "p.xlsx")
    header = next(i for i, row in enumerate(sheet.rows) if row and row[0] == "行号")
    assert list(sheet.rows[header][:4]) == ["行号", "列", "填写的值", "问题"]
    (problem,) = [row for row in sheet.rows[header + 1 :] if row and row[0] not in (None, "")]
    assert (problem[0], problem[1], problem[2]) == (2, "行业代码", "0000")
    assert "GB/T 4754" in problem[3]


def test_a_check_without_problems_or_another_users_job_has_no_problems_download(client_for, personas):
    upload(client_for("officer_a"), GOOD)
    job = Job.objects.get()
    url = reverse("enterprises:import_problems", args=[job.id])
    assert client_for("officer_a").get(url).status_code == 404
    personas.officer_b.department = personas.department_a
    personas.officer_b.save()
    upload(client_for("officer_a"), BAD)
    bad = Job.objects.exclude(pk=job.pk).get()
    assert (
        client_for("officer_b").get(reverse("enterprises:import_problems", args=[bad.id])).status_code == 404
    )


def test_the_import_page_lists_the_users_past_imports(client_for):
    client = client_for("officer_a")
    upload(client, GOOD, name="第一批.xlsx")
    upload(client, BAD, name="第二批.xlsx")
    page = client.get(reverse("enterprises:import_start")).content.decode()
    assert 'id="recent-imports"' in page
    assert "第一批.xlsx" in page
    assert "第二批.xlsx" in page


YEARS_FILE = files.xlsx(
    [["统一社会信用代码", "企业名称", "年度", "实缴税金（万元）"], [CODE, "页面导入有限公司", 2025, 12]]
)
LIST_FILE = files.xlsx(
    [["统一社会信用代码", "企业名称", "法定代表人", "地址"], [CODE, "页面导入有限公司", "张三", "嘉兴"]]
)


@pytest.mark.parametrize(
    ("kind", "data", "looks_like"),
    [("enterprises", YEARS_FILE, "年度数据"), ("years", LIST_FILE, "企业名录")],
)
def test_a_file_of_the_other_kind_is_refused_naming_what_it_looks_like(client_for, kind, data, looks_like):
    client = client_for("officer_a")
    upload(client, data, kind=kind)
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    page = client.get(reverse("enterprises:import_job", args=[job.id])).content.decode()
    assert f"看起来是{looks_like}" in page, page
    assert not Enterprise.objects.filter(credit_code=CODE).exists()
