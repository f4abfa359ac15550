"""Who is evaluated where: exemptions, leased firms and group membership.

Adds to the prepared frame:
- ``_ex_<key>`` per exemption, ``_exempt`` and ``_exempt_grade`` (the first matching exemption's grade);
- ``_role``: ``lessee`` (rule own_group), ``follower`` (merged with or following an evaluable lessor),
  ``orphan`` (the lessor is missing, exempt or itself a lessee), or null;
- ``_group``: the group's key; null for followers (they take the lessor's later) and for unmatched firms.

A leased firm has a ``lessor_credit_code`` and no land of its own (``land_mu`` missing or ≤ 0); a firm with
land of its own is evaluated on it whatever its lease. Exempt firms keep the group of their membership.
"""

from __future__ import annotations

import polars as pl

from gaoxin.evaluation.engine.conditions import all_of
from gaoxin.evaluation.engine.glossary import CREDIT_CODE, LESSOR, NUMERIC_FIELDS
from gaoxin.evaluation.engine.scheme import LeasedRule, Scheme

LESSEE, FOLLOWER, ORPHAN = "lessee", "follower", "orphan"


def _any(columns: list[str]) -> pl.Expr:
    return pl.any_horizontal(columns) if columns else pl.lit(False)


def _exemptions(data: pl.DataFrame, scheme: Scheme, year: int | None) -> pl.DataFrame:
    types = scheme.column_types
    flags = {f"_ex_{rule.key}": all_of(rule.when, types, year) for rule in scheme.exemptions}
    data = data.with_columns(**flags)
    grade = pl.lit(None, pl.String)
    for rule in reversed(scheme.exemptions):
        grade = pl.when(pl.col(f"_ex_{rule.key}")).then(pl.lit(rule.grade, pl.String)).otherwise(grade)
    return data.with_columns(_exempt=_any(list(flags)), _exempt_grade=grade)


def _roles(data: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    if scheme.leased is None:
        return data.with_columns(_role=pl.lit(None, pl.String))
    land = pl.col("land_mu")
    leased = pl.col(LESSOR).is_not_null() & (land.is_null() | (land <= 0)) & ~pl.col("_exempt")
    data = data.with_columns(_leased=leased)
    lessors = data.filter(~pl.col("_exempt") & ~pl.col("_leased")).select(
        pl.col(CREDIT_CODE).alias(LESSOR), _lessor_ok=pl.lit(True)
    )
    data = data.join(lessors, on=LESSOR, how="left", maintain_order="left")
    if scheme.leased.rule is LeasedRule.OWN_GROUP:
        role = pl.when(pl.col("_leased")).then(pl.lit(LESSEE))
    else:
        role = pl.when(pl.col("_leased") & pl.col("_lessor_ok").fill_null(False)).then(pl.lit(FOLLOWER))
        role = role.when(pl.col("_leased")).then(pl.lit(ORPHAN))
    return data.with_columns(_role=role.otherwise(None)).drop("_leased", "_lessor_ok")


def _membership(data: pl.DataFrame, scheme: Scheme, year: int | None) -> pl.DataFrame:
    types = scheme.column_types
    group = pl.lit(None, pl.String)
    for candidate in reversed([g for g in scheme.groups if g.key not in scheme.leased_groups]):
        group = pl.when(all_of(candidate.when, types, year)).then(pl.lit(candidate.key)).otherwise(group)
    if scheme.leased is not None:
        role = pl.col("_role")
        group = (
            pl.when(role == LESSEE)
            .then(pl.lit(scheme.leased.group, pl.String))
            .when(role == ORPHAN)
            .then(pl.lit(scheme.leased.orphan_group, pl.String))
            .when(role == FOLLOWER)
            .then(pl.lit(None, pl.String))
            .otherwise(group)
        )
    return data.with_columns(_group=group)


def _pool_lessees(data: pl.DataFrame) -> pl.DataFrame:
    """Rule merge_with_lessor: add each follower's yearly figures (not land) to its lessor's."""
    fields = [name for name in NUMERIC_FIELDS if name in data.columns and name != "land_mu"]
    sums = (
        data.filter(pl.col("_role") == FOLLOWER)
        .group_by(LESSOR)
        .agg(
            *(
                pl.when(pl.col(name).count() > 0).then(pl.col(name).sum()).alias(f"_pool_{name}")
                for name in fields
            ),
            _lessees=pl.len(),
        )
        .rename({LESSOR: CREDIT_CODE})
    )
    data = data.join(sums, on=CREDIT_CODE, how="left", maintain_order="left")
    pooled = {
        name: pl.when(pl.col(name).is_null() & pl.col(f"_pool_{name}").is_null())
        .then(None)
        .otherwise(pl.col(name).fill_null(0.0) + pl.col(f"_pool_{name}").fill_null(0.0))
        for name in fields
    }
    return data.with_columns(**pooled).drop(f"_pool_{name}" for name in fields)


def classify(data: pl.DataFrame, scheme: Scheme, year: int | None) -> pl.DataFrame:
    data = _membership(_roles(_exemptions(data, scheme, year), scheme), scheme, year)
    if scheme.leased is not None and scheme.leased.rule is LeasedRule.MERGE_WITH_LESSOR:
        return _pool_lessees(data)
    return data.with_columns(_lessees=pl.lit(None, pl.UInt32))
