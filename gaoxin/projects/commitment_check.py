"""对标验收: one year's check of a standard-parcel commitment against the actual data (pure, no Django).

Every committed indicator is a minimum: the actual value must reach the committed one.

- 固定资产投资强度 = fixed-asset investment ÷ the commitment's land (the parcel's area, else the project's land);
- 容积率 = the plot ratio the officer recorded at acceptance (竣工验收); there is nothing to compute from yearly
  data, so until it is recorded it is reported missing;
- 亩均税收 = tax ÷ the enterprise's land that year (its yearly ``land_mu``), else ÷ the commitment's land;
- 单位能耗增加值 = value added ÷ energy use (tce); 单位排放增加值 = value added ÷ emissions (t).

Tax, energy and emissions are commitments "at full production": they are judged from the year of full production
on (when the commitment names one) and are ``not_due`` before it. An indicator without a committed value is not
checked at all. Missing or unusable data (no land, no tax reported …) make the indicator ``missing`` — never a
pass. No energy use or no emissions (a zero denominator with value added reported) cannot fall short: ``met``.
A check passes when no indicator falls short and none is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gaoxin.core.messages import gettext_noop

INVESTMENT_INTENSITY = "investment_intensity"
PLOT_RATIO = "plot_ratio"
VALUE_ADDED_PER_TCE = "value_added_per_tce"
VALUE_ADDED_PER_EMISSION_T = "value_added_per_emission_t"
TAX_PER_MU = "tax_per_mu"

INDICATORS: tuple[str, ...] = (
    INVESTMENT_INTENSITY,
    PLOT_RATIO,
    VALUE_ADDED_PER_TCE,
    VALUE_ADDED_PER_EMISSION_T,
    TAX_PER_MU,
)
AT_FULL_PRODUCTION = frozenset({VALUE_ADDED_PER_TCE, VALUE_ADDED_PER_EMISSION_T, TAX_PER_MU})

INDICATOR_LABELS: dict[str, str] = {
    INVESTMENT_INTENSITY: gettext_noop("Fixed-asset investment intensity"),
    PLOT_RATIO: gettext_noop("Plot ratio"),
    VALUE_ADDED_PER_TCE: gettext_noop("Value added per tce"),
    VALUE_ADDED_PER_EMISSION_T: gettext_noop("Value added per t of emissions"),
    TAX_PER_MU: gettext_noop("Tax per mu"),
}

MET = "met"
SHORTFALL = "shortfall"
MISSING = "missing"
NOT_DUE = "not_due"
STATUS_LABELS = {
    MET: gettext_noop("Met"),
    SHORTFALL: gettext_noop("Short"),
    MISSING: gettext_noop("Data missing"),
    NOT_DUE: gettext_noop("Not due yet"),
}

QUANTIZE = Decimal("0.0001")


@dataclass(frozen=True)
class Committed:
    """The committed values (``None``: not committed) and the year of full production, if known."""

    investment_intensity: Decimal | None = None
    plot_ratio: Decimal | None = None
    value_added_per_tce: Decimal | None = None
    value_added_per_emission_t: Decimal | None = None
    tax_per_mu: Decimal | None = None
    full_production_year: int | None = None

    def value(self, indicator: str) -> Decimal | None:
        value: Decimal | None = getattr(self, indicator)
        return value


@dataclass(frozen=True)
class Actuals:
    """What is known for the year; ``None`` is unknown."""

    fixed_asset_investment: Decimal | None = None
    land_mu: Decimal | None = None  # the commitment's land: parcel area, else the project's land
    accepted_plot_ratio: Decimal | None = None
    tax: Decimal | None = None
    value_added: Decimal | None = None
    energy_tce: Decimal | None = None
    emissions_t: Decimal | None = None
    year_land_mu: Decimal | None = None  # the enterprise's land in its yearly data


@dataclass(frozen=True)
class IndicatorResult:
    indicator: str
    committed: Decimal
    actual: Decimal | None
    status: str  # met, shortfall, missing, not_due
    missing: tuple[str, ...] = ()  # the data that is lacking, by glossary name


@dataclass(frozen=True)
class CheckOutcome:
    year: int
    results: tuple[IndicatorResult, ...]

    @property
    def shortfalls(self) -> tuple[IndicatorResult, ...]:
        """Indicators that fall short or cannot be judged for lack of data."""
        return tuple(r for r in self.results if r.status in (SHORTFALL, MISSING))

    @property
    def passed(self) -> bool:
        return not self.shortfalls


def _ratio(
    numerator: tuple[str, Decimal | None], denominator: tuple[str, Decimal | None], *, zero_meets: bool
) -> tuple[Decimal | None, tuple[str, ...], bool]:
    """(ratio, missing data, met-by-zero-denominator)."""
    missing = tuple(name for name, value in (numerator, denominator) if value is None)
    if missing:
        return None, missing, False
    top, bottom = numerator[1], denominator[1]
    assert top is not None
    assert bottom is not None
    if bottom <= 0:
        if zero_meets and bottom == 0:
            return None, (), True
        return None, (denominator[0],), False
    return (top / bottom).quantize(QUANTIZE), (), False


def _actual(indicator: str, actuals: Actuals) -> tuple[Decimal | None, tuple[str, ...], bool]:
    if indicator == INVESTMENT_INTENSITY:
        return _ratio(
            ("fixed_asset_investment", actuals.fixed_asset_investment),
            ("land_mu", actuals.land_mu),
            zero_meets=False,
        )
    if indicator == PLOT_RATIO:
        if actuals.accepted_plot_ratio is None:
            return None, ("accepted_plot_ratio",), False
        return actuals.accepted_plot_ratio, (), False
    if indicator == TAX_PER_MU:
        land = actuals.year_land_mu if actuals.year_land_mu else actuals.land_mu
        return _ratio(("tax", actuals.tax), ("land_mu", land), zero_meets=False)
    if indicator == VALUE_ADDED_PER_TCE:
        return _ratio(
            ("value_added", actuals.value_added), ("energy_tce", actuals.energy_tce), zero_meets=True
        )
    return _ratio(("value_added", actuals.value_added), ("emissions_t", actuals.emissions_t), zero_meets=True)


def check_commitment(committed: Committed, actuals: Actuals, year: int) -> CheckOutcome:
    """Judge every committed indicator for ``year``."""
    results = []
    for indicator in INDICATORS:
        target = committed.value(indicator)
        if target is None:
            continue
        if (
            indicator in AT_FULL_PRODUCTION
            and committed.full_production_year is not None
            and year < committed.full_production_year
        ):
            results.append(IndicatorResult(indicator, target, None, NOT_DUE))
            continue
        actual, missing, unlimited = _actual(indicator, actuals)
        if unlimited:
            status = MET
        elif actual is None:
            status = MISSING
        else:
            status = MET if actual >= target else SHORTFALL
        results.append(IndicatorResult(indicator, target, actual, status, missing))
    return CheckOutcome(year, tuple(results))
