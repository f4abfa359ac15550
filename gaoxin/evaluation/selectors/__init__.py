"""Reads of the evaluation, scoped to what the user may see.

Each model's scoping rule is its ``objects.for_user(user)``: committee staff see every run and result; an
enterprise contact sees only their own enterprise — its data sheets, its objections and its results in runs
whose list has been made public (公示 or later).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple
from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from gaoxin.accounts import selectors as account_selectors
from gaoxin.accounts.choices import Capability
from gaoxin.accounts.models import User
from gaoxin.core import jobs, upload_imports
from gaoxin.core.models import Job
from gaoxin.enterprises import selectors as enterprise_selectors
from gaoxin.enterprises.models import Enterprise, EnterpriseYear
from gaoxin.evaluation.choices import INPUTS_IMPORT_JOB, ConfirmationStatus, RunStatus
from gaoxin.evaluation.models import (
    DataConfirmation,
    EvaluationInput,
    EvaluationResult,
    EvaluationRun,
    EvaluationSettings,
    EvidenceFile,
    GradePolicy,
    Objection,
    Regrade,
    Scheme,
)


def scheme_list(user: User | AnonymousUser) -> QuerySet[Scheme]:
    return Scheme.objects.for_user(user)


def scheme_get(user: User | AnonymousUser, pk: int) -> Scheme:
    """One scheme the user sees; Http404 otherwise."""
    return get_object_or_404(Scheme.objects.for_user(user), pk=pk)


def active_schemes() -> QuerySet[Scheme]:
    """The active schemes by name, the newest first under one name."""
    return Scheme.objects.filter(is_active=True).order_by("name", "-created_at")


def scheme_runs(scheme: Scheme) -> QuerySet[EvaluationRun]:
    """The newest runs of a scheme, for its page."""
    return scheme.runs.order_by("-year", "-created_at")[:20]


def published_runs() -> list[EvaluationRun]:
    """The published runs with their schemes, oldest year first."""
    return list(
        EvaluationRun.objects.filter(status=RunStatus.PUBLISHED).select_related("scheme").order_by("year")
    )


def region_grade_counts(run: EvaluationRun, by: str) -> list[tuple[str | None, str, int]]:
    """(park code — ``by="park"`` — or industry code, grade, firms) of a run's scored and graded results."""
    field = "enterprise__park__code" if by == "park" else "enterprise__industry_code"
    results = EvaluationResult.objects.filter(run=run, status="scored").exclude(grade="")
    return list(results.values_list(field, "grade").annotate(n=Count("id")).order_by())


def standings(run: EvaluationRun) -> list[tuple[str, str, str, float | None, str]]:
    """(credit code, enterprise name, group, total, grade in force) of every result of a run, unordered."""
    rows = EvaluationResult.objects.filter(run=run).order_by()
    return list(
        rows.values_list("enterprise__credit_code", "enterprise__name", "group", "total", "grade").iterator(
            chunk_size=20_000
        )
    )


def run_list(user: User | AnonymousUser) -> QuerySet[EvaluationRun]:
    """The runs the user sees, newest first, with what the list shows of each."""
    return EvaluationRun.objects.for_user(user).select_related("scheme", "job", "created_by")


def run_get(user: User | AnonymousUser, pk: int) -> EvaluationRun:
    """One run the user sees; Http404 otherwise."""
    return get_object_or_404(run_list(user), pk=pk)


def comparable_runs(user: User | AnonymousUser) -> list[EvaluationRun]:
    """The scored runs the user may put side by side (the newest 200)."""
    return list(run_list(user).exclude(status__in=[RunStatus.PENDING, RunStatus.FAILED])[:200])


def results_of_run(user: User | AnonymousUser, run: EvaluationRun) -> QuerySet[EvaluationResult]:
    """A run's results the user sees, with their enterprises and parks (the ranking)."""
    return (
        EvaluationResult.objects.for_user(user)
        .filter(run=run)
        .select_related("enterprise", "enterprise__park")
    )


def result_records(user: User | AnonymousUser) -> QuerySet[EvaluationResult]:
    """The results the user sees, with their runs and enterprises (the API)."""
    return EvaluationResult.objects.for_user(user).select_related("enterprise", "run")


