"""Plan and approval services on the database calendar, with dates computed by hand across National Day 2025.

National Day 2025 (State Council notice): holidays 1–8 October, make-up working days Sunday 28 September and
Saturday 11 October.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from gaoxin.core.calendar_models import WorkdayArrangement
from gaoxin.core.models import ChangeLogEntry
from gaoxin.projects.models import ApprovalItem, PlanStep
from gaoxin.projects.scheduling import MAX_90_DAYS
from gaoxin.projects.selectors.timeline import plan_page
from gaoxin.projects.services import plans

pytestmark = pytest.mark.django_db

D = dt.date


def two_step_plan(project, by):
    """备案 (5 working days) → 施工 (2 calendar days), scheduled back from Saturday 11 October 2025."""
    plans.plan_set_target(project=project, target_on=D(2025, 10, 11), by=by)
    filing = plans.plan_step_add(
        project=project, name="备案", duration=5, unit="working", legal_limit=5, by=by
    )
    works = plans.plan_step_add(
        project=project, name="施工", duration=2, after=[{"step": filing.key, "lag": 0}], by=by
    )
    return filing, works


def test_backward_schedule_across_national_day_is_stored(make_project, office):
    project = make_project()
    filing, works = two_step_plan(project, office.officer)
    works.refresh_from_db()
    filing.refresh_from_db()
    # 施工: 2 calendar days ending on the target → 10–11 October.
    assert (works.latest_start, works.latest_finish) == (D(2025, 10, 10), D(2025, 10, 11))
    # 备案 must finish by 9 October (a working day); 5 working days back: 9 Oct, 30, 29, 28 (Sunday make-up
    # day) and 26 September — the holidays 1–8 October and Saturday 27 September do not count.
    assert (filing.latest_start, filing.latest_finish) == (D(2025, 9, 26), D(2025, 10, 9))


def test_every_change_reschedules(make_project, office):
    project = make_project()
    filing, works = two_step_plan(project, office.officer)
    plans.plan_step_update(step=works, data={"duration": 5}, by=office.officer)
    filing.refresh_from_db()
    # 施工 now 7–11 October; 备案 must finish by 6 October (a holiday) → the last working day is 30 September;
    # 5 working days back: 30, 29, 28 (make-up), 26, 25 September.
    assert (filing.latest_start, filing.latest_finish) == (D(2025, 9, 25), D(2025, 9, 30))
    plans.plan_set_target(project=project, target_on=D(2025, 10, 15), by=office.officer)
    filing.refresh_from_db()
    # 施工 11–15 October; 备案 by 10 October: 10, 9, 30 Sep, 29, 28 (make-up).
    assert (filing.latest_start, filing.latest_finish) == (D(2025, 9, 28), D(2025, 10, 10))


def test_a_missing_calendar_year_clears_the_dates_and_says_which_year(make_project, office):
    project = make_project()
    filing, _ = two_step_plan(project, office.officer)
    WorkdayArrangement.objects.filter(year=2025).delete()
    missing = plans.plan_recompute(project=project)
    assert missing == 2025
    filing.refresh_from_db()
    assert filing.latest_start is None
    assert filing.latest_finish is None
    with translation.override("zh-hans"):
        page = plan_page(project, as_of=D(2025, 9, 1))
    assert page.projection is None
    assert page.missing_years == [2025]
    assert any("2025 年工作日安排尚未录入" in text for text in page.missing_year_notices)


def test_forward_projection_flags_late_and_at_risk_steps(make_project, office):
    project = make_project()
    filing, works = two_step_plan(project, office.officer)
    # As of 29 September nothing has started: 备案 should have started on 26 September → late.
    page = plan_page(project, as_of=D(2025, 9, 29))
    states = {row.step.key: row.state for row in page.steps}
    assert states[filing.key] == "late"
    # Projected: 备案 from 30 September, 5 working days: 30, 9, 10, 11 (Saturday make-up), 13 October;
    # 施工 14–15 October, 4 days after the target.
    assert page.projection is not None
    assert page.projection.step(filing.key).expected_finish == D(2025, 10, 13)
    assert page.projection.expected_completion == D(2025, 10, 15)
    assert page.projection.completion_float_days == -4
    # 施工 not yet due to start but expected after its latest finish → at risk.
    assert states[works.key] == "at_risk"
    assert page.late == 1
    assert page.at_risk == 1


def test_actual_dates_are_checked_and_finish_a_step(make_project, office):
    project = make_project()
    filing, works = two_step_plan(project, office.officer)
    with pytest.raises(ValidationError):
        plans.plan_step_update(
            step=filing,
            data={"actual_start": D(2025, 9, 26), "actual_finish": D(2025, 9, 20)},
            by=office.officer,
        )
    with pytest.raises(ValidationError):
        plans.plan_step_update(step=filing, data={"actual_finish": D(2025, 9, 20)}, by=office.officer)
    plans.plan_step_update(
        step=filing, data={"actual_start": D(2025, 9, 22), "actual_finish": D(2025, 9, 26)}, by=office.officer
    )
    page = plan_page(project, as_of=D(2025, 9, 29))
    states = {row.step.key: row.state for row in page.steps}
    assert states == {filing.key: "done", works.key: "on_track"}


def test_cycles_are_refused_in_chinese_and_nothing_is_saved(make_project, office):
    project = make_project()
    filing, works = two_step_plan(project, office.officer)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        plans.plan_step_update(step=filing, data={"predecessors": [{"step": works.key}]}, by=office.officer)
    assert "节点之间存在循环依赖" in " ".join(caught.value.messages)
    filing.refresh_from_db()
    assert filing.predecessors == []


def test_removing_a_step_hands_its_predecessors_to_its_successors(make_project, office):
    project = make_project()
    filing, works = two_step_plan(project, office.officer)
    review = plans.plan_step_add(
        project=project,
        name="审查",
        duration=3,
        after=[{"step": filing.key, "lag": 2}],
        before=[works.key],
        by=office.officer,
    )
    works.refresh_from_db()
    assert {"step": review.key, "lag": 0} in works.predecessors
    # 施工 waits for 审查 as well now: 审查 8–10 October? No: 施工 starts 10 October, so 审查 (3 calendar days)
    # ends 9 October and starts 7 October.
    review.refresh_from_db()
    assert (review.latest_start, review.latest_finish) == (D(2025, 10, 7), D(2025, 10, 9))
    plans.plan_step_update(
        step=works, data={"predecessors": [{"step": review.key, "lag": 1}]}, by=office.officer
    )
    plans.plan_step_delete(step=review, by=office.officer)
    works.refresh_from_db()
    assert works.predecessors == [{"step": filing.key, "lag": 3}]  # 2 + 1
    assert ChangeLogEntry.objects.filter(object_repr__contains="审查", action="delete").exists()


def test_applying_the_90_day_template_creates_steps_and_approval_items(make_project, office):
    project = make_project()
    steps = plans.plan_apply_template(
        project=project, template_key=MAX_90_DAYS.key, target_on=D(2026, 10, 30), by=office.officer
    )
    assert [s.key for s in steps] == [s.key for s in MAX_90_DAYS.steps]
    assert all(s.latest_start and s.latest_finish for s in steps)
    production = PlanStep.objects.get(project=project, key="production_start")
    assert production.latest_start == production.latest_finish == D(2026, 10, 30)
    trial = PlanStep.objects.get(project=project, key="trial_production")
    assert (trial.latest_start, trial.latest_finish) == (D(2026, 9, 30), D(2026, 10, 29))
    items = ApprovalItem.objects.filter(project=project)
    with_limit = [s for s in MAX_90_DAYS.steps if s.legal_limit]
    assert sorted(items.values_list("plan_step__key", "legal_limit")) == sorted(
        (s.key, s.legal_limit) for s in with_limit
    )
    project.refresh_from_db()
    assert (project.plan_template, project.plan_target_on) == (MAX_90_DAYS.key, D(2026, 10, 30))
    assert ChangeLogEntry.objects.filter(object_repr__contains="施工许可", action="create").count() >= 2


def test_reapplying_keeps_approvals_and_actual_dates(make_project, office):
    project = make_project()
    plans.plan_apply_template(
        project=project, template_key=MAX_90_DAYS.key, target_on=D(2026, 10, 30), by=office.officer
    )
    code = PlanStep.objects.get(project=project, key="project_code")
    plans.plan_step_update(
        step=code, data={"actual_start": D(2025, 3, 3), "actual_finish": D(2025, 3, 3)}, by=office.officer
    )
    item = ApprovalItem.objects.get(project=project, plan_step=code)
    plans.plan_apply_template(
        project=project, template_key=MAX_90_DAYS.key, target_on=D(2026, 11, 30), by=office.officer
    )
    item.refresh_from_db()
    assert item.plan_step is not None
    assert item.plan_step.key == "project_code"
    assert item.plan_step.actual_finish == D(2025, 3, 3)
    assert ApprovalItem.objects.filter(project=project).count() == sum(
        1 for s in MAX_90_DAYS.steps if s.legal_limit
    )


def test_unknown_template_and_outsiders_are_refused(make_project, office, personas):
    project = make_project()
    with pytest.raises(ValidationError):
        plans.plan_apply_template(
            project=project, template_key="nope", target_on=D(2026, 1, 1), by=office.officer
        )
    for user in (personas.leader, personas.officer_b):
        with pytest.raises(PermissionDenied):
            plans.plan_set_target(project=project, target_on=D(2026, 1, 1), by=user)
    plans.plan_set_target(project=project, target_on=D(2026, 1, 1), by=personas.officer_a)  # responsible unit


def test_approval_clock_counts_government_days_across_the_holiday(make_project, office):
    project = make_project()
    item = plans.approval_save(
        project=project,
        data={
            "name": "施工许可",
            "legal_limit": 8,
            "started_on": D(2025, 9, 26),
            "finished_on": D(2025, 10, 15),
        },
        by=office.officer,
    )
    # Counted after the day of acceptance: 28 Sep (make-up), 29, 30, 9 Oct, 10, 11 (make-up), 13, 14, 15 → 9.
    row = plan_page(project, as_of=D(2025, 10, 20)).approvals[0]
    assert row.clock is not None
    assert (row.clock.used, row.clock.overdue) == (9, True)
    plans.clock_stop_save(
        approval=item,
        data={
            "starts_on": D(2025, 10, 9),
            "ends_on": D(2025, 10, 10),
            "party": "owner",
            "reason": "补正材料",
        },
        by=office.officer,
    )
    row = plan_page(project, as_of=D(2025, 10, 20)).approvals[0]
    assert row.clock is not None
    assert (row.clock.used, row.clock.stopped, row.clock.overdue) == (7, 2, False)


def test_clock_stops_and_approval_dates_are_validated(make_project, office):
    project = make_project()
    item = plans.approval_save(
        project=project, data={"name": "规划许可", "legal_limit": 20}, by=office.officer
    )
    stop = {"starts_on": D(2025, 10, 9), "ends_on": D(2025, 10, 10), "party": "owner", "reason": "补正"}
    with pytest.raises(ValidationError):  # not started yet
        plans.clock_stop_save(approval=item, data=stop, by=office.officer)
    with pytest.raises(ValidationError):  # finished without a start
        plans.approval_save(
            project=project, approval=item, data={"finished_on": D(2025, 10, 1)}, by=office.officer
        )
    with pytest.raises(ValidationError):
        plans.approval_save(
            project=project,
            approval=item,
            data={"started_on": D(2025, 10, 9), "finished_on": D(2025, 10, 1)},
            by=office.officer,
        )
    plans.approval_save(
        project=project, approval=item, data={"started_on": D(2025, 10, 9)}, by=office.officer
    )
    with pytest.raises(ValidationError):  # on the day of acceptance
        plans.clock_stop_save(approval=item, data=stop, by=office.officer)
    with pytest.raises(ValidationError):  # ends before it starts
        plans.clock_stop_save(
            approval=item,
            data={**stop, "starts_on": D(2025, 10, 13), "ends_on": D(2025, 10, 12)},
            by=office.officer,
        )
    saved = plans.clock_stop_save(
        approval=item, data={**stop, "starts_on": D(2025, 10, 10)}, by=office.officer
    )
    with pytest.raises(ValidationError):  # the stop would fall before the new start
        plans.approval_save(
            project=project, approval=item, data={"started_on": D(2025, 10, 11)}, by=office.officer
        )
    plans.clock_stop_delete(stop=saved, by=office.officer)
    plans.approval_delete(approval=item, by=office.officer)
    assert not ApprovalItem.objects.filter(project=project).exists()
    assert ChangeLogEntry.objects.filter(object_repr__contains="规划许可", action="delete").exists()


def test_the_60_and_30_day_groups_sum_their_items(make_project, office):
    project = make_project()
    plans.plan_apply_template(
        project=project, template_key=MAX_90_DAYS.key, target_on=D(2026, 10, 30), by=office.officer
    )
    code = ApprovalItem.objects.get(project=project, plan_step__key="project_code")
    permit = ApprovalItem.objects.get(project=project, plan_step__key="planning_permit")
    # Project code: accepted Friday 26 Sep 2025, done 30 Sep → 28 (make-up), 29, 30 = 3 days.
    plans.approval_save(
        project=project,
        approval=code,
        data={"started_on": D(2025, 9, 26), "finished_on": D(2025, 9, 30)},
        by=office.officer,
    )
    # Planning permit: accepted 30 Sep, done 14 Oct → 9, 10, 11 (make-up), 13, 14 = 5 days.
    plans.approval_save(
        project=project,
        approval=permit,
        data={"started_on": D(2025, 9, 30), "finished_on": D(2025, 10, 14)},
        by=office.officer,
    )
    groups = {g.limit: g for g in plan_page(project, as_of=D(2025, 10, 20)).groups}
    assert (groups[60].used, groups[60].over) == (8, False)
    assert groups[30].used == 0
    assert len(groups[60].items) == 4


def test_without_next_years_calendar_late_steps_are_still_flagged(make_project, office):
    """On 22 November 2026 a plan ending 31 December 2026 is scheduled (2026 is known), but nothing can be
    projected into 2027 until its arrangement is entered: steps past their latest dates are late all the same."""
    WorkdayArrangement.objects.filter(year__gte=2027).delete()
    project = make_project()
    plans.plan_apply_template(
        project=project, template_key=MAX_90_DAYS.key, target_on=D(2026, 12, 31), by=office.officer
    )
    with translation.override("zh-hans"):
        page = plan_page(project, as_of=D(2026, 11, 22))
    assert page.projection is None
    assert any("无法推算预计日期" in text and "2027" in text for text in page.problems)
    assert [
        n for n in page.missing_year_notices if "2027 年工作日安排尚未录入" in n
    ] == page.missing_year_notices
    states = {row.step.key: row.state for row in page.steps}
    assert states["project_code"] == "late"  # its latest start lies early in 2026
    trial = PlanStep.objects.get(project=project, key="trial_production")
    assert trial.latest_start == D(2026, 12, 1)  # 30 days ending 30 December
    assert states["trial_production"] == "on_track"
    assert states["production_start"] == "on_track"


def test_a_missing_year_is_said_once_and_the_computable_clocks_are_kept(make_project, office, client_for):
    """Two approvals: one inside 2026, one whose legal limit runs into 2027 (not entered). The page says once
    that 2027 is missing; the first clock is computed, the second says only which year it needs."""
    WorkdayArrangement.objects.filter(year__gte=2027).delete()
    project = make_project()
    plans.plan_apply_template(
        project=project, template_key=MAX_90_DAYS.key, target_on=D(2026, 12, 31), by=office.officer
    )
    items = list(ApprovalItem.objects.filter(project=project).order_by("sort_order")[:2])
    ApprovalItem.objects.filter(pk=items[0].pk).update(started_on=D(2026, 3, 2), finished_on=D(2026, 3, 20))
    ApprovalItem.objects.filter(pk=items[1].pk).update(started_on=D(2026, 11, 20), legal_limit=40)
    with time_machine.travel(dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC), tick=False):
        response = client_for("leader").get(reverse("projects:plan", args=[project.pk]))
    page = response.context["page"]
    assert page.missing_years == [2027]
    assert response.content.decode().count("2027 年工作日安排尚未录入") == 1
    rows = {row.item.pk: row for row in page.approvals}
    assert rows[items[0].pk].clock is not None
    assert rows[items[1].pk].clock is None
    assert "2027" in rows[items[1].pk].problem
