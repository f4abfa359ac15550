"""Background work of the projects module (django-tasks): the two phases of an Excel import of monthly reports
(``core.upload_imports``); recomputing plans after the working-day calendar changed.

These tasks call services, so no service imports this module: the task a service queues is declared beside its
work (``services.progress.recompute_lights_task``), which keeps the imports free of cycles."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from django_tasks import task

from gaoxin.core import upload_imports
from gaoxin.core.request_context import request_id_scope
from gaoxin.projects import report_import
from gaoxin.projects.services.plans import plans_recompute_for_years

REPORT_IMPORT_PAGE = "projects:report_import_job"


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
    transaction.on_commit(partial(recompute_plans_task.enqueue, list(years)))
