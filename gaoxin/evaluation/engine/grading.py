"""Ranks and grades within a group, and the vetoes that cap grades afterwards.

Ranking: by ``total`` descending within the group (or within ``rank_within`` partitions of it); equal
totals share the smallest rank ("1, 2, 2, 4"). ``top_percent`` = 100 × rank ÷ firms ranked, so the best
firm has the smallest figure.

Percentile grading: with n firms ranked, band k covers the positions up to ``round(n × upto_k ÷ 100)``
(rounded as the scheme says). A firm takes the first band whose count reaches its rank; for tie rule
``favourable`` the rank is the tied block's best position (the whole block gets the better grade), for
``unfavourable`` its worst position (the whole block gets the worse grade). Equal totals therefore always
share a grade, and a band may hold more (favourable) or fewer (unfavourable) firms than its count.
"""

from __future__ import annotations

import polars as pl

from gaoxin.evaluation.engine.conditions import all_of, key_expr
from gaoxin.evaluation.engine.rounding import band_counts, round_half_up
from gaoxin.evaluation.engine.scheme import GradingMethod, Group, Scheme, Ties


def _percentile(frame: pl.DataFrame, group: Group) -> pl.DataFrame:
    grading = group.grading
    sizes = frame["ranked_count"].drop_nulls().unique().sort().to_list()
    names = [f"_band_{index}" for index in range(len(grading.bands))]
    counts = pl.DataFrame(
        [(size, *band_counts(size, grading.bands, grading.band_rounding)) for size in sizes],
        schema={"ranked_count": pl.UInt32, **dict.fromkeys(names, pl.UInt32)},
        orient="row",
    )
    position = pl.col("rank" if grading.ties is Ties.FAVOURABLE else "_rank_worst")
    merit = pl.lit(None, pl.String)
    for name, band in reversed(list(zip(names, grading.bands, strict=True))):
        merit = pl.when(position <= pl.col(name)).then(pl.lit(band.grade)).otherwise(merit)
    joined = frame.join(counts, on="ranked_count", how="left", maintain_order="left")
    return joined.with_columns(grade_merit=merit).drop(names)


def _threshold(group: Group) -> pl.Expr:
    bands = group.grading.bands
    expr: pl.Expr = pl.lit(bands[-1].grade)
    for band in reversed(bands[:-1]):
        expr = pl.when(pl.col("total") >= band.minimum).then(pl.lit(band.grade)).otherwise(expr)
    return expr


def grade(frame: pl.DataFrame, group: Group) -> pl.DataFrame:
    """Adds ``rank_partition``, ``rank``, ``ranked_count``, ``top_percent`` and ``grade_merit``."""
    total = pl.col("total")
    scored = total.is_not_null()
    partition = key_expr(group.rank_within) if group.rank_within else pl.lit(None, pl.String)
    frame = frame.with_columns(rank_partition=partition).with_columns(
        rank=total.rank("min", descending=True).over("rank_partition").cast(pl.UInt32),
        _rank_worst=total.rank("max", descending=True).over("rank_partition").cast(pl.UInt32),
        ranked_count=pl.when(scored).then(total.count().over("rank_partition")).cast(pl.UInt32),
    )
    if group.grading.method is GradingMethod.PERCENTILE:
        frame = _percentile(frame, group)
    else:
        frame = frame.with_columns(grade_merit=pl.when(scored).then(_threshold(group)))
    return frame.with_columns(
        top_percent=round_half_up(100.0 * pl.col("rank") / pl.col("ranked_count"), 2)
    ).drop("_rank_worst")


def apply_vetoes(frame: pl.DataFrame, scheme: Scheme, year: int | None) -> pl.DataFrame:
    """``_veto_<key>`` per veto, and ``grade``: the merit grade, no better than any applying veto allows."""
    types = scheme.column_types
    index = {name: position for position, name in enumerate(scheme.grades)}
    flags = {}
    for veto in scheme.vetoes:
        applies = all_of(veto.when, types, year)
        if veto.groups:
            applies = applies & pl.col("_group").is_in(list(veto.groups)).fill_null(False)
        flags[f"_veto_{veto.key}"] = applies
    frame = frame.with_columns(**flags)
    caps = [pl.when(pl.col(f"_veto_{veto.key}")).then(index[veto.max_grade]) for veto in scheme.vetoes]
    merit = pl.col("grade_merit").replace_strict(index, default=None, return_dtype=pl.Int64)
    worst = pl.max_horizontal(merit, *caps) if caps else merit
    final = pl.when(merit.is_not_null()).then(worst)
    names = dict(enumerate(scheme.grades))
    return frame.with_columns(grade=final.replace_strict(names, default=None, return_dtype=pl.String))
