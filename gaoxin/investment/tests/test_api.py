"""The leads API: the page's filters and scope, confidential leads masked, registering and editing through the
services."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from gaoxin.investment.models import Lead

pytestmark = pytest.mark.django_db

URL = "/api/v1/leads/"


@pytest.fixture
def leads(make_lead, personas) -> dict[str, Lead]:
    return {
        "open": make_lead(name="光伏项目", investor_name="光伏公司", total_investment=Decimal(200_000)),
        "secret": make_lead(
            name="真实名称",
            investor_name="机密公司",
            is_confidential=True,
            code_name="鲲鹏",
            total_investment=Decimal(5_000),
            fixed_asset_investment=None,
        ),
        "own": make_lead(
            by=personas.officer_a,
            name="传感器项目",
            investor_name="传感公司",
            responsible_unit=personas.department_a,
            officer=None,
            total_investment=Decimal(800),
            fixed_asset_investment=None,
        ),
    }


def test_reads_are_scoped_and_confidential_leads_masked(client_for, leads) -> None:
    rows = client_for("leader").get(URL).json()["results"]
    secret = next(row for row in rows if row["code"] == leads["secret"].code)
    assert len(rows) == 3
    assert secret["name"] == "鲲鹏"
    assert secret["investor_name"] == ""
    own = client_for("officer_a").get(URL).json()["results"]
    assert [row["code"] for row in own] == [leads["own"].code]
    assert client_for("contact").get(URL).status_code == 403


def test_the_api_filters_like_the_page_and_refuses_bad_values(client_for, leads) -> None:
    client = client_for("administrator")
    assert [r["code"] for r in client.get(URL, {"size": "1bn"}).json()["results"]] == [leads["open"].code]
    assert client.get(URL, {"status": "nonsense"}).status_code == 400


def test_an_officer_registers_and_edits_their_lead(client_for, stages, personas) -> None:
    client: Client = client_for("officer_a")
    created = client.post(
        URL,
        {
            "name": "新材料项目",
            "investor_name": "新材料公司",
            "responsible_unit": "jingfa",
            "total_investment": "3000",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    lead = Lead.objects.get(code=created.json()["code"])
    assert lead.officer == personas.officer_a
    assert lead.stage.code == "lead"
    changed = client.patch(f"{URL}{lead.pk}/", {"total_investment": "5000"}, content_type="application/json")
    assert changed.status_code == 200
    assert changed.json()["total_investment"] == "5000.0000"
    moved = client.patch(f"{URL}{lead.pk}/", {"stage": "signed"}, content_type="application/json")
    assert moved.status_code == 400
    assert client_for("leader").post(URL, {}, content_type="application/json").status_code == 403
