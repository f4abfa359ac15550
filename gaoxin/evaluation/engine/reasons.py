"""Why a firm's result is special: machine codes with a key and a text, and their English msgids.

Each reason is a struct ``{code, key, text}``: ``key`` names the indicator, rule or lessor concerned and
``text`` is the scheme's own wording (an indicator's label, a veto's reason) or a figure. The Django layer
shows ``gettext(describe(...).msgid) % params``.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

import polars as pl

from gaoxin.evaluation.engine.errors import Message, gettext_noop
from gaoxin.evaluation.engine.glossary import LESSOR
from gaoxin.evaluation.engine.indicators import MISSING, NONPOSITIVE, VALID
from gaoxin.evaluation.engine.scheme import IndicatorRule, LeasedRule, Policy, Scheme


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
        "Leased firm (lessor %(key)s), evaluated in the group of leased firms."
    ),
    Reason.LEASED_MERGED: gettext_noop(
        "Leased firm: its figures are merged into those of its lessor %(key)s."
    ),
    Reason.LEASED_FOLLOW_LESSOR: gettext_noop("Leased firm: takes the grade of its lessor %(key)s."),
    Reason.LESSOR_NOT_FOUND: gettext_noop("Leased firm whose lessor %(key)s is not evaluated in this run."),
    Reason.LESSEES_MERGED: gettext_noop("The figures of %(text)s leased firms on this land are included."),
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


def describe(code: str, key: str, text: str) -> Message:
    return Message(MESSAGES[Reason(code)], {"key": key, "text": text})


def _indicator_reasons(rule: IndicatorRule) -> Iterator[tuple[pl.Expr, Reason]]:
    status, excluded = pl.col(f"_st_{rule.key}"), pl.col("_excluded")
    for state, policy, exclude, reasons in (
        (
            MISSING,
            rule.missing,
            Reason.EXCLUDED_MISSING,
            {Policy.ZERO: Reason.MISSING_ZERO, Policy.IMPUTE: Reason.MISSING_IMPUTED},
        ),
        (
            NONPOSITIVE,
            rule.nonpositive_denominator,
            Reason.EXCLUDED_NONPOSITIVE,
            {
                Policy.ZERO: Reason.NONPOSITIVE_ZERO,
                Policy.IMPUTE: Reason.NONPOSITIVE_IMPUTED,
                Policy.FULL: Reason.NONPOSITIVE_FULL,
            },
        ),
    ):
        if policy is Policy.EXCLUDE:
            yield status == state, exclude
        else:
            yield (status == state) & ~excluded, reasons[policy]
    valid = (status == VALID) & ~excluded
    yield valid & ~pl.col(f"_bv_{rule.key}"), Reason.BENCHMARK_INVALID
    yield valid & (pl.col(f"_cap_{rule.key}") == 1), Reason.CAPPED
    yield valid & (pl.col(f"_cap_{rule.key}") == -1), Reason.FLOORED


def _rules(scheme: Scheme) -> Iterator[tuple[pl.Expr, Reason, pl.Expr, pl.Expr]]:
    """(condition, code, key, text) in the order reasons are listed."""
    none = pl.lit("")
    role = pl.col("_role")
    yield pl.col("status") == "no_group", Reason.NO_GROUP, none, none
    for exemption in scheme.exemptions:
        yield pl.col(f"_ex_{exemption.key}"), Reason.EXEMPT, pl.lit(exemption.key), pl.lit(exemption.reason)
    if scheme.leased is not None:
        follows = {
            LeasedRule.MERGE_WITH_LESSOR: Reason.LEASED_MERGED,
            LeasedRule.FOLLOW_LESSOR: Reason.LEASED_FOLLOW_LESSOR,
        }
        yield role == "lessee", Reason.LEASED_OWN_GROUP, pl.col(LESSOR), none
        if scheme.leased.rule in follows:
            yield role == "follower", follows[scheme.leased.rule], pl.col(LESSOR), none
        yield role == "orphan", Reason.LESSOR_NOT_FOUND, pl.col(LESSOR), none
        yield (
            pl.col("_lessees").is_not_null(),
            Reason.LESSEES_MERGED,
            none,
            pl.col("_lessees").cast(pl.String),
        )
    seen = set()
    for group in scheme.groups:
        for rule in group.indicators:
            in_group = pl.col("_group") == group.key
            if (group.key, rule.key) not in seen:
                seen.add((group.key, rule.key))
                for condition, code in _indicator_reasons(rule):
                    yield in_group & condition, code, pl.lit(rule.key), pl.lit(rule.definition.label)
    for adjustment in scheme.adjustments:
        yield (
            pl.col(f"adj_{adjustment.key}") != 0,
            Reason.ADJUSTED,
            pl.lit(adjustment.key),
            pl.lit(adjustment.reason),
        )
    yield pl.col("status") == "invalid", Reason.NOT_FINITE, none, none
    for veto in scheme.vetoes:
        applies = pl.col(f"_veto_{veto.key}") & pl.col("grade").is_not_null()
        yield applies, Reason.VETOED, pl.lit(veto.key), pl.lit(veto.reason)


def attach(frame: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """Adds ``reasons``, built sparsely: only rows meeting a condition are touched."""
    parts = [
        frame.filter(condition.fill_null(False)).select(
            "_row",
            pl.lit(order, pl.UInt32).alias("_order"),
            pl.lit(code.value).alias("code"),
            key.fill_null("").cast(pl.String).alias("key"),
            text.fill_null("").cast(pl.String).alias("text"),
        )
        for order, (condition, code, key, text) in enumerate(_rules(scheme))
    ]
    reasons = (
        pl.concat(parts)
        .group_by("_row")
        .agg(pl.struct("code", "key", "text").sort_by("_order").alias("reasons"))
    )
    joined = frame.join(reasons, on="_row", how="left", maintain_order="left")
    return joined.with_columns(pl.col("reasons").fill_null(pl.lit([], dtype=REASON_DTYPE)).cast(REASON_DTYPE))
