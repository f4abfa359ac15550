"""Background work of evaluation (django-tasks): the two phases of an import of further inputs
(``core.upload_imports``).

These tasks call services, so no service imports this module: the tasks a service queues (scoring a run, a
simulation, a notice) are declared beside it in ``services.runs``, which keeps the imports free of cycles."""

from __future__ import annotations

from django_tasks import task

from gaoxin.core import upload_imports
from gaoxin.evaluation import input_import

INPUTS_IMPORT_PAGE = "evaluation:inputs_import_job"


@task()
def check_inputs_import(job_id: str) -> None:
    upload_imports.run(job_id, dry_run=True, work=input_import.work, job_url=INPUTS_IMPORT_PAGE)


@task()
def store_inputs_import(job_id: str) -> None:
    upload_imports.run(job_id, dry_run=False, work=input_import.work, job_url=INPUTS_IMPORT_PAGE)
