"""Reading indicators: their definitions under [indicators.KEY] and how each group weighs and scores them.

A group's ``[groups.indicators]`` table maps an indicator key to its weight, or to a table with ``weight``
plus any scoring setting that replaces the indicator's own for that group.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from gaoxin.core.messages import gettext_noop
from gaoxin.enterprises.year_fields import YEAR_FIELDS
from gaoxin.evaluation.engine.scheme import (
    COMPUTED_MODES,
    BenchmarkMode,
    BenchmarkSpec,
    IndicatorDefinition,
    IndicatorRule,
    Normalisation,
    Policy,
)
from gaoxin.evaluation.engine.scheme_reader import Reader, Table, is_number, join, listing, number_msgid
from gaoxin.evaluation.engine.scheme_rules import ColumnTypes, key_spec

IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
SETTINGS = ("normalisation", "benchmark", "cap", "floor", "missing", "nonpositive_denominator")
_DEFINITION_FIELDS = ("label", "unit", "numerator", "denominator", *SETTINGS)
_BENCHMARK_FIELDS = ("mode", "value", "values", "by", "min_firms", "decimals", "fallback")


def identifier(reader: Reader, key: str, path: str) -> bool:
    if IDENTIFIER.match(key):
        return True
    reader.error(path, gettext_noop("keys must be lower-case letters, digits and _, starting with a letter"))
    return False


def definitions(reader: Reader, value: object, path: str) -> dict[str, tuple[IndicatorDefinition, Table]]:
    """Indicator key → (definition, its raw table, whose settings are the defaults for groups)."""
    if not isinstance(value, Mapping) or not value:
        reader.error(path, gettext_noop("define at least one indicator as [indicators.KEY]"))
        return {}
    result: dict[str, tuple[IndicatorDefinition, Table]] = {}
    for key, item in value.items():
        item_path = join(path, key)
        table = reader.table(item, item_path, _DEFINITION_FIELDS)
        if table is None or not identifier(reader, key, item_path):
            continue
        label = reader.string(table, "label", item_path, required=True)
        fields = [
            reader.string(table, side, item_path, required=True) for side in ("numerator", "denominator")
        ]
        for side, field in zip(("numerator", "denominator"), fields, strict=True):
            if field is not None and field not in YEAR_FIELDS:
                reader.error(
                    join(item_path, side),
                    gettext_noop("unknown glossary field %(field)s; expected one of %(allowed)s"),
                    field=field,
                    allowed=listing(YEAR_FIELDS),
                )
        unit = reader.string(table, "unit", item_path) or ""
        numerator, denominator = fields
        if label and numerator in YEAR_FIELDS and denominator in YEAR_FIELDS:
            result[key] = (IndicatorDefinition(key, label, str(numerator), str(denominator), unit), table)
    return result


def _benchmark(
    reader: Reader, value: object, path: str, normalisation: Normalisation, types: ColumnTypes
) -> BenchmarkSpec | None:
    table = reader.table(value, path, _BENCHMARK_FIELDS)
    if table is None:
        return None
    mode = reader.choice(table, "mode", path, BenchmarkMode, required=normalisation is Normalisation.RATIO)
    if normalisation is Normalisation.MINMAX and "mode" in table:
        reader.error(join(path, "mode"), gettext_noop("min–max normalisation takes no benchmark mode"))
    by = key_spec(reader, table["by"], join(path, "by"), types) if "by" in table else None
    constant = mode is BenchmarkMode.CONSTANT
    if constant:
        amount = reader.number(table, "value", path, required=True, positive=True)
        values = reader.positive_numbers(table, "values", path)
        if values and by is None:
            reader.error(join(path, "values"), gettext_noop("values per key need by = {column = …}"))
        if by is not None and not values:
            reader.error(join(path, "by"), gettext_noop("a constant benchmark per key needs values"))
    else:
        amount, values = None, reader.positive_numbers({}, "values", path)
        for key in ("value", "values"):
            if key in table:
                reader.error(join(path, key), gettext_noop("only allowed with mode = constant"))
    fallback = reader.choice(table, "fallback", path, BenchmarkMode)
    if "fallback" in table and (mode is not BenchmarkMode.PRIOR or fallback not in COMPUTED_MODES):
        reader.error(
            join(path, "fallback"),
            gettext_noop("only for mode = prior, and must be mean_of_ratios, ratio_of_sums or median"),
        )
    min_firms = reader.integer(table, "min_firms", path, 1, 1_000_000)
    if min_firms is not None and (by is None or constant):
        reader.error(
            join(path, "min_firms"), gettext_noop("only meaningful for a computed benchmark with by")
        )
    decimals = reader.integer(table, "decimals", path, 0, 10)
    if mode is None and normalisation is Normalisation.RATIO:
        return None
    return BenchmarkSpec(mode, amount, values, by, min_firms or 1, decimals, fallback)


def _bound(reader: Reader, table: Table, key: str, path: str, weight: float) -> float | None:
    """A cap or floor given as ``{weight_multiple = x}`` or ``{points = x}``, in points."""
    value = reader.table(table[key], join(path, key), ["weight_multiple", "points"])
    if value is None:
        return None
    if len(value) != 1:
        reader.error(join(path, key), gettext_noop("give exactly one of weight_multiple or points"))
        return None
    unit, amount = next(iter(value.items()))
    if not is_number(amount):
        reader.error(join(join(path, key), unit), number_msgid(amount))
        return None
    return float(amount) * weight if unit == "weight_multiple" else float(amount)  # type: ignore[arg-type]


def rule(
    reader: Reader,
    definition: IndicatorDefinition,
    defaults: Table,
    defaults_path: str,
    entry: object,
    path: str,
    types: ColumnTypes,
) -> IndicatorRule | None:
    """One group's scoring of one indicator: its weight plus settings overriding the indicator's."""
    own = reader.table({"weight": entry} if is_number(entry) else entry, path, ["weight", *SETTINGS])
    if own is None:
        return None
    weight = reader.number(own, "weight", path, required=True, positive=True)
    source = {key: (own, path) if key in own else (defaults, defaults_path) for key in SETTINGS}

    def read(key: str) -> tuple[Table, str]:
        return source[key]

    def choose(key: str, enum: type[Policy] | type[Normalisation]) -> Policy | Normalisation | None:
        table, where = read(key)
        return reader.choice(table, key, where, enum)

    normalisation = Normalisation(choose("normalisation", Normalisation) or Normalisation.RATIO)
    table, where = read("benchmark")
    if "benchmark" in table:
        benchmark = _benchmark(reader, table["benchmark"], join(where, "benchmark"), normalisation, types)
    elif normalisation is Normalisation.RATIO:
        reader.error(join(path, "benchmark"), gettext_noop("is required for ratio normalisation"))
        benchmark = None
    else:
        benchmark = BenchmarkSpec(None)
    if weight is None or benchmark is None:
        return None
    bounds = {}
    for key in ("cap", "floor"):
        table, where = read(key)
        bounds[key] = _bound(reader, table, key, where, weight) if key in table else None
    cap, floor = bounds["cap"], bounds["floor"]
    if cap is not None and not cap > 0:
        reader.error(join(read("cap")[1], "cap"), gettext_noop("the cap must be above 0 points"))
    if cap is not None and floor is not None and not floor < cap:
        reader.error(join(read("floor")[1], "floor"), gettext_noop("the floor must be below the cap"))
    missing = Policy(choose("missing", Policy) or Policy.ZERO)
    if missing is Policy.FULL:
        reader.error(
            join(read("missing")[1], "missing"),
            gettext_noop("missing data cannot earn full marks; use zero, impute or exclude"),
        )
    nonpositive = Policy(choose("nonpositive_denominator", Policy) or Policy.ZERO)
    return IndicatorRule(
        definition,
        weight,
        benchmark,
        normalisation,
        cap,
        floor,
        missing,
        nonpositive,
    )
