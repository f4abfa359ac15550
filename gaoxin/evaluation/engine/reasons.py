"""Why a firm's result is special: machine codes with a key and a text, and their English msgids.

Each reason is a struct ``{code, key, text}``: ``key`` names the indicator or rule concerned and ``text``
is the scheme's own wording for it (an indicator's label, a veto's reason); both are "" for reasons about
the firm as a whole. The Django layer shows ``translated(describe(...))`` (``gaoxin.core.message_text``).

Building a list per firm is slow in polars, so each firm's situation (status, lease role, each
indicator's data state, which rules applied) is packed into 64-bit words; the few distinct situations
are turned into reason lists here in Python and joined back.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

import polars as pl

from gaoxin.core.messages import Message, gettext_noop
from gaoxin.evaluation.engine.indicators import MISSING, NONPOSITIVE, VALID, used
from gaoxin.evaluation.engine.scheme import LeasedRule, Policy, Scheme


class Reason(StrEnum):
    NO_GROUP = "no_group"
    EXEMPT = "exempt"
    LEASED_OWN_GROUP = "leased_own_group"
    LEASED_MERGED = "leased_merged"
    LEASED_FOLLOW_LESSOR = "leased_follow_lessor"
    LESSOR_NOT_FOUND = "lessor_not_found"
    LESSEES_MERGED = "lessees_merged"
    EXCLUDED_MISSING = "excluded_missing"
    EXCLUDED_NONPOSITIVE = "excluded_nonpositive"
    MISSING_ZERO = "missing_zero"
    MISSING_IMPUTED = "missing_imputed"
    NONPOSITIVE_ZERO = "nonpositive_zero"
    NONPOSITIVE_IMPUTED = "nonpositive_imputed"
    NONPOSITIVE_FULL = "nonpositive_full"
    BENCHMARK_INVALID = "benchmark_invalid"
    CAPPED = "capped"
    FLOORED = "floored"
    ADJUSTED = "adjusted"
    NOT_FINITE = "not_finite"
    VETOED = "vetoed"


MESSAGES: dict[Reason, str] = {
    Reason.NO_GROUP: gettext_noop("Not evaluated: the firm belongs to no group of the scheme."),
    Reason.EXEMPT: gettext_noop("Exempt from evaluation: %(text)s."),
    Reason.LEASED_OWN_GROUP: gettext_noop(
        "Leased firm without land of its own: evaluated with the leased firms."
    ),
    Reason.LEASED_MERGED: gettext_noop("Leased firm: its figures are merged into those of its lessor."),
    Reason.LEASED_FOLLOW_LESSOR: gettext_noop("Leased firm: takes the grade of its lessor."),
    Reason.LESSOR_NOT_FOUND: gettext_noop("Leased firm whose lessor is not evaluated in this run."),
    Reason.LESSEES_MERGED: gettext_noop("The figures of the firms leasing space on this land are included."),
    Reason.EXCLUDED_MISSING: gettext_noop("Not evaluated: data for %(text)s is missing."),
    Reason.EXCLUDED_NONPOSITIVE: gettext_noop(
        "Not evaluated: %(text)s cannot be computed (zero or negative base)."
    ),
    Reason.MISSING_ZERO: gettext_noop("Data for %(text)s is missing: scored 0."),
    Reason.MISSING_IMPUTED: gettext_noop("Data for %(text)s is missing: given the group's average score."),
    Reason.NONPOSITIVE_ZERO: gettext_noop("%(text)s has a zero or negative base: scored 0."),
    Reason.NONPOSITIVE_IMPUTED: gettext_noop(
        "%(text)s has a zero or negative base: given the group's average score."
    ),
    Reason.NONPOSITIVE_FULL: gettext_noop("%(text)s has a zero base: given full marks."),
    Reason.BENCHMARK_INVALID: gettext_noop(
        "The benchmark of %(text)s is zero, negative or unavailable: scored 0."
    ),
    Reason.CAPPED: gettext_noop("The score for %(text)s is capped."),
    Reason.FLOORED: gettext_noop("The score for %(text)s is raised to its floor."),
    Reason.ADJUSTED: gettext_noop("Adjusted: %(text)s."),
    Reason.NOT_FINITE: gettext_noop("Not graded: the figures are too large or too small to compute a score."),
    Reason.VETOED: gettext_noop("Grade capped by a veto: %(text)s."),
}

REASON_DTYPE = pl.List(pl.Struct({"code": pl.String, "key": pl.String, "text": pl.String}))
ROLES = (None, "lessee", "follower", "orphan")  # position = role code
_MISSING_CODES = {Policy.ZERO: Reason.MISSING_ZERO, Policy.IMPUTE: Reason.MISSING_IMPUTED}
_NONPOSITIVE_CODES = {
    Policy.ZERO: Reason.NONPOSITIVE_ZERO,
    Policy.IMPUTE: Reason.NONPOSITIVE_IMPUTED,
    Policy.FULL: Reason.NONPOSITIVE_FULL,
}


def describe(code: str, key: str, text: str) -> Message:
    return Message(MESSAGES[Reason(code)], {"key": key, "text": text})


@dataclass(frozen=True)
class _Field:
    name: str
    expr: pl.Expr  # a non-negative integer below 2**bits
    bits: int


def _fields(scheme: Scheme, statuses: Sequence[str]) -> list[_Field]:
    grouped = pl.col("_gi").is_not_null()
    fields = [
        _Field("group", (pl.col("_gi").cast(pl.Int64) + 1).fill_null(0), len(scheme.groups).bit_length()),
        _Field("status", pl.col("_status").cast(pl.Int64), len(statuses).bit_length()),
        _Field("excluded", pl.col("_excluded").cast(pl.Int64), 1),
        _Field("role", pl.col("_role").cast(pl.Int64), 2),
        _Field("lessees", pl.col("_lessees").is_not_null().cast(pl.Int64), 1),
    ]
    fields += [
        _Field(f"ex_{rule.key}", pl.col(f"_ex_{rule.key}").cast(pl.Int64), 1) for rule in scheme.exemptions
    ]
    for definition in used(scheme):
        key = definition.key
        # data state 0–2, cap flag −1/0/1 shifted to 0–2, benchmark unusable 0/1: 18 states
        state = (
            pl.col(f"_st_{key}").cast(pl.Int64).fill_null(0)
            + 3 * (pl.col(f"_cap_{key}").cast(pl.Int64).fill_null(0) + 1)
            + 9 * (~pl.col(f"_bv_{key}").fill_null(True)).cast(pl.Int64)
        )
        fields.append(_Field(f"ind_{key}", pl.when(grouped).then(state).otherwise(0), 5))
    fields += [
        _Field(f"adj_{rule.key}", (pl.col(f"adj_{rule.key}") != 0).fill_null(False).cast(pl.Int64), 1)
        for rule in scheme.adjustments
    ]
    graded = pl.col("_grade").is_not_null()
    fields += [
        _Field(f"veto_{rule.key}", (pl.col(f"_veto_{rule.key}") & graded).cast(pl.Int64), 1)
        for rule in scheme.vetoes
    ]
    return fields


def _words(fields: list[_Field]) -> list[list[tuple[_Field, int]]]:
    """Fields packed into 63-bit words (so products stay within Int64): (field, shift) per word."""
    words: list[list[tuple[_Field, int]]] = [[]]
    used_bits = 0
    for field in fields:
        if used_bits + field.bits > 63:
            words.append([])
            used_bits = 0
        words[-1].append((field, used_bits))
        used_bits += field.bits
    return words


def _indicator_reasons(
    scheme: Scheme, group_index: int, values: dict[str, int]
) -> Iterator[tuple[Reason, str, str]]:
    excluded = bool(values["excluded"])
    for rule in scheme.groups[group_index].indicators:
        state = values[f"ind_{rule.key}"]
        status, cap, unusable = state % 3, state // 3 % 3 - 1, state // 9
        label = rule.definition.label
        if status == MISSING and rule.missing is Policy.EXCLUDE:
            yield Reason.EXCLUDED_MISSING, rule.key, label
        elif status == MISSING and not excluded:
            yield _MISSING_CODES[rule.missing], rule.key, label
        elif status == NONPOSITIVE and rule.nonpositive_denominator is Policy.EXCLUDE:
            yield Reason.EXCLUDED_NONPOSITIVE, rule.key, label
        elif status == NONPOSITIVE and not excluded:
            yield _NONPOSITIVE_CODES[rule.nonpositive_denominator], rule.key, label
        elif status == VALID and not excluded:
            if unusable:
                yield Reason.BENCHMARK_INVALID, rule.key, label
            if cap == 1:
                yield Reason.CAPPED, rule.key, label
            if cap == -1:
                yield Reason.FLOORED, rule.key, label


def _reasons(
    scheme: Scheme, statuses: Sequence[str], values: dict[str, int]
) -> Iterator[tuple[Reason, str, str]]:
    """The reasons of one situation, in the order they are listed."""
    status = statuses[values["status"]]
    if status == "no_group":
        yield Reason.NO_GROUP, "", ""
    for rule in scheme.exemptions:
        if values[f"ex_{rule.key}"]:
            yield Reason.EXEMPT, rule.key, rule.reason
    role = ROLES[values["role"]]
    if role == "lessee":
        yield Reason.LEASED_OWN_GROUP, "", ""
    elif role == "follower":
        merged = scheme.leased is not None and scheme.leased.rule is LeasedRule.MERGE_WITH_LESSOR
        yield (Reason.LEASED_MERGED if merged else Reason.LEASED_FOLLOW_LESSOR), "", ""
    elif role == "orphan":
        yield Reason.LESSOR_NOT_FOUND, "", ""
    if values["lessees"]:
        yield Reason.LESSEES_MERGED, "", ""
    if values["group"]:
        yield from _indicator_reasons(scheme, values["group"] - 1, values)
    for adjustment in scheme.adjustments:
        if values[f"adj_{adjustment.key}"]:
            yield Reason.ADJUSTED, adjustment.key, adjustment.reason
    if status == "invalid":
        yield Reason.NOT_FINITE, "", ""
    for veto in scheme.vetoes:
        if values[f"veto_{veto.key}"]:
            yield Reason.VETOED, veto.key, veto.reason


def attach(frame: pl.DataFrame, scheme: Scheme, statuses: Sequence[str]) -> pl.DataFrame:
    """Adds ``reasons``; ``_status`` holds each firm's position in ``statuses``."""
    words = _words(_fields(scheme, statuses))
    names = [f"_situation_{number}" for number in range(len(words))]
    packed = [
        pl.sum_horizontal(field.expr * (1 << shift) for field, shift in word).cast(pl.Int64).alias(name)
        for name, word in zip(names, words, strict=True)
    ]
    frame = frame.with_columns(packed)
    situations = frame.select(names).unique().sort(names)
    lists = []
    for row in situations.iter_rows():
        values = {
            field.name: packed_value >> shift & (1 << field.bits) - 1
            for packed_value, word in zip(row, words, strict=True)
            for field, shift in word
        }
        lists.append(
            [
                {"code": code.value, "key": key, "text": text}
                for code, key, text in _reasons(scheme, statuses, values)
            ]
        )
    table = situations.with_columns(reasons=pl.Series(lists, dtype=REASON_DTYPE))
    return frame.join(table, on=names, how="left", maintain_order="left").drop(names)
