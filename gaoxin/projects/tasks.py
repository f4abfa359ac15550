"""Background work of the projects module (django-tasks): recomputing every traffic light; the two phases of an
Excel import of monthly reports (``core.upload_imports``)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from gaoxin.core import upload_imports
from gaoxin.core.request_context import request_id_scope
from gaoxin.projects import report_import
from gaoxin.projects.services.progress import recompute_lights

REPORT_IMPORT_PAGE = "projects:report_import_job"


@task()
def recompute_lights_task(on: str | None = None) -> int:
    """Every active project's light as of ``on`` (ISO date; today when None); returns how many changed."""
    with request_id_scope():
        return recompute_lights(on=dt.date.fromisoformat(on) if on else None)


@task()
def check_report_import(job_id: str) -> None:
    upload_imports.run(job_id, dry_run=True, work=report_import.work, job_url=REPORT_IMPORT_PAGE)


@task()
def store_report_import(job_id: str) -> None:
    upload_imports.run(job_id, dry_run=False, work=report_import.work, job_url=REPORT_IMPORT_PAGE)
