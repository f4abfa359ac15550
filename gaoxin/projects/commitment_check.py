"""履约: obligations judged against the data that measures them, and the standard-parcel (标准地) control
indicators judged against a set of figures (pure, no Django).

``check_commitment`` judges figures against a standard parcel's control indicators — today a lead's promised
figures in its admission pre-evaluation (``investment.preevaluation_figures.parcel_check``); the standard-parcel
commitments themselves are obligations, their yearly 对标验收 ``check_obligation``'s. Every committed indicator
is a minimum: the actual value must reach the committed one.

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

Obligations (履约, ``check_obligation``) generalise the commitment to any clause of an investment agreement or a
standard-parcel commitment: a measure, a threshold, and when it is due — a date, or a yearly window. The status:

- a milestone (开工/竣工/投产/达产) is ``met`` when reached by its due date, ``breached`` when reached late or not
  reached once the date passed, ``at_risk`` within the warning days before it, else ``not_due``;
- an amount due by a date (固定资产投资, 投资强度, 注册资本到位, 容积率 at acceptance) is ``met`` once it reaches the
  threshold by the due date (the figure given is the one as of the check date, or as of the due date once it
  passed), ``breached`` when it had not by then (``missing`` when there is no figure at all); before the date it
  is ``on_track`` while it keeps pace with a straight line from the start (the signing) to the due date, else
  ``at_risk`` — and ``not_due`` while nothing is reported, ``at_risk`` when nothing is reported within the
  warning days;
- a yearly measure (亩均税收, 税收, 产值, value added per tce or per t of emissions) is judged for each completed year
  of its window, from a first year or from the N-th year of production (1 = the year production started), for a
  number of consecutive years or, without one, every year. A window with a short year is ``breached``, one with a
  year lacking data ``missing``, a completed window ``met``, a running one ``on_track``; an open-ended window takes
  the status of its latest year. Before its first year — or while production has not started — ``not_due``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
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
    output_value: Decimal | None = None


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


# --- Obligations (履约) -------------------------------------------------------------------------------------

FIXED_ASSET_INVESTMENT = "fixed_asset_investment"
REGISTERED_CAPITAL = "registered_capital"
STARTED = "started"
COMPLETED = "completed"
PRODUCTION = "production"
FULL_PRODUCTION = "full_production"
TAX = "tax"
OUTPUT_VALUE = "output_value"

MILESTONES: tuple[str, ...] = (STARTED, COMPLETED, PRODUCTION, FULL_PRODUCTION)
BY_DATE: tuple[str, ...] = (FIXED_ASSET_INVESTMENT, INVESTMENT_INTENSITY, REGISTERED_CAPITAL, PLOT_RATIO)
YEARLY: tuple[str, ...] = (TAX_PER_MU, TAX, OUTPUT_VALUE, VALUE_ADDED_PER_TCE, VALUE_ADDED_PER_EMISSION_T)
MEASURES: tuple[str, ...] = (*BY_DATE, *MILESTONES, *YEARLY)

MEASURE_LABELS: dict[str, str] = {
    FIXED_ASSET_INVESTMENT: gettext_noop("Fixed-asset investment (10k yuan)"),
    INVESTMENT_INTENSITY: gettext_noop("Investment intensity (10k yuan/mu)"),
    REGISTERED_CAPITAL: gettext_noop("Registered capital paid in (10k yuan)"),
    PLOT_RATIO: gettext_noop("Plot ratio"),
    STARTED: gettext_noop("Construction started by"),
    COMPLETED: gettext_noop("Construction completed by"),
    PRODUCTION: gettext_noop("Production started by"),
    FULL_PRODUCTION: gettext_noop("Full production reached by"),
    TAX_PER_MU: gettext_noop("Tax per mu (10k yuan/mu)"),
    TAX: gettext_noop("Tax (10k yuan)"),
    OUTPUT_VALUE: gettext_noop("Output value (10k yuan)"),
    VALUE_ADDED_PER_TCE: gettext_noop("Value added per tce"),
    VALUE_ADDED_PER_EMISSION_T: gettext_noop("Value added per t of emissions"),
}

ON_TRACK = "on_track"
AT_RISK = "at_risk"
BREACHED = "breached"
OBLIGATION_STATUSES: tuple[str, ...] = (MET, ON_TRACK, AT_RISK, BREACHED, NOT_DUE, MISSING)
OBLIGATION_STATUS_LABELS = {
    MET: gettext_noop("Met"),
    ON_TRACK: gettext_noop("On track"),
    AT_RISK: gettext_noop("At risk"),
    BREACHED: gettext_noop("Breached"),
    NOT_DUE: gettext_noop("Not due yet"),
    MISSING: gettext_noop("Data missing"),
}


@dataclass(frozen=True)
class Terms:
    """What an obligation asks: its measure, the threshold (a minimum; none for a milestone) and when."""

    measure: str
    threshold: Decimal | None = None
    due_on: dt.date | None = None  # milestones and amounts due by a date
    starts_on: dt.date | None = None  # the start of the straight-line schedule of an amount (the signing)
    first_year: int | None = None  # a yearly window from this calendar year …
    from_production_year: int | None = None  # … or from this year of production (1: production started)
    years: int | None = None  # consecutive years of the window; None: every year


@dataclass(frozen=True)
class Evidence:
    """The data that measures an obligation, as of the check date."""

    reached_on: dt.date | None = None  # when the milestone was reached
    amount: Decimal | None = None  # the amount as of the check date, or as of the due date once it passed
    land_mu: Decimal | None = None  # the land an investment intensity is measured on
    production_year: int | None = None  # the year production started
    years: Mapping[int, Actuals] = field(default_factory=dict)  # yearly data by year


@dataclass(frozen=True)
class YearResult:
    year: int
    actual: Decimal | None
    status: str  # met, shortfall, missing
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class ObligationOutcome:
    status: str
    actual: Decimal | None = None  # the amount or ratio judged (by-date measures)
    expected: Decimal | None = None  # the share due by the check date on the straight line
    reached_on: dt.date | None = None
    years: tuple[YearResult, ...] = ()
    missing: tuple[str, ...] = ()


def _milestone(terms: Terms, evidence: Evidence, today: dt.date, warn_days: int) -> ObligationOutcome:
    due = terms.due_on
    if evidence.reached_on is not None:
        late = due is not None and evidence.reached_on > due
        return ObligationOutcome(BREACHED if late else MET, reached_on=evidence.reached_on)
    if due is None:
        return ObligationOutcome(NOT_DUE)
    if today > due:
        return ObligationOutcome(BREACHED)
    return ObligationOutcome(AT_RISK if (due - today).days <= warn_days else NOT_DUE)


def _by_date(terms: Terms, evidence: Evidence, today: dt.date, warn_days: int) -> ObligationOutcome:
    threshold = terms.threshold if terms.threshold is not None else Decimal(0)
    if terms.measure == INVESTMENT_INTENSITY:
        actual, missing, _unused = _ratio(
            (FIXED_ASSET_INVESTMENT, evidence.amount), ("land_mu", evidence.land_mu), zero_meets=False
        )
    else:
        actual = evidence.amount
        missing = () if actual is not None else (terms.measure,)
    if actual is not None and actual >= threshold:
        return ObligationOutcome(MET, actual=actual)
    due = terms.due_on
    if due is None or today > due:
        return ObligationOutcome(BREACHED if actual is not None else MISSING, actual=actual, missing=missing)
    if actual is None:
        status = AT_RISK if (due - today).days <= warn_days else NOT_DUE
        return ObligationOutcome(status, missing=missing)
    expected = None
    start = terms.starts_on
    if start is not None and start < due:
        share = Decimal(max((today - start).days, 0)) / Decimal((due - start).days)
        expected = (threshold * share).quantize(QUANTIZE)
    keeping_pace = expected is None or actual >= expected
    return ObligationOutcome(ON_TRACK if keeping_pace else AT_RISK, actual=actual, expected=expected)


def _year_actual(measure: str, actuals: Actuals) -> tuple[Decimal | None, tuple[str, ...], bool]:
    if measure in (TAX, OUTPUT_VALUE):
        value: Decimal | None = getattr(actuals, measure)
        return value, () if value is not None else (measure,), False
    return _actual(measure, actuals)


def window_start(terms: Terms, production_year: int | None) -> int | None:
    """The first year of a yearly obligation's window; None while it cannot be known (no production yet)."""
    if terms.first_year is not None:
        return terms.first_year
    if production_year is None:
        return None
    return production_year + (terms.from_production_year or 1) - 1


