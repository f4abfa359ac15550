"""Scoring runs through the database, checked against the hand-computed zone (see zone.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gaoxin.core.models import ChangeLogEntry, JobStatus
from gaoxin.enterprises import services as enterprise_services
from gaoxin.evaluation import services
from gaoxin.evaluation.choices import RunStatus
from gaoxin.evaluation.models import EvaluationResult
from gaoxin.evaluation.tests.zone import YEAR, Zone

pytestmark = pytest.mark.django_db


def results(run) -> dict[str, EvaluationResult]:  # type: ignore[no-untyped-def]
    return {
        r.enterprise.name: r for r in EvaluationResult.objects.filter(run=run).select_related("enterprise")
    }


def test_a_run_is_scored_in_the_worker_and_stored_with_its_provenance(zone: Zone) -> None:
    run = zone.run(note="first try")
    assert run.status == RunStatus.DRAFT
    assert run.job is not None
    assert run.job.status == JobStatus.DONE
    assert run.enterprise_count == 3
    assert run.scheme_version == "1"
    assert run.scheme_hash == zone.scheme.text_hash
    assert len(run.input_fingerprint) == 64
    by_name = results(run)
    f1, f2, f3 = by_name[zone.f1.name], by_name[zone.f2.name], by_name[zone.f3.name]
    assert f1.indicators["tax_per_mu"]["benchmark"] == pytest.approx(15)
    assert f1.indicators["revenue_per_mu"]["benchmark"] == pytest.approx(150)
    assert f1.indicators["tax_per_mu"]["score"] == pytest.approx(120)
    assert (f1.total, f2.total, f3.total) == (pytest.approx(200), pytest.approx(80), pytest.approx(40))
    assert (f1.grade, f2.grade, f3.grade) == ("A", "C", "D")
    assert f1.inputs == {
        "tax": 300.0,
        "land_mu": 10.0,
        "revenue": 3000.0,
        "safety_accident": None,
    }  # no flag given
    # percentile: F1's 30 万元/亩 is the highest of three values; F3's 6 the lowest
    assert f1.indicators["tax_per_mu"]["percentile"] == pytest.approx(100)
    assert f3.indicators["tax_per_mu"]["percentile"] == pytest.approx(100 / 3, abs=0.01)
    assert run.grade_counts == {"A": 1, "C": 1, "D": 1}
    zone_sums = run.summary["zone"]
    assert zone_sums["tax"] == pytest.approx(600)
    assert zone_sums["land_mu"] == pytest.approx(40)


def test_the_run_is_recorded_in_the_change_log(zone: Zone) -> None:
    run = zone.run()
    entries = ChangeLogEntry.objects.filter(object_id=str(run.pk), content_type__model="evaluationrun")
    notes = sorted(entries.values_list("action", "note"))
    assert notes == [("create", ""), ("update", "scored")]
    scored = entries.get(note="scored")
    assert scored.changes["results"] == [0, 3]
    assert scored.changes["input_fingerprint"][1] == run.input_fingerprint
    assert scored.user == zone.personas.officer_a


def test_a_flag_from_the_further_inputs_vetoes(zone: Zone) -> None:
    services.inputs_save(
        enterprise=zone.f1, year=YEAR, values={"safety_accident": True}, by=zone.personas.officer_a
    )
    f1 = results(zone.run())[zone.f1.name]
    assert (f1.grade_merit, f1.grade) == ("A", "C")
    assert [reason["code"] for reason in f1.reasons] == ["vetoed"]


def test_the_fingerprint_follows_the_data(zone: Zone) -> None:
    first, again = zone.run(), zone.run()
    assert first.input_fingerprint == again.input_fingerprint
    enterprise_services.year_save(
        enterprise=zone.f3, year=YEAR, values={"tax": Decimal("61")}, sources={}, by=zone.personas.officer_a
    )
    assert zone.run().input_fingerprint != first.input_fingerprint


def test_a_regrade_is_kept_when_the_run_is_scored_again(zone: Zone) -> None:
    run = zone.run()
    services.result_regrade(
        run=run, enterprise=zone.f3, grade="C", reason="新投产企业，酌情调档", by=zone.personas.officer_a
    )
    f3 = results(run)[zone.f3.name]
    assert (f3.grade_computed, f3.grade, f3.regraded) == ("D", "C", True)
    entry = ChangeLogEntry.objects.get(content_type__model="evaluationresult", object_id=str(f3.pk))
    assert entry.changes["grade"] == ["D", "C"]
    assert "新投产企业" in entry.note
    run.refresh_from_db()
    assert run.grade_counts == {"A": 1, "C": 2}
    services.run_rescore(run=run, by=zone.personas.officer_a)
    f3 = results(run)[zone.f3.name]
    assert (f3.grade_computed, f3.grade, f3.regraded) == ("D", "C", True)


@pytest.mark.parametrize(
    ("grade", "reason", "message"),
    [("D", "理由", "has this grade already"), ("E", "理由", "Unknown grade"), ("C", " ", "reason")],
)
def test_a_regrade_needs_a_new_known_grade_and_a_reason(
    zone: Zone, grade: str, reason: str, message: str
) -> None:
    run = zone.run()
    with pytest.raises(ValidationError, match=message):
        services.result_regrade(run=run, enterprise=zone.f3, grade=grade, reason=reason, by=None)


def test_a_year_without_data_cannot_be_run(zone: Zone) -> None:
    with pytest.raises(ValidationError, match="no yearly data"):
        services.run_start(year=2019, scheme=zone.scheme, by=zone.personas.officer_a)


def test_progress_is_reported_while_the_results_are_written(
    zone: Zone, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gaoxin.core import bulk, jobs
    from gaoxin.evaluation.services import scoring

    monkeypatch.setattr(bulk, "BATCH", 2)  # report after every two rows, from inside the write
    run = zone.run()
    job = jobs.create(kind="evaluation.score", user=None)
    reported: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        jobs.report(job.id, done=done, total=total)  # a query on the connection that writes the results
        reported.append((done, total))

    scoring.score(run, by=None, progress=progress)
    assert reported == sorted(reported)
    assert set(reported) == {(0, 3), (2, 3), (3, 3)}
    job.refresh_from_db()
    assert (job.done, job.total) == (3, 3)
