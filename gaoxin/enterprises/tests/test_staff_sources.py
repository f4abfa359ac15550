"""Values staff enter carry the staff's source (their department's, or one they choose), never 企业填报."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gaoxin.enterprises.models import EnterpriseYear

pytestmark = pytest.mark.django_db


def _tax_department(personas):
    department = personas.department_a
    department.name, department.short_name = "税务联络组", "税务组"
    department.save()


def test_the_year_form_offers_no_enterprise_source_and_defaults_to_nothing(personas, client_for):
    url = reverse("enterprises:year_create", args=[personas.own_enterprise.pk])
    field = client_for("officer_a").get(url).context["form"]["source"]
    assert "enterprise" not in [value for value, _label in field.field.choices]
    assert field.value() in ("", None)  # 经济发展局 names no source: the officer must choose one

    response = client_for("officer_a").post(url, {"year": 2025, "tax": "10"})
    assert response.status_code == 200
    assert "source" in response.context["form"].errors
    assert not EnterpriseYear.objects.exists()

    refused = client_for("officer_a").post(url, {"year": 2025, "tax": "10", "source": "enterprise"})
    assert "source" in refused.context["form"].errors
    assert not EnterpriseYear.objects.exists()


def test_the_year_form_defaults_to_the_departments_source(personas, client_for):
    _tax_department(personas)
    url = reverse("enterprises:year_create", args=[personas.own_enterprise.pk])
    assert client_for("officer_a").get(url).context["form"]["source"].value() == "tax"
    client_for("officer_a").post(url, {"year": 2025, "tax": "10", "source": "tax"})
    assert EnterpriseYear.objects.get().sources["tax"] == "tax"


def test_the_import_form_defaults_to_the_departments_source(personas, client_for):
    _tax_department(personas)
    form = client_for("officer_a").get(reverse("enterprises:import_start")).context["form"]
    assert form["source"].value() == "tax"
    assert "enterprise" not in [value for value, _label in form.fields["source"].choices]


@pytest.mark.parametrize(("tax_office", "expected"), [(True, "tax"), (False, "other")])
def test_the_api_records_the_callers_source(personas, client_for, tax_office, expected):
    if tax_office:
        _tax_department(personas)
    response = client_for("officer_a").post(
        "/api/v1/years/",
        {"credit_code": personas.own_enterprise.credit_code, "year": 2025, "tax": "10"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert EnterpriseYear.objects.get().sources == {"tax": expected}