def _yearly(terms: Terms, evidence: Evidence, today: dt.date) -> ObligationOutcome:
    start = window_start(terms, evidence.production_year)
    if start is None:
        return ObligationOutcome(NOT_DUE)
    last_complete = today.year - 1
    end = start + terms.years - 1 if terms.years is not None else last_complete
    threshold = terms.threshold if terms.threshold is not None else Decimal(0)
    results = []
    for year in range(start, min(end, last_complete) + 1):
        actual, missing, unlimited = _year_actual(terms.measure, evidence.years.get(year, Actuals()))
        if unlimited:
            results.append(YearResult(year, None, MET))
        elif actual is None:
            results.append(YearResult(year, None, MISSING, missing))
        else:
            results.append(YearResult(year, actual, MET if actual >= threshold else SHORTFALL))
    if not results:
        return ObligationOutcome(NOT_DUE)
    judged = tuple(results)
    statuses = {r.status for r in judged} if terms.years is not None else {judged[-1].status}
    if SHORTFALL in statuses:
        status = BREACHED
    elif MISSING in statuses:
        status = MISSING
    elif terms.years is None or end <= last_complete:
        status = MET
    else:
        status = ON_TRACK
    return ObligationOutcome(status, years=judged)


def check_obligation(
    terms: Terms, evidence: Evidence, today: dt.date, warn_days: int = 90
) -> ObligationOutcome:
    """The status of an obligation on ``today`` and the figures it rests on (``warn_days``: how long before a
    due date an unmet obligation is at risk)."""
    if terms.measure in MILESTONES:
        return _milestone(terms, evidence, today, warn_days)
    if terms.measure in BY_DATE:
        return _by_date(terms, evidence, today, warn_days)
    return _yearly(terms, evidence, today)