def graded_results(user: User | AnonymousUser, run: EvaluationRun) -> QuerySet[EvaluationResult]:
    """A run's graded results by grade, then by enterprise name (what the grade policies grant)."""
    return (
        EvaluationResult.objects.for_user(user)
        .filter(run=run)
        .exclude(grade="")
        .select_related("enterprise")
        .order_by("grade", "enterprise__name_sort", "enterprise_id")
    )


def own_results(user: User | AnonymousUser) -> list[EvaluationResult]:
    """The results the user sees with their runs, newest year first (an enterprise contact's own page)."""
    return list(
        EvaluationResult.objects.for_user(user)
        .select_related("run")
        .order_by("-run__year", "-run__created_at")
    )


def grade_counts(run: EvaluationRun) -> dict[str, dict[str, int]]:
    """Enterprises per grade in each group of a run: {group: {grade: n}}."""
    counts: dict[str, dict[str, int]] = {}
    rows = EvaluationResult.objects.filter(run=run).exclude(grade="").values("group", "grade")
    for row in rows.annotate(n=Count("id")).order_by():
        counts.setdefault(row["group"], {})[row["grade"]] = row["n"]
    return counts


def ranked_peers(result: EvaluationResult) -> list[tuple[int, float | None, str]]:
    """(enterprise id, total, status) of the other firms with a total that ``result`` is ranked with (its run,
    group and rank partition): what ``explanation.outlook`` needs to say what it would take."""
    peers = (
        EvaluationResult.objects.filter(
            run_id=result.run_id,
            group=result.group,
            rank_partition=result.rank_partition,
            total__isnull=False,
        )
        .exclude(pk=result.pk)
        .values_list("enterprise_id", "total", "status")
    )
    return list(peers.iterator(chunk_size=20_000))


def escalation_streaks(
    run: EvaluationRun, policies: Sequence[GradePolicy], enterprise_ids: Sequence[int] | None = None
) -> set[tuple[int, int]]:
    """(policy id, enterprise id) pairs whose escalation grade held in each of the previous published years the
    policy needs (one query per escalating policy); ``enterprise_ids`` narrows the read (None: every enterprise)."""
    found: set[tuple[int, int]] = set()
    for policy in policies:
        if not policy.escalation_grade or not policy.escalation_years:
            continue
        years = range(run.year - policy.escalation_years + 1, run.year)
        held = EvaluationResult.objects.filter(
            run__status=RunStatus.PUBLISHED, run__year__in=list(years), grade=policy.escalation_grade
        )
        if enterprise_ids is not None:
            held = held.filter(enterprise_id__in=list(enterprise_ids))
        years_held: dict[int, set[int]] = {}
        for enterprise_id, year in held.values_list("enterprise_id", "run__year"):
            years_held.setdefault(enterprise_id, set()).add(year)
        found |= {(policy.pk, e) for e, held_years in years_held.items() if held_years >= set(years)}
    return found


GradedLine = tuple[str, str, int | None, str, str]  # group, grade, rank, enterprise name, credit code


class NoticeData(NamedTuple):
    """What a run's notice (``evaluation.notice``) reads."""

    zone: EvaluationSettings  # the issuer, signature, contact and objection channel the zone configured
    departments: list[str]  # the departments holding the evaluation (read only when the zone names no issuer)
    graded: list[GradedLine]  # the run's graded results


def notice_data(run: EvaluationRun) -> NoticeData:
    zone = EvaluationSettings.current()
    departments = (
        [] if zone.issuer else [d.name for d in account_selectors.departments_holding(Capability.EVALUATION)]
    )
    graded = (
        EvaluationResult.objects.filter(run=run)
        .exclude(grade="")
        .values_list("group", "grade", "rank", "enterprise__name", "enterprise__credit_code")
    )
    return NoticeData(zone, departments, list(graded))


def regrades_of(run: EvaluationRun, enterprise_id: int) -> list[Regrade]:
    return list(run.regrades.filter(enterprise_id=enterprise_id).select_related("by"))


def objection_list(user: User | AnonymousUser) -> QuerySet[Objection]:
    """The objections the user sees, with their runs, enterprises and the people who filed and handled them."""
    return Objection.objects.for_user(user).select_related("run", "enterprise", "filed_by", "handled_by")


