"""Imports through the web: the upload is kept, checked in the worker, previewed, then stored in the worker.

One Job follows an upload through both phases; ``job.result`` holds the options, the phase and the report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from gaoxin.core import jobs
from gaoxin.core.models import Job, JobStatus
from gaoxin.core.request_context import request_id_scope
from gaoxin.enterprises.imports.pipeline import run_import

ALLOWED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class UploadRejected(ValueError):
    pass


def _upload_path(job: Job) -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / f"{job.id}{job.result['suffix']}"


def start(*, kind: str, upload: UploadedFile, source: str, valid_only: bool, by: Any) -> Job:
    """Keep the uploaded file and queue its check; nothing is written to the registry yet."""
    name = upload.name or ""
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise UploadRejected(_("Only .xlsx, .xls and .csv files can be imported."))
    if (upload.size or 0) > MAX_UPLOAD_BYTES:
        raise UploadRejected(_("The file is larger than 50 MB; split it into several files."))
    job = jobs.create(kind=f"import.{kind}", user=by)
    job.result = {
        "phase": "checking",
        "import_kind": kind,
        "filename": name,
        "suffix": suffix,
        "source": source,
        "valid_only": valid_only,
    }
    job.save(update_fields=["result"])
    path = _upload_path(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    check_import.enqueue(str(job.id))
    return job


def confirm(*, job: Job, valid_only: bool) -> None:
    """Queue the store phase of a checked import (only the valid rows, if the user chose so)."""
    result = {**job.result, "phase": "storing", "valid_only": valid_only}
    Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED, done=0, result=result)
    store_import.enqueue(str(job.id))


def _run(job_id: str, *, dry_run: bool) -> None:
    job = Job.objects.select_related("user").get(pk=job_id)
    options = job.result
    path = _upload_path(job)

    def progress(done: int, total: int) -> None:
        jobs.report(job.id, done=done, total=total)

    jobs.report(job.id, done=0, total=0, message=_("Reading the file…"))
    with request_id_scope(f"job-{job.id.hex[:24]}"):
        report = run_import(
            kind=options["import_kind"],
            data=path.read_bytes(),
            filename=options["filename"],
            by=job.user,
            valid_only=options["valid_only"],
            dry_run=dry_run,
            source=options["source"],
            progress=progress,
        )
    phase = "checked" if dry_run else "stored"
    result = {
        **options,
        "phase": phase,
        "report": report.as_dict(),
        "next_url": reverse("enterprises:import_job", args=[job.id]),
    }
    if report.fatal:
        jobs.fail(job.id, message="；".join(report.fatal), result=result)
        return
    if dry_run:
        message = _("Checked %(rows)d rows: %(valid)d valid, %(errors)d problems.") % {
            "rows": report.total_rows,
            "valid": report.valid_rows,
            "errors": len(report.errors),
        }
    else:
        path.unlink(missing_ok=True)
        message = (
            _("Imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.") % report.counts
        )
    jobs.finish(job.id, result=result, message=message)


@task()
def check_import(job_id: str) -> None:
    _run(job_id, dry_run=True)


@task()
def store_import(job_id: str) -> None:
    _run(job_id, dry_run=False)
