"""Reads of the investment commitments of standard parcels (标准地) and of their yearly checks."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from gaoxin.accounts.models import User
from gaoxin.enterprises.models import Enterprise
from gaoxin.projects.models import Commitment, CommitmentCheck, Project


def project_commitments(project: Project) -> list[Commitment]:
    """A project's commitments with their parcel and checks."""
    return list(project.commitments.select_related("parcel").prefetch_related("checks"))


def commitment(project: Project, pk: int) -> Commitment:
    """One of the project's commitments; Http404 when it has no such commitment."""
    return get_object_or_404(Commitment.objects, pk=pk, project=project)


def check_list(user: User) -> QuerySet[CommitmentCheck]:
    """The checks ``user`` may see (``filters.CheckFilterSet`` narrows them to a year), with what the list
    shows, by project."""
    return (
        CommitmentCheck.objects.for_user(user)
        .select_related(
            "commitment__project__responsible_unit", "commitment__project__owner", "commitment__parcel"
        )
        .order_by("commitment__project__code", "commitment_id")
    )


def check_years() -> list[int]:
    """The years checked, the latest first."""
    return list(CommitmentCheck.objects.order_by("-year").values_list("year", flat=True).distinct())


def enterprise_shortfalls(user: User | AnonymousUser, enterprise: Enterprise) -> list[CommitmentCheck]:
    """The failed checks of the enterprise's projects in the latest checked year (none for whoever may not
    read the projects module)."""
    checks = CommitmentCheck.objects.for_user(user).filter(commitment__project__owner=enterprise)
    latest = checks.order_by("-year").values_list("year", flat=True).first()
    if latest is None:
        return []
    return list(
        checks.filter(year=latest, passed=False)
        .select_related("commitment__project", "commitment__parcel")
        .order_by("commitment__project__code", "commitment_id")
    )
