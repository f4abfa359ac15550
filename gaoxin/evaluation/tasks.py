"""Work done by the background worker: scoring runs and simulations, with progress on a ``Job``; the two phases of
an import of further inputs (``core.upload_imports``)."""

from __future__ import annotations

import logging

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from gaoxin.core import jobs, upload_imports
from gaoxin.core.models import Job
from gaoxin.core.request_context import request_id_scope
from gaoxin.evaluation import engine, input_import, notice, scoring, simulation
from gaoxin.evaluation.choices import RunStatus
from gaoxin.evaluation.messages import input_problems
from gaoxin.evaluation.models import EvaluationRun

logger = logging.getLogger(__name__)


def _fail_run(run_id: int, job: Job, message: str) -> None:
    EvaluationRun.objects.filter(pk=run_id, status=RunStatus.PENDING).update(status=RunStatus.FAILED)
    EvaluationRun.objects.filter(pk=run_id).update(message=message)
    jobs.fail(job.id, message=message, result={"next_url": reverse("evaluation:run_detail", args=[run_id])})


@task()
def score_run(run_id: int, job_id: str, note: str = "") -> None:
    job = Job.objects.select_related("user").get(pk=job_id)
    run = EvaluationRun.objects.select_related("scheme").get(pk=run_id)

    def progress(done: int, total: int) -> None:
        jobs.report(job.id, done=done, total=total, message=_("Storing the results…"))

    jobs.report(job.id, done=0, total=0, message=_("Reading the year's data…"))
    try:
        with request_id_scope(f"job-{job.id.hex[:24]}"):
            run = scoring.score(run, by=job.user, progress=progress, note=note)
    except engine.InputError as error:
        _fail_run(run_id, job, "；".join(input_problems(error)))
        return
    except Exception:
        logger.exception("scoring run %s failed", run_id)
        _fail_run(
            run_id, job, _("Scoring failed unexpectedly; the administrator can find the cause in the log.")
        )
        raise
    message = _("Scored %(count)d enterprises.") % {"count": run.enterprise_count}
    jobs.finish(
        job.id,
        result={"run": run.pk, "next_url": reverse("evaluation:run_detail", args=[run.pk])},
        message=message,
    )


@task()
def simulate(job_id: str) -> None:
    job = Job.objects.get(pk=job_id)
    options = job.result
    jobs.report(job.id, done=0, total=2, message=_("Scoring the data with both schemes…"))
    next_url = reverse("evaluation:simulation", args=[job.id])
    try:
        outcome = simulation.simulate(
            year=options["year"], text_a=options["text_a"], text_b=options["text_b"]
        )
    except (engine.InputError, engine.SchemeError) as error:
        problems = input_problems(error) if isinstance(error, engine.InputError) else [str(error)]
        jobs.fail(job.id, message="；".join(problems), result={**options, "next_url": next_url})
        return
    except Exception:
        logger.exception("simulation %s failed", job_id)
        jobs.fail(
            job.id, message=_("The simulation failed unexpectedly."), result={**options, "next_url": next_url}
        )
        raise
    message = _("%(movers)d of %(firms)d enterprises change grade.") % {
        "movers": outcome["movers_total"],
        "firms": outcome["firms"],
    }
    jobs.finish(job.id, result={**options, "outcome": outcome, "next_url": next_url}, message=message)


@task()
def render_notice(job_id: str) -> None:
    job = Job.objects.get(pk=job_id)
    run_id = int(job.result["run"])
    jobs.report(job.id, done=0, total=1, message=_("Laying out the notice…"))
    run = EvaluationRun.objects.select_related("scheme").get(pk=run_id)
    path = notice.notice_path(str(job.id))
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.write_bytes(notice.notice_pdf(run))
    except Exception:
        logger.exception("notice of run %s failed", run_id)
        jobs.fail(job.id, message=_("The notice could not be laid out."), result=job.result)
        raise
    url = reverse("evaluation:notice_pdf", args=[run_id, job.id])
    jobs.finish(job.id, result={**job.result, "next_url": url}, message=_("The notice is ready."))


INPUTS_IMPORT_PAGE = "evaluation:inputs_import_job"


@task()
def check_inputs_import(job_id: str) -> None:
    upload_imports.run(job_id, dry_run=True, work=input_import.work, job_url=INPUTS_IMPORT_PAGE)


@task()
def store_inputs_import(job_id: str) -> None:
    upload_imports.run(job_id, dry_run=False, work=input_import.work, job_url=INPUTS_IMPORT_PAGE)
