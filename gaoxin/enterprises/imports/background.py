"""Registry imports through the web: the upload is kept, checked in the worker, previewed, then stored in the
worker — the two-phase mechanism of ``core.upload_imports``; ``job.result`` also holds the kind of file, the
source of its data and whether only the valid rows are stored.
"""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django_tasks import task

from gaoxin.accounts.models import User
from gaoxin.core import upload_imports
from gaoxin.core.models import Job
from gaoxin.core.tabular.report import ImportReport
from gaoxin.enterprises.imports.pipeline import run_import


def start(*, kind: str, upload: UploadedFile, source: str, valid_only: bool, by: User | None) -> Job:
    """Keep the uploaded file and queue its check; nothing is written to the registry yet."""
    return upload_imports.start(
        name=kind,
        upload=upload,
        by=by,
        options={"import_kind": kind, "source": source, "valid_only": valid_only},
        check=check_import,
    )


def confirm(*, job: Job, valid_only: bool) -> str | None:
    """Queue the store phase of a checked import, or say why it cannot be stored as asked."""
    return upload_imports.confirm(job=job, valid_only=valid_only, store=store_import)


def retry(*, job: Job) -> str | None:
    """Queue again the phase a dead worker left, or say why it cannot be."""
    return upload_imports.retry(job=job, check=check_import, store=store_import)


def _work(job: Job, data: bytes, dry_run: bool, progress: upload_imports.Progress) -> ImportReport:
    options = job.result
    return run_import(
        kind=options["import_kind"],
        data=data,
        filename=options["filename"],
        by=job.user,
        valid_only=options["valid_only"],
        dry_run=dry_run,
        source=options["source"],
        progress=progress,
    )


@task()
def check_import(job_id: str) -> None:
    upload_imports.run(job_id, dry_run=True, work=_work, job_url="enterprises:import_job")


@task()
def store_import(job_id: str) -> None:
    upload_imports.run(job_id, dry_run=False, work=_work, job_url="enterprises:import_job")
