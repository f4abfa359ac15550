"""Small schemes and frames for the engine's tests; every figure in a test is computed by hand."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from gaoxin.evaluation.engine import Scheme, ScoreTable, evaluate, parse_scheme

HEAD = 'name = "test"\nversion = "1"\n'

TAX_PER_MU = """
[indicators.tax_per_mu]
label = "亩均税收"
unit = "万元/亩"
numerator = "tax"
denominator = "land_mu"
benchmark = { mode = "ratio_of_sums" }
"""

VA_PER_MU = """
[indicators.va_per_mu]
label = "亩均增加值"
unit = "万元/亩"
numerator = "value_added"
denominator = "land_mu"
benchmark = { mode = "ratio_of_sums" }
"""

ABCD = """
[grading]
method = "percentile"
bands = [{ grade = "A", upto = 20 }, { grade = "B", upto = 80 }, { grade = "C", upto = 95 }, { grade = "D", upto = 100 }]
"""

ONE_GROUP = """
[[groups]]
key = "all"
label = "全部"
"""


def scheme(*parts: str) -> Scheme:
    return parse_scheme(HEAD + "\n".join(parts))


def tax_only(*extra: str, grading: str = ABCD) -> Scheme:
    """One group scoring 亩均税收 (ratio of sums) for 100 points."""
    return scheme(TAX_PER_MU, grading, ONE_GROUP, "indicators = { tax_per_mu = 100 }", *extra)


def firms(codes: Sequence[str] | None = None, **columns: Sequence[object]) -> pl.DataFrame:
    """A frame with ``columns``; credit codes default to F01, F02, …"""
    size = len(next(iter(columns.values())))
    data: dict[str, Sequence[object]] = {
        "credit_code": codes or [f"F{number:02d}" for number in range(1, size + 1)]
    }
    data.update(columns)
    return pl.DataFrame(data, strict=False)


def run(frame: pl.DataFrame, evaluated: Scheme, **options: object) -> dict[str, dict[str, object]]:
    """Evaluate and key the result rows by credit code."""
    result: ScoreTable = evaluate(frame, evaluated, **options)  # type: ignore[arg-type]
    return {row["credit_code"]: row for row in result.frame.iter_rows(named=True)}


def codes(row: dict[str, object]) -> list[str]:
    return [reason["code"] for reason in row["reasons"]]  # type: ignore[attr-defined]
