"""``evaluate``: score and grade enterprise-year rows with a scheme. Vectorised polars, no per-row Python.

Determinism: rows are first sorted by ``credit_code`` (unique), so sums and averages are taken in the same
order whatever the input order, and the output is in credit-code order. Equal totals share rank and grade
(see ``grading``); nothing depends on the input order.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

import polars as pl

from gaoxin.evaluation.engine import benchmarks, indicators, reasons
from gaoxin.evaluation.engine.adjustments import totals
from gaoxin.evaluation.engine.errors import InputError, Message, gettext_noop
from gaoxin.evaluation.engine.glossary import CREDIT_CODE, LESSOR, NAME
from gaoxin.evaluation.engine.grading import apply_vetoes, grade
from gaoxin.evaluation.engine.groups import FOLLOWER, ORPHAN, classify
from gaoxin.evaluation.engine.inputs import prepare
from gaoxin.evaluation.engine.scheme import BenchmarkMode, Group, LeasedRule, Scheme


class Status:
    SCORED = "scored"
    EXEMPT = "exempt"
    EXCLUDED = "excluded"
    LEASED_FOLLOWER = "leased_follower"
    LESSOR_NOT_FOUND = "lessor_not_found"
    NO_GROUP = "no_group"
    INVALID = "invalid"


@dataclass(frozen=True)
class EvaluationResult:
    """``frame``: one row per enterprise (see ``output_columns``); ``benchmarks``: the benchmarks used."""

    scheme: Scheme
    frame: pl.DataFrame
    benchmarks: pl.DataFrame
    year: int | None = None

    @property
    def grades(self) -> tuple[str, ...]:
        return self.scheme.grades


def indicator_keys(scheme: Scheme) -> list[str]:
    used = {rule.key for group in scheme.groups for rule in group.indicators}
    return [definition.key for definition in scheme.indicators if definition.key in used]


def output_columns(scheme: Scheme) -> dict[str, pl.DataType]:
    """The result frame's columns and types, in order (``name`` is added when the input has it)."""
    columns: dict[str, pl.DataType] = {
        CREDIT_CODE: pl.String(),
        "status": pl.String(),
        "group": pl.String(),
        "rank_partition": pl.String(),
    }
    for key in indicator_keys(scheme):
        for part in ("value", "benchmark", "score"):
            columns[f"ind_{key}_{part}"] = pl.Float64()
    columns |= {"base_score": pl.Float64(), "correction": pl.Float64()}
    columns |= {f"adj_{adjustment.key}": pl.Float64() for adjustment in scheme.adjustments}
    columns |= {
        "adjustment_total": pl.Float64(),
        "total": pl.Float64(),
        "rank": pl.UInt32(),
        "ranked_count": pl.UInt32(),
        "top_percent": pl.Float64(),
        "grade_merit": pl.String(),
        "grade": pl.String(),
        "reasons": reasons.REASON_DTYPE,
    }
    return columns


def _score_group(
    frame: pl.DataFrame, scheme: Scheme, group: Group, prior: pl.DataFrame | None, year: int | None
) -> tuple[pl.DataFrame, list[pl.DataFrame]]:
    frame = frame.with_columns(indicators.values(group)).with_columns(_excluded=indicators.excluded(group))
    tables = []
    for rule in group.indicators:
        frame, table = benchmarks.attach(frame, group, rule, prior, ~pl.col("_excluded"))
        tables.append(table)
    frame = frame.with_columns(
        chain.from_iterable(
            indicators.first_scores(rule, scheme.indicator_decimals) for rule in group.indicators
        )
    ).with_columns(indicators.final_score(rule) for rule in group.indicators)
    for stage in totals(scheme, group, year):
        frame = frame.with_columns(stage)
    return grade(frame, group), tables


