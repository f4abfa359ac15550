"""Jobs hold a lease: a job whose worker is gone is given up with a message, its upload kept for a retry, and the
worker goes on with the next task."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gaoxin.core import jobs, upload_imports
from gaoxin.core.models import Job, JobStatus
from gaoxin.enterprises.imports import background
from gaoxin.enterprises.models import Enterprise
from gaoxin.enterprises.tests.test_import_views import CODE, GOOD, upload

pytestmark = pytest.mark.django_db

LATER = dt.timedelta(minutes=11)
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def running(heartbeat: dt.datetime | None) -> Job:
    job = jobs.create(kind="evaluation.score", user=None)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, heartbeat_at=heartbeat)
    return job


def test_a_running_job_without_a_heartbeat_within_the_lease_is_given_up() -> None:
    now = timezone.now()
    alive, silent = running(now), running(now - LATER)
    assert jobs.expire_stale(now=now) == 1
    alive.refresh_from_db()
    silent.refresh_from_db()
    assert alive.status == JobStatus.RUNNING
    assert silent.status == JobStatus.FAILED
    assert silent.message.startswith("后台任务程序在处理过程中停止（10 分钟无响应）")
    assert silent.result["stopped"] is True


def test_a_report_renews_the_lease_and_does_not_revive_a_job_given_up(settings: Any) -> None:
    job = running(timezone.now() - LATER)
    jobs.report(job.id, done=5, total=10)
    assert jobs.expire_stale() == 0
    settings.JOB_LEASE_MINUTES = 0
    assert jobs.expire_stale(now=timezone.now() + dt.timedelta(seconds=1)) == 1
    jobs.report(job.id, done=6, total=10)
    job.refresh_from_db()
    assert (job.status, job.done) == (JobStatus.FAILED, 5)


def test_a_queued_job_is_given_up_only_when_the_worker_has_nothing_ready() -> None:
    job = jobs.create(kind="evaluation.score", user=None)
    later = timezone.now() + LATER
    with override_settings(TASKS=DATABASE_TASKS):
        result = background.check_import.using(backend="default").enqueue("not-a-job")
        assert jobs.expire_stale(now=later) == 0  # the worker is behind, not gone
        DBTaskResult.objects.filter(pk=result.id).delete()
    assert jobs.expire_stale(now=later) == 1  # its task went with a dead worker
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED


def test_the_progress_line_says_what_is_happening_instead_of_0_of_0(client_for: Any, personas: Any) -> None:
    client = client_for("officer_a")
    job = jobs.create(kind="evaluation.score", user=personas.by_name("officer_a"))
    fragment = client.get(
        reverse("core:job_progress", args=[job.id]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "0 / 0" not in fragment
    assert "等待后台任务程序处理" in fragment
    jobs.report(job.id, done=1500, total=20000, message="Reading")
    fragment = client.get(
        reverse("core:job_progress", args=[job.id]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "1,500 / 20,000" in fragment


def test_polling_gives_up_a_dead_job_and_its_import_can_be_checked_again(client_for: Any) -> None:
    client = client_for("officer_a")
    with override_settings(TASKS=DATABASE_TASKS):  # queued, as on a server: nothing runs in the request
        response = upload(client, GOOD)
    job = Job.objects.get()
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, heartbeat_at=timezone.now() - LATER)
    DBTaskResult.objects.update(status="RUNNING")  # claimed by the worker that then died
    page = client.get(response.url).content.decode()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "后台任务程序在处理过程中停止" in page
    assert 'id="retry-import"' in page
    assert upload_imports.upload_path(job).exists()  # kept for the retry
    client.post(reverse("enterprises:import_retry", args=[job.id]))  # runs now (immediate backend in tests)
    job.refresh_from_db()
    assert (job.status, job.result["phase"]) == (JobStatus.DONE, "checked")
    client.post(reverse("enterprises:import_confirm", args=[job.id]))
    assert Enterprise.objects.filter(credit_code=CODE).exists()
    assert (
        client.post(reverse("enterprises:import_retry", args=[job.id])).status_code == 302
    )  # nothing to retry


@pytest.mark.django_db(transaction=True)  # the worker closes its connection after each task
def test_a_worker_goes_on_past_a_task_a_dead_worker_left_running(client_for: Any) -> None:
    client = client_for("officer_a")
    with override_settings(TASKS=DATABASE_TASKS):
        upload(client, GOOD, name="第一个.xlsx")
        upload(client, GOOD, name="第二个.xlsx")
        first, second = Job.objects.order_by("created_at")
        DBTaskResult.objects.filter(args_kwargs__args=[str(first.id)]).update(status="RUNNING")
        Job.objects.filter(pk=first.pk).update(status=JobStatus.RUNNING, heartbeat_at=timezone.now() - LATER)
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    second.refresh_from_db()
    assert (second.status, second.result["phase"]) == (JobStatus.DONE, "checked")
    call_command("purge_uploads", "--quiet")
    first.refresh_from_db()
    assert first.status == JobStatus.FAILED


def test_a_user_follows_their_own_jobs_an_administrator_all_and_nobody_anonymous_the_systems(
    personas: Any,
) -> None:
    own = jobs.create(kind="evaluation.score", user=personas.officer_a)
    system = jobs.create(kind="evaluation.score", user=None)
    assert list(jobs.for_user(personas.officer_a)) == [own]
    assert set(jobs.for_user(personas.administrator)) == {own, system}
    assert not jobs.for_user(AnonymousUser()).exists()  # the system's jobs (no user) are nobody's to follow
