"""Reading the rule parts of a scheme: conditions, partition keys, correction factors and grading."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from gaoxin.core.messages import gettext_noop
from gaoxin.evaluation.engine.glossary import ColumnType
from gaoxin.evaluation.engine.scheme import (
    Band,
    BandRounding,
    Condition,
    Correction,
    Grading,
    GradingMethod,
    KeySpec,
    Operator,
    Ties,
)
from gaoxin.evaluation.engine.scheme_reader import Reader, Table, is_number, join, listing

ColumnTypes = Mapping[str, ColumnType]

_ORDERING = frozenset({Operator.LT, Operator.LE, Operator.GT, Operator.GE})
_LISTS = frozenset({Operator.IN, Operator.NOT_IN})
_OPERATORS = [operator.value for operator in Operator]


def column(reader: Reader, table: Table, key: str, path: str, types: ColumnTypes) -> str | None:
    """A column name that must be a glossary column or a declared input."""
    name = reader.string(table, key, path, required=True)
    if name is not None and name not in types:
        reader.error(
            join(path, key),
            gettext_noop("unknown column %(column)s; declare it under [inputs] or use a glossary name"),
            column=name,
        )
        return None
    return name


def _scalar_fits(value: object, kind: ColumnType) -> bool:
    if kind is ColumnType.TEXT:
        return isinstance(value, str)
    if kind is ColumnType.NUMBER:
        return is_number(value)
    return kind is ColumnType.BOOL and isinstance(value, bool)


def _condition_value(
    reader: Reader, operator: Operator, value: object, kind: ColumnType, path: str
) -> str | float | bool | tuple[str | float, ...] | None:
    """The operand if it suits the operator and the column's type, else None (after reporting)."""
    if operator in (Operator.IS_TRUE, Operator.IS_NULL):
        suits = isinstance(value, bool) and (
            operator is Operator.IS_NULL or kind in (ColumnType.BOOL, ColumnType.NUMBER)
        )
    elif operator is Operator.YOUNGER_THAN_YEARS:
        suits = (
            kind is ColumnType.DATE and isinstance(value, int) and not isinstance(value, bool) and value > 0
        )
    elif operator in _ORDERING:
        suits = kind is ColumnType.NUMBER and is_number(value)
    elif operator is Operator.STARTS_WITH:
        suits = kind is ColumnType.TEXT and isinstance(value, str)
    elif operator in _LISTS:
        items: list[object] = value if isinstance(value, list) else []
        if items and all(_scalar_fits(item, kind) for item in items):
            return tuple(float(item) if is_number(item) else str(item) for item in items)  # type: ignore[arg-type]
        suits = False
    else:
        suits = _scalar_fits(value, kind)
    if not suits:
        reader.error(
            join(path, operator.value),
            gettext_noop("this operand does not suit operator %(operator)s on a %(type)s column"),
            operator=operator.value,
            type=kind.value,
        )
        return None
    return float(value) if is_number(value) else value  # type: ignore[arg-type, return-value]


def condition(reader: Reader, value: object, path: str, types: ColumnTypes) -> Condition | None:
    table = reader.table(value, path, ["column", *_OPERATORS])
    if table is None:
        return None
    name = column(reader, table, "column", path, types)
    operators = [Operator(key) for key in table if key in _OPERATORS]
    if len(operators) != 1:
        reader.error(
            path, gettext_noop("give exactly one operator of %(operators)s"), operators=listing(_OPERATORS)
        )
        return None
    if name is None:
        return None
    operand = _condition_value(reader, operators[0], table[operators[0].value], types[name], path)
    return None if operand is None else Condition(name, operators[0], operand)


def conditions(reader: Reader, value: object, path: str, types: ColumnTypes) -> tuple[Condition, ...]:
    if not isinstance(value, list):
        reader.error(path, gettext_noop("must be an array of conditions"))
        return ()
    parsed = [condition(reader, item, join(path, index), types) for index, item in enumerate(value)]
    return tuple(item for item in parsed if item is not None)


def trigger(
    reader: Reader, table: Table, path: str, types: ColumnTypes, *, required: bool
) -> tuple[Condition, ...]:
    """``flag = "column"`` (true or non-zero) or ``when = [conditions]``: who a rule applies to."""
    if "flag" in table and "when" in table:
        reader.error(path, gettext_noop("give either flag or when, not both"))
        return ()
    if "flag" in table:
        name = column(reader, table, "flag", path, types)
        if name is None:
            return ()
        if types[name] not in (ColumnType.BOOL, ColumnType.NUMBER):
            reader.error(join(path, "flag"), gettext_noop("a flag column must be of type bool or number"))
            return ()
        return (Condition(name, Operator.IS_TRUE, True),)
    if "when" in table:
        return conditions(reader, table["when"], join(path, "when"), types)
    if required:
        reader.error(path, gettext_noop("give flag or when"))
    return ()


