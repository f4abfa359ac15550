"""evaluation_run_100k: a full evaluation run over the large demo zone (100,000 enterprises, five years of
data), from the database to stored results: read the year's data, score it with the shipped whole-zone
scheme, store 100,000 results and record the run (target ≤ 20 s on SQLite and on PostgreSQL).

Reference: the same run with the results stored through the ORM's ``bulk_create`` (model instances, batches
of 2,000) instead of ``gaoxin.core.bulk.insert``, measured in the same run on the same database. Run on a
scratch database: ``python -m benchmarks.evaluation_run_100k`` (SQLite in a temporary directory) or with
``GAOXIN_DATABASE_URL=postgres://…/scratch``. Loading the demo zone first takes a few minutes and is not timed.
"""

from __future__ import annotations

import json
import time

from benchmarks.harness import report, setup_django, timed

YEAR = 2025
SCHEME = "whole_zone"


def load_zone() -> int:
    from gaoxin.demo.loader import load_demo
    from gaoxin.enterprises.models import Enterprise

    if Enterprise.objects.exists():
        raise SystemExit("evaluation_run_100k needs an empty scratch database")
    started = time.perf_counter()
    summary = load_demo("large")
    print(f"demo zone loaded: {summary.enterprises} enterprises, {summary.years} yearly rows "
          f"in {time.perf_counter() - started:.0f} s (not timed)")  # fmt: skip
    return summary.enterprises


def official_run() -> tuple[float, int]:
    """The platform's run: the service, the worker's task (run in this process), bulk.insert."""
    from gaoxin.evaluation import services
    from gaoxin.evaluation.models import EvaluationResult

    scheme = next(s for s in services.schemes_load_shipped(by=None) if s.name == SCHEME)
    seconds, run = timed(lambda: services.run_start(year=YEAR, scheme=scheme, by=None))
    assert run.status == "draft", run.message
    return seconds, EvaluationResult.objects.filter(run=run).count()


def reference_run() -> tuple[float, int]:
    """The same pipeline, storing the results as model instances with ``bulk_create``."""
    from django.db import transaction

    from gaoxin.evaluation import scoring
    from gaoxin.evaluation.models import EvaluationResult, EvaluationRun, Scheme
    from gaoxin.evaluation.result_rows import COLUMNS, JSON_COLUMNS, result_table

    scheme = Scheme.objects.get(name=SCHEME)
    run = EvaluationRun.objects.create(year=YEAR, scheme=scheme, scheme_name=scheme.name,
                                       scheme_version=scheme.version, scheme_hash=scheme.text_hash)  # fmt: skip
    names = [EvaluationResult._meta.get_field(name).attname for name in COLUMNS]

    def instance(row: tuple[object, ...]) -> EvaluationResult:
        values = dict(zip(names, row, strict=True))
        for name in JSON_COLUMNS:
            values[name] = json.loads(values[name])  # type: ignore[arg-type]
        return EvaluationResult(**values)

    def run_it() -> int:
        result, data = scoring.evaluate_year(run)
        with transaction.atomic():
            table = result_table(run.pk, result, data, {})
            EvaluationResult.objects.bulk_create(
                (instance(row) for row in table.iter_rows()), batch_size=2000
            )
        return result.frame.height

    seconds, _count = timed(run_it)
    return seconds, EvaluationResult.objects.filter(run=run).count()


def main() -> None:
    engine = setup_django()
    enterprises = load_zone()
    value, stored = official_run()
    print(f"official run: {stored} results stored in {value:.2f} s")
    reference, reference_stored = reference_run()
    print(f"reference (bulk_create): {reference_stored} results stored in {reference:.2f} s")
    assert stored == reference_stored
    report(
        name="evaluation_run_100k",
        value=value,
        unit="s",
        reference="the same run storing results with the ORM's bulk_create",
        reference_value=reference,
        database=engine,
        enterprises=enterprises,
        results=stored,
        target_s=20,
    )


if __name__ == "__main__":
    main()
