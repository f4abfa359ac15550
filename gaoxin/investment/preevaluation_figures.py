"""A lead's promised figures at full production (达产) read as the numbers an admission looks at (pure, no Django).

- ``ratios``: the figures a scorecard may ask for, by the criterion keys the scorecards use (投资强度 =
  fixed-asset investment ÷ land, 亩均税收 = tax ÷ land, 容积率 = floor space ÷ land in m², energy per value added,
  jobs …); a criterion whose key is here is prefilled with it, any other is left for the reviewer.
- ``engine_row``: the lead as one more firm of the 亩均 evaluation (the glossary's yearly figures, its scale and
  industry), to be scored by the evaluation engine with the published run's benchmarks (``preevaluation``).
- ``parcel_check``: the lead's figures against a standard parcel's control indicators (标准地), judged by the
  projects' one rule of those indicators (``gaoxin.projects.commitment_check``): every indicator a minimum.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from gaoxin.projects.commitment_check import Actuals, CheckOutcome, Committed, check_commitment

MU_IN_M2 = Decimal("666.6667")  # 1 亩
ABOVE_SCALE_REVENUE = Decimal(2000)  # 规模以上工业企业: yearly main revenue of 2,000万元 or more
LEAD_CODE = "LEAD"  # the lead's credit code in the engine's frame (no firm's code: those have 18 characters)
PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Promised:
    """What the lead promises, per year at full production (万元, 亩, m², tce, t, persons); ``None``: not given."""

    land_mu: Decimal | None = None
    floor_area_m2: Decimal | None = None
    fixed_asset_investment: Decimal | None = None
    output_value: Decimal | None = None
    value_added: Decimal | None = None
    tax: Decimal | None = None
    energy_tce: Decimal | None = None
    emissions_t: Decimal | None = None
    rd_expense: Decimal | None = None
    employees: int | None = None
    industry_code: str = ""


def _ratio(top: Decimal | int | None, bottom: Decimal | int | None) -> Decimal | None:
    if top is None or bottom is None or bottom <= 0:
        return None
    return (Decimal(top) / Decimal(bottom)).quantize(PLACES)


def plot_ratio(promised: Promised) -> Decimal | None:
    """容积率: the floor space over the land, both in m²."""
    land = None if promised.land_mu is None else promised.land_mu * MU_IN_M2
    return _ratio(promised.floor_area_m2, land)


def ratios(promised: Promised) -> dict[str, Decimal | None]:
    """The lead's figures by the keys scorecard criteria use."""
    p = promised
    return {
        "investment_intensity": _ratio(p.fixed_asset_investment, p.land_mu),
        "tax_per_mu": _ratio(p.tax, p.land_mu),
        "value_added_per_mu": _ratio(p.value_added, p.land_mu),
        "output_per_mu": _ratio(p.output_value, p.land_mu),
        "plot_ratio": plot_ratio(p),
        "energy_per_value_added": _ratio(p.energy_tce, p.value_added),
        "value_added_per_tce": _ratio(p.value_added, p.energy_tce),
        "value_added_per_emission_t": _ratio(p.value_added, p.emissions_t),
        "labour_productivity": _ratio(p.value_added, p.employees),
        "rd_intensity": _ratio(p.rd_expense, p.output_value),
        "fixed_asset_investment": p.fixed_asset_investment,
        "land_mu": p.land_mu,
        "tax": p.tax,
        "employees": None if p.employees is None else Decimal(p.employees),
        "jobs": None if p.employees is None else Decimal(p.employees),
    }


def prefill(promised: Promised, criterion_keys: list[str]) -> dict[str, Decimal]:
    """The scorecard values the lead's figures give: the criteria whose keys match a known figure."""
    known = ratios(promised)
    return {key: value for key in criterion_keys if (value := known.get(key)) is not None}


def _number(value: Decimal | int | None) -> float | None:
    return None if value is None else float(value)


def engine_row(promised: Promised, name: str) -> dict[str, Any]:
    """The lead as a row of the engine's input: its figures at full production as a year's data. The output
    stands for revenue (a new firm sells what it makes); the scale follows from it."""
    p = promised
    revenue = p.output_value
    scale = None if revenue is None else ("above_scale" if revenue >= ABOVE_SCALE_REVENUE else "below_scale")
    return {
        "credit_code": LEAD_CODE,
        "name": name,
        "scale": scale,
        "industry_code": p.industry_code or None,
        "tax": _number(p.tax),
        "revenue": _number(revenue),
        "main_revenue": _number(revenue),
        "output_value": _number(p.output_value),
        "value_added": _number(p.value_added),
        "energy_tce": _number(p.energy_tce),
        "emissions_t": _number(p.emissions_t),
        "rd_expense": _number(p.rd_expense),
        "employees": _number(p.employees),
        "land_mu": _number(p.land_mu),
    }


def parcel_check(control: Committed, promised: Promised, parcel_area_mu: Decimal | None) -> CheckOutcome:
    """The lead's figures against the parcel's control indicators; the land is the parcel's (else the lead's)."""
    land = parcel_area_mu if parcel_area_mu else promised.land_mu
    land_promised = Promised(**{**promised.__dict__, "land_mu": land})
    actuals = Actuals(
        fixed_asset_investment=promised.fixed_asset_investment,
        land_mu=land,
        accepted_plot_ratio=plot_ratio(land_promised),
        tax=promised.tax,
        value_added=promised.value_added,
        energy_tce=promised.energy_tce,
        emissions_t=promised.emissions_t,
    )
    return check_commitment(Committed(**{**control.__dict__, "full_production_year": None}), actuals, 0)