def key_spec(reader: Reader, value: object, path: str, types: ColumnTypes) -> KeySpec | None:
    table = reader.table(value, path, ["column", "prefix"])
    if table is None:
        return None
    name = column(reader, table, "column", path, types)
    prefix = reader.integer(table, "prefix", path, 1, 20)
    if name is not None and types[name] is not ColumnType.TEXT:
        reader.error(join(path, "column"), gettext_noop("a partition key must be a text column"))
        return None
    return None if name is None else KeySpec(name, prefix)


def correction(reader: Reader, value: object, path: str, types: ColumnTypes) -> Correction | None:
    """``{value}``; ``{column, default}`` for a numeric column; ``{column, prefix, values, default}``."""
    table = reader.table(value, path, ["value", "column", "prefix", "values", "default"])
    if table is None:
        return None
    if "column" not in table:
        for key in ("prefix", "values", "default"):
            if key in table:
                reader.error(join(path, key), gettext_noop("only allowed together with column"))
        factor = reader.number(table, "value", path, required=True, positive=True)
        return None if factor is None else Correction(value=factor)
    if "value" in table:
        reader.error(join(path, "value"), gettext_noop("with column, give the default instead"))
    name = column(reader, table, "column", path, types)
    default = reader.number(table, "default", path, positive=True)
    default = 1.0 if default is None else default
    if "values" not in table:
        if "prefix" in table:
            reader.error(join(path, "prefix"), gettext_noop("only allowed together with values"))
        if name is not None and types[name] is not ColumnType.NUMBER:
            reader.error(join(path, "column"), gettext_noop("without values, the column must be a number"))
        return None if name is None else Correction(value=default, column=name)
    prefix = reader.integer(table, "prefix", path, 1, 20)
    if name is not None and types[name] is not ColumnType.TEXT:
        reader.error(join(path, "column"), gettext_noop("with values, the column must be text"))
    factors = reader.positive_numbers(table, "values", path)
    return None if name is None else Correction(value=default, column=name, prefix=prefix, values=factors)


def _percentile_bands(reader: Reader, items: list[tuple[str, object]]) -> list[Band]:
    bands: list[Band] = []
    previous = Fraction(0)
    for band_path, item in items:
        table = reader.table(item, band_path, ["grade", "upto"])
        if table is None:
            continue
        grade = reader.string(table, "grade", band_path, required=True)
        upto = reader.number(table, "upto", band_path, required=True)
        if grade is None or upto is None:
            continue
        share = Fraction(str(upto))
        if not previous < share <= 100:
            reader.error(
                join(band_path, "upto"),
                gettext_noop(
                    "bands overlap or exceed 100: upto must rise above %(previous)s and be at most 100"
                ),
                previous=float(previous),
            )
        previous = max(previous, share)
        bands.append(Band(grade, upto=share))
    if bands and previous != 100:
        reader.error(
            items[-1][0], gettext_noop("the last band must reach upto = 100; some firms get no grade")
        )
    return bands


def _threshold_bands(reader: Reader, items: list[tuple[str, object]]) -> list[Band]:
    bands: list[Band] = []
    previous: float | None = None
    for index, (band_path, item) in enumerate(items):
        table = reader.table(item, band_path, ["grade", "min"])
        if table is None:
            continue
        grade = reader.string(table, "grade", band_path, required=True)
        last = index == len(items) - 1
        minimum = reader.number(table, "min", band_path, required=not last)
        if last and minimum is not None:
            reader.error(
                join(band_path, "min"), gettext_noop("the last band takes every lower score: leave out min")
            )
        if minimum is not None and previous is not None and not minimum < previous:
            reader.error(join(band_path, "min"), gettext_noop("thresholds must descend from band to band"))
        previous = minimum if minimum is not None else previous
        if grade is not None:
            bands.append(Band(grade, minimum=None if last else minimum))
    return bands


def grading(reader: Reader, value: object, path: str) -> Grading | None:
    table = reader.table(value, path, ["method", "bands", "band_rounding", "ties"])
    if table is None:
        return None
    method = reader.choice(table, "method", path, GradingMethod, required=True)
    items = reader.tables(table, "bands", path)
    if not items:
        reader.error(join(path, "bands"), gettext_noop("give at least one band"))
    rounding = reader.choice(table, "band_rounding", path, BandRounding) or BandRounding.HALF_UP
    ties = reader.choice(table, "ties", path, Ties) or Ties.FAVOURABLE
    if method is GradingMethod.THRESHOLD:
        for key in ("band_rounding", "ties"):
            if key in table:
                reader.error(join(path, key), gettext_noop("only meaningful for percentile grading"))
        bands = _threshold_bands(reader, items)
    elif method is GradingMethod.PERCENTILE:
        bands = _percentile_bands(reader, items)
    else:
        return None
    grades = [band.grade for band in bands]
    if len(set(grades)) != len(grades):
        reader.error(join(path, "bands"), gettext_noop("a grade appears in more than one band"))
    if not bands or len(bands) != len(items):
        return None
    return Grading(method, tuple(bands), rounding, ties)
