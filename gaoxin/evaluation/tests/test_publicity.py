"""公示 and approval cannot be skipped: every refusal of the rules in services.publicity, and the way through."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from gaoxin.core.models import ChangeLogEntry
from gaoxin.evaluation import services
from gaoxin.evaluation.choices import RunStatus
from gaoxin.evaluation.models import EvaluationRun, EvaluationSettings
from gaoxin.evaluation.services import ConfirmationRequired
from gaoxin.evaluation.tests.zone import SCHEME, YEAR, Zone, after_publicity

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 3, 2)  # the tests' today (conftest)
FRIDAY = dt.date(2026, 3, 6)  # five working days later, inclusive


def publicity(
    zone: Zone, run: EvaluationRun, starts_on: dt.date, ends_on: dt.date, **kwargs: object
) -> EvaluationRun:
    return services.run_publicity(
        run=run,
        starts_on=starts_on,
        ends_on=ends_on,
        by=zone.personas.officer_a,
        **kwargs,  # type: ignore[arg-type]
    )


def test_the_tests_run_on_a_known_monday() -> None:
    assert timezone.localdate() == MONDAY


def test_the_window_cannot_start_in_the_past(zone: Zone) -> None:
    run = zone.run()
    with pytest.raises(ValidationError, match="cannot start before today"):
        publicity(zone, run, MONDAY - dt.timedelta(days=10), FRIDAY)


def test_the_window_lasts_at_least_five_working_days(zone: Zone) -> None:
    run = zone.run()
    with pytest.raises(ValidationError, match=r"at least 5 working days.*2026-03-06"):
        publicity(zone, run, MONDAY, FRIDAY - dt.timedelta(days=1))
    # starting on Thursday, the weekend does not count: Thu, Fri, Mon, Tue, Wed
    with pytest.raises(ValidationError, match="2026-03-11"):
        publicity(zone, run, dt.date(2026, 3, 5), dt.date(2026, 3, 10))
    run = publicity(zone, run, MONDAY, FRIDAY)
    assert (run.status, run.publicity_started_by) == (RunStatus.PUBLICITY, zone.personas.officer_a)
    assert run.publicity_started_at is not None


def test_the_zone_and_the_scheme_may_ask_for_more_days(zone: Zone) -> None:
    settings = EvaluationSettings.current()
    settings.publicity_workdays = 7
    settings.save()
    with pytest.raises(ValidationError, match="at least 7 working days"):
        publicity(zone, zone.run(), MONDAY, FRIDAY)
    settings.publicity_workdays = 5
    settings.save()
    longer = services.scheme_create(
        text=SCHEME.replace('version = "1"', 'version = "2"\npublicity_workdays = 10'), by=None
    )
    run = services.run_start(year=YEAR, scheme=longer, by=None)
    with pytest.raises(ValidationError, match="at least 10 working days"):
        publicity(zone, run, MONDAY, dt.date(2026, 3, 12))
    assert publicity(zone, run, MONDAY, dt.date(2026, 3, 13)).status == RunStatus.PUBLICITY


def test_a_window_in_a_year_without_working_days_is_refused(zone: Zone) -> None:
    with pytest.raises(ValidationError, match="2099"):
        publicity(zone, zone.run(), dt.date(2099, 3, 2), dt.date(2099, 3, 20))


def test_open_disputes_ask_for_confirmation_and_are_listed(zone: Zone) -> None:
    services.confirmation_submit(
        enterprise=zone.f2,
        year=YEAR,
        status="objected",
        comment="税金应为 260 万元",
        by=zone.personas.contact,
    )
    run = zone.run()
    with pytest.raises(ConfirmationRequired) as asked:
        publicity(zone, run, MONDAY, FRIDAY)
    assert asked.value.items == [zone.f2.name]
    run.refresh_from_db()
    assert run.status == RunStatus.DRAFT
    assert publicity(zone, run, MONDAY, FRIDAY, confirm=True).status == RunStatus.PUBLICITY


def test_one_list_of_a_year_is_public_at_a_time(zone: Zone) -> None:
    first, second = zone.run(), zone.run()
    zone.publicize(first)
    with pytest.raises(ValidationError, match="in publicity or published already"):
        zone.publicize(second)
    with pytest.raises(IntegrityError):  # and the database holds to it
        EvaluationRun.objects.filter(pk=second.pk).update(status=RunStatus.PUBLISHED)


def test_approval_waits_for_the_window(zone: Zone) -> None:
    run = zone.publicize(zone.run())
    with pytest.raises(ValidationError, match="approve the list after it"):
        services.run_approve(run=run, by=zone.personas.leader)
    with after_publicity(run):
        assert services.run_approve(run=run, by=zone.personas.leader).status == RunStatus.APPROVED


def test_approval_waits_for_every_objection(zone: Zone) -> None:
    run = zone.publicize(zone.run())
    objection = services.objection_file(run=run, enterprise=zone.f1, text="请复核", by=zone.personas.contact)
    with after_publicity(run):
        with pytest.raises(ValidationError, match=r"Decide every objection.*\(1 open\)"):
            services.run_approve(run=run, by=zone.personas.leader)
        services.objection_reject(objection=objection, decision="数据无误", by=zone.personas.officer_a)
        assert services.run_approve(run=run, by=zone.personas.leader).status == RunStatus.APPROVED


def test_approval_waits_for_every_dispute_of_the_data_sheets(zone: Zone) -> None:
    dispute = services.confirmation_submit(
        enterprise=zone.f1, year=YEAR, status="objected", comment="用地面积有误", by=zone.personas.contact
    )
    run = zone.publicize(zone.run(), confirm=True)
    with after_publicity(run):
        with pytest.raises(ValidationError, match="Answer every dispute"):
            services.run_approve(run=run, by=zone.personas.leader)
        services.confirmation_answer(
            confirmation=dispute, outcome="upheld", answer="经核实，数据无误。", by=zone.personas.officer_a
        )
        assert services.run_approve(run=run, by=zone.personas.leader).status == RunStatus.APPROVED


def test_approval_needs_an_approving_role(zone: Zone) -> None:
    run = zone.publicize(zone.run())
    with after_publicity(run):
        for person in (zone.personas.officer_b, zone.personas.contact):
            with pytest.raises(ValidationError, match="role does not allow"):
                services.run_approve(run=run, by=person)


def test_the_person_who_started_the_publicity_cannot_approve_it(zone: Zone) -> None:
    settings = EvaluationSettings.current()
    settings.approver_departments.add(zone.personas.department_a)  # officers of 经发局 may approve
    run = zone.publicize(zone.run())  # started by officer A
    with after_publicity(run):
        with pytest.raises(ValidationError, match="someone other than the person who started"):
            services.run_approve(run=run, by=zone.personas.officer_a)
        assert services.run_approve(run=run, by=zone.personas.leader).approved_by == zone.personas.leader


def test_an_officer_of_an_approving_department_may_approve(zone: Zone) -> None:
    EvaluationSettings.current().approver_departments.add(zone.personas.department_a)
    run = zone.run()
    run = services.run_publicity(run=run, starts_on=MONDAY, ends_on=FRIDAY, by=zone.personas.administrator)
    with after_publicity(run):
        assert services.run_approve(run=run, by=zone.personas.officer_a).status == RunStatus.APPROVED


def test_a_leader_is_not_an_approver_when_the_zone_says_so(zone: Zone) -> None:
    settings = EvaluationSettings.current()
    settings.approver_roles = []
    settings.save()
    run = zone.publicize(zone.run())
    with after_publicity(run), pytest.raises(ValidationError, match="role does not allow"):
        services.run_approve(run=run, by=zone.personas.leader)


def test_publication_follows_approval_and_keeps_who_approved(zone: Zone) -> None:
    run = zone.publicize(zone.run())
    with pytest.raises(ValidationError, match="Only an approved run"):
        services.run_publish(run=run, by=zone.personas.officer_a)
    run = _published(zone, run)
    assert (run.status, run.approved_by, run.published_by) == (
        RunStatus.PUBLISHED,
        zone.personas.leader,
        zone.personas.officer_a,
    )
    notes = list(
        ChangeLogEntry.objects.filter(content_type__model="evaluationrun", object_id=str(run.pk))
        .order_by("time", "id")
        .values_list("note", "user_name")
    )
    assert notes[-3:] == [
        ("publicity", "p_officer_a"),
        ("approved", "p_leader"),
        ("published", "p_officer_a"),
    ]


def _published(zone: Zone, run: EvaluationRun) -> EvaluationRun:
    with after_publicity(run):
        run = services.run_approve(run=run, by=zone.personas.leader)
        return services.run_publish(run=run, by=zone.personas.officer_a)


def test_the_run_page_says_why_approval_waits(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    run = zone.publicize(zone.run())
    html = client_for("leader").get(f"/evaluation/runs/{run.pk}/").content.decode()
    assert 'id="approval-problems"' in html
    assert 'id="approve-run"' not in html
    with after_publicity(run):
        html = client_for("leader").get(f"/evaluation/runs/{run.pk}/").content.decode()
        assert 'id="approve-run"' in html
        assert (
            'id="approve-run"'
            not in client_for("officer_a").get(f"/evaluation/runs/{run.pk}/").content.decode()
        )


def test_the_publicity_page_asks_to_confirm_open_disputes(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    services.confirmation_submit(
        enterprise=zone.f2, year=YEAR, status="objected", comment="税金有误", by=zone.personas.contact
    )
    run = zone.run()
    client = client_for("officer_a")
    form = {"starts_on": "2026-03-02", "ends_on": "2026-03-06"}
    response = client.post(f"/evaluation/runs/{run.pk}/publicity/", form)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="confirmation-items"' in html
    assert zone.f2.name in html
    run.refresh_from_db()
    assert run.status == RunStatus.DRAFT
    assert client.post(f"/evaluation/runs/{run.pk}/publicity/", {**form, "confirm": "1"}).status_code == 302
    run.refresh_from_db()
    assert run.status == RunStatus.PUBLICITY
