"""Comparing two evaluations of the same firms: the grade transition matrix and who moves.

Typical use: the same data under two schemes (or one scheme with other weights or bands) before a method
is adopted, or this year against last year.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from gaoxin.evaluation.engine.glossary import CREDIT_CODE
from gaoxin.evaluation.engine.score import ScoreTable

UNGRADED = "ungraded"  # the row and column of the matrix for firms without a grade (or absent)


@dataclass(frozen=True)
class Comparison:
    """``matrix``: column ``grade_a`` (row label) then one count column per grade of b, best first, then
    ``ungraded``. ``movers``: firms whose grade differs, by credit code, with ``change`` = ``up`` (better),
    ``down``, ``in`` (now graded), ``out`` (no longer graded)."""

    grades: tuple[str, ...]
    matrix: pl.DataFrame
    movers: pl.DataFrame


def compare(a: ScoreTable, b: ScoreTable) -> Comparison:
    grades = tuple(dict.fromkeys((*a.grades, *b.grades)))
    order = {grade: position for position, grade in enumerate(grades)}
    columns = [CREDIT_CODE, "group", "total", "grade"]
    joined = a.frame.select(columns).join(
        b.frame.select(columns), on=CREDIT_CODE, how="full", coalesce=True, suffix="_b"
    )
    joined = joined.rename({"group": "group_a", "total": "total_a", "grade": "grade_a"}).sort(CREDIT_CODE)
    position_a = pl.col("grade_a").replace_strict(order, default=None, return_dtype=pl.Int64)
    position_b = pl.col("grade_b").replace_strict(order, default=None, return_dtype=pl.Int64)
    change = (
        pl.when(position_a.is_null())
        .then(pl.lit("in"))
        .when(position_b.is_null())
        .then(pl.lit("out"))
        .when(position_b < position_a)
        .then(pl.lit("up"))
        .otherwise(pl.lit("down"))
    )
    movers = joined.filter(pl.col("grade_a").ne_missing(pl.col("grade_b"))).select(
        CREDIT_CODE, "group_a", "group_b", "grade_a", "grade_b", "total_a", "total_b", change.alias("change")
    )
    counts = joined.group_by("grade_a", "grade_b").len()
    lookup = {(row[0], row[1]): row[2] for row in counts.iter_rows()}
    labels = [*grades, None]
    matrix = pl.DataFrame(
        {
            "grade_a": [label or UNGRADED for label in labels],
            **{(to or UNGRADED): [lookup.get((frm, to), 0) for frm in labels] for to in labels},
        },
        schema={"grade_a": pl.String, **dict.fromkeys((label or UNGRADED for label in labels), pl.UInt32)},
    )
    return Comparison(grades, matrix, movers)
