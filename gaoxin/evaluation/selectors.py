"""Reads of the evaluation, scoped to what the user may see.

Committee staff see every run and result. An enterprise contact sees only their own enterprise: its data
sheets, its objections and its results in runs whose list has been made public (公示 or later).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, F, OuterRef, Q, QuerySet, Subquery, Value, When

from gaoxin.core.list_filters import ListFilters
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.evaluation.choices import PUBLIC_STATUSES, ConfirmationStatus
from gaoxin.evaluation.models import (
    Attachment,
    DataConfirmation,
    EvaluationResult,
    EvaluationRun,
    Objection,
    Scheme,
)


def _is_staff(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_staff_member)


def _contact_enterprise(user: Any) -> int | None:
    if getattr(user, "is_authenticated", False) and user.is_enterprise_contact:
        return int(user.enterprise_id)
    return None


def schemes_for(user: Any) -> QuerySet[Scheme]:
    return Scheme.objects.all() if _is_staff(user) else Scheme.objects.none()


def runs_for(user: Any) -> QuerySet[EvaluationRun]:
    runs = EvaluationRun.objects.select_related("scheme", "job", "created_by")
    if _is_staff(user):
        return runs
    if _contact_enterprise(user) is not None:
        return runs.filter(status__in=PUBLIC_STATUSES)
    return runs.none()


def results_for(user: Any) -> QuerySet[EvaluationResult]:
    results = EvaluationResult.objects.all()
    if _is_staff(user):
        return results
    enterprise = _contact_enterprise(user)
    if enterprise is not None:
        return results.filter(enterprise_id=enterprise, run__status__in=PUBLIC_STATUSES)
    return results.none()


def objections_for(user: Any) -> QuerySet[Objection]:
    objections = Objection.objects.select_related("run", "enterprise", "filed_by", "handled_by")
    if _is_staff(user):
        return objections
    enterprise = _contact_enterprise(user)
    if enterprise is not None:
        return objections.filter(enterprise_id=enterprise)
    return objections.none()


def confirmations_for(user: Any) -> QuerySet[DataConfirmation]:
    confirmations = DataConfirmation.objects.select_related("enterprise", "by")
    if _is_staff(user):
        return confirmations
    enterprise = _contact_enterprise(user)
    if enterprise is not None:
        return confirmations.filter(enterprise_id=enterprise)
    return confirmations.none()


def attachment_for(user: Any, pk: int) -> Attachment | None:
    attachment = Attachment.objects.select_related("confirmation", "objection").filter(pk=pk).first()
    if attachment is None or _is_staff(user):
        return attachment
    enterprise = _contact_enterprise(user)
    return attachment if enterprise is not None and attachment.enterprise_id == enterprise else None


@dataclass(frozen=True)
class RankingFilters(ListFilters):
    q: str = ""
    group: str = ""
    industry: str = ""
    park: str = ""
    grade: str = ""
    status: str = ""
    sort: str = "rank"

    SORTS = ("rank", "total", "grade", "enterprise__name", "enterprise__credit_code", "top_percent")
    SORT_KEYS = {"enterprise__name": "enterprise__name_sort"}

    def apply(
        self, results: QuerySet[EvaluationResult], group_order: Sequence[str] = ()
    ) -> QuerySet[EvaluationResult]:
        if self.q:
            results = results.filter(
                Q(enterprise__name__icontains=self.q) | Q(enterprise__credit_code__istartswith=self.q.upper())
            )
        if self.group:
            results = results.filter(group=self.group)
        if self.industry:
            results = results.filter(enterprise__industry_code__startswith=self.industry)
        if self.park:
            results = results.filter(enterprise__park__code=self.park)
        if self.grade:
            results = results.filter(grade=self.grade)
        if self.status:
            results = results.filter(status=self.status)
        return results.order_by(*self.ordering(group_order))

    def ordering(self, group_order: Sequence[str] = ()) -> list[Any]:
        """Ranks, top percents and totals read best first; empty ones last. Ranks are read group by group,
        in the scheme's order, firms in no group last."""
        field, reverse = self.sort.lstrip("-"), self.sort.startswith("-")
        if field in ("rank", "top_percent"):
            column = F(field).desc(nulls_last=True) if reverse else F(field).asc(nulls_last=True)
            groups = Case(
                *(When(group=key, then=Value(position)) for position, key in enumerate(group_order)),
                default=Value(len(group_order)),
            )
            return [groups, "group", column, "enterprise__credit_code"]
        if field == "total":
            column = F(field).asc(nulls_last=True) if reverse else F(field).desc(nulls_last=True)
            return [column, "enterprise__credit_code"]
        return [self.sort_field, "enterprise__credit_code"]


