"""Yearly figures of the demo firms: plausible, correlated, drawn with numpy. Pure: no Django.

Each firm gets traits (``Economics``): its revenue in its last year of data, a growth trend, a tax rate, a
value-added ratio, an energy intensity … Every year's figures follow from the traits with a little noise,
so revenue, output, value added, energy, electricity, emissions, R&D and staff move together the way they do
in real data, and a firm's size decides its scale (规上 / 规下).

Arrays are indexed ``[firm]`` or ``[firm, year]``; a missing value is NaN. Money is in 万元.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gaoxin.demo.catalogue import IndustryProfile

FloatArray = np.ndarray[tuple[int, ...], np.dtype[np.float64]]
BoolArray = np.ndarray[tuple[int, ...], np.dtype[np.bool_]]
IntArray = np.ndarray[tuple[int, ...], np.dtype[np.int64]]

TCE_PER_10K_KWH = 1.229  # coal equivalent of electricity (0.1229 kgce per kWh)
EMISSIONS_MISSING_SHARE = 0.08  # of industrial firms: no emissions data from the environment bureau
LOSS_MAKER_SHARE = 0.05  # firms that pay next to no tax every year
LOSS_YEAR_PROBABILITY = 0.04  # a bad year for any other firm
MAX_RD_INTENSITY = 0.06
MIN_EMPLOYEES = 3


@dataclass(frozen=True)
class Economics:
    """Traits of each firm (arrays of length n) from which every year's figures follow."""

    industrial: BoolArray
    latest_revenue: FloatArray  # revenue in the firm's last year of data, as if in normal business
    main_ratio: FloatArray  # main-business revenue / revenue
    trend: FloatArray  # yearly growth
    tax_rate: FloatArray  # tax / revenue in a normal year
    loss_maker: BoolArray
    output_ratio: FloatArray  # output value / revenue
    va_ratio: FloatArray  # value added / output value
    energy_per_revenue: FloatArray  # tce per 万元
    electricity_share: FloatArray
    emissions_per_tce: FloatArray
    emissions_missing: BoolArray
    rd_intensity: FloatArray
    productivity: FloatArray  # 万元 per employee: value added (industry) or revenue (services)

    @property
    def normal_tax(self) -> FloatArray:
        """Tax in the last year in normal business: what the firm's land need is sized by."""
        return self.latest_revenue * self.tax_rate


def profile_column(profiles: tuple[IndustryProfile, ...], index: IntArray, attribute: str) -> FloatArray:
    values = np.array([float(getattr(profile, attribute)) for profile in profiles])
    return values[index]


def draw_economics(
    rng: np.random.Generator,
    *,
    profiles: tuple[IndustryProfile, ...],
    profile_index: IntArray,
    industrial: BoolArray,
    above: BoolArray,
    threshold: FloatArray,
) -> Economics:
    """Traits of n firms; ``above`` says which are meant to be above scale (main revenue ≥ ``threshold``)."""
    n = len(profile_index)
    column = lambda name: profile_column(profiles, profile_index, name)  # noqa: E731
    # Main-business revenue in the last year: above scale from the threshold up with a long tail (a few
    # chain leaders reach tens of 亿元); below scale from a few tens of 万元 up to the threshold.
    spread = np.abs(rng.standard_normal(n))
    main_latest = np.where(
        above,
        threshold * np.exp(spread * 1.6),
        np.maximum(threshold * np.exp(-spread * 1.3), threshold * 0.01),
    )
    main_ratio = rng.uniform(0.9, 1.0, n)
    loss_maker = np.zeros(n, dtype=bool)
    loss_maker[rng.choice(n, size=round(LOSS_MAKER_SHARE * n), replace=False)] = True
    emissions_missing = np.zeros(n, dtype=bool)
    industrial_index = np.flatnonzero(industrial)
    missing = rng.choice(
        industrial_index, size=round(EMISSIONS_MISSING_SHARE * len(industrial_index)), replace=False
    )
    emissions_missing[missing] = True
    rd_intensity = np.minimum(column("rd_intensity") * rng.lognormal(0.0, 0.5, n), MAX_RD_INTENSITY)
    no_rd = rng.random(n) < np.where(above, 0.05, 0.3)
    return Economics(
        industrial=industrial,
        latest_revenue=main_latest / main_ratio,
        main_ratio=main_ratio,
        trend=rng.normal(0.07, 0.08, n),
        tax_rate=column("tax_rate") * rng.lognormal(0.0, 0.35, n),
        loss_maker=loss_maker,
        output_ratio=rng.uniform(0.92, 1.08, n),
        va_ratio=rng.uniform(0.2, 0.3, n),
        energy_per_revenue=column("energy_per_revenue") * rng.lognormal(0.0, 0.4, n),
        electricity_share=np.clip(column("electricity_share") * rng.uniform(0.85, 1.1, n), 0.2, 1.0),
        emissions_per_tce=column("emissions_per_tce") * rng.lognormal(0.0, 0.5, n),
        emissions_missing=emissions_missing,
        rd_intensity=np.where(no_rd, 0.0, rd_intensity),
        productivity=column("productivity") * rng.lognormal(0.0, 0.35, n) * np.where(above, 1.15, 1.0),
    )


