"""The pure 对标验收 rule: hand-computed cases and properties."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from gaoxin.projects.commitment_check import (
    INDICATORS,
    MET,
    MISSING,
    NOT_DUE,
    SHORTFALL,
    Actuals,
    Committed,
    check_commitment,
)

FULL = Committed(
    investment_intensity=D(300),
    plot_ratio=D("1.2"),
    value_added_per_tce=D(2),
    value_added_per_emission_t=D(100),
    tax_per_mu=D(30),
)
GOOD = Actuals(
    fixed_asset_investment=D(16000),  # ÷ 50 mu = 320
    land_mu=D(50),
    accepted_plot_ratio=D("1.5"),
    tax=D(1400),  # ÷ 40 mu (yearly land) = 35
    value_added=D(5000),
    energy_tce=D(2000),  # 2.5
    emissions_t=D(40),  # 125
    year_land_mu=D(40),
)


def by_indicator(outcome):  # type: ignore[no-untyped-def]
    return {r.indicator: r for r in outcome.results}


def test_everything_met_passes_with_hand_computed_actuals() -> None:
    outcome = check_commitment(FULL, GOOD, 2025)
    results = by_indicator(outcome)
    assert outcome.passed
    assert results["investment_intensity"].actual == D(320)
    assert results["tax_per_mu"].actual == D(35)
    assert results["value_added_per_tce"].actual == D("2.5")
    assert results["value_added_per_emission_t"].actual == D(125)
    assert results["plot_ratio"].actual == D("1.5")
    assert {r.status for r in outcome.results} == {MET}


def test_shortfall_names_indicator_committed_and_actual() -> None:
    actuals = Actuals(**{**GOOD.__dict__, "tax": D(1000)})  # 1000 ÷ 40 = 25 < 30
    outcome = check_commitment(FULL, actuals, 2025)
    assert not outcome.passed
    [short] = outcome.shortfalls
    assert (short.indicator, short.committed, short.actual, short.status) == (
        "tax_per_mu",
        D(30),
        D(25),
        SHORTFALL,
    )


def test_exactly_at_the_commitment_is_met() -> None:
    actuals = Actuals(**{**GOOD.__dict__, "fixed_asset_investment": D(15000)})  # 15000 ÷ 50 = 300
    assert by_indicator(check_commitment(FULL, actuals, 2025))["investment_intensity"].status == MET


def test_missing_data_is_reported_missing_not_passed() -> None:
    actuals = Actuals(**{**GOOD.__dict__, "value_added": None, "accepted_plot_ratio": None})
    outcome = check_commitment(FULL, actuals, 2025)
    results = by_indicator(outcome)
    assert not outcome.passed
    assert results["value_added_per_tce"].status == MISSING
    assert results["value_added_per_tce"].missing == ("value_added",)
    assert results["plot_ratio"].missing == ("accepted_plot_ratio",)
    assert {r.indicator for r in outcome.shortfalls} == {
        "value_added_per_tce",
        "value_added_per_emission_t",
        "plot_ratio",
    }


def test_tax_per_mu_falls_back_to_the_commitment_land() -> None:
    actuals = Actuals(**{**GOOD.__dict__, "year_land_mu": None})  # 1400 ÷ 50 = 28 < 30
    result = by_indicator(check_commitment(FULL, actuals, 2025))["tax_per_mu"]
    assert (result.actual, result.status) == (D(28), SHORTFALL)


def test_zero_land_is_missing_and_zero_energy_cannot_fall_short() -> None:
    actuals = Actuals(**{**GOOD.__dict__, "land_mu": D(0), "energy_tce": D(0)})
    results = by_indicator(check_commitment(FULL, actuals, 2025))
    assert results["investment_intensity"].status == MISSING
    assert results["investment_intensity"].missing == ("land_mu",)
    assert (results["value_added_per_tce"].status, results["value_added_per_tce"].actual) == (MET, None)


def test_full_production_indicators_not_due_before_the_year_of_full_production() -> None:
    committed = Committed(**{**FULL.__dict__, "full_production_year": 2026})
    results = by_indicator(check_commitment(committed, Actuals(), 2025))
    assert {k for k, r in results.items() if r.status == NOT_DUE} == {
        "tax_per_mu",
        "value_added_per_tce",
        "value_added_per_emission_t",
    }
    assert results["investment_intensity"].status == MISSING
    assert by_indicator(check_commitment(committed, GOOD, 2026))["tax_per_mu"].status == MET


def test_uncommitted_indicators_are_not_checked() -> None:
    outcome = check_commitment(Committed(tax_per_mu=D(30)), Actuals(), 2025)
    assert [r.indicator for r in outcome.results] == ["tax_per_mu"]


amounts = st.one_of(st.none(), st.decimals(min_value=0, max_value=10**6, places=2))


@given(
    committed=st.builds(
        Committed,
        **dict.fromkeys(INDICATORS, amounts),
        full_production_year=st.none() | st.integers(2020, 2030),
    ),
    actuals=st.builds(Actuals, **dict.fromkeys(Actuals.__dataclass_fields__, amounts)),
    year=st.integers(2020, 2030),
)
def test_passed_exactly_when_nothing_is_short_or_missing(
    committed: Committed, actuals: Actuals, year: int
) -> None:
    outcome = check_commitment(committed, actuals, year)
    assert outcome.passed == all(r.status in (MET, NOT_DUE) for r in outcome.results)
    for r in outcome.results:
        if r.status == SHORTFALL:
            assert r.actual is not None
            assert r.actual < r.committed
        if r.status == MISSING:
            assert r.actual is None
            assert r.missing


@given(raise_by=st.decimals(min_value=0, max_value=10**4, places=2))
def test_more_tax_never_turns_a_pass_into_a_shortfall(raise_by: D) -> None:
    assert GOOD.tax is not None
    actuals = Actuals(**{**GOOD.__dict__, "tax": GOOD.tax + raise_by})
    assert check_commitment(FULL, actuals, 2025).passed
