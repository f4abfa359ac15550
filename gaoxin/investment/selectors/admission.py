"""Reads of a lead's admission reviews."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import get_object_or_404

from gaoxin.accounts.models import User
from gaoxin.enterprises.models import LandParcel
from gaoxin.evaluation.choices import RunStatus
from gaoxin.evaluation.models import EvaluationResult, EvaluationRun
from gaoxin.investment.models import Lead, LeadAdmission
from gaoxin.projects.choices import ReviewDecision

ADMITTING = (ReviewDecision.ADMITTED, ReviewDecision.ADMITTED_WITH_CONDITIONS)


def passed(lead: Lead) -> bool:
    """Whether a review admitted the lead (通过 or 有条件通过): the condition of its signing."""
    return LeadAdmission.objects.filter(lead=lead, review__decision__in=ADMITTING).exists()


def lead_admissions(lead: Lead) -> list[LeadAdmission]:
    """The lead's reviews, the latest first, with their scorecard, parcel and the departments' opinions."""
    return list(
        LeadAdmission.objects.filter(lead=lead)
        .select_related("review__scorecard", "review__decided_by", "parcel")
        .prefetch_related("review__opinions__department", "review__opinions__author")
        .order_by("-review_id")
    )


def admission_for(user: User | AnonymousUser, pk: int) -> LeadAdmission:
    """One review of a lead the user reads; Http404 otherwise."""
    return get_object_or_404(
        LeadAdmission.objects.filter(lead__in=Lead.objects.for_user(user).values("pk")).select_related(
            "lead", "review__scorecard"
        ),
        review_id=pk,
    )


def parcel_by_certificate(certificate_no: str) -> LandParcel | None:
    return (
        LandParcel.objects.filter(certificate_no=certificate_no.strip()).first() if certificate_no else None
    )


def published_run() -> EvaluationRun | None:
    """The latest published 亩均 run: the zone's current published scheme and last year's published results (the
    pre-evaluation scores a lead against it)."""
    return (
        EvaluationRun.objects.filter(status=RunStatus.PUBLISHED)
        .select_related("scheme")
        .order_by("-year", "-published_at", "-id")
        .first()
    )


def published_totals(run: EvaluationRun, group: str) -> list[float]:
    """The totals of the run's results in ``group`` (a result without a total left out)."""
    return [
        t
        for t in EvaluationResult.objects.filter(run=run, group=group).values_list("total", flat=True)
        if t is not None
    ]
