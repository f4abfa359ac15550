"""Referrals through their services: registration refused by the rule (in Chinese), the portal's referral landing
in the bureau's pool and assigned, the reward once the project reports investment formed, the leaderboard, and
the rule stored by the bureau."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gaoxin.accounts.models import User
from gaoxin.core.models import ChangeLogEntry
from gaoxin.enterprises import credit_code
from gaoxin.investment.choices import ReferrerKind, Source
from gaoxin.investment.models import Lead, Referral
from gaoxin.investment.selectors import referrals as referral_reads
from gaoxin.investment.services import conversion
from gaoxin.investment.services import referrals as services
from gaoxin.investment.tests.conftest import MakeLead
from gaoxin.investment.tests.flows import advance
from gaoxin.projects.models import Stage
from gaoxin.projects.services import progress
from gaoxin.testing.factories import EnterpriseFactory
from gaoxin.testing.personas import Personas

TODAY = timezone.localdate()
EARLIER = TODAY - dt.timedelta(days=60)


def person(name: str = "李引荐", phone: str = "13900000001") -> dict[str, object]:
    return {"kind": ReferrerKind.PERSON, "referrer_name": name, "referrer_phone": phone, "note": ""}


def test_a_referrer_is_registered_once_and_logged(make_lead: MakeLead, bureau_officer: User) -> None:
    lead = make_lead(on=EARLIER)
    referral = services.referral_register(lead=lead, data=person(), by=bureau_officer)
    lead.refresh_from_db()
    assert referral.referrer_name == "李引荐"
    assert lead.source == Source.REFERRAL
    assert ChangeLogEntry.objects.filter(object_id=str(referral.pk), user=bureau_officer).exists()
    with pytest.raises(ValidationError) as error:
        services.referral_register(lead=lead, data=person("王另一"), by=bureau_officer)
    assert error.value.message_dict["referrer_name"] == ["该线索已登记引荐人：李引荐。"]


def test_staff_and_the_investor_are_refused(
    make_lead: MakeLead, bureau_officer: User, personas: Personas
) -> None:
    code = credit_code.make_code(serial=4242)
    lead = make_lead(on=EARLIER, investor_credit_code=code)
    personas.officer_b.phone = "13800000000"
    personas.officer_b.save()
    with pytest.raises(ValidationError) as error:
        services.referral_register(lead=lead, data=person("某某", "13800000000"), by=bureau_officer)
    assert error.value.message_dict["referrer_name"] == ["管委会工作人员不能作为引荐人。"]
    with pytest.raises(ValidationError):
        services.referral_register(lead=lead, data=person("招商局干部", ""), by=bureau_officer)
    with pytest.raises(ValidationError) as error:  # the investor under another legal form
        services.referral_register(
            lead=lead, data=person("恒达新能源科技（江苏）股份有限公司", ""), by=bureau_officer
        )
    assert "投资方" in error.value.message_dict["referrer_name"][0]
    firm = EnterpriseFactory(name="别的名字有限公司", credit_code=code)
    with pytest.raises(ValidationError):  # the investor by its credit code
        services.referral_register(
            lead=lead,
            data={"kind": ReferrerKind.ENTERPRISE, "enterprise": firm, "referrer_name": ""},
            by=bureau_officer,
        )
    assert not Referral.objects.exists()


def test_a_referrer_comes_before_the_signing(make_lead: MakeLead, bureau_officer: User) -> None:
    lead = advance(make_lead(on=EARLIER), "signed", on=EARLIER + dt.timedelta(days=5), by=bureau_officer)
    with pytest.raises(ValidationError) as error:
        services.referral_register(lead=lead, data=person(), by=bureau_officer)
    assert "签约" in error.value.message_dict["referrer_name"][0]
    late_entry = services.referral_register(  # dated before the signing: accepted
        lead=lead, data=person(), by=bureau_officer, on=EARLIER + dt.timedelta(days=4)
    )
    assert late_entry.pk


def test_only_the_lead_s_owners_register_its_referrer(make_lead: MakeLead, personas: Personas) -> None:
    lead = make_lead(on=EARLIER)
    with pytest.raises(PermissionDenied):
        services.referral_register(lead=lead, data=person(), by=personas.officer_b)


def test_the_portal_referral_lands_in_the_pool_and_the_bureau_assigns_it(
    bureau_officer: User, personas: Personas
) -> None:
    referral = services.portal_refer(
        data={
            "investor": "远景储能科技有限公司",
            "project": "储能电池包项目",
            "contact": "赵总 13700000000",
            "note": "有意向",
        },
        by=personas.contact,
    )
    lead = referral.lead
    assert (lead.officer, lead.team, lead.registered_by) == (None, None, None)
    assert lead.responsible_unit == bureau_officer.department
    assert lead.stage.code == "lead"
    assert lead.source == Source.REFERRAL
    assert (referral.kind, referral.enterprise, referral.submitted_by) == (
        ReferrerKind.ENTERPRISE,
        personas.own_enterprise,
        personas.contact,
    )
    assert list(referral_reads.pool(bureau_officer)) == [lead]
    assert list(referral_reads.pool(personas.officer_b)) == []
    with pytest.raises(PermissionDenied):
        services.portal_refer(data={"investor": "某公司"}, by=personas.officer_b)
    with pytest.raises(PermissionDenied):
        services.pool_assign(lead=lead, data={"officer": personas.officer_b}, by=personas.officer_b)
    services.pool_assign(lead=lead, data={"officer": bureau_officer}, by=bureau_officer)
    lead.refresh_from_db()
    assert lead.officer == bureau_officer
    assert list(referral_reads.pool(bureau_officer)) == []


def test_the_contact_follows_the_stage_not_what_the_bureau_added(
    bureau_officer: User, personas: Personas
) -> None:
    referral = services.portal_refer(
        data={"investor": "远景储能", "project": "储能项目"}, by=personas.contact
    )
    lead = referral.lead
    services.pool_assign(lead=lead, data={"officer": bureau_officer}, by=bureau_officer)
    from gaoxin.investment.services import leads

    leads.lead_update(
        lead=lead,
        data={"investor_name": "远景储能科技（上海）有限公司", "is_confidential": True, "code_name": "蓝鲸"},
        by=bureau_officer,
    )
    advance(lead, "contact", on=TODAY, by=bureau_officer)
    [seen] = referral_reads.portal_referrals(personas.contact)
    assert (seen.stage, seen.stage_since) == ("接洽", TODAY)
    assert seen.referral.submitted_investor == "远景储能"
    assert referral_reads.portal_referrals(personas.officer_b) == []


def test_the_reward_follows_the_investment_formed(
    make_lead: MakeLead, bureau_officer: User, personas: Personas
) -> None:
    lead = make_lead(on=EARLIER)
    services.referral_register(lead=lead, data=person(), by=bureau_officer, on=EARLIER)
    assert referral_reads.reward_of(lead).reward is None  # no project yet
    lead = advance(lead, "landed", on=EARLIER + dt.timedelta(days=10), by=bureau_officer)
    lead.enterprise = EnterpriseFactory(name="恒达新能源（高新区）有限公司")
    lead.save()
    Stage.objects.get_or_create(code="registered", defaults={"name": "注册", "sort_order": 40})
    project = conversion.lead_convert(
        lead=lead, data=conversion.project_initial(lead), by=personas.administrator
    )
    lead.refresh_from_db()
    assert referral_reads.reward_of(lead).reward is None  # nothing formed yet
    progress.file_report(
        project=project,
        year=TODAY.year,
        month=TODAY.month,
        completed=Decimal(20_000),
        by=personas.administrator,
    )
    earned = referral_reads.reward_of(lead)
    assert earned.formed == Decimal(20_000)
    assert earned.reward is not None
    # 3‰ of the first 1亿 + 2‰ of the next 1亿 (万元)
    assert [(line.base, line.permille) for line in earned.reward.lines] == [
        (Decimal(10_000), Decimal(3)),
        (Decimal(10_000), Decimal(2)),
    ]
    assert earned.reward.amount == Decimal("50.00")
    [line] = referral_reads.leaderboard(bureau_officer)
    assert (line.name, line.referrals, line.signed, line.reward) == ("李引荐", 1, 1, Decimal("50.00"))


def test_the_bureau_sets_the_reward_rule(bureau_officer: User, personas: Personas) -> None:
    data = {
        "reward_tiers": [
            {"up_to": Decimal(50_000), "permille": Decimal(5)},
            {"up_to": None, "permille": Decimal(1)},
        ],
        "reward_cap": None,
        "reward_marginal": False,
        "reward_claim_days": 180,
    }
    services.reward_rule_save(data=data, by=bureau_officer)
    rule = referral_reads.reward_rule()
    assert rule.cap is None
    assert rule.marginal is False
    assert rule.claim_within_days == 180
    assert referral_reads.reward_rule().tiers[0].permille == Decimal(5)
    from gaoxin.investment import referrals

    assert referrals.reward(Decimal(60_000), rule).amount == Decimal("60.00")  # all at 1‰
    with pytest.raises(ValidationError) as error:
        services.reward_rule_save(
            data={**data, "reward_tiers": [{"up_to": Decimal(10), "permille": Decimal(1)}]}, by=bureau_officer
        )
    assert "reward_tiers" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.reward_rule_save(data=data, by=personas.officer_a)


def test_a_pool_lead_is_made_only_by_the_portal(make_lead: MakeLead, bureau_officer: User) -> None:
    with pytest.raises(ValidationError) as error:
        make_lead(officer=None)  # the bureau registering must name the owner
    assert "officer" in error.value.message_dict
    assert not Lead.objects.exists()
