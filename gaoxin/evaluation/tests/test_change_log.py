"""A result's figures in the change log: by the labels and units of the run's scheme, stored when written."""

from __future__ import annotations

import pytest

from gaoxin.core import change_display, changelog
from gaoxin.core.models import ChangeAction
from gaoxin.evaluation.models import EvaluationResult

pytestmark = pytest.mark.django_db


def _rows(entry):  # type: ignore[no-untyped-def]
    return {row.label: row.new for row in change_display.shown(entry).changes}


def test_a_results_figures_read_by_the_schemes_labels_and_units_even_once_the_result_is_gone(zone):
    run = zone.run()
    result = EvaluationResult.objects.get(run=run, enterprise=zone.f1)
    by = zone.personas.administrator
    changelog.record([changelog.Change.created(result)], by=by)
    EvaluationResult.objects.filter(pk=result.pk).delete()  # re-scoring replaces the results
    deleted = {"run": [run.pk, None], "indicators": [result.indicators, None]}
    changelog.record([changelog.Change(EvaluationResult, result.pk, ChangeAction.DELETE, deleted)], by=by)

    created, gone = changelog.history(result).order_by("id")
    expected = (
        "亩均税收（Indicator value：30 万元/亩，Benchmark：15 万元/亩，Score：120，Percentile in group：100%）；"
        "亩均营业收入（Indicator value：300 万元/亩，Benchmark：150 万元/亩，Score：80，Percentile in group：100%）"
    )
    assert _rows(created)["indicators"] == expected
    assert _rows(gone)["indicators"] == expected  # named through the run the deletion names
    assert _rows(created)["input figures"].endswith("发生安全生产事故：—")
    assert created.labels["indicators"]["tax_per_mu"] == ["亩均税收", "万元/亩"]  # stored with the entry
    assert created.object_repr == f"{run} · {zone.f1.name}"  # named, not "run id/enterprise id"
