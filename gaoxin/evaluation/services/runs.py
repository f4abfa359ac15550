"""A run's life: start (scored in the worker), re-score, regrades, notices; 公示, approval and publication are
in ``publicity``. The worker's tasks these services queue (``score_run``, ``simulate``, ``render_notice``) are
declared here, after the services, and queued once the transaction commits."""

from __future__ import annotations

import logging
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from gaoxin.accounts.models import User
from gaoxin.core import changelog, jobs
from gaoxin.core.models import ChangeAction, Job
from gaoxin.core.request_context import request_id_scope
from gaoxin.enterprises.models import Enterprise, EnterpriseYear
from gaoxin.evaluation import engine, notice, selectors, simulation
from gaoxin.evaluation.choices import OPEN_STATUSES, RunStatus
from gaoxin.evaluation.datacheck import warnings
from gaoxin.evaluation.messages import input_problems, scheme_problems
from gaoxin.evaluation.models import EvaluationResult, EvaluationRun, EvaluationSettings, Regrade, Scheme
from gaoxin.evaluation.models.schemes import parse
from gaoxin.evaluation.services import scoring
from gaoxin.evaluation.services.confirmation import ConfirmationRequired
from gaoxin.evaluation.services.scoring import check_before_scoring, grade_counts

logger = logging.getLogger(__name__)


def _enqueue_scoring(run: EvaluationRun, *, by: User | None, note: str) -> EvaluationRun:
    """Attach a new job to ``run`` and queue its scoring once committed (outside any transaction of ours)."""
    job = jobs.create(kind="evaluation.score", user=by)
    EvaluationRun.objects.filter(pk=run.pk).update(job=job)
    run.job = job
    transaction.on_commit(partial(score_run.enqueue, run.pk, str(job.id), note))
    run.refresh_from_db()  # a worker running in this process (tests, benchmarks) has scored it already
    return run


def run_start(
    *, year: int, scheme: Scheme, note: str = "", by: User | None, confirm: bool = False
) -> EvaluationRun:
    """Create a run of ``year`` with ``scheme`` and queue its scoring in the worker.

    Unless ``confirm``, the data is checked first (coverage per group, firms in no group, a scheme of another
    year …) and ``ConfirmationRequired`` lists what the officer should know before scoring."""
    if not scheme.is_active:
        raise ValidationError({"scheme": _("This scheme is not active.")})
    if not EnterpriseYear.objects.filter(year=year).exists():
        raise ValidationError({"year": _("There is no yearly data for %(year)d.") % {"year": year}})
    if not confirm:
        try:
            check = check_before_scoring(year, scheme.parsed())
        except engine.InputError:
            check = {}  # the scoring itself reports what is wrong with the data
        said = warnings(check, threshold_percent=EvaluationSettings.current().coverage_warning_percent)
        if said:
            raise ConfirmationRequired(
                _("Check the %(year)d data before scoring it with this scheme:") % {"year": year}, said
            )
    with transaction.atomic(), changelog.acting(by=by):
        run = EvaluationRun.objects.create(
            year=year,
            scheme=scheme,
            scheme_name=scheme.name,
            scheme_version=scheme.version,
            scheme_hash=scheme.text_hash,
            note=note,
            created_by=by if getattr(by, "pk", None) else None,
        )
    return _enqueue_scoring(run, by=by, note="scored")


def run_rescore(*, run: EvaluationRun, by: User | None, note: str = "rescored") -> EvaluationRun:
    """Score ``run`` again on the data as it is now (e.g. after a correction); regrades are kept."""
    if run.status not in (*OPEN_STATUSES, RunStatus.FAILED):
        raise ValidationError(_("Only a draft or a run in publicity can be scored again."))
    return _enqueue_scoring(run, by=by, note=note)


def _locked(run: EvaluationRun) -> EvaluationRun:
    return EvaluationRun.objects.select_for_update().select_related("scheme").get(pk=run.pk)


@transaction.atomic
def result_regrade(
    *, run: EvaluationRun, enterprise: Enterprise, grade: str, reason: str, by: User | None
) -> Regrade:
    """Manually regrade (调档) one enterprise, with the reason; it stays laid over any re-scoring."""
    run = _locked(run)
    if run.status not in OPEN_STATUSES:
        raise ValidationError(_("Grades can be changed only before the list is approved."))
    result = EvaluationResult.objects.select_for_update().filter(run=run, enterprise=enterprise).first()
    if result is None:
        raise ValidationError(_("This enterprise has no result in this run."))
    if grade not in run.scheme.grades:
        raise ValidationError({"grade": _("Unknown grade %(grade)s.") % {"grade": grade}})
    if grade == result.grade:
        raise ValidationError({"grade": _("The enterprise has this grade already.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the regrade.")})
    regrade = Regrade.objects.create(
        run=run,
        enterprise=enterprise,
        from_grade=result.grade,
        to_grade=grade,
        reason=reason.strip(),
        by=by if getattr(by, "pk", None) else None,
    )
    before = changelog.snapshot(result)
    result.grade, result.regraded = grade, True
    result.save(update_fields=["grade", "regraded"])
    changed = changelog.diff(before, changelog.snapshot(result))
    label = f"{run} · {enterprise.name}"
    changelog.record(  # results are derived rows, not a logged model: a regrade is recorded explicitly
        [
            changelog.Change(
                EvaluationResult, result.pk, "update", changed, f"regrade: {reason.strip()}", label
            )
        ],
        by=by,
    )
    counts = grade_counts(run)
    EvaluationRun.objects.filter(pk=run.pk).update(grade_counts=counts)  # past the signals: recorded
    recount = changelog.Change.of(
        run, ChangeAction.UPDATE, {"grade_counts": [run.grade_counts, counts]}, f"regrade: {reason.strip()}"
    )
    changelog.record([recount], by=by)
    return regrade


def simulation_start(*, year: int, scheme: Scheme, text_b: str, by: User | None) -> Job:
    """Queue a simulation: the year's data under ``scheme`` and under the scheme text ``text_b``."""
    try:
        other = parse(text_b)
    except engine.SchemeError as error:
        raise ValidationError({"text_b": scheme_problems(error)}) from error
    if not EnterpriseYear.objects.filter(year=year).exists():
        raise ValidationError({"year": _("There is no yearly data for %(year)d.") % {"year": year}})
    job = jobs.create(kind="evaluation.simulate", user=by)
    job.result = {
        "year": year,
        "label_a": str(scheme),
        "label_b": f"{other.name} {other.version}",
        "text_a": scheme.text,
        "text_b": text_b,
    }
    job.save(update_fields=["result"])
    transaction.on_commit(partial(simulate.enqueue, str(job.id)))
    return job


def notice_start(*, run: EvaluationRun, by: User | None) -> Job:
    """Queue the PDF notice of ``run`` (laid out in the worker)."""
    job = jobs.create(kind="evaluation.notice", user=by, total=1)
    job.result = {"run": run.pk}
    job.save(update_fields=["result"])
    transaction.on_commit(partial(render_notice.enqueue, str(job.id)))
    return job


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
        path.write_bytes(notice.notice_pdf(run, notice.notice(run, selectors.notice_data(run))))
    except Exception:
        logger.exception("notice of run %s failed", run_id)
        jobs.fail(job.id, message=_("The notice could not be laid out."), result=job.result)
        raise
    url = reverse("evaluation:notice_pdf", args=[run_id, job.id])
    jobs.finish(job.id, result={**job.result, "next_url": url}, message=_("The notice is ready."))
