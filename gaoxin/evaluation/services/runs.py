"""A run's life: start (scored in the worker), re-score, regrades, notices; 公示, approval and publication are
in ``publicity``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gaoxin.core import changelog, jobs
from gaoxin.core.models import ChangeAction, Job
from gaoxin.enterprises.models import Enterprise, EnterpriseYear
from gaoxin.evaluation import engine, tasks
from gaoxin.evaluation.choices import OPEN_STATUSES, RunStatus
from gaoxin.evaluation.datacheck import warnings
from gaoxin.evaluation.messages import scheme_problems
from gaoxin.evaluation.models import EvaluationResult, EvaluationRun, EvaluationSettings, Regrade, Scheme
from gaoxin.evaluation.models.schemes import parse
from gaoxin.evaluation.scoring import check_before_scoring, grade_counts
from gaoxin.evaluation.services.confirmation import ConfirmationRequired


def _enqueue_scoring(run: EvaluationRun, *, by: Any, note: str) -> EvaluationRun:
    """Attach a new job to ``run`` and queue its scoring (outside any transaction of ours)."""
    job = jobs.create(kind="evaluation.score", user=by)
    EvaluationRun.objects.filter(pk=run.pk).update(job=job)
    run.job = job
    tasks.score_run.enqueue(run.pk, str(job.id), note)
    run.refresh_from_db()  # a worker running in this process (tests, benchmarks) has scored it already
    return run


def run_start(*, year: int, scheme: Scheme, note: str = "", by: Any, confirm: bool = False) -> EvaluationRun:
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


def run_rescore(*, run: EvaluationRun, by: Any, note: str = "rescored") -> EvaluationRun:
    """Score ``run`` again on the data as it is now (e.g. after a correction); regrades are kept."""
    if run.status not in (*OPEN_STATUSES, RunStatus.FAILED):
        raise ValidationError(_("Only a draft or a run in publicity can be scored again."))
    return _enqueue_scoring(run, by=by, note=note)


def _locked(run: EvaluationRun) -> EvaluationRun:
    return EvaluationRun.objects.select_for_update().select_related("scheme").get(pk=run.pk)


@transaction.atomic
def result_regrade(
    *, run: EvaluationRun, enterprise: Enterprise, grade: str, reason: str, by: Any
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


def simulation_start(*, year: int, scheme: Scheme, text_b: str, by: Any) -> Job:
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
    tasks.simulate.enqueue(str(job.id))
    return job


def notice_start(*, run: EvaluationRun, by: Any) -> Job:
    """Queue the PDF notice of ``run`` (laid out in the worker)."""
    job = jobs.create(kind="evaluation.notice", user=by, total=1)
    job.result = {"run": run.pk}
    job.save(update_fields=["result"])
    tasks.render_notice.enqueue(str(job.id))
    return job
