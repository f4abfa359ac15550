"""Background work of the projects module (django-tasks): recomputing every traffic light; the two phases of an
Excel import of monthly reports (``core.upload_imports``); recomputing plans after the working-day calendar
changed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django_tasks import task

from gaoxin.core import upload_imports
from gaoxin.core.request_context import request_id_scope
from gaoxin.projects import report_import
from gaoxin.projects.services.plans import plans_recompute_for_years
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


@task()
def recompute_plans_task(years: list[int]) -> int:
    """The plans computed on (or waiting for) the arrangements of ``years``; returns how many were recomputed."""
    with request_id_scope():
        return plans_recompute_for_years(years)


def calendar_changed(sender: Any, years: list[int], **kwargs: Any) -> None:
    """Receiver of ``calendar_services.arrangements_changed``: the plans follow the calendar (an estimate replaced
    by the official arrangement loses its mark)."""
    recompute_plans_task.enqueue(list(years))
