"""Imports through the web, in two phases on the background worker; every import page shares this mechanism.

The upload is kept on disk, one file per job (``MEDIA_ROOT/imports/<job id><suffix>``), not in the session;
the worker checks it and the page shows the problems by row and column; once the user confirms (all rows, or
only the valid ones), the worker stores it and the file is deleted. A ``Job`` of kind ``import.<name>``
follows the upload: ``job.result`` holds the file's name, the import's own options, the phase (checking →
checked → storing → stored; or expired) and the report. Uploads nobody confirms within ``KEEP_UNCONFIRMED``
are deleted by ``gaoxin purge_uploads`` (cron), which marks their jobs expired.

An import supplies its ``Work`` — read the bytes, check (``dry_run``) or store, return an ``ImportReport`` — and
two tasks that call ``run``; its views call ``start``, ``confirm``, ``retry``, ``page_context`` and
``problems_response`` (the problems of a check as an .xlsx, by row and column). A phase whose
worker died (``core.jobs.expire_stale``) keeps its file, and its page offers to run the phase again.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks.base import Task

from gaoxin.core import jobs
from gaoxin.core.downloads import download_response
from gaoxin.core.models import Job, JobStatus
from gaoxin.core.request_context import request_id_scope

if TYPE_CHECKING:  # the user model is the accounts app's, above this layer: named for the types only
    from django.contrib.auth.models import AnonymousUser

    from gaoxin.accounts.models import User
from gaoxin.core.tabular.columns import Column, TableSpec
from gaoxin.core.tabular.converters import Integer, Text
from gaoxin.core.tabular.report import ImportReport
from gaoxin.core.tabular.writing import write_xlsx

logger = logging.getLogger(__name__)

KIND_PREFIX = "import."
DIRECTORY = "imports"
ALLOWED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
KEEP_UNCONFIRMED = dt.timedelta(days=2)
CHECKING, CHECKED, STORING, STORED, EXPIRED = "checking", "checked", "storing", "stored", "expired"

Progress = Callable[[int, int], None]
Work = Callable[[Job, bytes, bool, Progress], ImportReport]
"""``work(job, data, dry_run, progress)``: check the file (``dry_run``) or store it, and report."""


class UploadRejected(ValueError):
    pass


def kind(name: str) -> str:
    return f"{KIND_PREFIX}{name}"


def visible(user: User | AnonymousUser, names: Iterable[str]) -> QuerySet[Job]:
    """The user's imports of these kinds (every user's, for an administrator), newest first."""
    return jobs.for_user(user).filter(kind__in=[kind(name) for name in names])


def upload_path(job: Job) -> Path:
    return Path(settings.MEDIA_ROOT) / DIRECTORY / f"{job.id}{job.result['suffix']}"


def start(
    *,
    name: str,
    upload: UploadedFile,
    by: User | None,
    options: dict[str, Any],
    check: Task[[str], None],
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> Job:
    """Keep the uploaded file and queue its check; nothing is written yet."""
    filename = upload.name or ""
    suffix = Path(filename).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise UploadRejected(_("Only .xlsx, .xls and .csv files can be imported."))
    if (upload.size or 0) > max_bytes:
        raise UploadRejected(
            _("The file is larger than %(mb)d MB; split it into several files.") % {"mb": max_bytes >> 20}
        )
    job = jobs.create(kind=kind(name), user=by)
    job.result = {**options, "phase": CHECKING, "filename": filename, "suffix": suffix}
    job.save(update_fields=["result"])
    path = upload_path(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    transaction.on_commit(partial(check.enqueue, str(job.id)))
    return job


def can_confirm(job: Job) -> bool:
    report = job.result.get("report") or {}
    return (
        job.status == JobStatus.DONE
        and job.result.get("phase") == CHECKED
        and report.get("valid_rows", 0) > 0
    )


def confirm(*, job: Job, valid_only: bool, store: Task[[str], None]) -> str | None:
    """Queue the store phase of a checked import (only the valid rows, if the user chose so); or say why not:
    not waiting for confirmation (already confirmed, expired), or problems and not ``valid_only``."""
    not_waiting = _("This import is not waiting for confirmation.")
    if not can_confirm(job):
        return not_waiting
    if job.result["report"]["error_count"] and not valid_only:
        return _("The file has problems: fix them and upload it again, or import only the valid rows.")
    result = {**job.result, "phase": STORING, "valid_only": valid_only}
    waiting = Job.objects.filter(pk=job.pk, status=JobStatus.DONE, result__phase=CHECKED)
    if not waiting.update(status=JobStatus.QUEUED, done=0, result=result, updated_at=timezone.now()):
        return not_waiting  # confirmed in another tab, or expired, since the job was read
    transaction.on_commit(partial(store.enqueue, str(job.id)))
    return None


def can_retry(job: Job) -> bool:
    """A phase given up because its worker died (not one that failed on the file), whose file is still kept."""
    return (
        job.status == JobStatus.FAILED
        and bool(job.result.get("stopped"))
        and job.result.get("phase") in (CHECKING, STORING)
        and upload_path(job).exists()
    )


def retry(*, job: Job, check: Task[[str], None], store: Task[[str], None]) -> str | None:
    """Queue again the phase a dead worker left (the check, or the store the user had confirmed); or say why not."""
    if not can_retry(job):
        return _("This import cannot be started again; upload the file again.")
    result = {key: value for key, value in job.result.items() if key != "stopped"}
    given_up = Job.objects.filter(pk=job.pk, status=JobStatus.FAILED, result__stopped=True)
    if not given_up.update(
        status=JobStatus.QUEUED, done=0, total=0, message="", result=result, updated_at=timezone.now()
    ):
        return None  # started again in another tab since the job was read
    transaction.on_commit(partial((check if result["phase"] == CHECKING else store).enqueue, str(job.id)))
    return None


def page_context(job: Job) -> dict[str, Any]:
    """What the job page of any import shows (see ``includes/import_job_body.html``); a job whose worker died
    is shown as given up."""
    if not job.finished and jobs.expire_stale():
        job.refresh_from_db()
    return {
        "job": job,
        "report": job.result.get("report"),
        "phase": job.result.get("phase"),
        "can_confirm": can_confirm(job),
        "can_retry": can_retry(job),
    }


PROBLEMS = TableSpec(
    columns=(
        Column("row", "行号", converter=Integer()),
        Column("column", "列", converter=Text()),
        Column("value", "填写的值", converter=Text()),
        Column("message", "问题", converter=Text()),
    )
)


def problems_response(job: Job) -> HttpResponse | None:
    """The problems the check found, by row and column, as an .xlsx; None when it found none."""
    report = job.result.get("report") or {}
    errors = report.get("errors") or []
    if not errors:
        return None
    total = report.get("error_count", len(errors))
    note = (
        _("Only the first %(shown)d of %(total)d problems are listed.")
        % {"shown": len(errors), "total": total}
        if total > len(errors)
        else None
    )
    filename = str(job.result.get("filename") or "")
    content = write_xlsx(PROBLEMS, errors, sheet_name=_("Problem list"), title=filename or None, note=note)
    return download_response(content, _("Problems of %(file)s.xlsx") % {"file": Path(filename).stem})


def run(job_id: str, *, dry_run: bool, work: Work, job_url: str) -> None:
    """One phase in the worker: check (``dry_run``) or store the kept file, with progress on the job.

    A job no longer in the phase (expired, or already done) is left alone. The file is deleted once stored, or
    when it cannot be used at all; a store that finds new problems goes back to "checked" and shows them. An
    unexpected error fails the job (the worker logs the cause) and re-raises.
    """
    job = Job.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.result.get("phase") != (CHECKING if dry_run else STORING):
        return
    path = upload_path(job)
    next_url = reverse(job_url, args=[job.id])

    def progress(done: int, total: int) -> None:
        jobs.report(job.id, done=done, total=total)

    jobs.report(job.id, done=0, total=0, message=_("Reading the file…"))
    try:
        with request_id_scope(f"job-{job.id.hex[:24]}"):
            report = work(job, path.read_bytes(), dry_run, progress)
    except Exception:
        logger.exception("import %s failed", job.id)
        jobs.fail(
            job.id,
            message=_("The import failed unexpectedly; the administrator can find the cause in the log."),
            result={**job.result, "next_url": next_url},
        )
        raise
    stored = report.written  # a store that finds problems the check did not (the data changed) stores nothing
    result = {
        **job.result,
        "phase": STORED if stored else CHECKED,
        "report": report.as_dict(),
        "next_url": next_url,
    }
    if report.fatal:
        path.unlink(missing_ok=True)
        jobs.fail(job.id, message="；".join(result["report"]["fatal"]), result=result)
        return
    if stored:
        path.unlink(missing_ok=True)
        message = (
            _("Imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.") % report.counts
        )
    else:
        message = _("Checked %(rows)d rows: %(valid)d valid, %(errors)d problems.") % {
            "rows": report.total_rows,
            "valid": report.valid_rows,
            "errors": len(report.errors),
        }
    jobs.finish(job.id, result=result, message=message)


@dataclass(frozen=True)
class Purged:
    expired: int  # jobs not confirmed in time, whose files were deleted
    leftovers: int  # other kept files no job needs any more


def purge(*, now: dt.datetime | None = None) -> Purged:
    """Delete the uploads not confirmed within KEEP_UNCONFIRMED of their upload and mark their jobs expired;
    also delete kept files as old that no job needs any more (stored, failed, or the job is gone). The files of
    imports being stored are kept."""
    cutoff = (now or timezone.now()) - KEEP_UNCONFIRMED
    stale = Job.objects.filter(
        kind__startswith=KIND_PREFIX, result__phase__in=[CHECKING, CHECKED], created_at__lt=cutoff
    ).exclude(status=JobStatus.FAILED)
    message = _("Not confirmed within %(days)d days: the uploaded file was deleted; upload it again.") % {
        "days": KEEP_UNCONFIRMED.days
    }
    expired = 0
    for job in stale:
        unchanged = Job.objects.filter(pk=job.pk, status=job.status, result__phase=job.result["phase"])
        if unchanged.update(
            status=JobStatus.FAILED, message=message, result={**job.result, "phase": EXPIRED}
        ):
            upload_path(job).unlink(missing_ok=True)
            expired += 1
    directory = Path(settings.MEDIA_ROOT) / DIRECTORY
    old = {
        path.stem: path
        for path in (directory.iterdir() if directory.is_dir() else ())
        if path.is_file() and dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC) < cutoff
    }
    needed = {
        str(pk)
        for pk in Job.objects.filter(pk__in=_job_ids(old), result__phase__in=[CHECKING, CHECKED, STORING])
        .exclude(status=JobStatus.FAILED)
        .values_list("pk", flat=True)
    }
    leftovers = [path for stem, path in old.items() if stem not in needed]
    for path in leftovers:
        path.unlink(missing_ok=True)
    return Purged(expired=expired, leftovers=len(leftovers))


def _job_ids(stems: Iterable[str]) -> list[uuid.UUID]:
    ids = []
    for stem in stems:
        try:
            ids.append(uuid.UUID(stem))
        except ValueError:
            continue  # not named after a job: no job needs it
    return ids
