"""Picking an enterprise in a form by its name or a part of its credit code: the suggestions endpoint (staff
only, the enterprise search) and the field's input that asks it through htmx, with no script of its own."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from gaoxin.enterprises.form_fields import EnterpriseCodeField
from gaoxin.servicedesk.forms import VisitPlanForm
from gaoxin.testing.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

URL = reverse("enterprises:suggest")


def picked(html: str) -> list[str]:
    return re.findall(r'data-pick="([^"]+)"', html)


def test_a_part_of_the_name_or_of_the_credit_code_suggests_the_enterprise(personas, client_for):
    own = personas.own_enterprise
    client = client_for("officer_a")
    assert picked(client.get(URL, {"q": "自有光伏"}).content.decode()) == [own.credit_code]
    assert own.credit_code in picked(client.get(URL, {"q": own.credit_code[5:12].lower()}).content.decode())
    html = client.get(URL, {"q": "自有"}).content.decode()
    assert "自有光伏科技有限公司" in html
    assert "<script" not in html
    assert " on" not in re.sub(r'"[^"]*"', "", html)  # no inline handlers


def test_htmx_names_the_field_it_asks_for(personas, client_for):
    response = client_for("officer_a").get(
        URL,
        {"plan-enterprise": "自有光伏"},
        headers={"HX-Request": "true", "HX-Trigger-Name": "plan-enterprise"},
    )
    assert picked(response.content.decode()) == [personas.own_enterprise.credit_code]


def test_a_single_letter_suggests_nothing_and_at_most_ten_are_listed(personas, client_for):
    for index in range(12):
        EnterpriseFactory(name=f"嘉兴测试企业{index:02d}有限公司")
    client = client_for("officer_a")
    assert picked(client.get(URL, {"q": "a"}).content.decode()) == []
    assert len(picked(client.get(URL, {"q": "嘉兴测试"}).content.decode())) == 10


def test_only_staff_may_search_the_registry(personas, client_for, client):
    assert client_for("contact").get(URL, {"q": "光伏"}).status_code == 403
    assert client.get(URL, {"q": "光伏"}).status_code == 302  # to the login


def test_the_field_renders_an_input_that_asks_for_suggestions_and_still_takes_a_typed_code(personas):
    html = str(VisitPlanForm()["enterprise"])
    assert f'hx-get="{URL}"' in html
    assert 'hx-target="next .suggestions"' in html
    assert '<ul class="suggestions"' in html
    assert "<script" not in html
    assert EnterpriseCodeField().clean(personas.own_enterprise.credit_code) == personas.own_enterprise
