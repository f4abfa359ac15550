"""The bureau's settings pages: stages, stop reasons, teams and rules, each change in the change log."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from gaoxin.core import changelog
from gaoxin.investment.models import InvestmentRules, InvestmentTeam, LeadStage

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau_client(bureau_officer) -> Client:
    client = Client()
    client.force_login(bureau_officer)
    return client


def stage_data(stage: LeadStage, **changes) -> dict:
    data = {
        "code": stage.code,
        "name": stage.name,
        "sort_order": stage.sort_order,
        "expected_workdays": stage.expected_workdays or "",
        "probability": stage.probability,
        "milestone": stage.milestone,
        "is_active": "on" if stage.is_active else "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_the_bureau_changes_a_stage_and_it_is_logged(bureau_client, stages) -> None:
    stage = stages["inspection"]
    response = bureau_client.post(
        reverse("investment:stage_edit", args=[stage.pk]), stage_data(stage, expected_workdays=25)
    )
    assert response.status_code == 302
    stage.refresh_from_db()
    assert stage.expected_workdays == 25
    assert changelog.history(stage).filter(changes__has_key="expected_workdays").exists()


def test_a_stage_leads_stand_in_cannot_be_retired(bureau_client, make_lead, stages) -> None:
    make_lead()
    stage = stages["lead"]
    response = bureau_client.post(
        reverse("investment:stage_edit", args=[stage.pk]), stage_data(stage, is_active="")
    )
    assert response.status_code == 200
    assert "该阶段尚有线索" in response.content.decode()
    stage.refresh_from_db()
    assert stage.is_active


def test_teams_with_members_and_new_rules(bureau_client, bureau, bureau_officer) -> None:
    response = bureau_client.post(
        reverse("investment:team_create"),
        {
            "name": "招商一组",
            "kind": "squad",
            "department": bureau.pk,
            "members": [bureau_officer.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert list(InvestmentTeam.objects.get().members.all()) == [bureau_officer]
    rules = InvestmentRules.objects.get()
    rules.reward_claim_days = 200  # set on the reward page: the rules form keeps it
    rules.save()
    response = bureau_client.post(
        reverse("investment:rules"),
        {
            "protection_days": 120,
            "first_report_threshold": "100000",
            "first_report_protection_days": 180,
            "similarity_threshold": "0.75",
            "issuing_body": "高新区投资促进局",
            "race_red_count": 1,
            "race_black_count": 1,
            "weight_signed_investment": "50",
            "weight_landed": "50",
            **{
                f"weight_{m}": "0"
                for m in ("large_signings", "started", "funds_in_place", "foreign_investment_used")
            },
        },
    )
    assert response.status_code == 302
    rules = InvestmentRules.objects.get()  # changed in place, the change log keeps what it was
    assert rules.protection_days == 120
    assert rules.reward_claim_days == 200
    assert rules.race_weights == {"signed_investment": 50.0, "landed": 50.0}
    page = bureau_client.get(reverse("investment:settings")).content.decode()
    assert "招商一组" in page
    assert "120" in page
