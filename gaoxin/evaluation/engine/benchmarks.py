"""Benchmarks of one indicator in one group: published, computed from the group, or the prior year's.

Each yields a small table (``partition`` null for the group-wide figure, else a ``by`` key such as an
industry prefix; a firm whose key is missing falls in the partition "") that is both published in the
result and joined back to the firms as ``ind_<key>_benchmark`` (plus ``_min_<key>`` for min–max and
``_bv_<key>``, whether the benchmark is usable).
"""

from __future__ import annotations

import polars as pl

from gaoxin.evaluation.engine.conditions import key_expr
from gaoxin.evaluation.engine.errors import InputError, Message, gettext_noop
from gaoxin.evaluation.engine.rounding import round_half_up
from gaoxin.evaluation.engine.scheme import BenchmarkMode, Group, IndicatorRule, Normalisation

TABLE_SCHEMA = {
    "group": pl.String,
    "indicator": pl.String,
    "partition": pl.String,
    "mode": pl.String,
    "benchmark": pl.Float64,
    "minimum": pl.Float64,
    "firms": pl.UInt32,
    "valid": pl.Boolean,
}
_PART = "_partition"


def _aggregates(rule: IndicatorRule, mode: BenchmarkMode | None) -> list[pl.Expr]:
    value = pl.col(f"ind_{rule.key}_value")
    minimum = pl.lit(None, pl.Float64)
    if mode is None:
        benchmark, minimum = value.max(), value.min()
    elif mode is BenchmarkMode.RATIO_OF_SUMS:
        benchmark = pl.col(rule.definition.numerator).sum() / pl.col(rule.definition.denominator).sum()
    elif mode is BenchmarkMode.MEAN_OF_RATIOS:
        benchmark = value.mean()
    else:
        benchmark = value.median()
    return [benchmark.alias("benchmark"), minimum.alias("minimum"), pl.len().cast(pl.UInt32).alias("firms")]


def _computed(
    frame: pl.DataFrame, rule: IndicatorRule, mode: BenchmarkMode | None, ok: pl.Expr
) -> pl.DataFrame:
    rows = frame.filter(ok)
    overall = rows.select(pl.lit(None, pl.String).alias(_PART), *_aggregates(rule, mode))
    if rule.benchmark.by is None:
        return overall
    keys = rows.with_columns(key_expr(rule.benchmark.by).fill_null("").alias(_PART))
    parts = keys.group_by(_PART).agg(*_aggregates(rule, mode)).sort(_PART)
    return pl.concat([overall, parts])


def _published(rows: list[tuple[str | None, float]]) -> pl.DataFrame:
    return pl.DataFrame(
        {_PART: [key for key, _ in rows], "benchmark": [value for _, value in rows]},
        schema={_PART: pl.String, "benchmark": pl.Float64},
    ).with_columns(minimum=pl.lit(None, pl.Float64), firms=pl.lit(None, pl.UInt32))


def _prior(
    frame: pl.DataFrame, group: Group, rule: IndicatorRule, prior: pl.DataFrame | None, ok: pl.Expr
) -> pl.DataFrame:
    rows: list[tuple[str | None, float]] = []
    if prior is not None:
        mine = prior.filter((pl.col("group") == group.key) & (pl.col("indicator") == rule.key))
        rows = [
            (part, value)
            for part, value in zip(mine["partition"], mine["benchmark"], strict=True)
            if value is not None
        ]
    table = _published(rows)
    if rule.benchmark.fallback is None:
        return table
    fallback = _computed(frame, rule, rule.benchmark.fallback, ok)
    return pl.concat([table, fallback.join(table.select(_PART), on=_PART, how="anti", nulls_equal=True)])


