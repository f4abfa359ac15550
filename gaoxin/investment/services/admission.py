"""A lead's admission review (准入评审 / 项目联审会) through the projects' one review mechanism: the bureau opens it
with the scorecard's values (prefilled from the lead's figures where the criteria keys match) and the ★ 亩均
pre-evaluation stored with it; departments give their opinions; the bureau records the meeting's decision with
its date, conditions and minutes. Opening a review moves nothing: the lead reaches the signing only once a review
admitted it (``services.leads.move`` asks ``selectors.admission.passed``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gaoxin.accounts.models import User
from gaoxin.core import changelog
from gaoxin.enterprises.models import LandParcel
from gaoxin.investment import permissions, preevaluation
from gaoxin.investment import preevaluation_figures as figures
from gaoxin.investment.models import Lead, LeadAdmission
from gaoxin.projects.choices import ReviewDecision
from gaoxin.projects.models import AdmissionOpinion, AdmissionReview, AdmissionScorecard
from gaoxin.projects.services import admission as reviews


def prefilled_values(lead: Lead, scorecard: AdmissionScorecard) -> dict[str, Any]:
    """The scorecard's values the lead's figures give (投资强度, 亩均税收, 容积率, jobs …), by criterion key."""
    keys = [str(c.get("key")) for c in scorecard.criteria if isinstance(c, dict)]
    return {key: str(value) for key, value in figures.prefill(preevaluation.promised(lead), keys).items()}


@transaction.atomic
def admission_open(
    *,
    lead: Lead,
    scorecard: AdmissionScorecard,
    values: Mapping[str, Any],
    by: User,
    parcel: LandParcel | None = None,
) -> LeadAdmission:
    """Open a review of ``lead`` (the bureau), scored at once, with its pre-evaluation as it stands today."""
    if not permissions.is_bureau(by):
        raise PermissionDenied
    lead = Lead.objects.select_for_update().get(pk=lead.pk)
    if LeadAdmission.objects.filter(lead=lead, review__decision=ReviewDecision.PENDING).exists():
        raise ValidationError(_("This lead already has a review waiting for a decision."), code="pending")
    review = reviews.review_start(scorecard=scorecard, values=values, by=by, note=str(lead))
    link = LeadAdmission(lead=lead, review=review, parcel=parcel)
    link.preevaluation = preevaluation.preevaluate(lead, parcel)
    with changelog.acting(by=by):
        link.save()
    return link


def opinion_add(*, admission: LeadAdmission, agrees: bool, opinion: str, by: User) -> AdmissionOpinion:
    """A department's opinion, as on a project's review."""
    return reviews.opinion_add(review=admission.review, agrees=agrees, opinion=opinion, by=by)


def admission_decide(
    *,
    admission: LeadAdmission,
    decision: str,
    note: str,
    by: User,
    on: dt.date | None = None,
    meeting_on: dt.date | None = None,
    minutes: str = "",
) -> AdmissionReview:
    """The meeting's decision (通过 / 有条件通过 with the conditions / 不通过 with the reasons), by the bureau."""
    if not permissions.is_bureau(by):
        raise PermissionDenied
    return reviews.decision_record(
        review=admission.review,
        decision=decision,
        note=note,
        by=by,
        on=on,
        meeting_on=meeting_on,
        minutes=minutes,
    )