def ranking(run: EvaluationRun, filters: RankingFilters) -> QuerySet[EvaluationResult]:
    results = EvaluationResult.objects.filter(run=run).select_related("enterprise", "enterprise__park")
    return filters.apply(results, [group.key for group in run.scheme.parsed().groups])


def result_detail(user: Any, run_id: int, enterprise_id: int) -> EvaluationResult | None:
    return (
        results_for(user)
        .select_related("run", "run__scheme", "enterprise", "enterprise__park")
        .filter(run_id=run_id, enterprise_id=enterprise_id)
        .first()
    )


def grade_history(enterprise_id: int) -> list[tuple[int, str, int]]:
    """(year, grade, run id) of the enterprise in each year's published run, oldest first."""
    rows = EvaluationResult.objects.filter(enterprise_id=enterprise_id, run__status="published")
    return list(rows.order_by("run__year").values_list("run__year", "grade", "run_id"))


def objection_counts(run: EvaluationRun) -> dict[str, int]:
    counts = run.objections.values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in counts}


@dataclass(frozen=True)
class ConfirmationFilters:
    year: int
    status: str = ""  # confirmed | objected | none
    q: str = ""


def open_disputes(year: int) -> QuerySet[DataConfirmation]:
    """The year's data sheets the enterprise objected to and the committee has not answered yet."""
    return DataConfirmation.objects.filter(
        year=year, status=ConfirmationStatus.OBJECTED, answered_at__isnull=True
    ).order_by("enterprise__name_sort", "enterprise__credit_code")


def confirmation_board(filters: ConfirmationFilters) -> QuerySet[EnterpriseYear]:
    """Every enterprise with a data sheet for the year, annotated with its answer (None: not yet), what it
    wrote when it objected, and the committee's answer to that."""
    answers = DataConfirmation.objects.filter(enterprise=OuterRef("enterprise"), year=filters.year)
    rows = (
        EnterpriseYear.objects.filter(year=filters.year)
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
    )
    if filters.status == "none":
        rows = rows.filter(answer__isnull=True)
    elif filters.status == "open":
        rows = rows.filter(answer=ConfirmationStatus.OBJECTED, replied_at__isnull=True)
    elif filters.status in ConfirmationStatus.values:
        rows = rows.filter(answer=filters.status)
    if filters.q:
        rows = rows.filter(
            Q(enterprise__name__icontains=filters.q)
            | Q(enterprise__credit_code__istartswith=filters.q.upper())
        )
    return rows.order_by("enterprise__name_sort", "enterprise__credit_code")


def attachments_of_confirmations(ids: Sequence[int | None]) -> dict[int, list[Attachment]]:
    """The attachments of the given data confirmations, by confirmation id."""
    found: dict[int, list[Attachment]] = {}
    for attachment in Attachment.objects.filter(confirmation_id__in=[pk for pk in ids if pk is not None]):
        assert attachment.confirmation_id is not None
        found.setdefault(attachment.confirmation_id, []).append(attachment)
    return found


def disputes_of(user: Any, enterprise_id: int) -> list[DataConfirmation]:
    """The objections of one enterprise to its data sheets, newest year first, with their attachments."""
    return list(
        confirmations_for(user)
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
