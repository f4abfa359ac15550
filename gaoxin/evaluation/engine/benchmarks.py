"""Benchmarks of one indicator in one group: published, computed from the group, or the prior year's.

Each yields a small table (``partition`` null for the group-wide figure, else a ``by`` key such as an
industry prefix; a firm whose key is missing falls in the partition "") that is both published in the
result and joined back to the firms as ``ind_<key>_benchmark`` (plus ``ind_<key>_minimum`` for min–max and
``_bv_<key>``, whether the benchmark is usable).
"""

from __future__ import annotations

from collections import defaultdict

import polars as pl

from gaoxin.core.messages import Message, gettext_noop
from gaoxin.evaluation.engine.conditions import key_expr
from gaoxin.evaluation.engine.errors import InputError
from gaoxin.evaluation.engine.groups import by_group, in_group
from gaoxin.evaluation.engine.rounding import round_half_up
from gaoxin.evaluation.engine.scheme import BenchmarkMode, Group, IndicatorRule, Normalisation, Scheme

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
_FIGURES = ("benchmark", "minimum", "valid")
_TYPES = (pl.Float64, pl.Float64, pl.Boolean)


def _names(key: str) -> tuple[str, str, str]:
    return f"ind_{key}_benchmark", f"ind_{key}_minimum", f"_bv_{key}"


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
    rows = frame.lazy().filter(ok)
    overall = rows.select(pl.lit(None, pl.String).alias(_PART), *_aggregates(rule, mode))
    if rule.benchmark.by is None:
        return overall.collect()
    keys = rows.with_columns(key_expr(rule.benchmark.by).fill_null("").alias(_PART))
    parts = keys.group_by(_PART).agg(*_aggregates(rule, mode)).sort(_PART)
    return pl.concat([overall, parts]).collect()


def _constants(rows: list[tuple[str | None, float]]) -> pl.DataFrame:
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
    table = _constants(rows)
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
        table = _constants([(None, spec.value), *sorted(spec.values.items())])
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


def _published(table: pl.DataFrame, group: Group, rule: IndicatorRule) -> pl.DataFrame:
    mode = rule.benchmark.mode.value if rule.benchmark.mode else "minmax"
    return table.select(
        pl.lit(group.key).alias("group"),
        pl.lit(rule.key).alias("indicator"),
        pl.col(_PART).alias("partition"),
        pl.lit(mode).alias("mode"),
        "benchmark",
        "minimum",
        "firms",
        "valid",
    ).cast(TABLE_SCHEMA)  # type: ignore[arg-type]


def _per_partition(
    frame: pl.DataFrame, index: int, group: Group, rule: IndicatorRule, table: pl.DataFrame
) -> tuple[pl.DataFrame, list[pl.Expr]]:
    """Join the partition figures of ``by`` to the group's firms; firms without one get the group-wide figure."""
    spec = rule.benchmark
    assert spec.by is not None
    suffix = f"_{index}_{rule.key}"
    enough = pl.col("firms").fill_null(spec.min_firms) >= spec.min_firms
    parts = table.filter(pl.col(_PART).is_not_null() & enough).select(
        _PART, *(pl.col(name).alias(name + suffix) for name in _FIGURES)
    )
    frame = frame.with_columns(pl.when(in_group(index)).then(key_expr(spec.by).fill_null("")).alias(_PART))
    frame = frame.join(parts, on=_PART, how="left", maintain_order="left")
    found = pl.col("valid" + suffix).is_not_null()
    overall = table.filter(pl.col(_PART).is_null())
    if overall.height == 0:
        lacking = frame.filter(in_group(index) & ~found)[_PART].unique().sort().to_list()
        if lacking:
            raise _missing_prior(group, rule, lacking)
        fill = dict.fromkeys(_FIGURES)
    else:
        fill = overall.row(0, named=True)
    figures = [pl.when(found).then(pl.col(name + suffix)).otherwise(pl.lit(fill[name])) for name in _FIGURES]
    return frame.drop(_PART), figures


def attach(
    frame: pl.DataFrame, scheme: Scheme, prior: pl.DataFrame | None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The frame with ``ind_k_benchmark``, ``ind_k_minimum`` and ``_bv_k``; and the table of benchmarks used."""
    published, figures = [], defaultdict(list)
    columns = frame.columns
    for index, group in enumerate(scheme.groups):
        for rule in group.indicators:
            ok = (pl.col(f"_st_{rule.key}") == 0) & ~pl.col("_excluded") & in_group(index)
            table = _table(frame, group, rule, prior, ok)
            published.append(_published(table, group, rule))
            if rule.benchmark.by is not None:
                frame, exprs = _per_partition(frame, index, group, rule, table)
            else:
                overall = table.filter(pl.col(_PART).is_null())
                if overall.height == 0:
                    raise _missing_prior(group, rule, [None])
                row = overall.row(0, named=True)
                exprs = [pl.lit(row[name], dtype) for name, dtype in zip(_FIGURES, _TYPES, strict=True)]
            figures[rule.key].append((index, exprs))
    frame = frame.with_columns(
        by_group([(index, exprs[position]) for index, exprs in pairs]).cast(dtype).alias(name)
        for key, pairs in figures.items()
        for position, (name, dtype) in enumerate(zip(_names(key), _TYPES, strict=True))
    )
    return frame.select(*columns, *(name for key in figures for name in _names(key))), pl.concat(published)
