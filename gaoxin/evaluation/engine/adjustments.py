"""From indicator scores to the total: sum, correction factor, bonuses and penalties, rounding.

``base_score`` = Σ indicator scores (in the group's indicator order); ``correction`` = the factor (a
column's null or negative value gives the default, resp. 0); ``adj_<key>`` = each adjustment's points
(percent adjustments are a percentage of ``base_score × correction``; rules not applying give 0);
``total`` = base × correction + Σ adjustments, rounded half-up to the scheme's decimals.
"""

from __future__ import annotations

from functools import reduce

import polars as pl

from gaoxin.evaluation.engine.conditions import all_of, key_expr
from gaoxin.evaluation.engine.glossary import ColumnType
from gaoxin.evaluation.engine.groups import by_group
from gaoxin.evaluation.engine.indicators import finite
from gaoxin.evaluation.engine.rounding import round_half_up
from gaoxin.evaluation.engine.scheme import Adjustment, AdjustmentKind, Group, KeySpec, Scheme


def correction(group: Group) -> pl.Expr:
    spec = group.correction
    if spec is None:
        return pl.lit(1.0)
    if spec.column is None:
        return pl.lit(spec.value)
    if not spec.values:
        return pl.col(spec.column).fill_null(spec.value).clip(lower_bound=0.0)
    key = key_expr(KeySpec(spec.column, spec.prefix))
    return key.replace_strict(dict(spec.values), default=spec.value, return_dtype=pl.Float64)


def _amount(rule: Adjustment, types: dict[str, ColumnType], year: int | None) -> pl.Expr:
    amount = pl.lit(rule.amount)
    if rule.per is not None:
        amount = amount * pl.col(rule.per).fill_null(0.0)
    if rule.minimum is not None or rule.maximum is not None:
        amount = amount.clip(rule.minimum, rule.maximum)
    return pl.when(all_of(rule.when, types, year)).then(amount).otherwise(0.0)


def totals(scheme: Scheme, year: int | None) -> list[list[pl.Expr]]:
    """Expression stages adding ``base_score``, ``correction``, ``adj_*``, ``adjustment_total``, ``total``."""
    types = scheme.column_types
    bases, factors = [], []
    for index, group in enumerate(scheme.groups):
        scores = [pl.col(f"ind_{rule.key}_score") for rule in group.indicators]
        bases.append((index, reduce(lambda left, right: left + right, scores)))
        factors.append((index, correction(group)))
    scored = pl.col("base_score").is_not_null()
    corrected = pl.col("base_score") * pl.col("correction")
    adjustments = []
    for rule in scheme.adjustments:
        amount = _amount(rule, types, year)
        if rule.kind is AdjustmentKind.PERCENT:
            amount = corrected * amount / 100.0
        if rule.groups:
            indices = [index for index, group in enumerate(scheme.groups) if group.key in rule.groups]
            amount = pl.when(pl.col("_gi").is_in(indices)).then(amount).otherwise(0.0)
        adjustments.append(pl.when(scored).then(finite(amount)).alias(f"adj_{rule.key}"))
    summed = reduce(
        lambda left, right: left + right,
        [pl.col(f"adj_{rule.key}") for rule in scheme.adjustments],
        pl.lit(0.0),
    )
    raw = corrected + pl.col("adjustment_total")
    return [
        [by_group(bases).alias("base_score"), by_group(factors).cast(pl.Float64).alias("correction")],
        adjustments,
        [pl.when(scored).then(summed).alias("adjustment_total")],
        [finite(round_half_up(finite(raw), scheme.decimals)).alias("total")],
    ]