def yearly_figures(
    rng: np.random.Generator,
    economics: Economics,
    *,
    land_mu: FloatArray,
    first: IntArray,
    last: IntArray,
    partial_first: BoolArray,
    suspended: BoolArray,
    years: int,
) -> dict[str, FloatArray]:
    """Every field of every firm and year, shape (n, years); NaN outside the firm's years [first, last].

    ``partial_first``: the first year is the year of registration (a part year); ``suspended``: the firm
    stopped production in its last year.
    """
    e = economics
    n = len(first)
    columns = np.arange(years)
    alive = (columns >= first[:, None]) & (columns <= last[:, None])
    rows = np.arange(n)

    # Revenue: backwards from the last year, dividing by each year's growth (trend plus noise).
    log_growth = np.log1p(np.clip(e.trend[:, None] + rng.normal(0.0, 0.07, (n, years)), -0.4, 1.0))
    cumulative = np.cumsum(log_growth, axis=1)
    normal_revenue = e.latest_revenue[:, None] * np.exp(cumulative - cumulative[rows, last][:, None])
    revenue = normal_revenue.copy()
    revenue[rows, first] *= np.where(partial_first, rng.uniform(0.2, 0.6, n), 1.0)
    revenue[rows, last] *= np.where(suspended, rng.uniform(0.05, 0.3, n), 1.0)

    loss_year = e.loss_maker[:, None] | (rng.random((n, years)) < LOSS_YEAR_PROBABILITY)
    tax = np.where(
        loss_year,
        revenue * rng.uniform(0.0002, 0.002, (n, years)),
        revenue * e.tax_rate[:, None] * rng.lognormal(0.0, 0.15, (n, years)),
    )
    industry = e.industrial[:, None]
    output_value = revenue * e.output_ratio[:, None] * (1.0 + rng.normal(0.0, 0.02, (n, years)))
    value_added = output_value * np.clip(
        e.va_ratio[:, None] * (1.0 + rng.normal(0.0, 0.03, (n, years))), 0.15, 0.35
    )
    energy = np.maximum(
        revenue * e.energy_per_revenue[:, None] * (1.0 + rng.normal(0.0, 0.05, (n, years))), 0.0
    )
    electricity = energy * np.clip(e.electricity_share[:, None] + rng.normal(0.0, 0.02, (n, years)), 0.1, 1.0)
    emissions = np.maximum(
        energy * e.emissions_per_tce[:, None] * (1.0 + rng.normal(0.0, 0.08, (n, years))), 0.0
    )
    rd_expense = np.clip(
        revenue * e.rd_intensity[:, None] * (1.0 + rng.normal(0.0, 0.1, (n, years))),
        0.0,
        revenue * MAX_RD_INTENSITY,
    )
    # Staff follow the business less than proportionally.
    normal_value_added = e.latest_revenue * e.output_ratio * e.va_ratio
    base_employees = np.where(e.industrial, normal_value_added, e.latest_revenue) / e.productivity
    employees = np.maximum(
        np.rint(
            base_employees[:, None]
            * (revenue / e.latest_revenue[:, None]) ** 0.6
            * (1.0 + rng.normal(0.0, 0.03, (n, years)))
        ),
        MIN_EMPLOYEES,
    )

    figures = {
        "tax": tax,
        "revenue": revenue,
        "main_revenue": revenue * e.main_ratio[:, None],
        "output_value": np.where(industry, output_value, np.nan),
        "value_added": np.where(industry, value_added, np.nan),
        "energy_tce": energy,
        "electricity_10k_kwh": electricity / TCE_PER_10K_KWH,
        "emissions_t": np.where(industry & ~e.emissions_missing[:, None], emissions, np.nan),
        "rd_expense": rd_expense,
        "employees": employees,
        "land_mu": np.broadcast_to(land_mu[:, None], (n, years)),
    }
    return {name: np.where(alive, np.round(values, 4), np.nan) for name, values in figures.items()}


# Where each figure comes from: statistics report above-scale firms; below them the tax bureau and the
# enterprise's own report fill in.
SOURCES_ABOVE_SCALE: dict[str, str] = {
    "tax": "tax",
    "revenue": "statistics",
    "main_revenue": "statistics",
    "output_value": "statistics",
    "value_added": "statistics",
    "energy_tce": "statistics",
    "electricity_10k_kwh": "power",
    "emissions_t": "environment",
    "rd_expense": "statistics",
    "employees": "statistics",
    "land_mu": "land",
}
SOURCES_BELOW_SCALE: dict[str, str] = {
    **SOURCES_ABOVE_SCALE,
    "revenue": "tax",
    "main_revenue": "tax",
    "output_value": "enterprise",
    "value_added": "enterprise",
    "energy_tce": "enterprise",
    "rd_expense": "enterprise",
    "employees": "enterprise",
}
