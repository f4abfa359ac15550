"""Helpers of the flow tests (referrals, claims, conversion): bring a lead to a stage the way an officer would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gaoxin.accounts.models import User
from gaoxin.investment.models import Lead, LeadAdmission, LeadStage
from gaoxin.investment.services import leads
from gaoxin.projects.choices import ReviewDecision
from gaoxin.projects.models import AdmissionReview, AdmissionScorecard


def admit(lead: Lead) -> None:
    scorecard = AdmissionScorecard.objects.first() or AdmissionScorecard.objects.create(
        name="准入评分表", pass_score=Decimal(60)
    )
    review = AdmissionReview.objects.create(scorecard=scorecard, decision=ReviewDecision.ADMITTED)
    LeadAdmission.objects.create(lead=lead, review=review)


def advance(lead: Lead, to: str, *, on: dt.date, by: User) -> Lead:
    """Move the lead straight to the stage ``to`` (admitted first when it passes the signing)."""
    target = LeadStage.objects.get(code=to)
    signing = LeadStage.objects.get(code="signed")
    if target.sort_order >= signing.sort_order:
        admit(lead)
    leads.move(lead=lead, to_stage=target, on=on, by=by, reason="测试推进")
    lead.refresh_from_db()
    return lead
