"""Turning a scheme's TOML into a validated ``Scheme``; every problem is reported with its TOML path."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path

from gaoxin.core.messages import Message, gettext_noop
from gaoxin.evaluation.engine.errors import SchemeError, SchemeIssue
from gaoxin.evaluation.engine.glossary import STANDARD_COLUMNS, ColumnType
from gaoxin.evaluation.engine.scheme import (
    Adjustment,
    AdjustmentKind,
    Exemption,
    Grading,
    Group,
    IndicatorDefinition,
    InputColumn,
    LeasedPolicy,
    LeasedRule,
    Scheme,
    Veto,
)
from gaoxin.evaluation.engine.scheme_indicators import definitions, identifier, rule
from gaoxin.evaluation.engine.scheme_reader import Reader, Table, join, listing
from gaoxin.evaluation.engine.scheme_rules import (
    ColumnTypes,
    column,
    conditions,
    correction,
    grading,
    key_spec,
    trigger,
)
from gaoxin.evaluation.engine.toml_errors import toml_problem

_TOP = (
    "name", "version", "year", "description", "scoring", "inputs", "indicators", "groups", "grading",
    "vetoes", "exemptions", "adjustments", "leased", "title", "publicity_workdays",
)  # fmt: skip
_GROUP = ("key", "label", "when", "indicators", "grading", "correction", "rank_within")
_ADJUSTMENT = ("key", "reason", "kind", "amount", "per", "flag", "when", "groups", "min", "max")


SHIPPED_SCHEMES = Path(__file__).resolve().parents[1] / "schemes"
# How large a scheme may be: a county's method has a handful of each; these bounds keep a hostile text from
# making the engine's work or its pages arbitrarily large.
MAX_TEXT = 200_000  # characters of TOML
MAX_SIZES = {
    "inputs": 100,
    "indicators": 100,
    "groups": 50,
    "vetoes": 100,
    "exemptions": 100,
    "adjustments": 100,
}


def load_scheme(path: str | Path) -> Scheme:
    return parse_scheme(Path(path).read_text(encoding="utf-8"))


def shipped_scheme(name: str) -> Scheme:
    """One of the schemes shipped with gaoxin: zhejiang_above_scale, below_scale, whole_zone."""
    return load_scheme(SHIPPED_SCHEMES / f"{name}.toml")


def _refusal(msgid: str, **params: object) -> SchemeError:
    return SchemeError([SchemeIssue("", Message(msgid, params))])


def parse_scheme(text: str) -> Scheme:
    if len(text) > MAX_TEXT:
        raise _refusal(
            gettext_noop("the scheme has %(length)s characters; at most %(limit)s are accepted"),
            length=len(text),
            limit=MAX_TEXT,
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SchemeError([SchemeIssue("", toml_problem(str(error)))]) from error
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise _refusal(gettext_noop("arrays or tables are nested too deeply")) from None
    return scheme_from_dict(data)


def _check_sizes(reader: Reader, top: Table) -> bool:
    """Whether every list of the scheme is within MAX_SIZES (each one beyond is reported)."""
    fits = True
    for key, limit in MAX_SIZES.items():
        value = top.get(key)
        if isinstance(value, Mapping | list) and len(value) > limit:
            reader.error(key, gettext_noop("at most %(limit)s entries are accepted"), limit=limit)
            fits = False
    return fits


def scheme_from_dict(data: Mapping[str, object]) -> Scheme:
    """Validate parsed TOML; raises ``SchemeError`` listing every problem."""
    reader = Reader()
    scheme = _scheme(reader, data)
    # an indicator default shared by several groups is reported once
    issues = list({(issue.path, issue.message.text()): issue for issue in reader.issues}.values())
    if issues or scheme is None:
        raise SchemeError(issues)
    return scheme


def _inputs(reader: Reader, value: object) -> tuple[InputColumn, ...]:
    if not isinstance(value, Mapping):
        reader.error("inputs", gettext_noop("must be a table"))
        return ()
    result = []
    for key, item in value.items():
        path = join("inputs", key)
        spec = reader.table(item, path, ["label", "type", "min", "max"])
        if spec is None or not identifier(reader, key, path):
            continue
        if key in STANDARD_COLUMNS:
            reader.error(path, gettext_noop("%(column)s is a glossary column already"), column=key)
        label = reader.string(spec, "label", path, required=True)
        kind = reader.choice(spec, "type", path, ColumnType, required=True)
        low, high = reader.number(spec, "min", path), reader.number(spec, "max", path)
        if (low is not None or high is not None) and kind is not ColumnType.NUMBER:
            reader.error(path, gettext_noop("only a number input takes min and max"))
        if low is not None and high is not None and not low <= high:
            reader.error(join(path, "min"), gettext_noop("min must not exceed max"))
        if label is not None and kind is not None:
            result.append(InputColumn(key, label, kind, low, high))
    return tuple(result)


def _group(
    reader: Reader,
    item: object,
    path: str,
    indicators: Mapping[str, tuple[IndicatorDefinition, Table]],
    declared: list[str],
    default_grading: Grading | None,
    types: ColumnTypes,
) -> Group | None:
    table = reader.table(item, path, _GROUP)
    if table is None:
        return None
    key = reader.string(table, "key", path, required=True)
    if key is not None and not identifier(reader, key, join(path, "key")):
        key = None
    label = reader.string(table, "label", path, required=True)
    when = conditions(reader, table["when"], join(path, "when"), types) if "when" in table else ()
    entries = reader.table(table.get("indicators"), join(path, "indicators"), declared)
    rules = []
    for name, entry in (entries or {}).items():
        if name in indicators:
            definition, defaults = indicators[name]
            indicator_path = join(join(path, "indicators"), name)
            parsed = rule(
                reader, definition, defaults, join("indicators", name), entry, indicator_path, types
            )
            rules.append(parsed)
        else:
            rules.append(None)  # undefined or invalid indicator, reported where it is
    if entries is not None and not entries:
        reader.error(join(path, "indicators"), gettext_noop("give the group at least one indicator"))
    group_grading = grading(reader, table["grading"], join(path, "grading")) if "grading" in table else None
    if "grading" not in table and default_grading is None:
        reader.error(
            path, gettext_noop("no grading: give [grading] for the scheme or a grading for the group")
        )
    factor = (
        correction(reader, table["correction"], join(path, "correction"), types)
        if "correction" in table
        else None
    )
    within = (
        key_spec(reader, table["rank_within"], join(path, "rank_within"), types)
        if "rank_within" in table
        else None
    )
    chosen = group_grading or default_grading
    if key is None or label is None or chosen is None or not rules or None in rules:
        return None
    return Group(key, label, when, tuple(r for r in rules if r is not None), chosen, factor, within)


def _check_weights(reader: Reader, groups: list[tuple[str, Group]], total: float) -> None:
    for path, group in groups:
        weights = sum(indicator.weight for indicator in group.indicators)
        if abs(weights - total) > 1e-9:
            reader.error(
                join(path, "indicators"),
                gettext_noop("weights add up to %(sum)s, not the declared total_weight %(total)s"),
                sum=weights,
                total=total,
            )


def _check_groups(reader: Reader, groups: list[tuple[str, Group]], leased: frozenset[str]) -> None:
    seen: set[str] = set()
    catch_all: str | None = None
    for path, group in groups:
        if group.key in seen:
            reader.error(join(path, "key"), gettext_noop("group %(group)s is defined twice"), group=group.key)
        seen.add(group.key)
        if group.grading.grades != groups[0][1].grading.grades:
            reader.error(
                join(path, "grading"),
                gettext_noop("every group must grade with the same grades; the first group uses %(grades)s"),
                grades=listing(groups[0][1].grading.grades),
            )
        if group.key in leased:
            if group.when:
                reader.error(join(path, "when"), gettext_noop("a group for leased firms takes no when"))
            continue
        if catch_all is not None:
            reader.error(
                path,
                gettext_noop("unreachable: the earlier group %(group)s takes every firm"),
                group=catch_all,
            )
        if not group.when:
            catch_all = group.key


def _leased(reader: Reader, value: object, group_keys: set[str]) -> LeasedPolicy | None:
    table = reader.table(value, "leased", ["rule", "group", "orphan_group"])
    if table is None:
        return None
    chosen = reader.choice(table, "rule", "leased", LeasedRule, required=True)
    group = reader.string(table, "group", "leased")
    orphan = reader.string(table, "orphan_group", "leased")
    if chosen is LeasedRule.OWN_GROUP and group is None:
        reader.error("leased.group", gettext_noop("rule own_group needs the group for leased firms"))
    if chosen is not LeasedRule.OWN_GROUP and group is not None:
        reader.error("leased.group", gettext_noop("only rule own_group takes a group"))
    for key, name in (("group", group), ("orphan_group", orphan)):
        if name is not None and name not in group_keys:
            reader.error(join("leased", key), gettext_noop("unknown group %(group)s"), group=name)
    return None if chosen is None else LeasedPolicy(chosen, group, orphan)


def _group_refs(reader: Reader, table: Table, path: str, group_keys: set[str]) -> tuple[str, ...]:
    names = reader.strings(table, "groups", path)
    for name in names:
        if name not in group_keys:
            reader.error(join(path, "groups"), gettext_noop("unknown group %(group)s"), group=name)
    return names


def _grade(
    reader: Reader, table: Table, key: str, path: str, grades: tuple[str, ...], *, required: bool
) -> str | None:
    name = reader.string(table, key, path, required=required)
    if name is not None and name not in grades:
        reader.error(
            join(path, key), gettext_noop("unknown grade; expected one of %(grades)s"), grades=listing(grades)
        )
        return None
    return name


def _rule_head(reader: Reader, table: Table, path: str, keys: set[str]) -> tuple[str | None, str | None]:
    key = reader.string(table, "key", path, required=True)
    if key is not None and identifier(reader, key, join(path, "key")):
        if key in keys:
            reader.error(join(path, "key"), gettext_noop("key %(key)s is used twice"), key=key)
        keys.add(key)
    else:
        key = None
    return key, reader.string(table, "reason", path, required=True)


def _vetoes_and_exemptions(
    reader: Reader, data: Table, types: ColumnTypes, grades: tuple[str, ...], group_keys: set[str]
) -> tuple[tuple[Veto, ...], tuple[Exemption, ...]]:
    vetoes, exemptions, keys = [], [], set[str]()
    for path, item in reader.tables(data, "vetoes", ""):
        table = reader.table(item, path, ["key", "reason", "flag", "when", "max_grade", "groups"])
        if table is not None:
            key, reason = _rule_head(reader, table, path, keys)
            when = trigger(reader, table, path, types, required=True)
            cap = _grade(reader, table, "max_grade", path, grades, required=True)
            groups = _group_refs(reader, table, path, group_keys)
            if key and reason and when and cap:
                vetoes.append(Veto(key, reason, when, cap, groups))
    keys = set()
    for path, item in reader.tables(data, "exemptions", ""):
        table = reader.table(item, path, ["key", "reason", "flag", "when", "grade"])
        if table is not None:
            key, reason = _rule_head(reader, table, path, keys)
            when = trigger(reader, table, path, types, required=True)
            grade = _grade(reader, table, "grade", path, grades, required=False)
            if key and reason and when:
                exemptions.append(Exemption(key, reason, when, grade))
    return tuple(vetoes), tuple(exemptions)


def _check_per(reader: Reader, per: str, path: str, inputs: tuple[InputColumn, ...]) -> None:
    """A column multiplying an adjustment must not be negative, or a penalty turns into a bonus: a further
    input must declare ``min`` of 0 or more (the glossary's figures are never negative)."""
    declared = next((column for column in inputs if column.key == per), None)
    if declared is not None and (declared.minimum is None or declared.minimum < 0):
        reader.error(
            join(path, "per"),
            gettext_noop(
                "per multiplies the amount by %(column)s, which could be negative: give the input min = 0"
            ),
            column=per,
        )


def _adjustments(
    reader: Reader, data: Table, types: ColumnTypes, group_keys: set[str], inputs: tuple[InputColumn, ...]
) -> tuple[Adjustment, ...]:
    result, keys = [], set[str]()
    for path, item in reader.tables(data, "adjustments", ""):
        table = reader.table(item, path, _ADJUSTMENT)
        if table is None:
            continue
        key, reason = _rule_head(reader, table, path, keys)
        kind = reader.choice(table, "kind", path, AdjustmentKind, required=True)
        amount = reader.number(table, "amount", path, required=True)
        per = column(reader, table, "per", path, types) if "per" in table else None
        if per is not None and types[per] is not ColumnType.NUMBER:
            reader.error(join(path, "per"), gettext_noop("per must name a number column"))
        elif per is not None:
            _check_per(reader, per, path, inputs)
        when = trigger(reader, table, path, types, required=False)
        low, high = reader.number(table, "min", path), reader.number(table, "max", path)
        if low is not None and high is not None and not low <= high:
            reader.error(join(path, "min"), gettext_noop("min must not exceed max"))
        groups = _group_refs(reader, table, path, group_keys)
        if key and reason and kind and amount is not None:
            result.append(Adjustment(key, reason, kind, amount, when, per, groups, low, high))
    return tuple(result)


def _scheme(reader: Reader, data: Mapping[str, object]) -> Scheme | None:
    top = reader.table(data, "", _TOP) or {}
    if not _check_sizes(reader, top):
        return None
    name = reader.string(top, "name", "", required=True)
    version = reader.string(top, "version", "", required=True)
    description = reader.string(top, "description", "") or ""
    year = reader.integer(top, "year", "", 1990, 2200)
    title = reader.string(top, "title", "") or ""
    publicity_workdays = reader.integer(top, "publicity_workdays", "", 1, 60)
    scoring = reader.table(
        top.get("scoring", {}), "scoring", ["decimals", "indicator_decimals", "total_weight"]
    )
    scoring = scoring or {}
    decimals = reader.integer(scoring, "decimals", "scoring", 0, 6)
    indicator_decimals = reader.integer(scoring, "indicator_decimals", "scoring", 0, 6)
    total = reader.number(scoring, "total_weight", "scoring", positive=True) or 100.0
    inputs = _inputs(reader, top.get("inputs", {}))
    types = {**STANDARD_COLUMNS, **{item.key: item.type for item in inputs}}
    indicators = definitions(reader, top.get("indicators"), "indicators")
    declared = list(top["indicators"]) if isinstance(top.get("indicators"), Mapping) else []  # type: ignore[call-overload]
    default_grading = grading(reader, top["grading"], "grading") if "grading" in top else None
    items = reader.tables(top, "groups", "")
    if not items:
        reader.error("groups", gettext_noop("define at least one group as [[groups]]"))
    parsed = [
        (path, _group(reader, item, path, indicators, declared, default_grading, types))
        for path, item in items
    ]
    groups = [(path, group) for path, group in parsed if group is not None]
    group_keys = {group.key for _, group in groups}
    leased = _leased(reader, top["leased"], group_keys) if "leased" in top else None
    reserved = frozenset(key for key in (leased.group, leased.orphan_group) if key) if leased else frozenset()
    _check_weights(reader, groups, total)
    _check_groups(reader, groups, reserved)
    grades = groups[0][1].grading.grades if groups else ()
    vetoes, exemptions = _vetoes_and_exemptions(reader, top, types, grades, group_keys)
    adjustments = _adjustments(reader, top, types, group_keys, inputs)
    if name is None or version is None or len(groups) != len(parsed) or not groups:
        return None
    return Scheme(
        name=name,
        version=version,
        groups=tuple(group for _, group in groups),
        indicators=tuple(definition for definition, _ in indicators.values()),
        description=description,
        year=year,
        decimals=2 if decimals is None else decimals,
        indicator_decimals=indicator_decimals,
        total_weight=total,
        vetoes=vetoes,
        exemptions=exemptions,
        adjustments=adjustments,
        leased=leased,
        inputs=inputs,
        title=title.strip(),
        publicity_workdays=publicity_workdays,
    )
