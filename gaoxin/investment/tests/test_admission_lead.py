"""A lead's admission review end to end through its pages: the bureau opens it (values prefilled from the lead's
figures, the pre-evaluation stored), departments give opinions, the bureau records the meeting's decision; the
signing is refused before an admitting review and allowed after; the history reads as a person would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from gaoxin.accounts.models import User
from gaoxin.investment.models import LeadAdmission, LeadStage
from gaoxin.investment.services import admission, leads
from gaoxin.investment.tests.conftest import MakeLead
from gaoxin.projects.choices import ReviewDecision
from gaoxin.projects.models import AdmissionScorecard
from gaoxin.testing.personas import Personas

pytestmark = pytest.mark.django_db


def test_a_lead_review_end_to_end(
    client_for, make_lead: MakeLead, bureau_officer: User, personas: Personas, stages: dict[str, LeadStage]
) -> None:  # type: ignore[no-untyped-def]
    lead = make_lead(
        fixed_asset_investment=D(16_000), land_mu=D(50), expected_tax=D(1750), floor_area_m2=D(50_000)
    )
    bureau = client_for("administrator")
    bureau.force_login(bureau_officer)
    page = bureau.get(reverse("investment:admission", args=[lead.pk]))
    assert page.status_code == 200
    form = page.context["open_form"]
    assert form.initial["investment_intensity"] == "320.0000"  # 16,000 ÷ 50
    assert form.initial["tax_per_mu"] == "35.0000"
    values = {"investment_intensity": "320", "tax_per_mu": "35", "plot_ratio": "1.5", "energy_per_value_added": "0.4", "environment": "yes", "industry_fit": "yes"}  # fmt: skip
    scorecard = AdmissionScorecard.objects.get()
    response = bureau.post(
        reverse("investment:admission_open", args=[lead.pk]), {**values, "scorecard": scorecard.pk}
    )
    assert response.status_code == 302
    link = LeadAdmission.objects.get(lead=lead)
    assert link.review.project is None
    assert link.review.score == D(100)
    assert "evaluation" in link.preevaluation
    lead.refresh_from_db()
    assert lead.stage.code == "lead"  # opening a review moves nothing
    with pytest.raises(ValidationError):  # one pending review at a time
        admission.admission_open(lead=lead, scorecard=scorecard, values=values, by=bureau_officer)
    with pytest.raises(PermissionDenied):  # officers outside the bureau do not open or decide
        admission.admission_open(lead=lead, scorecard=scorecard, values=values, by=personas.officer_a)
    signing = next(s for s in stages.values() if s.milestone == "signing")
    with pytest.raises(ValidationError):
        leads.move(lead=lead, to_stage=signing, reason="跳过", by=bureau_officer, on=timezone.localdate())
    opinion = client_for("officer_a").post(
        reverse("investment:admission_opinion", args=[link.review_id]),
        {"agrees": "yes", "opinion": "符合产业导向"},
    )
    assert opinion.status_code == 404  # officer_a does not read this lead
    admission.opinion_add(admission=link, agrees=True, opinion="符合产业导向", by=personas.officer_a)
    with pytest.raises(PermissionDenied):
        admission.admission_decide(
            admission=link, decision=ReviewDecision.ADMITTED, note="", by=personas.officer_a
        )
    decided = bureau.post(
        reverse("investment:admission_decide", args=[link.review_id]),
        {"decision": "conditional", "note": "两年内亩均税收不低于 30 万元", "meeting_on": "2026-03-02", "minutes": "联审会议纪要：同意准入。"},
    )  # fmt: skip
    assert decided.status_code == 302
    link.review.refresh_from_db()
    assert (link.review.decision, link.review.meeting_on) == (
        ReviewDecision.ADMITTED_WITH_CONDITIONS,
        dt.date(2026, 3, 2),
    )
    assert link.review.minutes == "联审会议纪要：同意准入。"
    moved = leads.move(
        lead=lead, to_stage=signing, reason="准入通过", by=bureau_officer, on=timezone.localdate()
    )
    assert moved.to_stage == signing
    page = client_for("leader").get(reverse("investment:admission", args=[lead.pk]))
    text = page.content.decode()
    assert "联审会议纪要" in text
    assert "两年内亩均税收" in text
    assert page.context["open_form"] is None  # leaders read
