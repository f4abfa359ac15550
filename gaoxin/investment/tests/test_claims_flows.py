"""Duplicate claims through their services: the status of an investor by the rule in force, a dispute raised by
the duplicate's owner and decided by the bureau head with reasons, and merging two leads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gaoxin.accounts.models import User
from gaoxin.core.models import ChangeLogEntry
from gaoxin.investment.choices import ActivityKind, DisputeDecision, ReferrerKind
from gaoxin.investment.models import InvestmentRules, Lead, Referral
from gaoxin.investment.selectors import claims as claim_reads
from gaoxin.investment.selectors import leads as lead_reads
from gaoxin.investment.services import claims as services
from gaoxin.investment.services import leads, referrals
from gaoxin.investment.tests.conftest import MakeLead
from gaoxin.testing.personas import Personas

TODAY = timezone.localdate()


@pytest.fixture
def pair(make_lead: MakeLead, personas: Personas) -> tuple[Lead, Lead]:
    """The bureau's lead registered 30 days ago; officer_b's lead of the same investor (another legal form) 10
    days ago — within the 180 days of a 首报首谈 project (12亿)."""
    first = make_lead(on=TODAY - dt.timedelta(days=30))
    second = make_lead(
        by=personas.officer_b,
        officer=None,
        name="高效光伏组件二期",
        investor_name="恒达新能源科技（江苏）股份有限公司",
        on=TODAY - dt.timedelta(days=10),
    )
    return first, second


def test_the_first_registration_holds_the_investor(pair: tuple[Lead, Lead]) -> None:
    first, second = pair
    status = claim_reads.claim_status(second)
    assert status.holder == first
    assert status.protected_until == first.registered_on + dt.timedelta(days=179)  # 首报首谈: ≥10亿
    assert status.duplicates == (second,)
    assert status.is_duplicate
    assert not claim_reads.claim_status(first).is_duplicate


def test_the_rule_in_force_is_read(pair: tuple[Lead, Lead], bureau_officer: User) -> None:
    first, second = pair
    rules = lead_reads.rules()
    rules.first_report_threshold = 200_000  # 20亿: no longer a 首报首谈 project
    rules.protection_days = 15
    from gaoxin.core import changelog

    with changelog.acting(by=bureau_officer):
        rules.save()
    status = claim_reads.claim_status(second)
    assert status.holder == second  # the first's 15 days ran out: the second holds it anew
    assert status.lapsed == (first,)
    assert InvestmentRules.objects.count() == 1


def test_a_dispute_is_raised_by_the_duplicate_s_owner_and_decided_by_the_bureau(
    pair: tuple[Lead, Lead], bureau_officer: User, personas: Personas
) -> None:
    first, second = pair
    with pytest.raises(PermissionDenied):
        services.dispute_raise(claimant=second, statement="我先接触", by=personas.officer_a)
    with pytest.raises(ValidationError):  # the holder has nothing to dispute
        services.dispute_raise(claimant=first, statement="我先接触", by=bureau_officer)
    with pytest.raises(ValidationError) as error:
        services.dispute_raise(claimant=second, statement=" ", by=personas.officer_b)
    assert "statement" in error.value.message_dict
    dispute = services.dispute_raise(
        claimant=second, statement="去年即已对接，有会议纪要", by=personas.officer_b
    )
    assert (dispute.holder, dispute.claimant) == (first, second)
    with pytest.raises(ValidationError):  # one pending at a time
        services.dispute_raise(claimant=second, statement="再次申请", by=personas.officer_b)
    with pytest.raises(PermissionDenied):
        services.dispute_decide(
            dispute=dispute, decision="claimant_takes", note="x", outcome="merge", by=personas.officer_b
        )
    with pytest.raises(ValidationError) as error:
        services.dispute_decide(
            dispute=dispute, decision="claimant_takes", note="", outcome="merge", by=bureau_officer
        )
    assert "note" in error.value.message_dict
    services.dispute_decide(
        dispute=dispute,
        decision=DisputeDecision.CLAIMANT_TAKES,
        note="申诉方提供了更早的对接记录",
        outcome=services.Outcome.HAND_OVER,
        by=bureau_officer,
    )
    dispute.refresh_from_db()
    first.refresh_from_db()
    assert (dispute.decision, dispute.decided_by, dispute.decided_on) == (
        "claimant_takes",
        bureau_officer,
        TODAY,
    )
    assert first.officer == personas.officer_b  # the holder's lead handed over to the claimant's officer
    entry = ChangeLogEntry.objects.filter(
        content_type__model="claimdispute", object_id=str(dispute.pk), user=bureau_officer
    ).get()
    assert entry.note == "申诉方提供了更早的对接记录"
    with pytest.raises(ValidationError):
        services.dispute_decide(
            dispute=dispute, decision="holder_keeps", note="改判", outcome="merge", by=bureau_officer
        )


def test_the_losing_lead_is_merged_when_the_holder_keeps(
    pair: tuple[Lead, Lead], bureau_officer: User, personas: Personas
) -> None:
    first, second = pair
    dispute = services.dispute_raise(claimant=second, statement="我方在先", by=personas.officer_b)
    services.dispute_decide(
        dispute=dispute, decision="holder_keeps", note="首报在先", outcome="merge", by=bureau_officer
    )
    second.refresh_from_db()
    assert second.merged_into == first
    assert second not in lead_reads.lead_list(personas.officer_b)


def test_merging_keeps_both_histories(
    pair: tuple[Lead, Lead], bureau_officer: User, personas: Personas
) -> None:
    first, second = pair
    leads.activity_add(
        lead=second,
        data={
            "kind": ActivityKind.VISIT,
            "on": TODAY,
            "summary": "走访投资方",
            "next_action_on": TODAY + dt.timedelta(days=3),
        },
        by=personas.officer_b,
    )
    referrals.referral_register(
        lead=second,
        data={"kind": ReferrerKind.PERSON, "referrer_name": "李引荐", "referrer_phone": ""},
        by=personas.officer_b,
    )
    with pytest.raises(PermissionDenied):
        services.lead_merge(survivor=first, other=second, by=personas.officer_b)
    with pytest.raises(ValidationError):
        services.lead_merge(survivor=first, other=first, by=bureau_officer)
    services.lead_merge(survivor=first, other=second, by=bureau_officer)
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.merged_into == first
    assert first.moves.count() == 2  # both registrations
    assert [a.summary for a in first.activities.all()] == ["走访投资方"]
    assert Referral.objects.get().lead == first
    assert first.next_action_on == TODAY + dt.timedelta(days=3)
    assert list(lead_reads.lead_list(bureau_officer)) == [first]
    with pytest.raises(ValidationError):
        services.lead_merge(survivor=first, other=second, by=bureau_officer)
    assert ChangeLogEntry.objects.filter(
        content_type__model="lead", object_id=str(second.pk), note__contains=first.code
    ).exists()
