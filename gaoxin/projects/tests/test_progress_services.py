"""Monthly investment services: plans, reports, lights recomputed and logged, the light rule, the command."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation

from gaoxin.core.models import ChangeLogEntry
from gaoxin.projects.display import describe_reasons
from gaoxin.projects.models import InvestmentPlan, LightRule, MonthlyReport, Project
from gaoxin.projects.selectors import rules
from gaoxin.projects.services import progress
from gaoxin.projects.tests.conftest import Office
from gaoxin.testing.personas import Personas

D = Decimal
TODAY = dt.date(2026, 7, 10)  # report month: June, time progress 50 %
STARTED = dt.date(2025, 3, 1)


def log_for(model: type[Any], pk: int) -> list[ChangeLogEntry]:
    ct = ContentType.objects.get_for_model(model)
    return list(ChangeLogEntry.objects.filter(content_type=ct, object_id=str(pk)).order_by("id"))


@pytest.fixture
def project(make_project: Callable[..., Project]) -> Project:
    p = make_project(started_on=STARTED)
    InvestmentPlan.objects.create(project=p, year=2026, amount=D(1200))
    return p


def test_the_responsible_unit_files_a_report_and_the_light_follows(
    project: Project, personas: Personas
) -> None:
    # June: time progress 50 % of 1200 = 600. 300 done = 25 % → 25 points behind → yellow.
    report = progress.file_report(
        project=project, year=2026, month=6, completed=D(300), physical_progress="主体结构封顶",
        by=personas.officer_a, today=TODAY,
    )  # fmt: skip
    assert report.completed == D(300)
    assert report.reported_by == personas.officer_a
    project.refresh_from_db()
    assert project.light == "yellow"
    assert project.physical_progress == "主体结构封顶"
    assert project.light_reasons[0]["params"]["gap"] == "25.0"
    # Another 250 in May: 550 of 1200 = 45.8 % → 4.2 points behind → green.
    progress.file_report(
        project=project, year=2026, month=5, completed=D(250), by=personas.officer_a, today=TODAY
    )
    project.refresh_from_db()
    assert project.light == "green"
    assert project.physical_progress == "主体结构封顶"  # May has no text; June's stays the latest
    entries = log_for(Project, project.pk)
    assert [e.changes for e in entries] == [
        {"physical_progress": ["", "主体结构封顶"]},
        {"light": ["grey", "yellow"]},
        {"light": ["yellow", "green"]},
    ]
    assert all(e.user == personas.officer_a for e in entries)
    (created,) = log_for(MonthlyReport, report.pk)
    assert created.changes["completed"] == [None, "300"]


def test_a_changed_report_is_logged_and_the_same_report_again_changes_nothing(
    project: Project, personas: Personas, office: Office
) -> None:
    def file(amount: str) -> MonthlyReport:
        return progress.file_report(
            project=project, year=2026, month=6, completed=D(amount), by=office.officer, today=TODAY
        )

    report = file("300")
    file("300")
    assert len(log_for(MonthlyReport, report.pk)) == 1
    file("700")
    entries = log_for(MonthlyReport, report.pk)
    assert entries[-1].changes == {"completed": ["300", "700"]}
    assert entries[-1].user == office.officer


def cumulative(project: Project) -> list[tuple[int, int, Decimal, Decimal]]:
    return list(
        MonthlyReport.objects.filter(project=project)
        .order_by("year", "month")
        .values_list("year", "month", "ytd_completed", "since_start_completed")
    )


def test_reports_carry_their_cumulative_figures_through_corrections(
    project: Project, office: Office, django_assert_max_num_queries: Any
) -> None:
    rows = [
        progress.ReportRow(project.pk, 2025, 12, {"completed": D(100)}),
        progress.ReportRow(project.pk, 2026, 1, {"completed": D(50)}),
        progress.ReportRow(project.pk, 2026, 3, {"completed": D(30)}),  # February not reported
        progress.ReportRow(project.pk, 2026, 4, {"planned": D(40)}),  # a plan only: nothing completed
    ]
    progress.store_reports(rows, by=office.officer, today=TODAY)
    assert cumulative(project) == [
        (2025, 12, D(100), D(100)),
        (2026, 1, D(50), D(150)),
        (2026, 3, D(80), D(180)),
        (2026, 4, D(80), D(180)),
    ]
    progress.file_report(
        project=project, year=2026, month=1, completed=D(70), by=office.officer, today=TODAY
    )  # a correction of January carries into March and April
    assert cumulative(project)[1:] == [
        (2026, 1, D(70), D(170)),
        (2026, 3, D(100), D(200)),
        (2026, 4, D(100), D(200)),
    ]
    MonthlyReport.objects.filter(project=project).update(ytd_completed=0, since_start_completed=0)
    with django_assert_max_num_queries(
        4
    ):  # a read and a batched write (PostgreSQL: staging table, UPDATE, drop)
        assert progress.refresh_running_totals() == 4
    assert cumulative(project)[-1] == (2026, 4, D(100), D(200))
    assert progress.refresh_running_totals() == 0  # in line: nothing written


def test_the_migration_fills_the_reports_already_stored(project: Project, office: Office) -> None:
    migration = importlib.import_module("gaoxin.projects.migrations.0004_report_cumulative_figures")
    progress.store_reports(
        [progress.ReportRow(project.pk, 2026, m, {"completed": D(m)}) for m in (1, 2, 3)],
        by=office.officer,
        today=TODAY,
    )
    MonthlyReport.objects.update(ytd_completed=0, since_start_completed=0)
    migration.fill_running_totals(apps, None)
    assert [row[2:] for row in cumulative(project)] == [(D(1), D(1)), (D(3), D(3)), (D(6), D(6))]


@pytest.mark.parametrize("name", ["officer_b", "leader", "contact"])
def test_others_may_not_report(project: Project, personas: Personas, name: str) -> None:
    with pytest.raises(PermissionDenied):
        progress.file_report(project=project, year=2026, month=6, completed=D(1), by=getattr(personas, name))
    with pytest.raises(PermissionDenied):
        progress.set_annual_plan(project=project, year=2026, amount=D(1), by=getattr(personas, name))
    assert not MonthlyReport.objects.exists()


def test_future_months_and_negative_amounts_are_rejected(project: Project, personas: Personas) -> None:
    with pytest.raises(ValidationError):
        progress.file_report(
            project=project, year=2026, month=8, completed=D(1), by=personas.officer_a, today=TODAY
        )
    with pytest.raises(ValidationError):
        progress.file_report(
            project=project, year=2026, month=6, completed=D(-1), by=personas.officer_a, today=TODAY
        )
    # The current month has begun: it may be reported.
    progress.file_report(
        project=project, year=2026, month=7, completed=D(1), by=personas.officer_a, today=TODAY
    )
    assert MonthlyReport.objects.count() == 1


def test_annual_and_monthly_plans(project: Project, personas: Personas) -> None:
    monthly = {m: D(100) for m in range(1, 13)}
    plan = progress.set_annual_plan(
        project=project, year=2027, amount=D(1200), monthly=monthly, by=personas.officer_a, today=TODAY
    )
    assert plan.amount == D(1200)
    rows = MonthlyReport.objects.filter(project=project, year=2027)
    assert rows.count() == 12
    assert all(r.completed is None and r.reported_by is None for r in rows)
    before = ChangeLogEntry.objects.count()
    progress.set_annual_plan(
        project=project, year=2027, amount=D(1200), monthly=monthly, by=personas.officer_a, today=TODAY
    )
    assert ChangeLogEntry.objects.count() == before  # nothing changed, nothing logged
    progress.set_annual_plan(
        project=project, year=2026, amount=D(600), monthly=dict.fromkeys(range(1, 13)), by=personas.officer_a,
        today=TODAY,
    )  # fmt: skip
    assert not MonthlyReport.objects.filter(project=project, year=2026).exists()  # no empty months stored
    assert log_for(InvestmentPlan, InvestmentPlan.objects.get(project=project, year=2026).pk)[-1].changes == {
        "amount": ["1200", "600"]
    }


def test_monthly_plans_may_not_add_up_to_more_than_the_annual_plan(
    project: Project, personas: Personas
) -> None:
    """The parts may not exceed the whole, whichever way they come: months set with the annual plan, a month's
    plan filed alone, or the annual plan lowered below the months; the message names the month, in Chinese."""
    officer = personas.officer_a
    with pytest.raises(ValidationError) as error, translation.override("zh-hans"):
        progress.set_annual_plan(
            project=project, year=2027, amount=D(1000), monthly={m: D(100) for m in range(1, 13)}, by=officer,
            today=TODAY,
        )  # fmt: skip
    assert error.value.messages == [
        "截至2027年11月，月度计划投资合计1,100.00万元，超过年度计划投资1,000.00万元。"
    ]
    assert not InvestmentPlan.objects.filter(year=2027).exists()  # all or nothing
    assert not MonthlyReport.objects.filter(year=2027).exists()
    progress.set_annual_plan(
        project=project, year=2026, amount=D(1200), monthly={m: D(100) for m in range(1, 13)}, by=officer,
        today=TODAY,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="2026年12月"):
        progress.store_reports(
            [progress.ReportRow(project.pk, 2026, 12, {"planned": D("100.01")})], by=officer
        )
    with pytest.raises(ValidationError, match="2026年12月"):
        progress.set_annual_plan(project=project, year=2026, amount=D(1199), by=officer, today=TODAY)
    assert InvestmentPlan.objects.get(project=project, year=2026).amount == D(1200)
    assert MonthlyReport.objects.get(project=project, year=2026, month=12).planned == D(100)


def test_a_missed_start_turns_red_over_time_through_the_command(make_project: Callable[..., Project]) -> None:
    late = make_project(planned_start_on=dt.date(2026, 1, 10))
    on_track = make_project(planned_start_on=dt.date(2026, 1, 10), started_on=dt.date(2026, 1, 5))
    call_command("project_lights", "--on", "2026-01-10", "--quiet")
    late.refresh_from_db()
    assert late.light == "grey"
    call_command("project_lights", "--on", "2026-02-01", "--quiet")
    late.refresh_from_db()
    assert late.light == "yellow"
    call_command("project_lights", "--on", "2026-04-10", "--quiet")
    late.refresh_from_db()
    on_track.refresh_from_db()
    assert late.light == "red"
    assert late.light_reasons[0]["params"] == {"date": "2026-01-10", "months": 3}
    assert on_track.light == "grey"  # started, no plan: nothing to judge
    assert [e.changes["light"] for e in log_for(Project, late.pk)] == [["grey", "yellow"], ["yellow", "red"]]


def test_recomputing_all_lights_takes_a_fixed_number_of_queries(
    make_project: Callable[..., Project], django_assert_max_num_queries: Any
) -> None:
    for n in range(40):
        p = make_project(planned_start_on=dt.date(2025, 1, 1), started_on=dt.date(2025, 1, 1))
        InvestmentPlan.objects.create(project=p, year=2026, amount=D(1000))
        MonthlyReport.objects.create(project=p, year=2026, month=3, completed=D(n * 10))
    progress.refresh_running_totals()  # what filing the reports does
    with django_assert_max_num_queries(8):
        changed = progress.recompute_lights(on=dt.date(2026, 4, 2))
    # March: 25 %. n×10 of 1000 → gap 25 − n points: n ≥ 16 green, 0…15 yellow; none red.
    assert changed == 40
    assert Project.objects.filter(light="green").count() == 24
    assert Project.objects.filter(light="yellow").count() == 16


def test_a_new_light_rule_recomputes_every_light(
    make_project: Callable[..., Project], office: Office
) -> None:
    today = timezone.localdate()
    late = make_project(planned_start_on=today - dt.timedelta(days=40))  # 1 month late, under 2
    progress.recompute_lights()
    late.refresh_from_db()
    assert late.light == "yellow"
    rule = progress.update_light_rule(
        data={"yellow_gap": D(10), "red_gap": D(30), "start_late_red_months": 1}, by=office.officer
    )
    late.refresh_from_db()
    assert late.light == "red"  # recomputed by the task (immediate backend in tests)
    assert rules.current_light_rule().start_late_red_months == 1
    assert log_for(LightRule, rule.pk)[0].user == office.officer


@pytest.mark.parametrize("name", ["officer_a", "leader", "officer_b"])
def test_only_the_project_office_changes_the_rule(personas: Personas, name: str) -> None:
    with pytest.raises(PermissionDenied):
        progress.update_light_rule(data={"yellow_gap": D(5)}, by=getattr(personas, name))
    assert not LightRule.objects.exists()


def test_a_new_rule_queues_the_recomputation_only_once_committed(
    office: Office, queued_tasks: list[str]
) -> None:
    data = {"yellow_gap": D(10), "red_gap": D(30), "start_late_red_months": 1}
    with transaction.atomic():
        progress.update_light_rule(data=data, by=office.officer)
        transaction.set_rollback(True)  # the caller's transaction fails after the service
    assert not LightRule.objects.exists()
    assert queued_tasks == []
    progress.update_light_rule(data=data, by=office.officer)
    assert queued_tasks == ["recompute_lights_task"]


def test_the_rule_thresholds_must_be_in_order(office: Office) -> None:
    with pytest.raises(ValidationError):
        progress.update_light_rule(data={"yellow_gap": D(40), "red_gap": D(30)}, by=office.officer)


def test_reasons_read_in_chinese(project: Project, personas: Personas) -> None:
    progress.file_report(
        project=project, year=2026, month=6, completed=D(300), by=personas.officer_a, today=TODAY
    )
    project.refresh_from_db()
    with translation.override("zh-hans"):
        (text,) = describe_reasons(project.light_reasons)
    assert "时序进度" in text
    assert "25.0" in text
