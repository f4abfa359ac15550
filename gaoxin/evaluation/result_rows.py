"""An engine result → rows of ``EvaluationResult`` (in the order of ``COLUMNS``); and the run's aggregates.

Everything per row is built column-wise in polars, JSON included (``struct.json_encode``), so no Python
loop touches 100,000 results field by field. The scoring service (``services.scoring``) writes the rows with
``gaoxin.core.bulk.insert`` (COPY on PostgreSQL), their JSON columns passed on as the text polars encoded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import polars as pl

from gaoxin.enterprises.year_fields import YEAR_FIELDS
from gaoxin.evaluation import engine
from gaoxin.evaluation.engine.glossary import CREDIT_CODE, LESSOR, ColumnType
from gaoxin.evaluation.engine.inputs import required_columns
from gaoxin.evaluation.engine.score import Status
from gaoxin.evaluation.selectors.frames import ENTERPRISE_ID

COLUMNS = (
    "run", "enterprise", "group", "status", "rank_partition", "lessor_credit_code", "indicators", "inputs",
    "base_score", "correction", "adjustments", "adjustment_total", "total", "rank", "ranked_count",
    "top_percent", "grade_merit", "grade_computed", "grade", "reasons", "regraded",
)  # fmt: skip
JSON_COLUMNS = ("indicators", "inputs", "adjustments", "reasons")
# Sums kept per park and industry, for regional figures as ratios of sums.
SUMMED = ("tax", "revenue", "main_revenue", "value_added", "land_mu", "energy_tce", "electricity_10k_kwh", "employees", "rd_expense")  # fmt: skip


def _percentile(key: str) -> pl.Expr:
    """Share (%) of the group's firms with a value whose value is at most this firm's."""
    value = pl.col(f"ind_{key}_value")
    share = value.rank("max").over("group") / value.count().over("group") * 100.0
    return pl.when(value.is_not_null()).then(share.round(2))


def input_names(scheme: engine.Scheme) -> list[str]:
    """The figures and declared inputs the scheme reads, kept with each result."""
    declared = {column.key for column in scheme.inputs}
    return [name for name in required_columns(scheme) if name in YEAR_FIELDS or name in declared]


def _indicators_json(result: engine.ScoreTable) -> pl.Expr:
    """Per firm, its group's indicators: {key: {value, benchmark, minimum?, score, percentile}}."""
    columns = result.frame.columns
    encoded: pl.Expr = pl.lit("{}")
    for group in result.scheme.groups:
        indicators = []
        for rule in group.indicators:
            parts = [pl.col(f"ind_{rule.key}_{part}").alias(part)
                     for part in ("value", "benchmark", "minimum", "score") if f"ind_{rule.key}_{part}" in columns]  # fmt: skip
            indicators.append(pl.struct([*parts, _percentile(rule.key).alias("percentile")]).alias(rule.key))
        encoded = (
            pl.when(pl.col("group") == group.key)
            .then(pl.struct(indicators).struct.json_encode())
            .otherwise(encoded)
        )
    return encoded


def _object_json(
    names: Sequence[str], frame_columns: Sequence[str], rename: Callable[[str], str] = str
) -> pl.Expr:
    present = [pl.col(name).alias(rename(name)) for name in names if name in frame_columns]
    return pl.struct(present).struct.json_encode() if present else pl.lit("{}")


def result_table(
    run_id: int, result: engine.ScoreTable, data: pl.DataFrame, regrades: dict[int, str]
) -> pl.DataFrame:
    """One row per enterprise, the columns of ``COLUMNS`` in order; JSON columns as JSON text.

    ``data`` is the input frame (with ``enterprise_id``); ``regrades`` maps enterprise ids to the grade in
    force after their latest regrade.
    """
    scheme = result.scheme
    types = scheme.column_types
    names = input_names(scheme)
    figures = [
        pl.col(name).cast(pl.String) if types.get(name) is ColumnType.DATE else pl.col(name)
        for name in names
        if name in data.columns
    ]
    frame = result.frame.join(data.select(CREDIT_CODE, ENTERPRISE_ID, *figures), on=CREDIT_CODE, how="left")
    adjustments = [f"adj_{rule.key}" for rule in scheme.adjustments]
    reasons = pl.col("reasons").list.eval(pl.element().struct.json_encode()).list.join(",")
    regraded = pl.col(ENTERPRISE_ID).is_in(list(regrades))
    grade = pl.col("grade").fill_null("")
    in_force = pl.col(ENTERPRISE_ID).replace_strict(regrades, default=grade, return_dtype=pl.String)
    lessor = pl.col(LESSOR) if LESSOR in frame.columns else pl.lit(None, pl.String)
    return frame.select(
        pl.lit(run_id, pl.Int64).alias("run"),
        pl.col(ENTERPRISE_ID).alias("enterprise"),
        pl.col("group").fill_null(""),
        pl.col("status"),
        pl.col("rank_partition").fill_null(""),
        lessor.fill_null("").alias("lessor_credit_code"),
        _indicators_json(result).alias("indicators"),
        _object_json(names, frame.columns).alias("inputs"),
        pl.col("base_score", "correction"),
        _object_json(adjustments, frame.columns, lambda name: name.removeprefix("adj_")).alias("adjustments"),
        pl.col("adjustment_total", "total", "rank", "ranked_count", "top_percent"),
        pl.col("grade_merit").fill_null(""),
        grade.alias("grade_computed"),
        pl.when(regraded).then(in_force).otherwise(grade).alias("grade"),
        pl.format("[{}]", reasons).alias("reasons"),
        regraded.alias("regraded"),
    )


def summary(result: engine.ScoreTable, data: pl.DataFrame) -> dict[str, Any]:
    """Sums of the scored firms' figures for the zone, per park and per industry division (行业大类)."""
    scored = result.frame.filter(pl.col("status") == Status.SCORED).select(CREDIT_CODE)
    figures = data.join(scored, on=CREDIT_CODE, how="semi").with_columns(
        division=pl.col("industry_code").str.slice(0, 2)
    )
    # a figure no firm reported sums to null, not 0: the pages then show "—" instead of a ratio of 0
    sums = [
        pl.len().alias("firms"),
        *(
            pl.when(pl.col(name).count() > 0).then(pl.col(name).sum()).alias(name)
            for name in SUMMED
            if name in figures.columns
        ),
    ]

    def grouped(key: str) -> list[dict[str, Any]]:
        rows = figures.group_by(key).agg(sums).sort(key, nulls_last=True)
        return rows.rename({key: "key"}).with_columns(pl.col("key").fill_null("")).to_dicts()

    zone = figures.select(sums).to_dicts()[0] if figures.height else {"firms": 0}
    return {"zone": zone, "park": grouped("park"), "industry": grouped("division")}


def benchmark_records(result: engine.ScoreTable) -> list[dict[str, Any]]:
    return result.benchmarks.to_dicts()


def prior_frame(records: list[dict[str, Any]]) -> pl.DataFrame | None:
    """Last year's stored benchmarks as the engine's ``prior`` frame."""
    if not records:
        return None
    return pl.DataFrame(records, infer_schema_length=None)
