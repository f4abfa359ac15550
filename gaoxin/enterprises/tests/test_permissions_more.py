"""The rest of the registry's pages and endpoints: who may act, who gets 403/404, and anonymous users."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gaoxin.core.models import Job
from gaoxin.enterprises.credit_code import make_code
from gaoxin.enterprises.tests import files
from gaoxin.testing.factories import EnterpriseYearFactory, LandParcelFactory
from gaoxin.testing.permission_tables import Call, observe, post

pytestmark = pytest.mark.django_db

WRITE = {
    "administrator": 200,
    "leader": 403,
    "officer_a": 200,
    "officer_b": 403,
    "contact": 403,
    "anonymous": 302,
}


STAFF = {**WRITE, "leader": 200, "officer_b": 200}
WRITE_ACTS = {**WRITE, "administrator": 302, "officer_a": 302}

# URL name → persona → expected status (the completeness test of site/tests reads it); the requests: ``calls``.
# An enterprise's pages are asked of the other enterprise, which its contact may not see (404).
PERMISSIONS = {
    "enterprises:detail": {**STAFF, "contact": 404},
    "enterprises:edit": WRITE,
    "enterprises:year_create": WRITE,
    "enterprises:year_edit": WRITE,
    "enterprises:lease_add": WRITE,
    "enterprises:parcel_create": WRITE,
    "enterprises:parcel_detail": STAFF,
    "enterprises:parcel_edit": WRITE,
    "enterprises:import_template": WRITE,
    "enterprises:import_job": WRITE,  # officer_a's import (another officer's is 404: test_import_views)
    "enterprises:import_confirm": WRITE_ACTS,
    "enterprises:import_retry": WRITE_ACTS,
    "enterprises:import_problems": WRITE,
}


def calls(personas, client_for) -> dict[str, Call]:  # type: ignore[no-untyped-def]
    other = personas.other_enterprise
    parcel = LandParcelFactory(owner=other)
    EnterpriseYearFactory(enterprise=other, year=2025)
    bad = files.xlsx(
        [["统一社会信用代码", "企业名称", "行业代码"], [make_code(serial=555), "导入有限公司", "0000"]]
    )
    client_for("officer_a").post(
        reverse("enterprises:import_start"),
        {"kind": "enterprises", "source": "other", "file": SimpleUploadedFile("名录.xlsx", bad)},
    )
    job = Job.objects.get().id
    return {
        "enterprises:detail": Call(reverse("enterprises:detail", args=[other.pk])),
        "enterprises:edit": Call(reverse("enterprises:edit", args=[other.pk])),
        "enterprises:year_create": Call(reverse("enterprises:year_create", args=[other.pk])),
        "enterprises:year_edit": Call(reverse("enterprises:year_edit", args=[other.pk, 2025])),
        "enterprises:lease_add": Call(reverse("enterprises:lease_add", args=[other.pk])),
        "enterprises:parcel_create": Call(reverse("enterprises:parcel_create")),
        "enterprises:parcel_detail": Call(reverse("enterprises:parcel_detail", args=[parcel.pk])),
        "enterprises:parcel_edit": Call(reverse("enterprises:parcel_edit", args=[parcel.pk])),
        "enterprises:import_template": Call(reverse("enterprises:import_template", args=["years"])),
        "enterprises:import_job": Call(reverse("enterprises:import_job", args=[job])),
        "enterprises:import_confirm": post(
            reverse("enterprises:import_confirm", args=[job]), {"valid_only": "1"}
        ),
        "enterprises:import_retry": post(reverse("enterprises:import_retry", args=[job])),
        "enterprises:import_problems": Call(reverse("enterprises:import_problems", args=[job])),
    }


def test_permission_table(client_for, personas):  # type: ignore[no-untyped-def]
    assert observe(client_for, calls(personas, client_for)) == PERMISSIONS


@pytest.fixture
def objects(personas):
    parcel = LandParcelFactory(owner=personas.own_enterprise)
    EnterpriseYearFactory(enterprise=personas.own_enterprise, year=2025)
    return {"parcel": parcel, "own": personas.own_enterprise}


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


@pytest.mark.parametrize(("persona", "status"), [("leader", 200), ("contact", 200), ("anonymous", 401)])
def test_openapi_schema_and_docs(client_for, persona, status):
    client = client_for(persona)
    schema = client.get("/api/schema/", {"format": "json"})
    assert schema.status_code == status
    if status == 200:
        paths = schema.json()["paths"]
        assert {"/api/v1/enterprises/", "/api/v1/parcels/", "/api/v1/years/"} <= set(paths)
        assert client.get("/api/docs/").status_code == 200
