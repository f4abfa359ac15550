"""Reading stored runs side by side: comparison of two runs, grade migration across years, regional
aggregates as ratios of sums, and year-over-year trends."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl
from django.utils.translation import gettext_lazy

from gaoxin.enterprises import industry
from gaoxin.enterprises import selectors as enterprise_selectors
from gaoxin.evaluation import engine, selectors
from gaoxin.evaluation.engine.glossary import CREDIT_CODE
from gaoxin.evaluation.models import EvaluationRun
from gaoxin.evaluation.simulation import comparison_data

# Regional figures: (key, label, numerator, denominator, unit).
RATIOS = (
    ("tax_per_mu", gettext_lazy("Tax per mu"), "tax", "land_mu", gettext_lazy("10k yuan per mu")),
    ("value_added_per_mu", gettext_lazy("Value added per mu"), "value_added", "land_mu", gettext_lazy("10k yuan per mu")),
    ("revenue_per_mu", gettext_lazy("Revenue per mu"), "revenue", "land_mu", gettext_lazy("10k yuan per mu")),
    ("value_added_per_energy", gettext_lazy("Value added per tce"), "value_added", "energy_tce", gettext_lazy("10k yuan per tce")),
    ("labour_productivity", gettext_lazy("Value added per employee"), "value_added", "employees", gettext_lazy("10k yuan per person")),
)  # fmt: skip


def stored_result(run: EvaluationRun) -> engine.ScoreTable:
    """A run's grades in force (after regrades) as an engine result, for ``engine.compare``."""
    frame = pl.DataFrame(
        selectors.standings(run),
        schema={
            CREDIT_CODE: pl.String,
            "name": pl.String,
            "group": pl.String,
            "total": pl.Float64,
            "grade": pl.String,
        },
        orient="row",
    ).with_columns(pl.col("group", "grade").replace("", None))
    return engine.ScoreTable(run.scheme.parsed(), frame, pl.DataFrame(), run.year)


def compare_runs(a: EvaluationRun, b: EvaluationRun) -> dict[str, Any]:
    result_a, result_b = stored_result(a), stored_result(b)
    names = pl.concat(
        [result_a.frame.select(CREDIT_CODE, "name"), result_b.frame.select(CREDIT_CODE, "name")]
    )
    return comparison_data(engine.compare(result_a, result_b), names.unique(CREDIT_CODE, keep="last"))


@dataclass(frozen=True)
class RegionRow:
    key: str
    label: str
    firms: int
    grades: dict[str, int]
    ratios: list[float | None]


def _ratio(sums: dict[str, Any], numerator: str, denominator: str) -> float | None:
    top, bottom = sums.get(numerator), sums.get(denominator)
    return top / bottom if top is not None and bottom else None


def ratios(sums: dict[str, Any]) -> list[float | None]:
    return [_ratio(sums, numerator, denominator) for _, _, numerator, denominator, _ in RATIOS]


def regions(run: EvaluationRun, by: str) -> list[RegionRow]:
    """Per park (``by="park"``) or industry division (``"industry"``): scored firms, grades in force, and
    the ratios of the sums of their figures."""
    labels = enterprise_selectors.park_names() if by == "park" else {}
    counts: dict[str, dict[str, int]] = {}
    for key, grade, n in selectors.region_grade_counts(run, by):
        key = (key or "")[:2] if by == "industry" else key or ""
        counts.setdefault(key, {})
        counts[key][grade] = counts[key].get(grade, 0) + n
    rows = []
    for sums in run.summary.get(by, []):
        key = sums["key"]
        label = labels.get(key, key) if by == "park" else f"{key} {industry.name(key) or ''}".strip()
        rows.append(RegionRow(key, label or "—", sums["firms"], counts.get(key, {}), ratios(sums)))
    return rows


def trend(runs: list[EvaluationRun]) -> dict[str, Any]:
    """Zone-wide ratios of sums and grade counts per year of the given (published) runs."""
    return {
        "years": [run.year for run in runs],
        "ratios": [ratios(run.summary.get("zone", {})) for run in runs],
        "grades": [run.grade_counts for run in runs],
    }
