"""The plan tab and its forms: who may see and change what, and what the page shows."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from gaoxin.core.models import ChangeLogEntry
from gaoxin.projects.models import ApprovalItem, ClockStop, PlanStep
from gaoxin.projects.scheduling import MAX_90_DAYS
from gaoxin.projects.services import plans

pytestmark = pytest.mark.django_db

READERS = ["administrator", "leader", "officer_a", "office", "officer_b"]
EDITORS = ["administrator", "officer_a", "office"]
NOT_EDITORS = ["leader", "officer_b", "contact"]
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def planned(make_project, office):  # type: ignore[no-untyped-def]
    project = make_project()
    plans.plan_apply_template(
        project=project, template_key=MAX_90_DAYS.key, target_on=dt.date(2026, 10, 30), by=office.officer
    )
    return project


@pytest.mark.parametrize("name", READERS)
def test_staff_read_the_plan_tab(client_as, planned, name):
    response = client_as(name).get(reverse("projects:plan", args=[planned.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="plan-timeline"' in content
    assert "投产" in content
    assert (
        'action="' + reverse("projects:plan_step_add", args=[planned.pk])
    ) in content or name not in EDITORS
    if name not in EDITORS:
        assert reverse("projects:plan_step_add", args=[planned.pk]) not in content


def test_lags_and_durations_read_as_words(client_as, planned):
    with translation.override("zh-hans"):
        response = client_as("leader").get(reverse("projects:plan", args=[planned.pk]))
    content = response.content.decode()
    row = content.split('id="step-construction_drawings"')[1].split("</tr>")[0]
    assert "建设工程规划许可完成前 5 个自然日" in row
    assert "建设工程规划许可 -5" not in row
    assert (
        "施工许可完成后 30 个自然日" in content.split('id="step-equipment_procurement"')[1].split("</tr>")[0]
    )
    permit = content.split('id="step-planning_permit"')[1].split("</tr>")[0]
    assert "10 个工作日" in permit
    steps = content.split('id="plan-steps"')[1].split("</table>")[0]
    assert "工作日数" not in steps
    assert "30 个自然日" in row


def test_contact_and_anonymous_are_kept_out(client_as, planned):
    url = reverse("projects:plan", args=[planned.pk])
    assert client_as("contact").get(url).status_code == 403
    response = client_as("anonymous").get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_unknown_project_is_404(client_as):
    assert client_as("leader").get(reverse("projects:plan", args=[999999])).status_code == 404


@pytest.mark.parametrize("name", EDITORS)
def test_editors_change_the_target(client_as, planned, name):
    response = client_as(name).post(
        reverse("projects:plan_target", args=[planned.pk]), {"target-target_on": "2026-11-30"}
    )
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.plan_target_on == dt.date(2026, 11, 30)
    assert PlanStep.objects.get(project=planned, key="production_start").latest_finish == dt.date(
        2026, 11, 30
    )


@pytest.mark.parametrize("name", NOT_EDITORS)
def test_readers_cannot_change_anything(client_as, planned, name):
    step = PlanStep.objects.filter(project=planned).first()
    approval = ApprovalItem.objects.filter(project=planned).first()
    assert step is not None
    assert approval is not None
    client = client_as(name)
    for url, data in [
        (reverse("projects:plan_target", args=[planned.pk]), {"target-target_on": "2026-11-30"}),
        (reverse("projects:plan_apply", args=[planned.pk]), {"apply-template": MAX_90_DAYS.key}),
        (reverse("projects:plan_step_add", args=[planned.pk]), {}),
        (reverse("projects:plan_step_edit", args=[planned.pk, step.pk]), {}),
        (reverse("projects:plan_step_delete", args=[planned.pk, step.pk]), {}),
        (reverse("projects:approval_add", args=[planned.pk]), {}),
        (reverse("projects:approval_edit", args=[planned.pk, approval.pk]), {}),
        (reverse("projects:approval_delete", args=[planned.pk, approval.pk]), {}),
        (reverse("projects:clock_stop_add", args=[planned.pk, approval.pk]), {}),
    ]:
        assert client.post(url, data).status_code == 403, url
    assert PlanStep.objects.filter(pk=step.pk).exists()


def test_anonymous_posts_go_to_the_login_page(client_as, planned):
    response = client_as("anonymous").post(
        reverse("projects:plan_target", args=[planned.pk]), {"target-target_on": "2026-11-30"}
    )
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_responsible_unit_applies_a_template_through_the_page(client_as, make_project):
    project = make_project()
    response = client_as("officer_a").post(
        reverse("projects:plan_apply", args=[project.pk]),
        {"apply-template": MAX_90_DAYS.key, "apply-target_on": "2026-10-30"},
    )
    assert response.status_code == 302
    assert PlanStep.objects.filter(project=project).count() == len(MAX_90_DAYS.steps)
    assert ApprovalItem.objects.filter(project=project).count() == 5


def test_editing_a_step_keeps_its_lags_unless_told(client_as, planned):
    drawings = PlanStep.objects.get(project=planned, key="construction_drawings")
    assert drawings.predecessors == [{"step": "planning_permit", "lag": -5}]
    prefix = f"step-{drawings.pk}"
    response = client_as("office").post(
        reverse("projects:plan_step_edit", args=[planned.pk, drawings.pk]),
        {
            f"{prefix}-name": "施工图设计",
            f"{prefix}-duration": "40",
            f"{prefix}-unit": "calendar",
            f"{prefix}-owner": "设计院",
            f"{prefix}-after": ["planning_permit", "scheme_design"],
            f"{prefix}-lag": "",
        },
    )
    assert response.status_code == 302
    drawings.refresh_from_db()
    assert (drawings.name, drawings.duration, drawings.owner) == ("施工图设计", 40, "设计院")
    assert drawings.predecessors == [
        {"step": "planning_permit", "lag": -5},
        {"step": "scheme_design", "lag": 0},
    ]
    assert ChangeLogEntry.objects.filter(object_repr__contains="施工图设计", action="update").exists()


def test_a_bad_step_edit_is_shown_in_chinese_with_status_400(client_as, planned):
    code = PlanStep.objects.get(project=planned, key="project_code")
    prefix = f"step-{code.pk}"
    response = client_as("office").post(
        reverse("projects:plan_step_edit", args=[planned.pk, code.pk]),
        {
            f"{prefix}-name": code.name,
            f"{prefix}-duration": "1",
            f"{prefix}-unit": "working",
            f"{prefix}-after": ["production_start"],
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    assert "循环依赖" in response.content.decode()
    code.refresh_from_db()
    assert code.predecessors == []


def test_adding_and_removing_a_step_through_the_page(client_as, planned):
    client = client_as("officer_a")
    response = client.post(
        reverse("projects:plan_step_add", args=[planned.pk]),
        {
            "add-step-name": "消防验收",
            "add-step-duration": "10",
            "add-step-unit": "working",
            "add-step-after": ["equipment_installation"],
            "add-step-before": ["completion_acceptance"],
        },
    )
    assert response.status_code == 302
    fire = PlanStep.objects.get(project=planned, name="消防验收")
    assert fire.latest_finish is not None
    acceptance = PlanStep.objects.get(project=planned, key="completion_acceptance")
    assert {"step": fire.key, "lag": 0} in acceptance.predecessors
    assert fire.latest_finish < acceptance.latest_start
    response = client.post(reverse("projects:plan_step_delete", args=[planned.pk, fire.pk]))
    assert response.status_code == 302
    acceptance.refresh_from_db()
    assert acceptance.predecessors == [{"step": "equipment_installation", "lag": 0}]


def test_approvals_and_clock_stops_through_the_page(client_as, planned):
    client = client_as("office")
    permit = ApprovalItem.objects.get(project=planned, plan_step__key="construction_permit")
    prefix = f"approval-{permit.pk}"
    response = client.post(
        reverse("projects:approval_edit", args=[planned.pk, permit.pk]),
        {
            f"{prefix}-name": permit.name,
            f"{prefix}-authority": "住房和城乡建设局",
            f"{prefix}-legal_limit": "10",
            f"{prefix}-plan_step": permit.plan_step_id,
            f"{prefix}-started_on": "2025-09-26",
            f"{prefix}-finished_on": "2025-10-15",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("projects:clock_stop_add", args=[planned.pk, permit.pk]),
        {
            f"stop-{permit.pk}-starts_on": "2025-10-09",
            f"stop-{permit.pk}-ends_on": "2025-10-10",
            f"stop-{permit.pk}-party": "intermediary",
            f"stop-{permit.pk}-reason": "图审机构审查",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("projects:plan", args=[planned.pk])).content.decode()
    assert "住房和城乡建设局" in page
    assert "图审机构审查" in page
    # 9 working days after 26 September to 15 October, 2 of them stopped: 7 of 10 used.
    assert "7 / 10" in page
    stop = ClockStop.objects.get(approval=permit)
    assert client.post(reverse("projects:clock_stop_delete", args=[planned.pk, stop.pk])).status_code == 302
    response = client.post(
        reverse("projects:approval_add", args=[planned.pk]),
        {"add-approval-name": "消防设计审查", "add-approval-legal_limit": "15"},
    )
    assert response.status_code == 302
    added = ApprovalItem.objects.get(project=planned, name="消防设计审查")
    assert client.post(reverse("projects:approval_delete", args=[planned.pk, added.pk])).status_code == 302
    assert not ApprovalItem.objects.filter(pk=added.pk).exists()


def test_the_timeline_data_marks_late_steps_red_and_at_risk_yellow(client_as, make_project, office):
    project = make_project()
    with time_machine.travel(dt.datetime(2025, 9, 29, 10, tzinfo=SHANGHAI)):
        plans.plan_set_target(project=project, target_on=dt.date(2025, 10, 11), by=office.officer)
        plans.plan_step_add(
            project=project, name="备案", duration=5, unit="working", key="filing", by=office.officer
        )
        plans.plan_step_add(
            project=project, name="施工", duration=2, after=[{"step": "filing"}], by=office.officer
        )
        plans.plan_step_add(
            project=project, name="竣工", duration=0, after=[{"step": "step-1"}], by=office.officer
        )
        response = client_as("leader").get(reverse("projects:plan", args=[project.pk]))
    data = response.context["chart"]
    rows = {row["name"]: row for row in data["rows"]}
    assert data["today"] == "2025-09-29"
    assert data["target"] == "2025-10-11"
    # The milestone 竣工 falls on the target, 11 October; 施工 must finish the day before: 9–10 October; 备案 by
    # 8 October, a holiday → 30 September, 5 working days back: 30, 29, 28 (make-up Sunday), 26, 25 September.
    # It has not started by 29 September: late, red. Projected from 30 September: 30, 9, 10, 11 (make-up
    # Saturday), 13 October. Bars end at the end of their last day.
    assert (rows["备案"]["state"], rows["备案"]["colour"]) == ("late", "#b91c1c")
    assert rows["备案"]["latest"] == ["2025-09-25", "2025-10-01"]
    assert rows["备案"]["projected"] == ["2025-09-30", "2025-10-14"]
    assert rows["备案"]["actual"] is None
    # 施工 is expected 14–15 October, after its latest finish (10 October): at risk, yellow.
    assert (rows["施工"]["state"], rows["施工"]["colour"]) == ("at_risk", "#d97706")
    assert rows["竣工"]["milestone"] is True
    assert rows["竣工"]["latest"] == ["2025-10-11", "2025-10-12"]
    content = response.content.decode()
    assert 'id="late-count">1<' in content
    # The legend shows the colours the bars take: one entry per state, in the state's colour.
    legend = {entry["colour"] for entry in data["states"]}
    assert {row["colour"] for row in data["rows"]} <= legend
    assert legend == {"#b91c1c", "#d97706", "#1d4ed8", "#15803d"}


def test_an_open_clock_stop_can_be_resumed(client_as, planned):
    client = client_as("office")
    permit = ApprovalItem.objects.get(project=planned, plan_step__key="construction_permit")
    ApprovalItem.objects.filter(pk=permit.pk).update(started_on=dt.date(2025, 9, 26))
    stop = ClockStop.objects.create(
        approval=permit, starts_on=dt.date(2025, 10, 9), party="owner", reason="业主补正材料"
    )
    page = client.get(reverse("projects:plan", args=[planned.pk])).content.decode()
    assert reverse("projects:clock_stop_resume", args=[planned.pk, stop.pk]) in page
    assert "恢复计时" in page
    url = reverse("projects:clock_stop_resume", args=[planned.pk, stop.pk])
    assert client_as("leader").post(url, {f"resume-{stop.pk}-ends_on": "2025-10-20"}).status_code == 403
    assert (
        client.post(url, {f"resume-{stop.pk}-ends_on": "2025-10-08"}).status_code == 302
    )  # before it stopped
    stop.refresh_from_db()
    assert stop.ends_on is None
    assert client.post(url, {f"resume-{stop.pk}-ends_on": "2025-10-20"}).status_code == 302
    stop.refresh_from_db()
    assert stop.ends_on == dt.date(2025, 10, 20)
    assert ChangeLogEntry.objects.filter(object_id=str(stop.pk), action="update").exists()
    page = client.get(reverse("projects:plan", args=[planned.pk])).content.decode()
    assert reverse("projects:clock_stop_resume", args=[planned.pk, stop.pk]) not in page
