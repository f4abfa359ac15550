"""The registry's API lists take the filters of the pages (one FilterSet each), and the OpenAPI schema names them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from gaoxin.enterprises.choices import Scale
from gaoxin.testing.factories import EnterpriseFactory, EnterpriseYearFactory, LandParcelFactory
from gaoxin.testing.personas import Personas

LIST_PARAMETERS = {
    "/api/v1/enterprises/": {"q", "industry", "scale", "park", "chain", "status", "sort", "page"},
    "/api/v1/parcels/": {"q", "park", "use", "sort", "page"},
    "/api/v1/years/": {"year", "credit_code", "sort", "page"},
}


def _schema(client: Client) -> dict[str, Any]:
    schema: dict[str, Any] = client.get("/api/schema/", {"format": "json"}).json()
    return schema


@pytest.mark.parametrize("path", LIST_PARAMETERS)
def test_the_schema_lists_the_filters_of_each_registry_list(client_for: Any, path: str) -> None:
    operation = _schema(client_for("leader"))["paths"][path]["get"]
    assert {p["name"] for p in operation["parameters"] if p["in"] == "query"} == LIST_PARAMETERS[path]
    assert "400" in operation["responses"]  # a value the filter refuses


def test_the_schema_offers_the_sorts_of_the_page(client_for: Any) -> None:
    parameters = _schema(client_for("leader"))["paths"]["/api/v1/enterprises/"]["get"]["parameters"]
    sort = next(p for p in parameters if p["name"] == "sort")
    assert {"name", "-name", "park__name", "registered_on"} <= set(sort["schema"]["items"]["enum"])
    scale = next(p for p in parameters if p["name"] == "scale")
    assert set(scale["schema"]["enum"]) == set(Scale.values)


def _names(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


def test_the_api_filters_and_sorts_enterprises_as_the_page_does(personas: Personas, client_for: Any) -> None:
    EnterpriseFactory(name="北京光电有限公司", scale=Scale.ABOVE_SCALE)
    EnterpriseFactory(name="安徽光电有限公司", scale=Scale.ABOVE_SCALE)
    EnterpriseFactory(name="安徽建工有限公司", scale=Scale.BELOW_SCALE)
    client = client_for("leader")
    found = _names(client.get("/api/v1/enterprises/", {"q": "光电", "scale": "above_scale", "sort": "-name"}))
    assert found == ["北京光电有限公司", "安徽光电有限公司"]  # pinyin order, descending
    assert client.get("/api/v1/enterprises/", {"scale": "huge"}).status_code == 400


def test_the_api_filters_yearly_data_by_year_and_credit_code(personas: Personas, client_for: Any) -> None:
    own = personas.own_enterprise
    for year in (2024, 2025):
        EnterpriseYearFactory(enterprise=own, year=year)
        EnterpriseYearFactory(enterprise=personas.other_enterprise, year=year)
    client = client_for("leader")
    rows = client.get("/api/v1/years/", {"year": 2025, "credit_code": own.credit_code}).json()["results"]
    assert [(row["credit_code"], row["year"]) for row in rows] == [(own.credit_code, 2025)]
    rows = client.get("/api/v1/years/", {"credit_code": own.credit_code, "sort": "-year"}).json()["results"]
    assert [row["year"] for row in rows] == [2025, 2024]
    assert client.get("/api/v1/years/", {"year": "last"}).status_code == 400


def test_the_api_lists_parcels_in_the_contacts_scope_with_the_page_filters(
    personas: Personas, client_for: Any
) -> None:
    LandParcelFactory(owner=personas.own_enterprise, certificate_no="浙(2020)甲001号", use="industrial")
    LandParcelFactory(owner=personas.own_enterprise, certificate_no="浙(2020)甲002号", use="commercial")
    LandParcelFactory(owner=personas.other_enterprise, certificate_no="浙(2020)乙001号", use="industrial")
    rows = client_for("contact").get("/api/v1/parcels/", {"use": "industrial"}).json()["results"]
    assert [row["certificate_no"] for row in rows] == ["浙(2020)甲001号"]
