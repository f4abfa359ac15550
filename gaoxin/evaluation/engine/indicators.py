"""Indicator values and scores of one group's firms.

Columns per indicator ``k``: ``ind_k_value`` (numerator ÷ denominator, null unless both are present and
the denominator is positive), ``_st_k`` (0 valid, 1 missing data, 2 zero or negative denominator),
``_cap_k`` (1 capped, −1 floored) and ``ind_k_score``. ``_excluded`` marks firms a policy ``exclude``
removes; they get no scores and count in no benchmark or average.
"""

from __future__ import annotations

import polars as pl

from gaoxin.evaluation.engine.rounding import round_half_up
from gaoxin.evaluation.engine.scheme import Group, IndicatorRule, Normalisation, Policy

VALID, MISSING, NONPOSITIVE = 0, 1, 2


def finite(expr: pl.Expr) -> pl.Expr:
    return pl.when(expr.is_finite()).then(expr)


def values(group: Group) -> list[pl.Expr]:
    expressions = []
    for rule in group.indicators:
        numerator, denominator = pl.col(rule.definition.numerator), pl.col(rule.definition.denominator)
        present = numerator.is_not_null() & denominator.is_not_null()
        value = finite(numerator / denominator)
        status = (
            pl.when(present & (denominator <= 0))
            .then(NONPOSITIVE)
            .when(present & value.is_not_null())
            .then(VALID)
            .otherwise(MISSING)
            .cast(pl.UInt8)
        )
        expressions += [
            pl.when(status == VALID).then(value).alias(f"ind_{rule.key}_value"),
            status.alias(f"_st_{rule.key}"),
        ]
    return expressions


def excluded(group: Group) -> pl.Expr:
    expr = pl.lit(False)
    for rule in group.indicators:
        status = pl.col(f"_st_{rule.key}")
        if rule.missing is Policy.EXCLUDE:
            expr = expr | (status == MISSING)
        if rule.nonpositive_denominator is Policy.EXCLUDE:
            expr = expr | (status == NONPOSITIVE)
    return expr


def _raw(rule: IndicatorRule) -> pl.Expr:
    value, benchmark = pl.col(f"ind_{rule.key}_value"), pl.col(f"ind_{rule.key}_benchmark")
    if rule.normalisation is Normalisation.RATIO:
        raw = value / benchmark * rule.weight
    else:
        low = pl.col(f"_min_{rule.key}")
        raw = (
            pl.when(benchmark > low)
            .then((value - low) / (benchmark - low) * rule.weight)
            .otherwise(rule.weight)
        )
    return pl.when(pl.col(f"_bv_{rule.key}")).then(raw).otherwise(0.0)


def first_scores(rule: IndicatorRule, indicator_decimals: int | None) -> list[pl.Expr]:
    """Scores of firms with valid data (``_raw_k``), after caps, floors and rounding; and ``_cap_k``."""
    raw = _raw(rule)
    flag = pl.lit(0, pl.Int8)
    clipped = raw
    if rule.cap is not None:
        flag = pl.when(raw > rule.cap).then(pl.lit(1, pl.Int8)).otherwise(flag)
        clipped = pl.min_horizontal(clipped, pl.lit(rule.cap))
    if rule.floor is not None:
        flag = pl.when(raw < rule.floor).then(pl.lit(-1, pl.Int8)).otherwise(flag)
        clipped = pl.max_horizontal(clipped, pl.lit(rule.floor))
    if indicator_decimals is not None:
        clipped = round_half_up(clipped, indicator_decimals)
    valid = pl.col(f"_st_{rule.key}") == VALID
    return [
        pl.when(valid).then(finite(clipped)).alias(f"_raw_{rule.key}"),
        pl.when(valid).then(flag).alias(f"_cap_{rule.key}"),
    ]


def _policy(rule: IndicatorRule, policy: Policy, average: pl.Expr) -> pl.Expr:
    if policy is Policy.IMPUTE:
        return average
    if policy is Policy.FULL:
        return pl.lit(rule.full_score)
    return pl.lit(0.0)  # zero; ``exclude`` rows are nulled before this applies


def final_score(rule: IndicatorRule) -> pl.Expr:
    """``ind_k_score``: the valid score, or what the missing-data and denominator policies give."""
    raw, status = pl.col(f"_raw_{rule.key}"), pl.col(f"_st_{rule.key}")
    average = finite(raw.filter((status == VALID) & ~pl.col("_excluded")).mean()).fill_null(0.0)
    return (
        pl.when(pl.col("_excluded"))
        .then(None)
        .when(status == VALID)
        .then(raw)
        .when(status == MISSING)
        .then(_policy(rule, rule.missing, average))
        .otherwise(_policy(rule, rule.nonpositive_denominator, average))
        .alias(f"ind_{rule.key}_score")
    )