def objections_of_run(user: User | AnonymousUser, run: EvaluationRun) -> QuerySet[Objection]:
    """A run's objections the user sees (``filters.ObjectionFilterSet`` filters them)."""
    return objection_list(user).filter(run=run)


def objections_of_result(user: User | AnonymousUser, result: EvaluationResult) -> list[Objection]:
    return list(objection_list(user).filter(run_id=result.run_id, enterprise_id=result.enterprise_id))


def objection_get(user: User | AnonymousUser, pk: int) -> Objection:
    """One objection the user sees; Http404 otherwise."""
    return get_object_or_404(objection_list(user), pk=pk)


def objection_detail(user: User | AnonymousUser, pk: int) -> Objection:
    """One objection the user sees, with its attachments (its page); Http404 otherwise."""
    return get_object_or_404(objection_list(user).prefetch_related("attachments"), pk=pk)


def confirmation_list(user: User | AnonymousUser) -> QuerySet[DataConfirmation]:
    """The answers to data sheets the user sees, with their enterprises and who answered."""
    return DataConfirmation.objects.for_user(user).select_related("enterprise", "by")


def confirmation_of_year(user: User | AnonymousUser, year: int) -> DataConfirmation | None:
    """The answer of the user's enterprise to its sheet of a year, with its attachments (None: not yet)."""
    return confirmation_list(user).filter(year=year).prefetch_related("attachments").first()


def dispute_get(user: User | AnonymousUser, pk: int) -> DataConfirmation:
    """One objection to a data sheet the user sees, with its attachments; Http404 otherwise."""
    found = (
        confirmation_list(user)
        .filter(pk=pk, status=ConfirmationStatus.OBJECTED)
        .select_related("answered_by")
        .prefetch_related("attachments")
        .first()
    )
    if found is None:
        raise Http404
    return found


def attachment_get(user: User | AnonymousUser, pk: int) -> EvidenceFile:
    """One attachment the user sees; Http404 otherwise."""
    found = (
        EvidenceFile.objects.for_user(user).select_related("confirmation", "objection").filter(pk=pk).first()
    )
    if found is None:
        raise Http404
    return found


def active_policies() -> list[GradePolicy]:
    return list(GradePolicy.objects.filter(is_active=True))


def policy_list() -> list[GradePolicy]:
    return list(GradePolicy.objects.all())


def policy_get(pk: int) -> GradePolicy:
    """One grade policy; Http404 when there is none."""
    return get_object_or_404(GradePolicy.objects, pk=pk)


def inputs_of(enterprise_id: int, year: int) -> tuple[Enterprise, EvaluationInput | None]:
    """An enterprise with a data sheet for the year and its further inputs (None: none yet); Http404 when it
    has no sheet for the year."""
    sheet = enterprise_selectors.sheet_of(enterprise_id, year)
    if sheet is None:
        raise Http404
    return sheet.enterprise, EvaluationInput.objects.filter(enterprise_id=enterprise_id, year=year).first()


def inputs_imports(user: User | AnonymousUser) -> QuerySet[Job]:
    """The imports of further inputs the user may follow, newest first."""
    return upload_imports.visible(user, [INPUTS_IMPORT_JOB])


def inputs_import_get(user: User | AnonymousUser, job_id: UUID) -> Job:
    return get_object_or_404(inputs_imports(user), pk=job_id)


def simulations(user: User | AnonymousUser) -> QuerySet[Job]:
    """The simulations the user may follow, newest first."""
    return jobs.for_user(user).filter(kind="evaluation.simulate")


def simulation_get(user: User | AnonymousUser, job_id: UUID) -> Job:
    return get_object_or_404(simulations(user), pk=job_id)


def notice_job_get(user: User | AnonymousUser, run: EvaluationRun, job_id: UUID) -> Job:
    """A job writing the notice of this run that the user may follow; Http404 otherwise."""
    job = jobs.for_user(user).filter(pk=job_id, kind="evaluation.notice").first()
    if job is None or job.result.get("run") != run.pk:
        raise Http404
    return job


