"""Reading runs side by side: comparison, simulation, policies by grade, aggregates as ratios of sums."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gaoxin.core.models import JobStatus
from gaoxin.evaluation import analysis, selectors, services
from gaoxin.evaluation.entitlements import entitlements
from gaoxin.evaluation.models import EvaluationResult, EvaluationRun, GradePolicy
from gaoxin.evaluation.tests.zone import SCHEME, YEAR, Zone
from gaoxin.testing.factories import EnterpriseYearFactory, ParkFactory

pytestmark = pytest.mark.django_db


def publish(zone: Zone, run: EvaluationRun) -> EvaluationRun:
    return zone.publish(run)


def test_two_runs_compare_with_regrades_in_force(zone: Zone) -> None:
    first, second = zone.run(), zone.run()
    services.result_regrade(run=second, enterprise=zone.f3, grade="C", reason="调档", by=None)
    comparison = analysis.compare_runs(first, second)
    matrix = {row[0]: dict(zip(comparison["columns"], row[1:], strict=True)) for row in comparison["matrix"]}
    assert matrix["A"]["A"] == 1
    assert matrix["C"]["C"] == 1
    assert matrix["D"]["C"] == 1
    assert [(m["name"], m["grade_a"], m["grade_b"], m["change"]) for m in comparison["movers"]] == [
        (zone.f3.name, "D", "C", "up")
    ]


def test_a_simulation_with_other_weights_moves_firms_and_stores_nothing(zone: Zone) -> None:
    # 亩均税收 30 and 亩均营业收入 70: F1 = 2×30 + 2×70 = 200 (A), F2 = 0.8×100 = 80 (C), F3 = 0.4×100 = 40 (D)
    # the same; with bands A ≥ 150, B ≥ 70, C ≥ 30: F2 → B, F3 → C.
    other = SCHEME.replace('version = "1"', 'version = "2"').replace(
        '{ grade = "A", min = 120 }, { grade = "B", min = 90 }, { grade = "C", min = 60 }',
        '{ grade = "A", min = 150 }, { grade = "B", min = 70 }, { grade = "C", min = 30 }',
    )
    job = services.simulation_start(year=YEAR, scheme=zone.scheme, text_b=other, by=zone.personas.officer_a)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    outcome = job.result["outcome"]
    assert outcome["counts_a"] == {"A": 1, "C": 1, "D": 1}
    assert outcome["counts_b"] == {"A": 1, "B": 1, "C": 1}
    assert sorted((m["name"], m["grade_a"], m["grade_b"]) for m in outcome["movers"]) == sorted(
        [(zone.f2.name, "C", "B"), (zone.f3.name, "D", "C")]
    )
    assert not EvaluationRun.objects.exists()


def test_a_simulation_refuses_a_broken_scheme(zone: Zone) -> None:
    with pytest.raises(ValidationError, match="indicators"):
        services.simulation_start(
            year=YEAR,
            scheme=zone.scheme,
            text_b=SCHEME.replace("tax_per_mu = 60", "tax_per_mu = 50"),
            by=None,
        )


def test_policies_escalate_after_consecutive_years_in_a_grade(zone: Zone) -> None:
    for year in (2023, 2024):  # F3 is D in every year: its figures are the same
        for enterprise, land, tax, revenue in (
            (zone.f1, 10, 300, 3000),
            (zone.f2, 20, 240, 2400),
            (zone.f3, 10, 60, 600),
        ):
            EnterpriseYearFactory(enterprise=enterprise, year=year, land_mu=land, tax=tax, revenue=revenue)
        publish(zone, services.run_start(year=year, scheme=zone.scheme, by=None, confirm=True))
    run = publish(zone, zone.run())
    relief = GradePolicy.objects.create(
        key="relief", label="土地使用税减免", unit="%", values={"A": "100", "B": "80"}
    )
    surcharge = GradePolicy.objects.create(
        key="surcharge", label="差别电价", unit="元/千瓦时", values={"D": "0.3"},
        escalation_grade="D", escalation_years=3, escalation_value=Decimal("0.4"),
    )  # fmt: skip
    results = list(EvaluationResult.objects.filter(run=run).order_by("total"))
    policies = [relief, surcharge]
    table = entitlements(
        results, policies, selectors.escalation_streaks(run, policies, [r.enterprise_id for r in results])
    )
    f3, f2, f1 = (table[result.pk] for result in results)
    assert [item.value for item in f1] == [Decimal("100"), None]
    assert [item.value for item in f2] == [None, None]  # C gets neither
    assert [(item.value, item.escalated) for item in f3] == [(None, False), (Decimal("0.4"), True)]
    # with only two years in D, the plain surcharge
    run_2024 = EvaluationRun.objects.get(year=2024)
    d_2024 = EvaluationResult.objects.get(run=run_2024, enterprise=zone.f3)
    streaks_2024 = selectors.escalation_streaks(run_2024, [surcharge], [zone.f3.pk])
    assert entitlements([d_2024], [surcharge], streaks_2024)[d_2024.pk][0].value == Decimal("0.3")
    # the export reads the streaks of every enterprise at once: the same pairs
    assert selectors.escalation_streaks(run, policies) == {(surcharge.pk, zone.f3.pk)}


def test_regional_figures_are_ratios_of_sums(zone: Zone) -> None:
    park_a, park_b = ParkFactory(code="east", name="东区"), ParkFactory(code="west", name="西区")
    for enterprise, park in ((zone.f1, park_a), (zone.f2, park_a), (zone.f3, park_b)):
        enterprise.park = park
        enterprise.save()
    run = zone.run()
    rows = {row.key: row for row in analysis.regions(run, "park")}
    # 东区: tax (300 + 240) ÷ land (10 + 20) = 18 万元/亩, not the mean of 30 and 12 (21)
    assert rows["east"].label == "东区"
    assert rows["east"].firms == 2
    assert rows["east"].ratios[0] == pytest.approx(18)
    assert rows["east"].grades == {"A": 1, "C": 1}
    assert rows["west"].ratios[0] == pytest.approx(6)
    industries = analysis.regions(run, "industry")
    # F2 is in 大类 36 (12 万元/亩); F1 and F3 in 38: (300 + 60) ÷ (10 + 10) = 18
    assert [(row.key, row.firms) for row in industries] == [("36", 1), ("38", 2)]
    assert [row.ratios[0] for row in industries] == [pytest.approx(12), pytest.approx(18)]
    assert analysis.trend([run])["ratios"][0][0] == pytest.approx(15)


def test_a_figure_no_firm_reported_is_no_data_not_zero(zone: Zone) -> None:
    # no firm of the zone reports value added or energy: the ratios built on them are unknown ("—"), not 0
    run = zone.run()
    assert run.summary["zone"]["value_added"] is None
    value_added_per_mu, value_added_per_energy = 1, 3
    zone_ratios = analysis.ratios(run.summary["zone"])
    assert zone_ratios[value_added_per_mu] is None
    assert zone_ratios[value_added_per_energy] is None
    for row in analysis.regions(run, "industry"):
        assert row.ratios[value_added_per_mu] is None
    assert zone_ratios[0] == pytest.approx(15)