def _follow_lessors(whole: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """Followers take their lessor's group and result: everything when merged, else total and grade."""
    if scheme.leased is None or scheme.leased.rule is LeasedRule.OWN_GROUP:
        return whole
    if scheme.leased.rule is LeasedRule.FOLLOW_LESSOR:
        copied = ["_group", "total", "grade_merit"]
    else:
        names = output_columns(scheme)
        start, end = list(names).index("rank_partition"), list(names).index("grade_merit")
        copied = ["_group", *list(names)[start : end + 1]]
    copied = [name for name in copied if name in whole.columns]
    lessors = whole.select(pl.col(CREDIT_CODE).alias(LESSOR), *copied)
    follower = (pl.col("_role") == FOLLOWER).fill_null(False)
    followers = (
        whole.filter(follower).drop(copied).join(lessors, on=LESSOR, how="left", maintain_order="left")
    )
    return pl.concat([whole.filter(~follower), followers], how="diagonal_relaxed").sort("_row")


def _status() -> pl.Expr:
    return (
        pl.when(pl.col("_exempt"))
        .then(pl.lit(Status.EXEMPT))
        .when(pl.col("_role") == FOLLOWER)
        .then(pl.lit(Status.LEASED_FOLLOWER))
        .when(pl.col("_group").is_null() & (pl.col("_role") == ORPHAN))
        .then(pl.lit(Status.LESSOR_NOT_FOUND))
        .when(pl.col("_group").is_null())
        .then(pl.lit(Status.NO_GROUP))
        .when(pl.col("_excluded"))
        .then(pl.lit(Status.EXCLUDED))
        .when(pl.col("total").is_null())
        .then(pl.lit(Status.INVALID))
        .otherwise(pl.lit(Status.SCORED))
    )


def _check_prior(scheme: Scheme, prior: pl.DataFrame | None) -> None:
    uses_prior = any(
        rule.benchmark.mode is BenchmarkMode.PRIOR for group in scheme.groups for rule in group.indicators
    )
    needed = ["group", "indicator", "partition", "benchmark"]
    if uses_prior and prior is not None and not set(needed) <= set(prior.columns):
        raise InputError(
            [
                Message(
                    gettext_noop("The prior year's benchmarks need the columns %(columns)s."),
                    {"columns": ", ".join(needed)},
                )
            ]
        )


def evaluate(
    frame: pl.DataFrame, scheme: Scheme, prior: pl.DataFrame | None = None, *, year: int | None = None
) -> EvaluationResult:
    """Score and grade ``frame`` (one row per enterprise) with ``scheme``.

    ``prior``: the ``benchmarks`` of last year's result, for benchmarks of mode ``prior``. ``year``: the
    evaluation year, needed by ``younger_than_years`` conditions (default: the scheme's year).
    Raises ``InputError`` when the data cannot be evaluated (missing columns, repeated credit codes …).
    """
    year = scheme.year if year is None else year
    _check_prior(scheme, prior)
    data = classify(prepare(frame, scheme, year), scheme, year)
    scorable = (
        pl.col("_group").is_not_null() & ~pl.col("_exempt") & (pl.col("_role") != FOLLOWER).fill_null(True)
    )
    parts, tables = [], []
    for group in scheme.groups:
        scored, group_tables = _score_group(
            data.filter(scorable & (pl.col("_group") == group.key)), scheme, group, prior, year
        )
        parts.append(scored)
        tables += group_tables
    whole = pl.concat([*parts, data.filter(~scorable)], how="diagonal_relaxed").sort("_row")
    whole = _follow_lessors(whole, scheme).with_columns(
        grade_merit=pl.when(pl.col("_exempt")).then(pl.col("_exempt_grade")).otherwise(pl.col("grade_merit")),
        _excluded=pl.col("_excluded").fill_null(False),
    )
    whole = apply_vetoes(whole, scheme, year).with_columns(status=_status(), group=pl.col("_group"))
    whole = reasons.attach(whole, scheme)
    columns = output_columns(scheme)
    if NAME in whole.columns:
        columns = {CREDIT_CODE: pl.String(), NAME: pl.String(), **columns}
    result = whole.select(
        (pl.col(name) if name in whole.columns else pl.lit(None)).cast(dtype).alias(name)
        for name, dtype in columns.items()
    )
    table = pl.concat(tables) if tables else pl.DataFrame(schema=benchmarks.TABLE_SCHEMA)
    return EvaluationResult(scheme, result, table, year)