def _table(
    frame: pl.DataFrame, group: Group, rule: IndicatorRule, prior: pl.DataFrame | None, ok: pl.Expr
) -> pl.DataFrame:
    spec = rule.benchmark
    if spec.mode is BenchmarkMode.CONSTANT:
        assert spec.value is not None
        table = _published([(None, spec.value), *sorted(spec.values.items())])
    elif spec.mode is BenchmarkMode.PRIOR:
        table = _prior(frame, group, rule, prior, ok)
    else:
        table = _computed(frame, rule, spec.mode, ok)
    if spec.decimals is not None:
        table = table.with_columns(
            round_half_up(pl.col(name), spec.decimals) for name in ("benchmark", "minimum")
        )
    finite = pl.col("benchmark").is_finite()
    if rule.normalisation is Normalisation.MINMAX:
        valid = finite & pl.col("minimum").is_finite()
    else:
        valid = finite & (pl.col("benchmark") > 0)
    return table.with_columns(
        pl.when(pl.col(name).is_finite()).then(pl.col(name)).alias(name) for name in ("benchmark", "minimum")
    ).with_columns(valid=valid.fill_null(False))


def _missing_prior(group: Group, rule: IndicatorRule, partitions: list[str | None]) -> InputError:
    return InputError(
        [
            Message(
                gettext_noop(
                    "The prior year's benchmarks lack group %(group)s, indicator %(indicator)s, partition "
                    "%(partition)s; give them or a fallback mode."
                ),
                {"group": group.key, "indicator": rule.key, "partition": ", ".join(map(str, partitions))},
            )
        ]
    )


def attach(
    frame: pl.DataFrame, group: Group, rule: IndicatorRule, prior: pl.DataFrame | None, usable: pl.Expr
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The frame with this indicator's benchmark columns, and the benchmark table for the result."""
    key = rule.key
    ok = (pl.col(f"_st_{key}") == 0) & usable
    table = _table(frame, group, rule, prior, ok)
    spec = rule.benchmark
    overall = table.filter(pl.col(_PART).is_null()).select("benchmark", "minimum", "valid")
    names = {"benchmark": f"ind_{key}_benchmark", "minimum": f"_min_{key}", "valid": f"_bv_{key}"}
    if spec.by is None:
        if overall.height == 0:
            raise _missing_prior(group, rule, [None])
        row = overall.row(0, named=True)
        frame = frame.with_columns(
            pl.lit(row[name], dtype).alias(names[name])
            for name, dtype in (("benchmark", pl.Float64), ("minimum", pl.Float64), ("valid", pl.Boolean))
        )
    else:
        enough = (
            pl.lit(True)
            if spec.mode in (BenchmarkMode.CONSTANT, BenchmarkMode.PRIOR)
            else pl.col("firms") >= spec.min_firms
        )
        parts = table.filter(pl.col(_PART).is_not_null() & enough).select(
            _PART, "benchmark", "minimum", "valid"
        )
        frame = frame.with_columns(key_expr(spec.by).fill_null("").alias(_PART)).join(
            parts, on=_PART, how="left", maintain_order="left"
        )
        found = pl.col("valid").is_not_null()
        if overall.height == 0:
            lacking = frame.filter(~found)[_PART].unique().sort().to_list()
            if lacking:
                raise _missing_prior(group, rule, lacking)
            fill = {"benchmark": None, "minimum": None, "valid": None}
        else:
            fill = overall.row(0, named=True)
        frame = frame.with_columns(
            pl.when(found).then(pl.col(name)).otherwise(pl.lit(fill[name])).alias(names[name])
            for name in ("benchmark", "minimum", "valid")
        ).drop(_PART, "benchmark", "minimum", "valid")
    published = table.rename({_PART: "partition"}).select(
        pl.lit(group.key).alias("group"),
        pl.lit(key).alias("indicator"),
        "partition",
        pl.lit(spec.mode.value if spec.mode else "minmax").alias("mode"),
        "benchmark",
        "minimum",
        "firms",
        "valid",
    )
    return frame, published.cast(TABLE_SCHEMA)  # type: ignore[arg-type]
