"""Leads through their services: registration, figures that must agree, moves by the configured stages, the
signing only after an admission, pauses and ends with a configured reason, activities, and who may do what."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gaoxin.accounts.models import User
from gaoxin.core.models import ChangeLogEntry
from gaoxin.investment.choices import ActivityKind, LeadStatus, StopKind
from gaoxin.investment.models import Lead, LeadAdmission, LeadStage, StopReason
from gaoxin.investment.selectors import leads as lead_selectors
from gaoxin.investment.services import leads
from gaoxin.investment.tests.conftest import MakeLead
from gaoxin.projects.choices import ReviewDecision
from gaoxin.projects.models import AdmissionReview, AdmissionScorecard
from gaoxin.testing.personas import Personas

TODAY = timezone.localdate()
EARLIER = TODAY - dt.timedelta(days=30)


def test_a_lead_is_numbered_in_the_first_stage_and_logged(make_lead: MakeLead, bureau_officer: User) -> None:
    first = make_lead(on=EARLIER)
    second = make_lead(name="智能网联汽车零部件项目", investor_name="远航汽车部件有限公司", on=EARLIER)
    assert first.code == f"ZS{EARLIER.year}-0001"
    assert second.code == f"ZS{EARLIER.year}-0002"
    assert first.stage.code == "lead"
    assert first.stage_since == EARLIER
    assert first.status == LeadStatus.ACTIVE
    assert first.investor_key == "恒达新能源科技"
    assert ChangeLogEntry.objects.filter(object_id=str(first.pk), user=bureau_officer).exists()
    assert [m.to_stage.code for m in first.moves.all()] == ["lead"]


def test_any_officer_registers_and_owns_the_lead_the_contact_cannot(
    make_lead: MakeLead, personas: Personas
) -> None:
    lead = make_lead(by=personas.officer_b, officer=None)
    assert lead.officer == personas.officer_b  # 全员招商: who registers owns it
    with pytest.raises(PermissionDenied):
        make_lead(by=personas.contact)
    with pytest.raises(PermissionDenied):
        make_lead(by=personas.leader)


def test_figures_must_agree(make_lead: MakeLead) -> None:
    with pytest.raises(ValidationError) as error:
        make_lead(fixed_asset_investment=Decimal(130_000))
    assert "fixed_asset_investment" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_lead(foreign_investment_usd=Decimal(2_000))
    assert "exchange_rate" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_lead(is_confidential=True)
    assert error.value.messages  # a confidential lead needs its code name
    assert Lead.objects.count() == 0


def test_moves_follow_the_stages_skips_and_backs_need_a_reason(
    make_lead: MakeLead, bureau_officer: User, stages: dict[str, LeadStage]
) -> None:
    lead = make_lead(on=EARLIER)
    leads.move(lead=lead, to_stage=stages["contact"], on=EARLIER + dt.timedelta(days=3), by=bureau_officer)
    with pytest.raises(ValidationError) as error:
        leads.move(lead=lead, to_stage=stages["negotiation"], on=TODAY, by=bureau_officer)
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        leads.move(lead=lead, to_stage=stages["inspection"], on=EARLIER, by=bureau_officer, reason="")
    assert "on" in error.value.message_dict  # before the previous move
    with pytest.raises(ValidationError):
        leads.move(
            lead=lead, to_stage=stages["inspection"], on=TODAY + dt.timedelta(days=1), by=bureau_officer
        )
    moved = leads.move(
        lead=lead, to_stage=stages["negotiation"], on=TODAY, by=bureau_officer, reason="投资方直接进入洽谈"
    )
    assert moved.kind == "skip"
    lead.refresh_from_db()
    assert lead.stage == stages["negotiation"]
    assert lead.stage_since == TODAY


def test_the_signing_needs_an_admitting_review(
    make_lead: MakeLead, bureau_officer: User, stages: dict[str, LeadStage]
) -> None:
    lead = make_lead(on=EARLIER)
    leads.move(lead=lead, to_stage=stages["admission"], on=EARLIER, by=bureau_officer, reason="重点项目")
    with pytest.raises(ValidationError) as error:
        leads.move(lead=lead, to_stage=stages["signed"], on=TODAY, by=bureau_officer)
    assert "admission" in str(error.value) or "准入" in str(error.value)
    scorecard = AdmissionScorecard.objects.first() or AdmissionScorecard.objects.create(
        name="准入评分表", pass_score=Decimal(60)
    )
    review = AdmissionReview.objects.create(scorecard=scorecard, decision=ReviewDecision.REJECTED)
    LeadAdmission.objects.create(lead=lead, review=review)
    with pytest.raises(ValidationError):
        leads.move(lead=lead, to_stage=stages["signed"], on=TODAY, by=bureau_officer)
    review.decision = ReviewDecision.ADMITTED_WITH_CONDITIONS
    review.save()
    leads.move(lead=lead, to_stage=stages["signed"], on=TODAY, by=bureau_officer)
    lead.refresh_from_db()
    assert lead.stage == stages["signed"]


def test_pause_end_and_resume_with_configured_reasons(
    make_lead: MakeLead, bureau_officer: User, personas: Personas
) -> None:
    lead = make_lead(on=EARLIER)
    only_end = StopReason.objects.get(name="选址他处")
    assert only_end.applies_to == StopKind.END
    with pytest.raises(ValidationError):
        leads.pause(lead=lead, reason=only_end, note="", on=TODAY, by=bureau_officer)
    waiting = StopReason.objects.get(name="等待土地或厂房")
    leads.pause(lead=lead, reason=waiting, note="等二期地块", on=TODAY, by=bureau_officer)
    lead.refresh_from_db()
    assert lead.status == LeadStatus.PAUSED
    assert lead.stop_reason == waiting
    with pytest.raises(ValidationError):
        leads.move(lead=lead, to_stage=LeadStage.objects.get(code="contact"), on=TODAY, by=bureau_officer)
    leads.resume(lead=lead, on=TODAY, by=bureau_officer)
    leads.end(lead=lead, reason=only_end, note="落户邻市", on=TODAY, by=bureau_officer)
    lead.refresh_from_db()
    assert lead.status == LeadStatus.ENDED
    owner_lead = make_lead(by=personas.officer_b, officer=None, name="另一个项目", investor_name="另一家公司")
    leads.end(lead=owner_lead, reason=only_end, note="", on=TODAY, by=personas.officer_b)
    with pytest.raises(PermissionDenied):  # an ended lead is reopened only by the bureau
        leads.resume(lead=owner_lead, on=TODAY, by=personas.officer_b)


def test_activities_set_the_next_action(make_lead: MakeLead, bureau_officer: User) -> None:
    lead = make_lead(on=EARLIER)
    leads.activity_add(
        lead=lead,
        data={
            "kind": ActivityKind.INSPECTION,
            "on": TODAY,
            "summary": "陪同考察园区",
            "next_action": "报价",
            "next_action_on": TODAY + dt.timedelta(days=7),
        },
        by=bureau_officer,
    )
    lead.refresh_from_db()
    assert lead.next_action_on == TODAY + dt.timedelta(days=7)
    with pytest.raises(ValidationError):
        leads.activity_add(
            lead=lead,
            data={"kind": ActivityKind.CALL, "on": TODAY, "summary": "电话", "next_action_on": EARLIER},
            by=bureau_officer,
        )


def test_who_reads_which_lead_and_who_sees_a_confidential_investor(
    make_lead: MakeLead, bureau_officer: User, personas: Personas
) -> None:
    bureau_lead = make_lead(is_confidential=True, code_name="A-01项目")
    own = make_lead(by=personas.officer_b, officer=None, name="另一个项目", investor_name="另一家公司")
    assert set(Lead.objects.for_user(bureau_officer)) == {bureau_lead, own}
    assert set(Lead.objects.for_user(personas.leader)) == {bureau_lead, own}
    assert set(Lead.objects.for_user(personas.officer_b)) == {own}
    assert set(Lead.objects.for_user(personas.officer_a)) == set()
    assert set(Lead.objects.for_user(personas.contact)) == set()
    assert lead_selectors.shown_name(personas.leader, bureau_lead) == "A-01项目"
    assert lead_selectors.shown_name(bureau_officer, bureau_lead) == bureau_lead.name
    with pytest.raises(PermissionDenied):  # only the bureau hands a lead over
        leads.lead_update(lead=own, data={"officer": personas.officer_a}, by=personas.officer_b)


def test_possible_duplicates_name_the_existing_lead(make_lead: MakeLead) -> None:
    existing = make_lead(investor_credit_code="")
    found = lead_selectors.possible_duplicates(
        name="年产10GW光伏组件", investor_name="恒达新能源科技（江苏）股份有限公司"
    )
    assert [d.lead for d in found] == [existing]
    assert "investor" in found[0].reasons
    assert lead_selectors.possible_duplicates(name="数据中心", investor_name="云栖数据") == []
