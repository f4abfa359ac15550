"""Migrations 0013–0015: the standard-parcel commitments and their yearly checks become obligations and obligation
checks (back to before them, old rows made with the models of then, forward again)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal as D
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gaoxin.projects.models import Obligation, ObligationCheck
from gaoxin.testing.factories import LandParcelFactory

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("projects", "0012_obligations")]
AFTER = [("projects", "0015_delete_commitments")]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before() -> Iterator[Any]:
    """The models as they were before the migration; the database back at the latest migrations afterwards."""
    yield _migrate(BEFORE)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _entry(indicator: str, committed: str, actual: str | None, status: str, *missing: str) -> dict[str, Any]:
    return {
        "indicator": indicator,
        "committed": committed,
        "actual": actual,
        "status": status,
        "missing": [*missing],
    }


def test_commitments_and_their_checks_become_obligations(
    make_project: Callable[..., Any], request: pytest.FixtureRequest
) -> None:
    parcel = LandParcelFactory()  # the tables of other apps, and the projects', stay as they are
    with_dates = make_project(planned_completion_on=dt.date(2025, 6, 30))
    bare = make_project()
    before = request.getfixturevalue("before")
    Commitment = before.get_model("projects", "Commitment")
    CommitmentCheck = before.get_model("projects", "CommitmentCheck")
    full = Commitment.objects.create(
        project_id=with_dates.pk,
        parcel_id=parcel.pk,
        investment_intensity=D(300),
        plot_ratio=D("1.2"),
        tax_per_mu=D(30),
        accepted_plot_ratio=D("1.3"),
        full_production_year=2025,
        signed_on=dt.date(2023, 3, 1),
    )
    for year, tax in (
        (2024, _entry("tax_per_mu", "30", None, "not_due")),
        (2025, _entry("tax_per_mu", "30", "25", "shortfall")),
    ):
        CommitmentCheck.objects.create(
            commitment=full,
            year=year,
            actuals={
                "tax_per_mu": tax,
                "plot_ratio": _entry("plot_ratio", "1.2", "1.3", "met"),
                "investment_intensity": _entry("investment_intensity", "300", None, "missing", "land_mu"),
            },
            passed=False,
        )
    Commitment.objects.create(project_id=bare.pk, value_added_per_tce=D(2))

    _migrate(AFTER)

    assert not Obligation.objects.exclude(standard_parcel=True).exists()
    made = {o.measure: o for o in Obligation.objects.filter(project=with_dates)}
    assert set(made) == {"investment_intensity", "plot_ratio", "tax_per_mu"}
    intensity, ratio, tax = made["investment_intensity"], made["plot_ratio"], made["tax_per_mu"]
    assert {o.parcel_id for o in made.values()} == {parcel.pk}
    assert {o.starts_on for o in made.values()} == {dt.date(2023, 3, 1)}
    assert (intensity.threshold, intensity.due_on) == (D(300), dt.date(2025, 6, 30))  # due at completion
    assert (ratio.threshold, ratio.recorded_value, ratio.due_on) == (D("1.2"), D("1.3"), dt.date(2025, 6, 30))
    assert (tax.threshold, tax.first_year, tax.due_on, tax.years) == (D(30), 2025, None, None)
    # the checks, their results mapped and figures kept; the obligation as its latest check found it
    assert [(c.year, c.status) for c in tax.checks.order_by("year")] == [
        (2024, "not_due"),
        (2025, "breached"),
    ]
    latest = tax.checks.get(year=2025).figures
    assert latest["years"] == [{"year": 2025, "actual": "25", "status": "shortfall", "missing": []}]
    assert (tax.status, tax.figures) == ("breached", latest)
    assert ratio.checks.get(year=2025).figures["actual"] == "1.3"
    assert ratio.status == "met"
    missing = intensity.checks.get(year=2024)
    assert (missing.status, missing.figures["missing"]) == ("missing", ["land_mu"])
    assert ObligationCheck.objects.count() == 6
    # without a year of full production: every year from the year production started; nothing due by a date
    energy = Obligation.objects.get(project=bare)
    assert (energy.measure, energy.threshold, energy.first_year, energy.from_production_year) == (
        "value_added_per_tce", D(2), None, 1,
    )  # fmt: skip
    assert (energy.status, energy.checks.count()) == ("not_due", 0)
