"""Indicator values and scores, computed for all groups at once on the whole frame.

Columns per indicator ``k`` (any group's), for firms scored here (``_gi`` not null; null for the rest):
``ind_k_value`` (numerator ÷ denominator, null unless both are present, the denominator is positive and
the result finite), ``_st_k`` (0 valid, 1 missing data, 2 zero or negative denominator), ``_raw_k`` (the score of valid data after caps, floors and rounding), ``_cap_k``
(1 capped, −1 floored, 0 neither) and ``ind_k_score``. ``_excluded`` marks firms a policy ``exclude``
removes; they get no scores and count in no benchmark or average.
"""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from gaoxin.evaluation.engine.groups import by_group, in_group
from gaoxin.evaluation.engine.rounding import round_half_up
from gaoxin.evaluation.engine.scheme import IndicatorDefinition, IndicatorRule, Normalisation, Policy, Scheme

VALID, MISSING, NONPOSITIVE = 0, 1, 2


def finite(expr: pl.Expr) -> pl.Expr:
    return pl.when(expr.is_finite()).then(expr)


def used(scheme: Scheme) -> list[IndicatorDefinition]:
    """The indicators some group scores, in the scheme's order."""
    keys = {rule.key for group in scheme.groups for rule in group.indicators}
    return [definition for definition in scheme.indicators if definition.key in keys]


def rules(scheme: Scheme, key: str) -> Iterator[tuple[int, IndicatorRule]]:
    """(group index, rule) of every group scoring indicator ``key``."""
    for index, group in enumerate(scheme.groups):
        for rule in group.indicators:
            if rule.key == key:
                yield index, rule


def values(scheme: Scheme) -> list[pl.Expr]:
    expressions = []
    for definition in used(scheme):
        numerator, denominator = pl.col(definition.numerator), pl.col(definition.denominator)
        present = numerator.is_not_null() & denominator.is_not_null()
        value = finite(numerator / denominator)
        status = (
            pl.when(pl.col("_gi").is_null())
            .then(None)
            .when(present & (denominator <= 0))
            .then(NONPOSITIVE)
            .when(present & value.is_not_null())
            .then(VALID)
            .otherwise(MISSING)
            .cast(pl.UInt8)
        )
        expressions += [
            pl.when(status == VALID).then(value).alias(f"ind_{definition.key}_value"),
            status.alias(f"_st_{definition.key}"),
        ]
    return expressions


def excluded(scheme: Scheme) -> pl.Expr:
    expr = pl.lit(False)
    for index, group in enumerate(scheme.groups):
        for rule in group.indicators:
            status = pl.col(f"_st_{rule.key}")
            if rule.missing is Policy.EXCLUDE:
                expr = expr | (in_group(index) & (status == MISSING))
            if rule.nonpositive_denominator is Policy.EXCLUDE:
                expr = expr | (in_group(index) & (status == NONPOSITIVE))
    return expr


def _raw(rule: IndicatorRule) -> pl.Expr:
    value, benchmark = pl.col(f"ind_{rule.key}_value"), pl.col(f"ind_{rule.key}_benchmark")
    if rule.normalisation is Normalisation.RATIO:
        raw = value / benchmark * rule.weight
    else:
        low = pl.col(f"ind_{rule.key}_minimum")
        raw = (
            pl.when(benchmark > low)
            .then((value - low) / (benchmark - low) * rule.weight)
            .otherwise(rule.weight)
        )
    return pl.when(pl.col(f"_bv_{rule.key}")).then(raw).otherwise(0.0)


def _clipped(rule: IndicatorRule, indicator_decimals: int | None) -> tuple[pl.Expr, pl.Expr]:
    raw = _raw(rule)
    flag = pl.lit(0, pl.Int8)
    clipped = raw
    if rule.cap is not None:
        flag = pl.when(raw > rule.cap).then(pl.lit(1, pl.Int8)).otherwise(flag)
    if rule.floor is not None:
        flag = pl.when(raw < rule.floor).then(pl.lit(-1, pl.Int8)).otherwise(flag)
    if rule.cap is not None or rule.floor is not None:
        clipped = raw.clip(rule.floor, rule.cap)
    if indicator_decimals is not None:
        clipped = round_half_up(clipped, indicator_decimals)
    return finite(clipped), flag


def first_scores(scheme: Scheme) -> list[pl.Expr]:
    """``_raw_k`` and ``_cap_k`` for firms with valid data."""
    expressions = []
    for definition in used(scheme):
        key = definition.key
        pairs = [(index, _clipped(rule, scheme.indicator_decimals)) for index, rule in rules(scheme, key)]
        valid = pl.col(f"_st_{key}") == VALID
        expressions += [
            pl.when(valid)
            .then(by_group([(index, score) for index, (score, _) in pairs]))
            .alias(f"_raw_{key}"),
            pl.when(valid).then(by_group([(index, flag) for index, (_, flag) in pairs])).alias(f"_cap_{key}"),
        ]
    return expressions


def _policy(rule: IndicatorRule, policy: Policy, average: pl.Expr) -> pl.Expr:
    if policy is Policy.IMPUTE:
        return average
    if policy is Policy.FULL:
        return pl.lit(rule.full_score)
    return pl.lit(0.0)  # zero; ``exclude`` rows are nulled before this applies


def final_scores(scheme: Scheme) -> list[pl.Expr]:
    """``ind_k_score``: the valid score, or what the group's missing-data and denominator policies give.

    Imputation gives the average valid score of the firm's group on the indicator (0 if none is valid).
    """
    expressions = []
    for definition in used(scheme):
        raw, status = pl.col(f"_raw_{definition.key}"), pl.col(f"_st_{definition.key}")
        usable = (status == VALID) & ~pl.col("_excluded")
        pairs = []
        for index, rule in rules(scheme, definition.key):
            average = finite(raw.filter(usable & in_group(index)).mean()).fill_null(0.0)
            pairs.append(
                (
                    index,
                    pl.when(status == MISSING)
                    .then(_policy(rule, rule.missing, average))
                    .otherwise(_policy(rule, rule.nonpositive_denominator, average)),
                )
            )
        score = (
            pl.when(pl.col("_excluded")).then(None).when(status == VALID).then(raw).otherwise(by_group(pairs))
        )
        expressions.append(score.alias(f"ind_{definition.key}_score"))
    return expressions