def result_detail(user: User | AnonymousUser, run_id: int, enterprise_id: int) -> EvaluationResult:
    """One result with its run, scheme, enterprise and park; Http404 when out of the user's scope."""
    result = (
        EvaluationResult.objects.for_user(user)
        .select_related("run", "run__scheme", "enterprise", "enterprise__park")
        .filter(run_id=run_id, enterprise_id=enterprise_id)
        .first()
    )
    if result is None:
        raise Http404
    return result


def grade_history(enterprise_id: int) -> list[tuple[int, str, int]]:
    """(year, grade, run id) of the enterprise in each year's published run, oldest first."""
    rows = EvaluationResult.objects.filter(enterprise_id=enterprise_id, run__status="published")
    return list(rows.order_by("run__year").values_list("run__year", "grade", "run_id"))


def objection_counts(run: EvaluationRun) -> dict[str, int]:
    counts = run.objections.values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in counts}


def open_disputes(year: int) -> QuerySet[DataConfirmation]:
    """The year's data sheets the enterprise objected to and the committee has not answered yet."""
    return (
        DataConfirmation.objects.filter(
            year=year, status=ConfirmationStatus.OBJECTED, answered_at__isnull=True
        )
        .select_related("enterprise")
        .order_by("enterprise__name_sort", "enterprise__credit_code")
    )


def confirmation_board(year: int) -> QuerySet[EnterpriseYear]:
    """Every enterprise with a data sheet for the year, annotated with its answer (None: not yet), what it
    wrote when it objected, and the committee's answer to that (``filters.ConfirmationFilterSet`` filters it)."""
    answers = DataConfirmation.objects.filter(enterprise=OuterRef("enterprise"), year=year)
    return (
        EnterpriseYear.objects.filter(year=year)
        .select_related("enterprise", "enterprise__park")
        .annotate(
            answer=Subquery(answers.values("status")[:1]),
            answered_at=Subquery(answers.values("at")[:1]),
            confirmation_id=Subquery(answers.values("pk")[:1]),
            comment=Subquery(answers.values("comment")[:1]),
            outcome=Subquery(answers.values("outcome")[:1]),
            reply=Subquery(answers.values("answer")[:1]),
            replied_at=Subquery(answers.values("answered_at")[:1]),
        )
        .order_by("enterprise__name_sort", "enterprise__credit_code")
    )


def attachments_of_confirmations(ids: Sequence[int | None]) -> dict[int, list[EvidenceFile]]:
    """The attachments of the given data confirmations, by confirmation id."""
    found: dict[int, list[EvidenceFile]] = {}
    for attachment in EvidenceFile.objects.filter(confirmation_id__in=[pk for pk in ids if pk is not None]):
        assert attachment.confirmation_id is not None
        found.setdefault(attachment.confirmation_id, []).append(attachment)
    return found


def attachment_names_of_year(year: int) -> dict[int, list[str]]:
    """The names of the files attached to the answers to the data sheets of ``year``, by confirmation id."""
    names: dict[int, list[str]] = {}
    rows = EvidenceFile.objects.filter(confirmation__year=year).values_list("confirmation_id", "name")
    for confirmation_id, name in rows:
        names.setdefault(confirmation_id, []).append(name)
    return names


def disputes_of(user: User | AnonymousUser, enterprise_id: int) -> list[DataConfirmation]:
    """The objections of one enterprise to its data sheets, newest year first, with their attachments."""
    return list(
        confirmation_list(user)
        .filter(enterprise_id=enterprise_id, status=ConfirmationStatus.OBJECTED)
        .select_related("answered_by")
        .prefetch_related("attachments")
        .order_by("-year")
    )


def confirmation_counts(year: int) -> dict[str, int]:
    sheets = EnterpriseYear.objects.filter(year=year).count()
    answers = DataConfirmation.objects.filter(year=year).values("status").annotate(n=Count("id"))
    counts = {row["status"]: row["n"] for row in answers}
    return {
        "sheets": sheets,
        **counts,
        "none": sheets - sum(counts.values()),
        "open": open_disputes(year).count(),
    }


def years_with_data() -> list[int]:
    return list(EnterpriseYear.objects.order_by("-year").values_list("year", flat=True).distinct())
