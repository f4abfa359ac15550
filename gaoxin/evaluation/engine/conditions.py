"""Scheme conditions and partition keys as polars expressions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

import polars as pl

from gaoxin.evaluation.engine.glossary import ColumnType
from gaoxin.evaluation.engine.scheme import Condition, KeySpec, Operator

_COMPARE: dict[Operator, Callable[[pl.Expr, object], pl.Expr]] = {
    Operator.EQ: lambda column, value: column.eq(value),
    Operator.NE: lambda column, value: column.ne(value),
    Operator.LT: lambda column, value: column.lt(value),
    Operator.LE: lambda column, value: column.le(value),
    Operator.GT: lambda column, value: column.gt(value),
    Operator.GE: lambda column, value: column.ge(value),
    Operator.IN: lambda column, value: column.is_in(list(value)),  # type: ignore[call-overload]
    Operator.NOT_IN: lambda column, value: ~column.is_in(list(value)),  # type: ignore[call-overload]
    Operator.STARTS_WITH: lambda column, value: column.str.starts_with(str(value)),
}


def condition_expr(condition: Condition, types: Mapping[str, ColumnType], year: int | None) -> pl.Expr:
    """True where the condition holds; null cells give false except for ``is_null``."""
    column = pl.col(condition.column)
    value = condition.value
    if condition.operator is Operator.IS_NULL:
        return column.is_null().eq(value)
    if condition.operator is Operator.IS_TRUE:
        truth = column if types[condition.column] is ColumnType.BOOL else column.ne(0)
        expr = truth.eq(value)
    elif condition.operator is Operator.YOUNGER_THAN_YEARS:
        assert year is not None  # checked by inputs.prepare
        assert isinstance(value, float)  # checked by the scheme
        expr = column.gt(dt.date(year - int(value), 12, 31))
    else:
        expr = _COMPARE[condition.operator](column, value)
    return expr.fill_null(False)


def all_of(conditions: Sequence[Condition], types: Mapping[str, ColumnType], year: int | None) -> pl.Expr:
    expr = pl.lit(True)
    for condition in conditions:
        expr = expr & condition_expr(condition, types, year)
    return expr


def key_expr(spec: KeySpec) -> pl.Expr:
    column = pl.col(spec.column)
    return column if spec.prefix is None else column.str.slice(0, spec.prefix)
