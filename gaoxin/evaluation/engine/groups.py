"""Who is evaluated where: exemptions, leased firms and group membership.

Adds to the prepared frame (codes are small integers; names are attached at the end with ``names_of``):
- ``_ex_<key>`` per exemption, ``_exempt`` and ``_exempt_grade`` (the position in ``scheme.grades`` of the
  first matching exemption's grade);
- ``_role``: 1 lessee (rule own_group), 2 follower (merged with or following an evaluable lessor),
  3 orphan (the lessor is missing, exempt or itself a lessee), 0 otherwise;
- ``_gm``: the position in ``scheme.groups`` of the firm's group; null for followers (they take the
  lessor's later) and for firms no group takes;
- ``_gi``: ``_gm`` of the firms scored here; null for exempt firms and followers. Every later step
  computes group-specific figures with ``by_group``.

A leased firm has a ``lessor_credit_code`` and no land of its own (``land_mu`` missing or ≤ 0); a firm with
land of its own is evaluated on it whatever its lease. Exempt firms keep the group of their membership.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from gaoxin.enterprises.year_fields import YEAR_FIELDS
from gaoxin.evaluation.engine.conditions import all_of
from gaoxin.evaluation.engine.glossary import CREDIT_CODE, LESSOR
from gaoxin.evaluation.engine.scheme import LeasedRule, Scheme

LESSEE, FOLLOWER, ORPHAN = 1, 2, 3


def in_group(index: int) -> pl.Expr:
    return pl.col("_gi") == index


def by_group(pairs: Sequence[tuple[int, pl.Expr]]) -> pl.Expr:
    """The expression of the firm's scoring group (given as (group index, expression) pairs), else null."""
    expr = pl.lit(None)
    for index, value in reversed(pairs):
        expr = pl.when(in_group(index)).then(value).otherwise(expr)
    return expr


def names_of(column: str, names: Sequence[str]) -> pl.Expr:
    """A column of positions as the names at those positions (null stays null)."""
    return pl.lit(pl.Series(list(names), dtype=pl.String)).gather(pl.col(column))


def _exemptions(data: pl.DataFrame, scheme: Scheme, year: int | None) -> pl.DataFrame:
    types = scheme.column_types
    flags = {f"_ex_{rule.key}": all_of(rule.when, types, year) for rule in scheme.exemptions}
    positions = {name: position for position, name in enumerate(scheme.grades)}
    grade = pl.lit(None, pl.UInt8)
    for rule in reversed(scheme.exemptions):
        position = None if rule.grade is None else positions[rule.grade]
        grade = pl.when(pl.col(f"_ex_{rule.key}")).then(pl.lit(position, pl.UInt8)).otherwise(grade)
    exempt = pl.any_horizontal(list(flags)) if flags else pl.lit(False)
    return data.with_columns(**flags).with_columns(_exempt=exempt, _exempt_grade=grade)


def _roles(data: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    if scheme.leased is None:
        return data.with_columns(_role=pl.lit(0, pl.UInt8))
    land = pl.col("land_mu")
    leased = pl.col(LESSOR).is_not_null() & (land.is_null() | (land <= 0)) & ~pl.col("_exempt")
    data = data.with_columns(_leased=leased)
    lessors = data.filter(~pl.col("_exempt") & ~pl.col("_leased")).select(
        pl.col(CREDIT_CODE).alias(LESSOR), _lessor_ok=pl.lit(True)
    )
    data = data.join(lessors, on=LESSOR, how="left", maintain_order="left")
    leased, available = pl.col("_leased"), pl.col("_lessor_ok").fill_null(False)
    if scheme.leased.rule is LeasedRule.OWN_GROUP:
        role = pl.when(leased).then(LESSEE).otherwise(0)
    else:
        role = pl.when(leased & available).then(FOLLOWER).otherwise(pl.when(leased).then(ORPHAN).otherwise(0))
    return data.with_columns(_role=role.cast(pl.UInt8)).drop("_leased", "_lessor_ok")


def _membership(data: pl.DataFrame, scheme: Scheme, year: int | None) -> pl.DataFrame:
    types = scheme.column_types
    positions = {group.key: pl.lit(index, pl.UInt8) for index, group in enumerate(scheme.groups)}
    group = pl.lit(None, pl.UInt8)
    for candidate in reversed([g for g in scheme.groups if g.key not in scheme.leased_groups]):
        group = pl.when(all_of(candidate.when, types, year)).then(positions[candidate.key]).otherwise(group)
    if scheme.leased is not None:
        role, nothing = pl.col("_role"), pl.lit(None, pl.UInt8)
        lessee_group = positions[scheme.leased.group] if scheme.leased.group else nothing
        orphan_group = positions[scheme.leased.orphan_group] if scheme.leased.orphan_group else nothing
        group = (
            pl.when(role == LESSEE)
            .then(lessee_group)
            .when(role == ORPHAN)
            .then(orphan_group)
            .when(role == FOLLOWER)
            .then(nothing)
            .otherwise(group)
        )
    return data.with_columns(_gm=group)


def _pool_lessees(data: pl.DataFrame) -> pl.DataFrame:
    """Rule merge_with_lessor: add each follower's yearly figures (not land) to its lessor's."""
    fields = [name for name in YEAR_FIELDS if name in data.columns and name != "land_mu"]
    sums = (
        data.filter(pl.col("_role") == FOLLOWER)
        .group_by(LESSOR)
        .agg(
            *(
                pl.when(pl.col(name).count() > 0).then(pl.col(name).sum()).alias(f"_pool_{name}")
                for name in fields
            ),
            _lessees=pl.len().cast(pl.UInt32),
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
        data = _pool_lessees(data)
    else:
        data = data.with_columns(_lessees=pl.lit(None, pl.UInt32))
    scored = ~pl.col("_exempt") & (pl.col("_role") != FOLLOWER)
    return data.with_columns(_gi=pl.when(scored).then(pl.col("_gm")))
