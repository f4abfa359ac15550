"""The two phases of the 招商台账 import in the worker (``core.upload_imports``)."""

from __future__ import annotations

from django_tasks import task

from gaoxin.core import upload_imports
from gaoxin.investment.imports import ledger

JOB_PAGE = "investment:import_job"


@task()
def check_ledger_import(job_id: str) -> None:
    upload_imports.run(job_id, dry_run=True, work=ledger.work, job_url=JOB_PAGE)


@task()
def store_ledger_import(job_id: str) -> None:
    upload_imports.run(job_id, dry_run=False, work=ledger.work, job_url=JOB_PAGE)
