"""A plan computed on an estimated year of the working-day calendar is marked, on the plan page, the project page
and the timeline, until the official arrangement is entered; entering it recomputes the plan in the background
(``arrangements_changed`` → ``recompute_plans_task``) and logs what moved.

The estimate of 2027 lists only the Spring Festival Monday (8 February) as a day off; the official arrangement
also gives New Year's Day, Friday 1 January 2027. Plan: 备案 (5 working days) → 施工 (2 calendar days), target
Friday 8 January 2027; 施工 is 7–8 January, so 备案 must finish by Wednesday 6 January.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from gaoxin.core import calendar_services, changelog
from gaoxin.core.calendar_models import WorkdayArrangement
from gaoxin.core.change_display import shown
from gaoxin.projects.selectors.timeline import plan_page
from gaoxin.projects.services import plans

pytestmark = pytest.mark.django_db

D = dt.date
SPRING_FESTIVAL = D(2027, 2, 8)
NEW_YEAR = D(2027, 1, 1)
MARK = "按预估节假日安排计算（2027年）"


@pytest.fixture
def estimated_2027(personas):
    WorkdayArrangement.objects.filter(year=2027).delete()
    return calendar_services.arrangement_save(
        year=2027,
        holidays={SPRING_FESTIVAL},
        makeup_workdays=set(),
        holiday_names={SPRING_FESTIVAL: "春节"},
        note="估算",
        estimated=True,
        by=personas.by_name("administrator"),
    )


def planned(project, by):
    plans.plan_set_target(project=project, target_on=D(2027, 1, 8), by=by)
    filing = plans.plan_step_add(project=project, name="备案", duration=5, unit="working", by=by)
    plans.plan_step_add(
        project=project, name="施工", duration=2, after=[{"step": filing.key, "lag": 0}], by=by
    )
    filing.refresh_from_db()
    project.refresh_from_db()
    return filing


def page_text(client, name, project):
    return client.get(reverse(name, args=[project.pk])).content.decode()


def test_a_plan_on_an_estimated_year_is_marked_everywhere(make_project, office, estimated_2027, client_as):
    project = make_project()
    filing = planned(project, office.officer)
    # 6, 5, 4 January, then Thursday 31 and Wednesday 30 December: 1 January counts as a working day in the estimate.
    assert (filing.latest_start, filing.latest_finish) == (D(2026, 12, 31), D(2027, 1, 6))
    assert project.plan_estimated_years == [2027]
    assert project.plan_calendar == {"2026": 1, "2027": estimated_2027.revision}
    assert plan_page(project, as_of=D(2026, 12, 1)).estimated_years == [2027]
    client = client_as("office")
    with translation.override("zh-hans"):
        plan_html = page_text(client, "projects:plan", project)
        detail_html = page_text(client, "projects:detail", project)
    assert plan_html.count(MARK) == 2  # once above the page, once on the timeline
    assert plan_html.count('data-estimated-calendar="2027"') == 2
    assert 'id="estimated-calendar"' in plan_html
    assert MARK in detail_html


def test_a_plan_on_official_years_only_is_not_marked(make_project, office, client_as):
    project = make_project()
    plans.plan_set_target(project=project, target_on=D(2026, 10, 16), by=office.officer)
    plans.plan_step_add(project=project, name="备案", duration=5, unit="working", by=office.officer)
    project.refresh_from_db()
    assert project.plan_estimated_years == []
    assert set(project.plan_calendar) == {"2026"}
    with translation.override("zh-hans"):
        html = page_text(client_as("office"), "projects:plan", project)
    assert "按预估节假日安排计算（" not in html
    assert "data-estimated-calendar" not in html


def test_entering_the_official_arrangement_recomputes_the_plan_and_removes_the_mark(
    make_project, office, estimated_2027, personas, client_as, django_capture_on_commit_callbacks
):
    project = make_project()
    filing = planned(project, office.officer)
    other = make_project()
    plans.plan_set_target(project=other, target_on=D(2026, 10, 16), by=office.officer)
    plans.plan_step_add(project=other, name="备案", duration=5, unit="working", by=office.officer)
    with django_capture_on_commit_callbacks(execute=True), translation.override("zh-hans"):
        calendar_services.arrangement_save(
            year=2027,
            holidays={NEW_YEAR, SPRING_FESTIVAL},
            makeup_workdays=set(),
            holiday_names={NEW_YEAR: "元旦", SPRING_FESTIVAL: "春节"},
            note="国办发明电〔2026〕1号",
            by=personas.by_name("administrator"),
        )
    filing.refresh_from_db()
    project.refresh_from_db()
    # 6, 5, 4 January, then (1 January off) 31 and 30 December.
    assert (filing.latest_start, filing.latest_finish) == (D(2026, 12, 30), D(2027, 1, 6))
    assert project.plan_estimated_years == []
    assert project.plan_calendar["2027"] == estimated_2027.revision + 1
    step_entry = changelog.history(filing).filter(user=None).get()
    assert step_entry.changes == {"latest_start": ["2026-12-31", "2026-12-30"]}
    assert "2027" in step_entry.note
    project_entry = changelog.history(project).filter(user=None).get()
    assert project_entry.changes == {"plan_estimated_years": [[2027], []]}
    with translation.override("zh-hans"):
        assert [(row.old, row.new) for row in shown(project_entry).changes] == [("2027", "—")]
        for name in ("projects:plan", "projects:detail"):
            html = page_text(client_as("office"), name, project)
            assert MARK not in html
            assert "data-estimated-calendar" not in html
    assert (
        not changelog.history(other.plan_steps.get()).filter(user=None).exists()
    )  # 2027 plays no part in it


def test_confirming_the_estimate_as_official_keeps_the_dates_and_removes_the_mark(
    make_project, office, estimated_2027, client_for, django_capture_on_commit_callbacks
):
    project = make_project()
    filing = planned(project, office.officer)
    admin = client_for("administrator")
    with translation.override("zh-hans"):
        year_page = admin.get(reverse("core:calendar_year", args=[2027])).content.decode()
    assert 'id="estimated-badge"' in year_page
    assert 'id="confirm-official"' in year_page
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(reverse("core:calendar_confirm", args=[2027]))
    assert response.status_code == 302
    estimated_2027.refresh_from_db()
    assert not estimated_2027.estimated
    assert estimated_2027.holidays == [SPRING_FESTIVAL.isoformat()]
    assert changelog.history(estimated_2027).first().changes["estimated"] == [True, False]
    project.refresh_from_db()
    filing.refresh_from_db()
    assert project.plan_estimated_years == []
    assert filing.latest_start == D(2026, 12, 31)
    assert (
        'id="confirm-official"' not in admin.get(reverse("core:calendar_year", args=[2027])).content.decode()
    )


def test_the_form_stores_an_estimate_and_the_list_marks_it(personas, client_for):
    WorkdayArrangement.objects.filter(year=2027).delete()
    admin = client_for("administrator")
    response = admin.post(
        reverse("core:calendar_year", args=[2027]),
        {"note": "", "days_off": "2027-02-08 春节", "makeup_workdays": "", "estimated": "on"},
    )
    assert response.status_code == 302
    assert WorkdayArrangement.objects.get(year=2027).estimated
    assert 'data-estimated-year="2027"' in admin.get(reverse("core:calendar_list")).content.decode()
    admin.post(
        reverse("core:calendar_year", args=[2027]),
        {
            "note": "国办发明电〔2026〕1号",
            "days_off": "2027-01-01 元旦\n2027-02-08 春节",
            "makeup_workdays": "",
        },
    )
    assert not WorkdayArrangement.objects.get(year=2027).estimated
    assert 'data-estimated-year="2027"' not in admin.get(reverse("core:calendar_list")).content.decode()
