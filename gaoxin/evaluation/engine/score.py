"""``evaluate``: score and grade enterprise-year rows with a scheme. Vectorised polars, no per-row Python.

Determinism: rows are first sorted by ``credit_code`` (unique), so sums and averages are taken in the same
order whatever the input order, and the output is in credit-code order. Equal totals share rank and grade
(see ``grading``); nothing depends on the input order.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from gaoxin.core.messages import Message, gettext_noop
from gaoxin.evaluation.engine import benchmarks, indicators, reasons
from gaoxin.evaluation.engine.adjustments import totals
from gaoxin.evaluation.engine.errors import InputError
from gaoxin.evaluation.engine.glossary import CREDIT_CODE, LESSOR, NAME
from gaoxin.evaluation.engine.grading import apply_vetoes, grade
from gaoxin.evaluation.engine.groups import FOLLOWER, ORPHAN, classify, names_of
from gaoxin.evaluation.engine.inputs import prepare
from gaoxin.evaluation.engine.scheme import BenchmarkMode, LeasedRule, Normalisation, Scheme


class Status:
    """What happened to a firm: the ``status`` column."""

    SCORED = "scored"
    EXEMPT = "exempt"
    EXCLUDED = "excluded"
    LEASED_FOLLOWER = "leased_follower"
    LESSOR_NOT_FOUND = "lessor_not_found"
    NO_GROUP = "no_group"
    INVALID = "invalid"  # figures too extreme to compute a finite score


STATUSES = (
    Status.SCORED,
    Status.EXEMPT,
    Status.EXCLUDED,
    Status.LEASED_FOLLOWER,
    Status.LESSOR_NOT_FOUND,
    Status.NO_GROUP,
    Status.INVALID,
)


@dataclass(frozen=True)
class ScoreTable:
    """What ``evaluate`` returns (stored as ``models.EvaluationResult`` rows, one per enterprise): ``frame``, one
    row per enterprise (see ``output_columns``); ``benchmarks``, the benchmarks used."""

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
    columns: dict[str, pl.DataType] = {CREDIT_CODE: pl.String(), "status": pl.String(), "group": pl.String()}
    if scheme.leased is not None:
        columns[LESSOR] = pl.String()
    if scheme.leased is not None and scheme.leased.rule is LeasedRule.MERGE_WITH_LESSOR:
        columns["lessees"] = pl.UInt32()
    columns["rank_partition"] = pl.String()
    minmax = {
        rule.key
        for group in scheme.groups
        for rule in group.indicators
        if rule.normalisation is Normalisation.MINMAX
    }
    for key in indicator_keys(scheme):
        parts = (
            ("value", "benchmark", "minimum", "score") if key in minmax else ("value", "benchmark", "score")
        )
        columns |= {f"ind_{key}_{part}": pl.Float64() for part in parts}
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


def _follow_lessors(data: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """Followers take their lessor's group and result: everything when merged, else total and grade."""
    if scheme.leased is None or scheme.leased.rule is LeasedRule.OWN_GROUP:
        return data
    follower = (pl.col("_role") == FOLLOWER).fill_null(False)
    if scheme.leased.rule is LeasedRule.FOLLOW_LESSOR:
        copied = ["_gm", "total", "_merit"]
    else:
        names = list(output_columns(scheme))
        copied = ["_gm", *names[names.index("rank_partition") : names.index("top_percent") + 1], "_merit"]
    lessors = data.select(
        pl.col(CREDIT_CODE).alias(LESSOR), *(pl.col(name).alias(f"{name}_lessor") for name in copied)
    )
    followers = data.filter(follower).select("_row", LESSOR).join(lessors, on=LESSOR, how="left").drop(LESSOR)
    data = data.join(followers, on="_row", how="left", maintain_order="left")
    return data.with_columns(
        pl.when(follower).then(pl.col(f"{name}_lessor")).otherwise(pl.col(name)).alias(name)
        for name in copied
    ).drop(f"{name}_lessor" for name in copied)


def _status() -> pl.Expr:
    """Each firm's position in ``STATUSES``."""
    code = {name: pl.lit(position, pl.UInt8) for position, name in enumerate(STATUSES)}
    no_group = pl.col("_gm").is_null()
    return (
        pl.when(pl.col("_exempt"))
        .then(code[Status.EXEMPT])
        .when(pl.col("_role") == FOLLOWER)
        .then(code[Status.LEASED_FOLLOWER])
        .when(no_group & (pl.col("_role") == ORPHAN))
        .then(code[Status.LESSOR_NOT_FOUND])
        .when(no_group)
        .then(code[Status.NO_GROUP])
        .when(pl.col("_excluded"))
        .then(code[Status.EXCLUDED])
        .when(pl.col("total").is_null())
        .then(code[Status.INVALID])
        .otherwise(code[Status.SCORED])
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
) -> ScoreTable:
    """Score and grade ``frame`` (one row per enterprise) with ``scheme``.

    ``prior``: the ``benchmarks`` of last year's result, for benchmarks of mode ``prior``. ``year``: the
    evaluation year, needed by ``younger_than_years`` conditions (default: the scheme's year).
    Raises ``InputError`` when the data cannot be evaluated (missing columns, repeated credit codes …).
    """
    year = scheme.year if year is None else year
    _check_prior(scheme, prior)
    data = classify(prepare(frame, scheme, year), scheme, year)
    data = data.with_columns(indicators.values(scheme)).with_columns(_excluded=indicators.excluded(scheme))
    data, table = benchmarks.attach(data, scheme, prior)
    data = data.with_columns(indicators.first_scores(scheme)).with_columns(indicators.final_scores(scheme))
    for stage in totals(scheme, year):
        data = data.with_columns(stage)
    data = _follow_lessors(grade(data, scheme), scheme).with_columns(
        _merit=pl.when(pl.col("_exempt")).then(pl.col("_exempt_grade")).otherwise(pl.col("_merit"))
    )
    data = apply_vetoes(data, scheme, year).with_columns(_status=_status())
    data = reasons.attach(data, scheme, STATUSES).with_columns(
        status=names_of("_status", STATUSES),
        group=names_of("_gm", [group.key for group in scheme.groups]),
        lessees=pl.col("_lessees"),
        grade_merit=names_of("_merit", scheme.grades),
        grade=names_of("_grade", scheme.grades),
    )
    columns = output_columns(scheme)
    if NAME in data.columns:
        columns = {CREDIT_CODE: pl.String(), NAME: pl.String(), **columns}
    result = data.select(pl.col(name).cast(dtype) for name, dtype in columns.items())
    return ScoreTable(scheme, result, table, year)
