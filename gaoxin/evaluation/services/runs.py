"""A run's life: start (scored in the worker), re-score, 公示, regrades, approval and publication."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.core import changelog, jobs
from gaoxin.core.models import Job
from gaoxin.enterprises.models import Enterprise, EnterpriseYear
from gaoxin.evaluation import engine, tasks
from gaoxin.evaluation.choices import OPEN_STATUSES, ObjectionStatus, RunStatus
from gaoxin.evaluation.messages import scheme_problems
from gaoxin.evaluation.models import EvaluationResult, EvaluationRun, Regrade, Scheme
from gaoxin.evaluation.models.schemes import parse
from gaoxin.evaluation.scoring import grade_counts


def _enqueue_scoring(run: EvaluationRun, *, by: Any, note: str) -> EvaluationRun:
    """Attach a new job to ``run`` and queue its scoring (outside any transaction of ours)."""
    job = jobs.create(kind="evaluation.score", user=by)
    EvaluationRun.objects.filter(pk=run.pk).update(job=job)
    run.job = job
    tasks.score_run.enqueue(run.pk, str(job.id), note)
    run.refresh_from_db()  # a worker running in this process (tests, benchmarks) has scored it already
    return run


def run_start(*, year: int, scheme: Scheme, note: str = "", by: Any) -> EvaluationRun:
    """Create a run of ``year`` with ``scheme`` and queue its scoring in the worker."""
    if not scheme.is_active:
        raise ValidationError({"scheme": _("This scheme is not active.")})
    if not EnterpriseYear.objects.filter(year=year).exists():
        raise ValidationError({"year": _("There is no yearly data for %(year)d.") % {"year": year}})
    with transaction.atomic():
        run = EvaluationRun.objects.create(
            year=year,
            scheme=scheme,
            scheme_name=scheme.name,
            scheme_version=scheme.version,
            scheme_hash=scheme.text_hash,
            note=note,
            created_by=by if getattr(by, "pk", None) else None,
        )
        changelog.record_create(run, by=by)
    return _enqueue_scoring(run, by=by, note="scored")


def run_rescore(*, run: EvaluationRun, by: Any, note: str = "rescored") -> EvaluationRun:
    """Score ``run`` again on the data as it is now (e.g. after a correction); regrades are kept."""
    if run.status not in (*OPEN_STATUSES, RunStatus.FAILED):
        raise ValidationError(_("Only a draft or a run in publicity can be scored again."))
    return _enqueue_scoring(run, by=by, note=note)


def _transition(run: EvaluationRun, status: RunStatus, *, by: Any, note: str, **fields: Any) -> EvaluationRun:
    before = changelog.stored_snapshot(run)
    run.status = status
    for name, value in fields.items():
        setattr(run, name, value)
    run.save()
    changed = changelog.diff(before, changelog.snapshot(run))
    changelog.record([changelog.Change.of(run, "update", changed, note)], by=by)
    return run


def _locked(run: EvaluationRun) -> EvaluationRun:
    return EvaluationRun.objects.select_for_update().select_related("scheme").get(pk=run.pk)


@transaction.atomic
def run_publicity(*, run: EvaluationRun, starts_on: dt.date, ends_on: dt.date, by: Any) -> EvaluationRun:
    """Publish the draft list for objections (公示) from ``starts_on`` to ``ends_on`` inclusive."""
    run = _locked(run)
    if run.status != RunStatus.DRAFT:
        raise ValidationError(_("Only a draft can be put into publicity."))
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The publicity cannot end before it starts.")})
    return _transition(
        run,
        RunStatus.PUBLICITY,
        by=by,
        note="publicity",
        publicity_starts_on=starts_on,
        publicity_ends_on=ends_on,
    )


@transaction.atomic
def run_approve(*, run: EvaluationRun, by: Any) -> EvaluationRun:
    """Approve the list after its publicity: the window has closed and every objection is decided."""
    run = _locked(run)
    if run.status != RunStatus.PUBLICITY:
        raise ValidationError(_("Only a run in publicity can be approved."))
    if run.publicity_ends_on is not None and timezone.localdate() <= run.publicity_ends_on:
        raise ValidationError(
            _("The publicity runs until %(date)s; approve the list after it.")
            % {"date": run.publicity_ends_on}
        )
    if run.objections.filter(status=ObjectionStatus.OPEN).exists():
        raise ValidationError(_("Decide every objection before approving the list."))
    if run.job is not None and not run.job.finished:
        raise ValidationError(_("The run is being scored again; wait for it to finish."))
    return _transition(
        run, RunStatus.APPROVED, by=by, note="approved", approved_at=timezone.now(), approved_by=by
    )


@transaction.atomic
def run_publish(*, run: EvaluationRun, by: Any) -> EvaluationRun:
    """Publish the approved list as the year's final result (one published run per year)."""
    run = _locked(run)
    if run.status != RunStatus.APPROVED:
        raise ValidationError(_("Only an approved run can be published."))
    other = EvaluationRun.objects.filter(year=run.year, status=RunStatus.PUBLISHED).exclude(pk=run.pk).first()
    if other is not None:
        raise ValidationError(
            _("The result of %(year)d has been published already (run %(run)s).")
            % {"year": run.year, "run": other.pk}
        )
    return _transition(
        run, RunStatus.PUBLISHED, by=by, note="published", published_at=timezone.now(), published_by=by
    )


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
    before = changelog.stored_snapshot(result)
    result.grade, result.regraded = grade, True
    result.save(update_fields=["grade", "regraded"])
    changed = changelog.diff(before, changelog.snapshot(result))
    label = f"{run} · {enterprise.name}"
    changelog.record(
        [
            changelog.Change(
                EvaluationResult, result.pk, "update", changed, f"regrade: {reason.strip()}", label
            )
        ],
        by=by,
    )
    EvaluationRun.objects.filter(pk=run.pk).update(grade_counts=grade_counts(run))
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
