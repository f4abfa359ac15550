"""Explaining a stored result and what it would take, checked by hand on the zone (see zone.py)."""

from __future__ import annotations

import pytest
from django.utils import translation

from gaoxin.evaluation import explanation, selectors, services
from gaoxin.evaluation.models import EvaluationResult
from gaoxin.evaluation.tests.zone import YEAR, Zone

pytestmark = pytest.mark.django_db


def stored(zone: Zone, enterprise) -> EvaluationResult:  # type: ignore[no-untyped-def]
    run = zone.run()
    return EvaluationResult.objects.select_related("run__scheme", "enterprise").get(
        run=run, enterprise=enterprise
    )


def outlook(result: EvaluationResult) -> explanation.Outlook:
    return explanation.outlook(result, selectors.ranked_peers(result))


def test_each_indicator_with_its_benchmark_weight_and_score(zone: Zone) -> None:
    found = explanation.explain(stored(zone, zone.f2))
    assert found.group_label == "全部企业"
    tax, revenue = found.lines
    assert (tax.label, tax.value, tax.benchmark, tax.weight, tax.score) == (
        "亩均税收",
        12.0,
        15.0,
        60.0,
        pytest.approx(48),
    )
    assert (revenue.value, revenue.benchmark, revenue.weight, revenue.score) == (
        120.0,
        150.0,
        40.0,
        pytest.approx(32),
    )
    assert tax.percentile == pytest.approx(66.67, abs=0.01)  # 12 is at most itself and 6: two of three


def test_what_it_would_take_to_reach_b(zone: Zone) -> None:
    # F2 has 80 (C); B needs 90. With 亩均营业收入 fixed at 32 points, 亩均税收 must score 58:
    # 58 ÷ 60 × 15 = 14.5 万元/亩, i.e. 2.5 × 20 亩 = 50 万元 more tax. Alone, 亩均营业收入 must score 42:
    # 42 ÷ 40 × 150 = 157.5 万元/亩, i.e. 37.5 × 20 = 750 万元 more revenue.
    found = outlook(stored(zone, zone.f2))
    assert (found.target_grade, found.target_total, found.blocked) == ("B", 90, "")
    tax, revenue = found.improvements
    assert tax.required == pytest.approx(14.5, abs=0.01)
    assert tax.numerator_rise == pytest.approx(50, abs=0.1)
    assert revenue.required == pytest.approx(157.5, abs=0.1)
    assert revenue.numerator_rise == pytest.approx(750, abs=1)


@translation.override("en")
def test_nothing_to_take_for_the_best_or_a_vetoed_firm(zone: Zone) -> None:
    assert outlook(stored(zone, zone.f1)).blocked == "The firm already has the best grade."
    services.inputs_save(enterprise=zone.f2, year=YEAR, values={"safety_accident": True}, by=None)
    vetoed = stored(zone, zone.f2)
    assert outlook(vetoed).blocked == "A veto caps the firm's grade; better figures cannot lift it."
    assert explanation.explain(vetoed).reasons == [
        "Grade capped by a veto: 发生安全生产事故，不得评为 A、B 类."
    ]
