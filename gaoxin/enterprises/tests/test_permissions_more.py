"""The rest of the registry's pages and endpoints: who may act, who gets 403/404, and anonymous users."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from gaoxin.core import jobs
from gaoxin.testing.factories import EnterpriseYearFactory, LandParcelFactory

pytestmark = pytest.mark.django_db

WRITE = {
    "administrator": 200,
    "leader": 403,
    "officer_a": 200,
    "officer_b": 403,
    "contact": 403,
    "anonymous": 302,
}


@pytest.fixture
def objects(personas):
    parcel = LandParcelFactory(owner=personas.own_enterprise)
    EnterpriseYearFactory(enterprise=personas.own_enterprise, year=2025)
    return {"parcel": parcel, "own": personas.own_enterprise}


@pytest.mark.parametrize(("persona", "status"), WRITE.items())
@pytest.mark.parametrize(
    "url",
    [
        lambda o: reverse("enterprises:year_create", args=[o["own"].pk]),
        lambda o: reverse("enterprises:year_edit", args=[o["own"].pk, 2025]),
        lambda o: reverse("enterprises:lease_add", args=[o["own"].pk]),
        lambda o: reverse("enterprises:parcel_create"),
        lambda o: reverse("enterprises:parcel_edit", args=[o["parcel"].pk]),
        lambda o: reverse("enterprises:import_template", args=["years"]),
    ],
    ids=["year_create", "year_edit", "lease_add", "parcel_create", "parcel_edit", "template"],
)
def test_registry_write_pages(client_for, objects, url, persona, status):
    assert client_for(persona).get(url(objects)).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("administrator", 200),
        ("leader", 200),
        ("officer_a", 200),
        ("officer_b", 200),
        ("contact", 403),
        ("anonymous", 302),
    ],
)
def test_parcel_detail_is_for_staff(client_for, objects, persona, status):
    assert (
        client_for(persona).get(reverse("enterprises:parcel_detail", args=[objects["parcel"].pk])).status_code
        == status
    )


@pytest.mark.parametrize("persona", ["administrator", "leader", "officer_b", "contact"])
def test_api_years_and_parcels_are_scoped(client_for, objects, personas, persona):
    EnterpriseYearFactory(enterprise=personas.other_enterprise, year=2025)
    LandParcelFactory(owner=personas.other_enterprise)
    client = client_for(persona)
    years = client.get("/api/v1/years/", {"year": 2025}).json()["count"]
    parcels = client.get("/api/v1/parcels/").json()["count"]
    expected = 1 if persona == "contact" else 2
    assert (years, parcels) == (expected, expected)


@pytest.mark.parametrize(
    ("persona", "status"), [("officer_a", 201), ("leader", 403), ("officer_b", 403), ("contact", 403)]
)
def test_api_year_upsert_needs_the_registry_capability(client_for, personas, persona, status):
    payload = {"credit_code": personas.own_enterprise.credit_code, "year": 2024, "tax": "12.5"}
    response = client_for(persona).post("/api/v1/years/", payload, content_type="application/json")
    assert response.status_code == status
    if status == 201:
        assert response.json()["tax"] == "12.5000"
        assert personas.own_enterprise.years.get(year=2024).tax == Decimal("12.5")


def test_api_rejects_negative_values_with_a_message(client_for, personas):
    payload = {"credit_code": personas.own_enterprise.credit_code, "year": 2024, "tax": "-1"}
    response = client_for("officer_a").post("/api/v1/years/", payload, content_type="application/json")
    assert response.status_code == 400
    assert "tax" in response.json()


def test_job_progress_only_for_its_owner(client_for, personas):
    job = jobs.create(kind="import.years", user=personas.officer_a, total=10)
    url = reverse("core:job_progress", args=[job.id])
    assert client_for("officer_a").get(url).json()["total"] == 10
    assert client_for("administrator").get(url).status_code == 200
    assert client_for("officer_b").get(url).status_code == 404
    assert client_for("anonymous").get(url).status_code == 302


@pytest.mark.parametrize(("persona", "status"), [("leader", 200), ("contact", 200), ("anonymous", 401)])
def test_openapi_schema_and_docs(client_for, persona, status):
    client = client_for(persona)
    schema = client.get("/api/schema/", {"format": "json"})
    assert schema.status_code == status
    if status == 200:
        paths = schema.json()["paths"]
        assert {"/api/v1/enterprises/", "/api/v1/parcels/", "/api/v1/years/"} <= set(paths)
        assert client.get("/api/docs/").status_code == 200
