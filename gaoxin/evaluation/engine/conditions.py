"""Scheme conditions and partition keys as polars expressions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

import polars as pl

from gaoxin.evaluation.engine.glossary import ColumnType
from gaoxin.evaluation.engine.scheme import Condition, KeySpec, Operator

_COMPARE: dict[Operator, Callable[[pl.Expr, object], pl.Expr]] = {
    Operator.EQ: lambda column, value: column == value,
    Operator.NE: lambda column, value: column != value,
    Operator.LT: lambda column, value: column < value,
    Operator.LE: lambda column, value: column <= value,
    Operator.GT: lambda column, value: column > value,
    Operator.GE: lambda column, value: column >= value,
    Operator.IN: lambda column, value: column.is_in(list(value)),  # type: ignore[call-overload]
    Operator.NOT_IN: lambda column, value: ~column.is_in(list(value)),  # type: ignore[call-overload]
    Operator.STARTS_WITH: lambda column, value: column.str.starts_with(str(value)),
}


def condition_expr(condition: Condition, types: Mapping[str, ColumnType], year: int | None) -> pl.Expr:
    """True where the condition holds; null cells give false except for ``is_null``."""
    column = pl.col(condition.column)
    value = condition.value
    if condition.operator is Operator.IS_NULL:
        return column.is_null() == value
    if condition.operator is Operator.IS_TRUE:
        truth = column if types[condition.column] is ColumnType.BOOL else column != 0
        expr = truth == value
    elif condition.operator is Operator.YOUNGER_THAN_YEARS:
        assert year is not None  # checked by inputs.prepare
        expr = column > dt.date(year - int(value), 12, 31)  # type: ignore[call-overload]
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
