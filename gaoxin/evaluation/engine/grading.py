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
from gaoxin.evaluation.engine.groups import by_group
from gaoxin.evaluation.engine.rounding import band_count_expr, round_half_up
from gaoxin.evaluation.engine.scheme import GradingMethod, Group, Scheme, Ties


def _merit(group: Group) -> pl.Expr:
    """The merit grade's position in the grade list (0 = best)."""
    grading = group.grading
    last = pl.lit(len(grading.bands) - 1, pl.UInt8)
    if grading.method is GradingMethod.THRESHOLD:
        expr = last
        for number, band in reversed(list(enumerate(grading.bands[:-1]))):
            expr = pl.when(pl.col("total") >= band.minimum).then(pl.lit(number, pl.UInt8)).otherwise(expr)
        return expr
    position = pl.col("rank" if grading.ties is Ties.FAVOURABLE else "_rank_worst")
    expr = last
    for number, band in reversed(list(enumerate(grading.bands[:-1]))):
        limit = band_count_expr(pl.col("ranked_count"), band, grading.band_rounding)
        expr = pl.when(position <= limit).then(pl.lit(number, pl.UInt8)).otherwise(expr)
    return expr


def grade(frame: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """Adds ``rank_partition``, ``rank``, ``ranked_count``, ``top_percent`` and ``_merit``.

    ``_merit`` is the merit grade's position in ``scheme.grades``.
    """
    total = pl.col("total")
    scored = total.is_not_null()
    within = [
        (index, key_expr(group.rank_within)) for index, group in enumerate(scheme.groups) if group.rank_within
    ]
    partitions = ["_gi", "rank_partition"] if within else ["_gi"]

    def per_partition(expr: pl.Expr) -> pl.Expr:
        # one group without sub-rankings: the whole column is one partition (unscored totals are null)
        return expr if len(scheme.groups) == 1 and not within else expr.over(partitions)

    ranks = [
        per_partition(total.rank("min", descending=True)).cast(pl.UInt32).alias("rank"),
        pl.when(scored).then(per_partition(total.count())).cast(pl.UInt32).alias("ranked_count"),
    ]
    if any(group.grading.ties is Ties.UNFAVOURABLE for group in scheme.groups):
        ranks.append(per_partition(total.rank("max", descending=True)).cast(pl.UInt32).alias("_rank_worst"))
    frame = frame.with_columns(rank_partition=by_group(within).cast(pl.String)).with_columns(ranks)
    merit = by_group([(index, _merit(group)) for index, group in enumerate(scheme.groups)])
    return frame.with_columns(
        top_percent=round_half_up(100.0 * pl.col("rank") / pl.col("ranked_count"), 2),
        _merit=pl.when(scored).then(merit).cast(pl.UInt8),
    )


def apply_vetoes(frame: pl.DataFrame, scheme: Scheme, year: int | None) -> pl.DataFrame:
    """``_veto_<key>`` per veto; ``_grade``: ``_merit`` made no better than any applying veto allows."""
    types = scheme.column_types
    index = {name: position for position, name in enumerate(scheme.grades)}
    flags = {}
    for veto in scheme.vetoes:
        applies = all_of(veto.when, types, year)
        if veto.groups:
            indices = [index for index, group in enumerate(scheme.groups) if group.key in veto.groups]
            applies = applies & pl.col("_gm").is_in(indices).fill_null(False)
        flags[f"_veto_{veto.key}"] = applies
    frame = frame.with_columns(**flags)
    caps = [
        pl.when(pl.col(f"_veto_{veto.key}")).then(pl.lit(index[veto.max_grade], pl.UInt8))
        for veto in scheme.vetoes
    ]
    merit = pl.col("_merit")
    return frame.with_columns(_grade=pl.when(merit.is_not_null()).then(pl.max_horizontal(merit, *caps)))
