"""Reads of the standard-parcel (标准地) commitments — obligations marked ``standard_parcel`` — and of their yearly
checks (对标验收)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, QuerySet
from django.shortcuts import get_object_or_404

from gaoxin.accounts.models import User
from gaoxin.enterprises.models import Enterprise, LandParcel
from gaoxin.projects.commitment_check import BREACHED, INDICATORS, MISSING, Committed
from gaoxin.projects.models import Obligation, ObligationCheck, Project

FAILED = (BREACHED, MISSING)  # a check that falls short or cannot be judged for lack of data


def project_commitments(project: Project) -> list[Obligation]:
    """A project's standard-parcel commitments with their parcel and checks, by parcel and indicator."""
    return sorted(
        Obligation.objects.filter(project=project, standard_parcel=True)
        .select_related("parcel")
        .prefetch_related("checks"),
        key=lambda o: (
            o.parcel_id or 0,
            INDICATORS.index(o.measure) if o.measure in INDICATORS else 99,
            o.pk,
        ),
    )


def commitment(project: Project, pk: int) -> Obligation:
    """One of the project's standard-parcel commitments; Http404 when it has no such commitment."""
    return get_object_or_404(
        Obligation.objects.select_related("project"), pk=pk, project=project, standard_parcel=True
    )


def check_list(user: User) -> QuerySet[ObligationCheck]:
    """The standard-parcel checks ``user`` may see (``filters.CheckFilterSet`` narrows them to a year), with what
    the list shows, by project."""
    return (
        ObligationCheck.objects.for_user(user)
        .filter(obligation__standard_parcel=True)
        .select_related(
            "obligation__project__responsible_unit", "obligation__project__owner", "obligation__parcel"
        )
        .order_by("obligation__project__code", "obligation__parcel_id", "obligation_id")
    )


def check_years() -> list[int]:
    """The years a standard-parcel commitment was checked, the latest first."""
    return list(
        ObligationCheck.objects.filter(obligation__standard_parcel=True)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def enterprise_shortfalls(user: User | AnonymousUser, enterprise: Enterprise) -> list[ObligationCheck]:
    """The failed standard-parcel checks of the enterprise's projects in the latest checked year (none for
    whoever may not read the projects module)."""
    checks = ObligationCheck.objects.for_user(user).filter(
        obligation__standard_parcel=True, obligation__project__owner=enterprise
    )
    latest = checks.order_by("-year").values_list("year", flat=True).first()
    if latest is None:
        return []
    return list(
        checks.filter(year=latest, status__in=FAILED)
        .select_related("obligation__project", "obligation__parcel")
        .order_by("obligation__project__code", "obligation_id")
    )


def parcel_controls(parcel: LandParcel) -> Committed | None:
    """A standard parcel's control indicators: the threshold of each indicator's latest commitment on it (by
    signing, then record); None when it has none."""
    controls: dict[str, Decimal] = {}
    for measure, threshold in (
        Obligation.objects.filter(parcel=parcel, standard_parcel=True, measure__in=INDICATORS)
        .exclude(threshold=None)
        .order_by(F("starts_on").desc(nulls_last=True), "-id")
        .values_list("measure", "threshold")
    ):
        if threshold is not None:
            controls.setdefault(measure, threshold)
    return Committed(**controls) if controls else None  # type: ignore[arg-type]
