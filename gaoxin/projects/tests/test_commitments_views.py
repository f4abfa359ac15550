"""Commitment pages: who may see and do what, and what the pages show."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal as D
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from python_calamine import CalamineWorkbook

from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.projects.models import Commitment, CommitmentCheck
from gaoxin.projects.services.commitments import commitment_save
from gaoxin.projects.tests.conftest import LOGIN, ExpectAccess
from gaoxin.testing.personas import Personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment(make_project: Callable[..., Any], office: Any, personas: Personas) -> Commitment:
    project = make_project(stage_code="production", land_mu=D(50))
    EnterpriseYear.objects.create(enterprise=personas.own_enterprise, year=2025, tax=D(1000), land_mu=D(40))
    return commitment_save(project=project, data={"tax_per_mu": D(30)}, by=office.officer)


def test_delete(
    client_as: Callable[[str], Client], expect_access: ExpectAccess, commitment: Commitment
) -> None:
    url = reverse("projects:commitment_delete", args=[commitment.project_id, commitment.pk])
    expect_access("post", url, {"leader": 403, "officer_b": 403, "contact": 403, "anonymous": LOGIN})
    assert Commitment.objects.exists()
    assert client_as("officer_a").post(url).status_code == 302
    assert not Commitment.objects.exists()


def test_run(expect_access: ExpectAccess, commitment: Commitment) -> None:
    url = reverse("projects:commitment_checks_run")
    expect_access(
        "post",
        url,
        {
            "administrator": 302,
            "leader": 403,
            "officer_a": 403,
            "office": 302,
            "officer_b": 403,
            "contact": 403,
            "anonymous": LOGIN,
        },
        {"year": "2025"},
    )
    assert CommitmentCheck.objects.filter(year=2025).count() == 1


def test_form_creates_a_commitment(
    client_as: Callable[[str], Client], make_project: Callable[..., Any]
) -> None:
    project = make_project()
    url = reverse("projects:commitment_create", args=[project.pk])
    response = client_as("officer_a").post(url, {"investment_intensity": "300", "tax_per_mu": "30"})
    assert response.status_code == 302
    assert Commitment.objects.get(project=project).investment_intensity == D(300)
    empty = client_as("officer_a").post(url, {})
    assert empty.status_code == 200
    assert Commitment.objects.filter(project=project).count() == 1


def test_checks_page_and_export_show_the_shortfall(
    client_as: Callable[[str], Client], commitment: Commitment
) -> None:
    assert (
        client_as("office").post(reverse("projects:commitment_checks_run"), {"year": "2025"}).status_code
        == 302
    )
    page = client_as("leader").get(
        reverse("projects:commitment_checks") + "?year=2025", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    text = page.content.decode()
    assert commitment.project.name in text
    assert 'data-indicator="tax_per_mu"' in text
    passed_only = client_as("leader").get(reverse("projects:commitment_checks") + "?year=2025&status=passed")
    assert commitment.project.name not in passed_only.content.decode()
    tab = (
        client_as("leader")
        .get(reverse("projects:commitments", args=[commitment.project_id]))
        .content.decode()
    )
    assert "2025" in tab
    assert "badge-red" in tab
    export = client_as("leader").get(reverse("projects:commitment_checks_export") + "?year=2025")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(export.content)).get_sheet_by_index(0).to_python()
    cells = [c for row in rows for c in row]
    assert commitment.project.code in cells
    assert 25.0 in cells
    assert 30.0 in cells
