"""Commitment pages: who may see and do what, and what the pages show."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal as D
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from python_calamine import CalamineWorkbook

from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.projects.models import Obligation, ObligationCheck
from gaoxin.projects.services.commitments import commitment_save
from gaoxin.projects.tests.conftest import LOGIN, ExpectAccess
from gaoxin.testing.personas import Personas

pytestmark = pytest.mark.django_db
LAST_YEAR = timezone.localdate().year - 1  # the run checks today: the last complete year is judged


@pytest.fixture
def commitment(make_project: Callable[..., Any], office: Any, personas: Personas) -> Obligation:
    project = make_project(stage_code="production", land_mu=D(50))
    EnterpriseYear.objects.create(
        enterprise=personas.own_enterprise, year=LAST_YEAR, tax=D(1000), land_mu=D(40)
    )
    return commitment_save(
        project=project,
        data={"measure": "tax_per_mu", "threshold": D(30), "first_year": LAST_YEAR},
        by=office.officer,
    )


def test_delete(
    client_as: Callable[[str], Client], expect_access: ExpectAccess, commitment: Obligation
) -> None:
    url = reverse("projects:commitment_delete", args=[commitment.project_id, commitment.pk])
    expect_access("post", url, {"leader": 403, "officer_b": 403, "contact": 403, "anonymous": LOGIN})
    assert Obligation.objects.exists()
    assert client_as("officer_a").post(url).status_code == 302
    assert not Obligation.objects.exists()


def test_an_agreement_clause_is_not_a_commitment_of_the_tab(
    client_as: Callable[[str], Client], commitment: Obligation
) -> None:
    clause = Obligation.objects.create(
        project=commitment.project, measure="tax", threshold=D(1), first_year=2025
    )
    args = [commitment.project_id, clause.pk]
    assert client_as("officer_a").get(reverse("projects:commitment_edit", args=args)).status_code == 404
    assert client_as("officer_a").post(reverse("projects:commitment_delete", args=args)).status_code == 404
    tab = client_as("officer_a").get(reverse("projects:commitments", args=[commitment.project_id]))
    assert f'id="commitment-{clause.pk}"' not in tab.content.decode()


def test_run(expect_access: ExpectAccess, commitment: Obligation) -> None:
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
    )
    assert ObligationCheck.objects.filter(year=LAST_YEAR + 1).count() == 1


def test_form_creates_a_commitment(
    client_as: Callable[[str], Client], make_project: Callable[..., Any]
) -> None:
    project = make_project()
    url = reverse("projects:commitment_create", args=[project.pk])
    response = client_as("officer_a").post(
        url, {"measure": "investment_intensity", "threshold": "300", "due_on": "2027-06-30"}
    )
    assert response.status_code == 302
    saved = Obligation.objects.get(project=project)
    assert (saved.measure, saved.threshold, saved.standard_parcel) == ("investment_intensity", D(300), True)
    for refused in (
        {},
        {"measure": "tax", "threshold": "30", "first_year": "2027"},
        {"measure": "plot_ratio"},
    ):
        assert client_as("officer_a").post(url, refused).status_code == 200
    assert Obligation.objects.filter(project=project).count() == 1


def test_checks_page_and_export_show_the_shortfall(
    client_as: Callable[[str], Client], commitment: Obligation
) -> None:
    assert client_as("office").post(reverse("projects:commitment_checks_run")).status_code == 302
    year = f"?year={LAST_YEAR + 1}"
    page = client_as("leader").get(
        reverse("projects:commitment_checks") + year, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    text = page.content.decode()
    assert commitment.project.name in text
    assert 'data-measure="tax_per_mu"' in text
    passed_only = client_as("leader").get(reverse("projects:commitment_checks") + year + "&status=passed")
    assert commitment.project.name not in passed_only.content.decode()
    tab = (
        client_as("leader")
        .get(reverse("projects:commitments", args=[commitment.project_id]))
        .content.decode()
    )
    assert str(LAST_YEAR + 1) in tab
    assert "badge-red" in tab
    export = client_as("leader").get(reverse("projects:commitment_checks_export") + year)
    rows = CalamineWorkbook.from_filelike(io.BytesIO(export.content)).get_sheet_by_index(0).to_python()
    cells = [c for row in rows for c in row]
    assert commitment.project.code in cells
    assert 25.0 in cells
    assert 30.0 in cells
