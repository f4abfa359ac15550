"""The two-phase import mechanism shared by the import pages: a phase in the worker, and the purge of uploads."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from gaoxin.core import jobs, upload_imports
from gaoxin.core.models import Job, JobStatus
from gaoxin.core.tabular.errors import CellError
from gaoxin.core.tabular.report import ImportReport

pytestmark = pytest.mark.django_db

LATER = dt.timedelta(days=2, minutes=1)


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def kept_job(phase: str, status: str = JobStatus.DONE, name: str = "test") -> Job:
    """A job as ``start`` leaves it, with its file kept, then moved on to ``phase`` and ``status``."""
    job = jobs.create(kind=upload_imports.kind(name), user=None)
    job.result = {"phase": phase, "filename": "f.csv", "suffix": ".csv", "valid_only": False}
    job.status = status
    job.save()
    path = upload_imports.upload_path(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"a,b\n1,2\n")
    return job


def test_unconfirmed_uploads_expire_after_two_days_and_others_stay() -> None:
    checked = kept_job("checked")
    queued = kept_job("checking", JobStatus.QUEUED)  # the worker never came
    storing = kept_job("storing", JobStatus.RUNNING)
    failed = kept_job("checked", JobStatus.FAILED)

    assert upload_imports.purge(now=timezone.now() + dt.timedelta(days=1)) == upload_imports.Purged(0, 0)
    assert all(upload_imports.upload_path(j).exists() for j in (checked, queued, storing, failed))

    purged = upload_imports.purge(now=timezone.now() + LATER)
    assert purged == upload_imports.Purged(expired=2, leftovers=1)
    for job in (checked, queued):
        job.refresh_from_db()
        assert (job.status, job.result["phase"]) == (JobStatus.FAILED, "expired")
        assert not upload_imports.upload_path(job).exists()
    storing.refresh_from_db()
    assert (storing.status, storing.result["phase"]) == (JobStatus.RUNNING, "storing")
    assert upload_imports.upload_path(storing).exists()  # the worker still needs it
    failed.refresh_from_db()
    assert failed.result["phase"] == "checked"  # its message (why it failed) is kept
    assert not upload_imports.upload_path(failed).exists()
    # Run again: nothing left to do.
    assert upload_imports.purge(now=timezone.now() + LATER) == upload_imports.Purged(0, 0)


def test_files_no_job_needs_are_deleted_once_old(tmp_path: Path) -> None:
    directory = tmp_path / upload_imports.DIRECTORY
    directory.mkdir()
    orphan = directory / f"{uuid.uuid4()}.xlsx"
    stray = directory / "notes.txt"
    fresh = directory / f"{uuid.uuid4()}.csv"
    for path in (orphan, stray, fresh):
        path.write_bytes(b"x")
    three_days_ago = (timezone.now() - dt.timedelta(days=3)).timestamp()
    for path in (orphan, stray):
        os.utime(path, (three_days_ago, three_days_ago))
    other = jobs.create(kind="evaluation.score", user=None)
    other.result = {"phase": "checked"}
    other.save()
    Job.objects.filter(pk=other.pk).update(created_at=timezone.now() - dt.timedelta(days=3))

    assert upload_imports.purge() == upload_imports.Purged(expired=0, leftovers=2)
    assert sorted(p.name for p in directory.iterdir()) == [fresh.name]
    other.refresh_from_db()
    assert other.status == JobStatus.QUEUED  # not an import: left alone


def report(*, written: bool, errors: int = 0) -> ImportReport:
    result = ImportReport(filename="f.csv", sheet="Sheet1", total_rows=2, valid_rows=2 - errors)
    result.errors = [CellError("Sheet1", 2, "代码", "bad", "x") for _n in range(errors)]
    result.written = written
    result.counts = {"created": 2, "updated": 0, "unchanged": 0} if written else {}
    return result


@task()
def check_upload(job_id: str) -> None:
    """The check phase of a test import: nothing to do, it is only queued."""


def test_an_upload_queues_its_check_only_once_committed(queued_tasks: list[str]) -> None:
    def start() -> Job:
        upload = SimpleUploadedFile("f.csv", b"a,b\n1,2\n")
        return upload_imports.start(name="test", upload=upload, by=None, options={}, check=check_upload)

    with transaction.atomic():
        start()
        transaction.set_rollback(True)  # the caller's transaction fails after the upload
    assert queued_tasks == []
    assert not Job.objects.exists()
    start()
    assert queued_tasks == ["check_upload"]


def test_a_store_that_finds_new_problems_goes_back_to_checked() -> None:
    job = kept_job("storing", JobStatus.QUEUED)

    def work(job: Job, data: bytes, dry_run: bool, progress: upload_imports.Progress) -> ImportReport:
        assert (data, dry_run) == (b"a,b\n1,2\n", False)
        return report(written=False, errors=1)

    upload_imports.run(str(job.id), dry_run=False, work=work, job_url="enterprises:import_job")
    job.refresh_from_db()
    assert (job.status, job.result["phase"]) == (JobStatus.DONE, "checked")
    assert job.result["report"]["error_count"] == 1
    assert upload_imports.upload_path(job).exists()


def test_a_phase_runs_once() -> None:
    job = kept_job("checking", JobStatus.QUEUED)
    calls: list[bool] = []

    def work(job: Job, data: bytes, dry_run: bool, progress: upload_imports.Progress) -> ImportReport:
        calls.append(dry_run)
        return report(written=False)

    upload_imports.run(str(job.id), dry_run=True, work=work, job_url="enterprises:import_job")
    upload_imports.run(str(job.id), dry_run=True, work=work, job_url="enterprises:import_job")
    upload_imports.run(
        str(job.id), dry_run=False, work=work, job_url="enterprises:import_job"
    )  # not confirmed
    assert calls == [True]
    job.refresh_from_db()
    assert (job.status, job.result["phase"]) == (JobStatus.DONE, "checked")


def test_an_unexpected_error_fails_the_job() -> None:
    job = kept_job("checking", JobStatus.QUEUED)

    def work(job: Job, data: bytes, dry_run: bool, progress: upload_imports.Progress) -> ImportReport:
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        upload_imports.run(str(job.id), dry_run=True, work=work, job_url="enterprises:import_job")
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.message
    assert job.result["phase"] == "checking"
