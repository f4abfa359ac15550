"""Scoring a run: read the year's data, evaluate with the run's scheme, store every result in one transaction.

Used by the worker for new runs and for re-scoring after an accepted objection; the latest regrade of each
enterprise is laid over its new result. The run's change-log entry records the fingerprint of the data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import polars as pl
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from gaoxin.accounts.models import User
from gaoxin.core import bulk, changelog
from gaoxin.core.models import ChangeAction
from gaoxin.enterprises import selectors as enterprise_selectors
from gaoxin.evaluation import engine
from gaoxin.evaluation.choices import RunStatus
from gaoxin.evaluation.datacheck import data_check
from gaoxin.evaluation.models import EvaluationResult, EvaluationRun, Regrade
from gaoxin.evaluation.result_rows import (
    COLUMNS,
    JSON_COLUMNS,
    benchmark_records,
    prior_frame,
    result_table,
    summary,
)
from gaoxin.evaluation.selectors.frames import ENTERPRISE_ID, fingerprint, year_frame

Progress = Callable[[int, int], None]


def prior_benchmarks(year: int) -> list[dict[str, Any]]:
    """The benchmarks of the published run of the year before ``year`` (for benchmarks of mode ``prior``)."""
    prior = EvaluationRun.objects.filter(year=year - 1, status=RunStatus.PUBLISHED).first()
    return prior.benchmarks if prior is not None else []


def latest_regrades(run: EvaluationRun) -> dict[int, str]:
    grades: dict[int, str] = {}
    for enterprise_id, grade in (
        Regrade.objects.filter(run=run).order_by("at", "id").values_list("enterprise_id", "to_grade")
    ):
        grades[enterprise_id] = grade
    return grades


def grade_counts(run: EvaluationRun) -> dict[str, int]:
    counts = (
        EvaluationResult.objects.filter(run=run).exclude(grade="").values("grade").annotate(n=Count("id"))
    )
    return {row["grade"]: row["n"] for row in counts.order_by("grade")}


def evaluate(year: int, scheme: engine.Scheme) -> tuple[engine.ScoreTable, Any]:
    """The engine's result for ``year`` under ``scheme`` on the data as it is now, and the input frame."""
    data = year_frame(year, scheme)
    prior = prior_frame(prior_benchmarks(year))
    return engine.evaluate(data.drop(ENTERPRISE_ID), scheme, prior, year=year), data


def evaluate_year(run: EvaluationRun) -> tuple[engine.ScoreTable, Any]:
    """The engine's result for the run's year and scheme on the data as it is now, and the input frame."""
    return evaluate(run.year, run.scheme.parsed())


def check_before_scoring(year: int, scheme: engine.Scheme) -> dict[str, Any]:
    """The data check of ``year`` under ``scheme`` (see ``datacheck``), before any run is stored."""
    result, data = evaluate(year, scheme)
    return data_check(year, result, data, without_sheet=enterprise_selectors.operating_without_sheet(year))


def _encoded(rows: Iterator[tuple[Any, ...]]) -> Iterator[list[Any]]:
    """Rows with their JSON columns marked as already encoded (polars wrote them as JSON text)."""
    positions = [COLUMNS.index(name) for name in JSON_COLUMNS]
    for row in rows:
        values = list(row)
        for position in positions:
            values[position] = bulk.EncodedJSON(values[position])
        yield values


def write(table: pl.DataFrame, progress: Progress | None = None) -> None:
    """Insert the rows of ``result_rows.result_table`` in bulk, reporting progress between batches."""
    total = table.height
    bulk.insert(
        EvaluationResult,
        COLUMNS,
        _encoded(table.iter_rows()),
        progress=None if progress is None else lambda done: progress(done, total),
    )


def store(
    run: EvaluationRun, result: engine.ScoreTable, data: Any, *, progress: Progress | None = None
) -> int:
    """Replace the run's results with ``result`` and update its figures; returns how many results it had.

    Call inside a transaction; the run's save is logged in the caller's ``acting`` block (``score``).
    """
    total = result.frame.height
    previous = EvaluationResult.objects.filter(run=run).count()
    EvaluationResult.objects.filter(run=run).delete()
    write(result_table(run.pk, result, data, latest_regrades(run)), progress)
    if run.status in (RunStatus.PENDING, RunStatus.FAILED):
        run.status = RunStatus.DRAFT
    run.input_fingerprint = fingerprint(data)
    run.enterprise_count = total
    run.benchmarks = benchmark_records(result)
    run.summary = summary(result, data)
    run.data_check = data_check(
        run.year, result, data, without_sheet=enterprise_selectors.operating_without_sheet(run.year)
    )
    run.grade_counts = grade_counts(run)
    run.scored_at = timezone.now()
    run.message = ""
    run.save()
    return previous


def score(
    run: EvaluationRun, *, by: User | None, progress: Progress | None = None, note: str = ""
) -> EvaluationRun:
    """(Re-)score ``run`` and store its results, replacing earlier ones. Raises ``engine.InputError``."""
    result, data = evaluate_year(run)
    total = result.frame.height
    if progress is not None:
        progress(0, total)
    with transaction.atomic():
        run = EvaluationRun.objects.select_for_update().select_related("scheme").get(pk=run.pk)
        with changelog.acting(by=by, note=note or "scored"):
            previous = store(run, result, data, progress=progress)
            # the results are derived rows, not logged one by one: their number joins the run's entry
            changelog.record([changelog.Change.of(run, ChangeAction.UPDATE, {"results": [previous, total]})])
    if progress is not None:
        progress(total, total)
    return run
