"""Simulation: the same year's data under two schemes (or one scheme with other weights or bands).

Nothing is stored as a result: the grade transition matrix, the grade counts and the movers are returned
as plain data for the job that ran them.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from gaoxin.evaluation import engine
from gaoxin.evaluation.engine.glossary import CREDIT_CODE
from gaoxin.evaluation.models.schemes import parse
from gaoxin.evaluation.selectors.frames import ENTERPRISE_ID, year_frame

MOVERS_SHOWN = 500


def grade_counts(result: engine.ScoreTable) -> dict[str, int]:
    counts = result.frame.filter(pl.col("grade").is_not_null()).group_by("grade").len()
    return {row[0]: row[1] for row in counts.sort("grade").iter_rows()}


def comparison_data(comparison: engine.Comparison, names: pl.DataFrame) -> dict[str, Any]:
    """A comparison as JSON-ready data: the matrix rows and the first movers with their names."""
    movers = comparison.movers.join(names, on=CREDIT_CODE, how="left").sort(["change", CREDIT_CODE])
    return {
        "grades": list(comparison.grades),
        "matrix": comparison.matrix.rows(),
        "columns": comparison.matrix.columns[1:],
        "movers": movers.head(MOVERS_SHOWN).to_dicts(),
        "movers_total": movers.height,
    }


def simulate(*, year: int, text_a: str, text_b: str) -> dict[str, Any]:
    scheme_a, scheme_b = parse(text_a), parse(text_b)
    data = year_frame(year, scheme_a, scheme_b).drop(ENTERPRISE_ID)
    result_a = engine.evaluate(data, scheme_a, year=year)
    result_b = engine.evaluate(data, scheme_b, year=year)
    names = data.select(CREDIT_CODE, "name")
    return {
        **comparison_data(engine.compare(result_a, result_b), names),
        "firms": data.height,
        "counts_a": grade_counts(result_a),
        "counts_b": grade_counts(result_b),
    }
