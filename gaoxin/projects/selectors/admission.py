"""Reads of the admission reviews (准入评估) and their scorecards."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from gaoxin.accounts.models import User
from gaoxin.projects.models import AdmissionReview, AdmissionScorecard, Project


def review_list(user: User) -> QuerySet[AdmissionReview]:
    """The project reviews ``user`` may see (a lead's are the investment module's), the latest first, with what
    the zone's list shows."""
    return (
        AdmissionReview.objects.for_user(user)
        .filter(project__isnull=False)
        .select_related("project__responsible_unit", "project__owner", "scorecard", "decided_by")
        .order_by("-created_at", "-id")
    )


def review(user: User, pk: int) -> AdmissionReview:
    """One project review; Http404 when out of scope (or a lead's: the investment module's pages act on it)."""
    found = (
        AdmissionReview.objects.for_user(user)
        .filter(project__isnull=False)
        .select_related("project__responsible_unit", "project__owner", "scorecard", "decided_by")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def project_reviews(project: Project) -> list[AdmissionReview]:
    """A project's reviews with their scorecard and the departments' opinions."""
    return list(
        project.admission_reviews.select_related("scorecard", "decided_by").prefetch_related(
            "opinions__department", "opinions__author"
        )
    )


def active_scorecards() -> QuerySet[AdmissionScorecard]:
    return AdmissionScorecard.objects.filter(is_active=True)


def chosen_scorecard(wanted: str) -> AdmissionScorecard | None:
    """The active scorecard asked for by its id, else the first active one."""
    active = active_scorecards()
    return (active.filter(pk=int(wanted)).first() if wanted.isdigit() else None) or active.first()


def scorecards() -> QuerySet[AdmissionScorecard]:
    return AdmissionScorecard.objects.all()


def scorecard(pk: int) -> AdmissionScorecard:
    return get_object_or_404(AdmissionScorecard.objects, pk=pk)
