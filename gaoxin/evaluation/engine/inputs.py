"""Checking and normalising the input frame: the columns a scheme needs, typed, finite, sorted by credit code."""

from __future__ import annotations

import polars as pl

from gaoxin.core.messages import Message, gettext_noop
from gaoxin.evaluation.engine.errors import InputError
from gaoxin.evaluation.engine.glossary import CREDIT_CODE, LESSOR, NAME, ColumnType
from gaoxin.evaluation.engine.scheme import Adjustment, Condition, Exemption, Operator, Scheme, Veto

_TRUTHY = ["1", "true", "t", "yes", "y", "是", "有", "√"]
_SHOWN = 10  # problem rows named in a message


def _conditions(scheme: Scheme) -> list[Condition]:
    found = [condition for group in scheme.groups for condition in group.when]
    rules: list[Veto | Exemption | Adjustment] = [*scheme.vetoes, *scheme.exemptions, *scheme.adjustments]
    for rule in rules:
        found.extend(rule.when)
    return found


def required_columns(scheme: Scheme) -> list[str]:
    """Every column the scheme reads, in a stable order."""
    names = [CREDIT_CODE]
    for group in scheme.groups:
        for rule in group.indicators:
            names += [rule.definition.numerator, rule.definition.denominator]
            if rule.benchmark.by is not None:
                names.append(rule.benchmark.by.column)
        if group.correction is not None and group.correction.column is not None:
            names.append(group.correction.column)
        if group.rank_within is not None:
            names.append(group.rank_within.column)
    names += [condition.column for condition in _conditions(scheme)]
    names += [adjustment.per for adjustment in scheme.adjustments if adjustment.per is not None]
    if scheme.leased is not None:
        names += [LESSOR, "land_mu"]
    return list(dict.fromkeys(names))


def needs_year(scheme: Scheme) -> bool:
    return any(condition.operator is Operator.YOUNGER_THAN_YEARS for condition in _conditions(scheme))


def _number(name: str, dtype: pl.DataType) -> pl.Expr:
    column = pl.col(name)
    if dtype == pl.String:
        column = column.str.strip_chars().replace("", None).cast(pl.Float64, strict=False)
    else:
        column = column.cast(pl.Float64, strict=False)
    return pl.when(column.is_finite()).then(column)


def _boolean(name: str, dtype: pl.DataType) -> pl.Expr:
    column = pl.col(name)
    if dtype == pl.Boolean:
        return column
    if dtype.is_numeric():
        return column.cast(pl.Float64).fill_nan(None) != 0
    text = column.cast(pl.String).str.strip_chars().str.to_lowercase()
    return pl.when(text.is_null() | (text == "")).then(None).otherwise(text.is_in(_TRUTHY))


def _date(name: str, dtype: pl.DataType) -> pl.Expr:
    column = pl.col(name)
    if dtype == pl.Date:
        return column
    if dtype == pl.Datetime:
        return column.dt.date()
    return column.cast(pl.String).str.strip_chars().str.to_date(strict=False)


_CONVERT = {ColumnType.NUMBER: _number, ColumnType.BOOL: _boolean, ColumnType.DATE: _date}


def _unconvertible(frame: pl.DataFrame, converted: pl.DataFrame, names: list[str]) -> list[Message]:
    """Cells that held something yet became null: text in a number column, a malformed date."""
    problems = []
    for name in names:
        original = frame[name]
        if original.dtype != pl.String:
            continue
        blank = original.str.strip_chars().fill_null("") == ""
        bad = (~blank & converted[name].is_null()).arg_true()
        if len(bad):
            problems.append(
                Message(
                    gettext_noop("Column %(column)s has values that cannot be read in rows %(rows)s."),
                    {"column": name, "rows": ", ".join(str(row + 1) for row in bad[:_SHOWN])},
                )
            )
    return problems


def _out_of_bounds(converted: pl.DataFrame, scheme: Scheme) -> list[Message]:
    """Further inputs outside the bounds their scheme declares (a negative count of sub-lets …)."""
    problems = []
    for column in scheme.inputs:
        if column.key not in converted.columns or (column.minimum is None and column.maximum is None):
            continue
        value, bad = pl.col(column.key), pl.lit(False)
        if column.minimum is not None:
            bad = bad | (value < column.minimum)
        if column.maximum is not None:
            bad = bad | (value > column.maximum)
        rows = converted.select(bad.fill_null(False).alias("bad"))["bad"].arg_true()
        if len(rows):
            problems.append(
                Message(
                    gettext_noop("Column %(column)s must be from %(min)s to %(max)s; rows %(rows)s are not."),
                    {
                        "column": column.label,
                        "min": "—" if column.minimum is None else f"{column.minimum:g}",
                        "max": "—" if column.maximum is None else f"{column.maximum:g}",
                        "rows": ", ".join(str(row + 1) for row in rows[:_SHOWN]),
                    },
                )
            )
    return problems


def prepare(frame: pl.DataFrame, scheme: Scheme, year: int | None) -> pl.DataFrame:
    """The columns the scheme reads, converted to their types, with ``_row`` numbering rows by credit code.

    Raises ``InputError`` for missing columns, missing or repeated credit codes, unreadable cells and further
    inputs outside their declared bounds. Non-finite numbers (NaN, ±inf) become null, i.e. missing data.
    """
    names = required_columns(scheme)
    missing = [name for name in names if name not in frame.columns]
    if missing:
        raise InputError(
            [Message(gettext_noop("The data lacks columns %(columns)s."), {"columns": ", ".join(missing)})]
        )
    if needs_year(scheme) and year is None:
        raise InputError(
            [
                Message(
                    gettext_noop("The scheme counts years since registration: give the evaluation year."), {}
                )
            ]
        )
    types = scheme.column_types
    kept = [*names, NAME] if NAME in frame.columns and NAME not in names else names
    expressions = []
    for name in kept:
        convert = _CONVERT.get(types[name])
        dtype = frame.schema[name]
        if convert is None:
            expressions.append(pl.col(name).cast(pl.String))
        else:
            expressions.append(convert(name, dtype).alias(name))
    converted = frame.select(expressions)
    problems = _unconvertible(frame, converted, [n for n in kept if types[n] is not ColumnType.TEXT])
    problems += _out_of_bounds(converted, scheme)
    codes = converted[CREDIT_CODE]
    if codes.null_count():
        rows = ", ".join(str(row + 1) for row in codes.is_null().arg_true()[:_SHOWN])
        problems.append(Message(gettext_noop("Rows %(rows)s have no credit code."), {"rows": rows}))
    if problems:
        raise InputError(problems)
    ordered = converted.sort(CREDIT_CODE)
    codes = ordered[CREDIT_CODE]
    if len(codes) and codes.rle_id()[-1] != len(codes) - 1:  # sorted, so a repeated code is next to its twin
        repeated = codes.filter(codes.is_duplicated()).unique().sort()
        raise InputError(
            [
                Message(
                    gettext_noop("Credit codes appear more than once: %(codes)s."),
                    {"codes": ", ".join(repeated[:_SHOWN].to_list())},
                )
            ]
        )
    return ordered.with_row_index("_row")
