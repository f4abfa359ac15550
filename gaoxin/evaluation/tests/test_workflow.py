"""公示 and decision: publicity, objections filed and decided, approval and publication, all logged."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from gaoxin.core.models import ChangeLogEntry
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.evaluation import services
from gaoxin.evaluation.choices import ObjectionStatus, RunStatus
from gaoxin.evaluation.models import EvaluationResult, EvaluationRun
from gaoxin.evaluation.tests.zone import YEAR, Zone

pytestmark = pytest.mark.django_db


def in_publicity(zone: Zone) -> tuple[EvaluationRun, dt.date]:
    run = zone.publicize(zone.run())
    assert run.publicity_ends_on is not None
    return run, run.publicity_ends_on


def grades(run: EvaluationRun) -> dict[str, tuple[float, str]]:
    rows = EvaluationResult.objects.filter(run=run).values_list("enterprise__name", "total", "grade")
    return {name: (round(total, 2), grade) for name, total, grade in rows}


def test_an_accepted_objection_corrects_the_data_and_rescores_the_run(zone: Zone) -> None:
    run, _ends = in_publicity(zone)
    officer = zone.personas.officer_a
    objection = services.objection_file(
        run=run, enterprise=zone.f2, text="2025年实缴税金应为360万元，附完税证明。", by=officer
    )
    values = {"tax": Decimal("360"), "land_mu": Decimal("20"), "revenue": Decimal("2400")}
    services.objection_accept(objection=objection, values=values, decision="核实无误，予以更正。", by=officer)
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.ACCEPTED
    assert objection.corrections == {"tax": ["240", "360"]}
    row = EnterpriseYear.objects.get(enterprise=zone.f2, year=YEAR)
    assert row.tax == Decimal("360")
    assert row.sources["tax"] == "enterprise"
    # tax benchmark 720 ÷ 40 = 18: F1 30/18×60 + 80 = 180, F2 18/18×60 + 32 = 92, F3 6/18×60 + 16 = 36
    assert grades(run) == {zone.f1.name: (180.0, "A"), zone.f2.name: (92.0, "B"), zone.f3.name: (36.0, "D")}
    run.refresh_from_db()
    assert run.status == RunStatus.PUBLICITY
    notes = set(
        ChangeLogEntry.objects.filter(content_type__model="evaluationrun", object_id=str(run.pk)).values_list(
            "note", flat=True
        )
    )
    assert {"scored", "publicity", f"objection {objection.pk} accepted"} <= notes
    assert ChangeLogEntry.objects.filter(content_type__model="enterpriseyear", object_id=str(row.pk)).exists()


def test_a_contact_objects_only_for_their_own_enterprise_inside_the_window(zone: Zone) -> None:
    run, ends = in_publicity(zone)
    contact = zone.personas.contact
    with pytest.raises(ValidationError, match="own enterprise"):
        services.objection_file(run=run, enterprise=zone.f2, text="不服", by=contact)
    objection = services.objection_file(run=run, enterprise=zone.f1, text="排名有误", by=contact)
    assert objection.filed_by == contact
    with (
        time_machine.travel(ends + dt.timedelta(days=1)),
        pytest.raises(ValidationError, match="window is closed"),
    ):
        services.objection_file(run=run, enterprise=zone.f1, text="再次申诉", by=contact)


def test_objections_are_taken_only_in_publicity(zone: Zone) -> None:
    run = zone.run()
    with pytest.raises(ValidationError, match="only while the list is in publicity"):
        services.objection_file(run=run, enterprise=zone.f1, text="不服", by=zone.personas.officer_a)


def test_a_rejection_needs_a_reason_and_decides_once(zone: Zone) -> None:
    run, _ends = in_publicity(zone)
    objection = services.objection_file(
        run=run, enterprise=zone.f1, text="排名有误", by=zone.personas.contact
    )
    with pytest.raises(ValidationError, match="reason"):
        services.objection_reject(objection=objection, decision=" ", by=zone.personas.officer_a)
    services.objection_reject(objection=objection, decision="经核实，数据无误。", by=zone.personas.officer_a)
    with pytest.raises(ValidationError, match="decided already"):
        services.objection_reject(objection=objection, decision="再议", by=zone.personas.officer_a)
    objection.refresh_from_db()
    assert (objection.status, objection.handled_by) == (ObjectionStatus.REJECTED, zone.personas.officer_a)


def test_steps_happen_in_order(zone: Zone) -> None:
    run = zone.run()
    officer = zone.personas.officer_a
    with pytest.raises(ValidationError, match="Only a run in publicity"):
        services.run_approve(run=run, by=officer)
    with pytest.raises(ValidationError, match="Only an approved run"):
        services.run_publish(run=run, by=officer)
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        services.run_publicity(run=run, starts_on=today, ends_on=today - dt.timedelta(days=1), by=officer)
