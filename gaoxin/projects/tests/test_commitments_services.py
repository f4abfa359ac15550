"""Commitments: editing, the yearly check on hand-computed data, idempotence, and the enterprise page flag."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal as D
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gaoxin.core.models import ChangeLogEntry
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.projects.models import Commitment, CommitmentCheck
from gaoxin.projects.selectors.commitments import enterprise_shortfalls
from gaoxin.projects.services.commitments import commitment_save, run_commitment_checks
from gaoxin.testing.personas import Personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def producing(make_project: Callable[..., Any], personas: Personas) -> Any:
    project = make_project(stage_code="production", land_mu=D(50), fixed_asset_investment=D(16000))
    EnterpriseYear.objects.create(
        enterprise=personas.own_enterprise,
        year=2025,
        tax=D(1000),
        land_mu=D(40),
        value_added=D(5000),
        energy_tce=D(2000),
        emissions_t=D(40),
    )
    return project


def commit(project: Any, by: Any, **values: Any) -> Commitment:
    return commitment_save(project=project, data=values, by=by)


def test_check_by_hand(producing: Any, office: Any) -> None:
    commit(producing, office.officer, investment_intensity=D(300), tax_per_mu=D(30), value_added_per_tce=D(2))
    run = run_commitment_checks(year=2025, by=office.officer)
    assert (run.checked, run.failed) == (1, 1)
    check = CommitmentCheck.objects.get()
    # 16000 ÷ 50 = 320 ≥ 300; 1000 ÷ 40 = 25 < 30; 5000 ÷ 2000 = 2.5 ≥ 2.
    assert check.actuals["investment_intensity"]["actual"] == "320"
    assert check.actuals["value_added_per_tce"]["status"] == "met"
    assert check.shortfalls == [
        {"indicator": "tax_per_mu", "committed": "30", "actual": "25", "status": "shortfall", "missing": []}
    ]
    assert not check.passed


def test_missing_plot_ratio_at_acceptance_is_a_failure_not_a_pass(producing: Any, office: Any) -> None:
    commitment = commit(producing, office.officer, plot_ratio=D("1.2"))
    run_commitment_checks(year=2025, by=office.officer)
    check = CommitmentCheck.objects.get()
    assert not check.passed
    assert check.shortfalls[0]["status"] == "missing"
    commitment_save(
        project=producing, commitment=commitment, data={"accepted_plot_ratio": D("1.3")}, by=office.officer
    )
    run_commitment_checks(year=2025, by=office.officer)
    assert CommitmentCheck.objects.get().passed


def test_only_producing_projects_are_checked(
    make_project: Callable[..., Any], producing: Any, office: Any
) -> None:
    signed = make_project(land_mu=D(10))
    later = make_project(stage_code="production", production_on=dt.date(2026, 3, 1))
    for project in (producing, signed, later):
        commit(project, office.officer, tax_per_mu=D(10))
    run = run_commitment_checks(year=2025, by=office.officer)
    assert run.checked == 1
    assert list(CommitmentCheck.objects.values_list("commitment__project", flat=True)) == [producing.pk]
    assert run_commitment_checks(year=2026, by=office.officer).checked == 2  # later produces from 2026


def test_rerun_is_idempotent_and_follows_changed_data(
    producing: Any, office: Any, personas: Personas
) -> None:
    commit(producing, office.officer, tax_per_mu=D(30))
    first = run_commitment_checks(year=2025, by=office.officer)
    assert first.written == 1
    logged = ChangeLogEntry.objects.count()
    again = run_commitment_checks(year=2025, by=office.officer)
    assert again.written == 0
    assert ChangeLogEntry.objects.count() == logged
    EnterpriseYear.objects.filter(enterprise=personas.own_enterprise).update(tax=D(1400))  # 35 per mu
    assert run_commitment_checks(year=2025, by=office.officer).written == 1
    assert CommitmentCheck.objects.get().passed
    assert CommitmentCheck.objects.count() == 1


def test_commitment_edit_permissions(producing: Any, personas: Personas) -> None:
    commit(producing, personas.officer_a, tax_per_mu=D(30))  # the responsible unit
    with pytest.raises(PermissionDenied):
        commit(producing, personas.officer_b, tax_per_mu=D(30))
    with pytest.raises(PermissionDenied):
        commit(producing, personas.leader, tax_per_mu=D(30))
    with pytest.raises(ValidationError):
        commit(producing, personas.officer_a)
    assert ChangeLogEntry.objects.filter(action="create", object_repr__contains=producing.name).exists()


def test_only_the_project_office_runs_the_check(personas: Personas) -> None:
    for name in ("officer_a", "officer_b", "leader"):
        with pytest.raises(PermissionDenied):
            run_commitment_checks(year=2025, by=getattr(personas, name))


def test_enterprise_page_flags_shortfalls_for_staff_only(
    producing: Any, office: Any, personas: Personas, client_for: Callable[[str], Any]
) -> None:
    commit(producing, office.officer, tax_per_mu=D(30))
    run_commitment_checks(year=2025, by=office.officer)
    assert [
        c.commitment.project for c in enterprise_shortfalls(personas.leader, personas.own_enterprise)
    ] == [producing]
    url = reverse("enterprises:detail", args=[personas.own_enterprise.pk])
    page = client_for("leader").get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'id="commitment-shortfalls"' in page
    assert "亩均税收" in page
    own = client_for("contact").get(url)
    assert own.status_code == 200
    assert 'id="commitment-shortfalls"' not in own.content.decode()
    other = client_for("leader").get(reverse("enterprises:detail", args=[personas.other_enterprise.pk]))
    assert 'id="commitment-shortfalls"' not in other.content.decode()
