"""The pure 履约 rule (``commitment_check.check_obligation``): each kind of measure by hand-computed cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from gaoxin.projects.commitment_check import (
    AT_RISK,
    BREACHED,
    COMPLETED,
    FIXED_ASSET_INVESTMENT,
    INVESTMENT_INTENSITY,
    MEASURE_LABELS,
    MEASURES,
    MET,
    MISSING,
    NOT_DUE,
    OBLIGATION_STATUS_LABELS,
    OBLIGATION_STATUSES,
    ON_TRACK,
    OUTPUT_VALUE,
    REGISTERED_CAPITAL,
    SHORTFALL,
    STARTED,
    TAX,
    TAX_PER_MU,
    VALUE_ADDED_PER_TCE,
    Actuals,
    Evidence,
    Terms,
    check_obligation,
    window_start,
)

TODAY = dt.date(2026, 6, 30)


def test_every_measure_and_status_has_a_label() -> None:
    assert set(MEASURE_LABELS) == set(MEASURES)
    assert set(OBLIGATION_STATUS_LABELS) == set(OBLIGATION_STATUSES)


@pytest.mark.parametrize(
    ("due", "reached", "status"),
    [
        (dt.date(2026, 3, 31), dt.date(2026, 3, 1), MET),  # reached in time
        (dt.date(2026, 3, 31), dt.date(2026, 4, 2), BREACHED),  # reached late
        (None, dt.date(2026, 4, 2), MET),  # no due date: reached is met
        (None, None, NOT_DUE),
        (dt.date(2026, 6, 1), None, BREACHED),  # past the date, not reached
        (dt.date(2026, 8, 31), None, AT_RISK),  # 62 days left, within the 90 warning days
        (dt.date(2027, 3, 31), None, NOT_DUE),
    ],
)
def test_milestones(due: dt.date | None, reached: dt.date | None, status: str) -> None:
    outcome = check_obligation(Terms(STARTED, due_on=due), Evidence(reached_on=reached), TODAY)
    assert outcome.status == status
    assert outcome.reached_on == reached


def test_a_shorter_warning_keeps_a_near_milestone_not_due() -> None:
    terms = Terms(COMPLETED, due_on=dt.date(2026, 8, 31))
    assert check_obligation(terms, Evidence(), TODAY, warn_days=30).status == NOT_DUE


INVEST = Terms(
    FIXED_ASSET_INVESTMENT, threshold=D(10000), due_on=dt.date(2026, 12, 31), starts_on=dt.date(2025, 12, 31)
)


def test_an_amount_reached_is_met_before_its_date() -> None:
    outcome = check_obligation(INVEST, Evidence(amount=D(10500)), TODAY)
    assert (outcome.status, outcome.actual) == (MET, D(10500))


def test_an_amount_keeping_pace_with_the_straight_line_is_on_track() -> None:
    # 181 of 365 days: 4958.9041 due by now
    outcome = check_obligation(INVEST, Evidence(amount=D(5000)), TODAY)
    assert (outcome.status, outcome.expected) == (ON_TRACK, D("4958.9041"))


def test_an_amount_behind_the_straight_line_is_at_risk() -> None:
    outcome = check_obligation(INVEST, Evidence(amount=D(3000)), TODAY)
    assert (outcome.status, outcome.actual, outcome.expected) == (AT_RISK, D(3000), D("4958.9041"))


def test_an_amount_without_a_start_is_on_track_while_due_is_ahead() -> None:
    terms = Terms(REGISTERED_CAPITAL, threshold=D(5000), due_on=dt.date(2026, 12, 31))
    outcome = check_obligation(terms, Evidence(amount=D(1)), TODAY)
    assert (outcome.status, outcome.expected) == (ON_TRACK, None)


def test_an_amount_short_at_its_date_is_breached_and_without_a_figure_missing() -> None:
    after = dt.date(2027, 1, 5)
    assert check_obligation(INVEST, Evidence(amount=D(9000)), after).status == BREACHED
    outcome = check_obligation(INVEST, Evidence(), after)
    assert (outcome.status, outcome.missing) == (MISSING, (FIXED_ASSET_INVESTMENT,))


def test_an_amount_without_a_due_date_is_a_standing_minimum() -> None:
    terms = Terms(REGISTERED_CAPITAL, threshold=D(5000))
    assert check_obligation(terms, Evidence(amount=D(4000)), TODAY).status == BREACHED


def test_nothing_reported_is_not_due_far_from_the_date_and_at_risk_near_it() -> None:
    assert check_obligation(INVEST, Evidence(), TODAY).status == NOT_DUE
    assert check_obligation(INVEST, Evidence(), dt.date(2026, 11, 1)).status == AT_RISK


def test_investment_intensity_divides_by_the_land() -> None:
    terms = Terms(INVESTMENT_INTENSITY, threshold=D(300), due_on=dt.date(2026, 12, 31))
    assert check_obligation(terms, Evidence(amount=D(16000), land_mu=D(50)), TODAY).actual == D(320)
    outcome = check_obligation(terms, Evidence(amount=D(16000)), dt.date(2027, 1, 1))
    assert (outcome.status, outcome.missing) == (MISSING, ("land_mu",))


def test_a_missing_threshold_counts_as_zero() -> None:
    terms = Terms(REGISTERED_CAPITAL, due_on=dt.date(2026, 12, 31))
    assert check_obligation(terms, Evidence(amount=D(0)), TODAY).status == MET


# 亩均税收 ≥ 20 万元/亩 for 3 consecutive years from the 3rd year of production
TAX_TERMS = Terms(TAX_PER_MU, threshold=D(20), from_production_year=3, years=3)


def _taxes(**by_year: int) -> dict[int, Actuals]:
    return {int(y[1:]): Actuals(tax=D(t), land_mu=D(50)) for y, t in by_year.items()}


def test_the_window_starts_in_the_nth_year_of_production() -> None:
    assert window_start(TAX_TERMS, 2020) == 2022
    assert window_start(TAX_TERMS, None) is None
    assert window_start(Terms(TAX, first_year=2019), None) == 2019
    assert window_start(Terms(TAX), 2021) == 2021


def test_a_yearly_window_completed_and_met() -> None:
    evidence = Evidence(production_year=2020, years=_taxes(y2022=1000, y2023=1100, y2024=1200))
    outcome = check_obligation(TAX_TERMS, evidence, TODAY)
    assert outcome.status == MET
    assert [(r.year, r.actual, r.status) for r in outcome.years] == [
        (2022, D(20), MET),
        (2023, D(22), MET),
        (2024, D(24), MET),
    ]


def test_a_yearly_window_with_a_short_year_is_breached() -> None:
    evidence = Evidence(production_year=2021, years=_taxes(y2023=1000, y2024=900, y2025=1200))
    outcome = check_obligation(TAX_TERMS, evidence, TODAY)
    assert outcome.status == BREACHED
    assert [r.status for r in outcome.years] == [MET, SHORTFALL, MET]


def test_a_running_window_is_on_track_and_a_year_without_data_missing() -> None:
    evidence = Evidence(production_year=2022, years=_taxes(y2024=1000, y2025=1000))
    assert check_obligation(TAX_TERMS, evidence, TODAY).status == ON_TRACK
    outcome = check_obligation(TAX_TERMS, Evidence(production_year=2022), TODAY)
    assert (outcome.status, outcome.years[0].missing) == (MISSING, ("tax", "land_mu"))


def test_a_window_not_begun_or_without_production_is_not_due() -> None:
    assert check_obligation(TAX_TERMS, Evidence(production_year=2025), TODAY).status == NOT_DUE
    assert check_obligation(TAX_TERMS, Evidence(), TODAY).status == NOT_DUE


def test_an_open_window_takes_its_latest_year() -> None:
    terms = Terms(OUTPUT_VALUE, threshold=D(50000), first_year=2023)
    short_then_met = {2023: Actuals(output_value=D(40000)), 2024: Actuals(output_value=D(60000))}
    outcome = check_obligation(terms, Evidence(years=short_then_met), dt.date(2025, 3, 1))
    assert outcome.status == MET
    assert [r.status for r in outcome.years] == [SHORTFALL, MET]
    assert (
        check_obligation(terms, Evidence(years=short_then_met), TODAY).status == MISSING
    )  # 2025 not reported


def test_tax_and_zero_energy() -> None:
    tax = Terms(TAX, threshold=D(100), first_year=2025, years=1)
    assert check_obligation(tax, Evidence(years={2025: Actuals(tax=D(99))}), TODAY).status == BREACHED
    energy = Terms(VALUE_ADDED_PER_TCE, threshold=D(2), first_year=2025, years=1)
    no_energy = {2025: Actuals(value_added=D(100), energy_tce=D(0))}
    assert check_obligation(energy, Evidence(years=no_energy), TODAY).status == MET
