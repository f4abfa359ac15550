"""Reads of a lead's admission reviews."""

from __future__ import annotations

from gaoxin.investment.models import Lead, LeadAdmission
from gaoxin.projects.choices import ReviewDecision

ADMITTING = (ReviewDecision.ADMITTED, ReviewDecision.ADMITTED_WITH_CONDITIONS)


def passed(lead: Lead) -> bool:
    """Whether a review admitted the lead (通过 or 有条件通过): the condition of its signing."""
    return LeadAdmission.objects.filter(lead=lead, review__decision__in=ADMITTING).exists()
