"""Standard-parcel commitments as obligations: editing, the yearly check (对标验收) on hand-computed data, the check
of the standard-parcel commitments alone, idempotence, and the enterprise page flag."""

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
from gaoxin.projects.commitment_check import Committed
from gaoxin.projects.models import Obligation, ObligationCheck, ProjectIssue
from gaoxin.projects.selectors.commitments import enterprise_shortfalls, parcel_controls
from gaoxin.projects.services.commitments import commitment_delete, commitment_save, run_obligation_checks
from gaoxin.testing.factories import LandParcelFactory
from gaoxin.testing.personas import Personas

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 1)  # judges the years through 2025


@pytest.fixture
def producing(make_project: Callable[..., Any], personas: Personas) -> Any:
    project = make_project(stage_code="production", land_mu=D(50), production_on=dt.date(2024, 5, 1))
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


def commit(project: Any, by: Any, **values: Any) -> Obligation:
    return commitment_save(project=project, data=values, by=by)


def test_check_by_hand(producing: Any, office: Any) -> None:
    tax = commit(producing, office.officer, measure="tax_per_mu", threshold=D(30), first_year=2025)
    energy = commit(producing, office.officer, measure="value_added_per_tce", threshold=D(2), first_year=2025)
    run = run_obligation_checks(today=TODAY, by=office.officer, standard_parcel=True)
    assert (run.checked, run.by_status) == (2, {"breached": 1, "met": 1})
    # 1000 ÷ 40 = 25 < 30; 5000 ÷ 2000 = 2.5 ≥ 2.
    check = ObligationCheck.objects.get(obligation=tax)
    assert (check.year, check.status) == (2026, "breached")
    assert check.figures["years"] == [{"year": 2025, "actual": "25", "status": "shortfall", "missing": []}]
    assert ObligationCheck.objects.get(obligation=energy).status == "met"
    tax.refresh_from_db()
    assert tax.follow_up == ProjectIssue.objects.get(project=producing)  # a breach opens a follow-up


def test_missing_plot_ratio_at_acceptance_is_a_failure_not_a_pass(producing: Any, office: Any) -> None:
    ratio = commit(
        producing, office.officer, measure="plot_ratio", threshold=D("1.2"), due_on=dt.date(2025, 6, 30)
    )
    run_obligation_checks(today=TODAY, by=office.officer, standard_parcel=True)
    assert ObligationCheck.objects.get().status == "missing"
    commitment_save(project=producing, obligation=ratio, data={"recorded_value": D("1.3")}, by=office.officer)
    run_obligation_checks(today=TODAY, by=office.officer, standard_parcel=True)
    assert ObligationCheck.objects.get().status == "met"


def test_yearly_commitment_waits_for_production(make_project: Callable[..., Any], office: Any) -> None:
    signed = make_project(land_mu=D(10))
    commit(signed, office.officer, measure="tax_per_mu", threshold=D(10), from_production_year=1)
    run_obligation_checks(today=TODAY, by=office.officer, standard_parcel=True)
    assert ObligationCheck.objects.get().status == "not_due"


def test_the_standard_parcel_check_leaves_other_obligations_alone(producing: Any, office: Any) -> None:
    commit(producing, office.officer, measure="tax_per_mu", threshold=D(30), first_year=2025)
    clause = Obligation.objects.create(project=producing, measure="tax", threshold=D(5000), first_year=2025)
    run_obligation_checks(today=TODAY)  # the whole check, as the investment bureau's daily task runs it
    assert ObligationCheck.objects.count() == 2
    EnterpriseYear.objects.update(tax=D(6000))
    run = run_obligation_checks(today=TODAY, by=office.officer, standard_parcel=True)
    assert run.checked == 1
    assert ObligationCheck.objects.get(obligation=clause).status == "breached"  # not re-judged, not removed
    assert ObligationCheck.objects.exclude(obligation=clause).get().status == "met"


def test_rerun_is_idempotent_and_follows_changed_data(
    producing: Any, office: Any, personas: Personas
) -> None:
    commit(producing, office.officer, measure="tax_per_mu", threshold=D(30), first_year=2025)
    run_obligation_checks(today=TODAY, by=office.officer, standard_parcel=True)
    logged = ChangeLogEntry.objects.count()
    run_obligation_checks(today=TODAY, by=office.officer, standard_parcel=True)
    assert ChangeLogEntry.objects.count() == logged
    EnterpriseYear.objects.filter(enterprise=personas.own_enterprise).update(tax=D(1400))  # 35 per mu
    run_obligation_checks(today=TODAY, by=office.officer, standard_parcel=True)
    assert ObligationCheck.objects.get().status == "met"
    assert ChangeLogEntry.objects.count() > logged


def test_commitment_edit_permissions_and_rules(producing: Any, personas: Personas) -> None:
    tax = {"measure": "tax_per_mu", "threshold": D(30), "first_year": 2025}
    commitment = commit(producing, personas.officer_a, **tax)  # the responsible unit
    assert commitment.standard_parcel
    for name in ("officer_b", "leader"):
        with pytest.raises(PermissionDenied):
            commit(producing, getattr(personas, name), **tax)
        with pytest.raises(PermissionDenied):
            commitment_delete(obligation=commitment, by=getattr(personas, name))
    with pytest.raises(ValidationError):
        commit(producing, personas.officer_a, measure="tax", threshold=D(30), first_year=2025)  # no indicator
    with pytest.raises(ValidationError):
        commit(producing, personas.officer_a, measure="tax_per_mu", threshold=D(30))  # no window
    clause = Obligation.objects.create(
        project=producing, measure="tax_per_mu", threshold=D(1), first_year=2025
    )
    with pytest.raises(PermissionDenied):  # an agreement's clause is not edited as a commitment
        commitment_save(project=producing, obligation=clause, data=tax, by=personas.officer_a)
    assert ChangeLogEntry.objects.filter(
        action="create", object_id=str(commitment.pk), user=personas.officer_a
    ).exists()
    commitment_delete(obligation=commitment, by=personas.officer_a)
    assert list(Obligation.objects.all()) == [clause]


def test_parcel_controls_are_the_latest_commitment_of_each_indicator(producing: Any, office: Any) -> None:
    parcel = LandParcelFactory()
    values = {"measure": "tax_per_mu", "parcel": parcel, "first_year": 2025}
    commit(producing, office.officer, threshold=D(20), starts_on=dt.date(2020, 1, 1), **values)
    commit(producing, office.officer, threshold=D(30), starts_on=dt.date(2022, 1, 1), **values)
    commit(producing, office.officer, threshold=D(40), **values)  # no signing date: older than any
    Obligation.objects.create(
        project=producing, parcel=parcel, measure="plot_ratio", threshold=D(9)
    )  # a clause
    assert parcel_controls(parcel) == Committed(tax_per_mu=D(30))
    assert parcel_controls(LandParcelFactory()) is None


def test_enterprise_page_flags_shortfalls_for_staff_only(
    producing: Any, office: Any, personas: Personas, client_for: Callable[[str], Any]
) -> None:
    commit(producing, office.officer, measure="tax_per_mu", threshold=D(30), first_year=2025)
    run_obligation_checks(today=TODAY, by=office.officer, standard_parcel=True)
    assert [
        c.obligation.project for c in enterprise_shortfalls(personas.leader, personas.own_enterprise)
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
