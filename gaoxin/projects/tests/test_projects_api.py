"""The projects API: the same scope, permissions and services as the pages."""

from __future__ import annotations

import datetime as dt

import pytest

from gaoxin.core.models import ChangeLogEntry
from gaoxin.projects.models import Project

pytestmark = pytest.mark.django_db

URL = "/api/v1/projects/"


@pytest.mark.parametrize(
    ("persona", "status"),
    [("administrator", 200), ("leader", 200), ("officer_b", 200), ("contact", 403), ("anonymous", 401)],
)
def test_list_is_for_committee_staff(client_for, make_project, persona, status) -> None:
    make_project()
    response = client_for(persona).get(URL)
    assert response.status_code == status
    if status == 200:
        assert [p["name"] for p in response.json()["results"]] == ["测试项目1"]


def test_list_takes_the_page_filters(client_for, make_project) -> None:
    make_project(stage_code="started")
    make_project()
    rows = client_for("leader").get(URL, {"stage": "started"}).json()["results"]
    assert [row["stage"] for row in rows] == ["started"]


@pytest.mark.parametrize(("persona", "status"), [("administrator", 201), ("leader", 403), ("officer_a", 403)])
def test_only_the_project_office_creates(client_for, personas, persona, status) -> None:
    body = {
        "stage": "negotiation",
        "code": "XM-API-1",
        "name": "接口新建项目",
        "responsible_unit": personas.department_a.code,
        "total_investment": "8000",
        "owner": personas.own_enterprise.credit_code,
    }
    response = client_for(persona).post(URL, body, content_type="application/json")
    assert response.status_code == status
    assert Project.objects.filter(code="XM-API-1").exists() is (status == 201)


@pytest.mark.parametrize(("persona", "status"), [("officer_a", 200), ("officer_b", 403), ("leader", 403)])
def test_responsible_unit_patches_its_own_project(client_for, make_project, persona, status) -> None:
    project = make_project()
    response = client_for(persona).patch(
        f"{URL}{project.pk}/", {"lead_official": "李主任"}, content_type="application/json"
    )
    assert response.status_code == status
    project.refresh_from_db()
    assert (project.lead_official == "李主任") is (status == 200)
    logged = ChangeLogEntry.objects.filter(object_id=str(project.pk), action="update").exists()
    assert logged is (status == 200)


@pytest.mark.parametrize("day", ["1900-01-01", "2999-12-31"])
def test_a_date_before_1949_or_in_the_far_future_is_refused(client_for, make_project, day) -> None:
    project = make_project()
    response = client_for("officer_a").patch(
        f"{URL}{project.pk}/", {"planned_start_on": day}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "planned_start_on" in response.json()
    project.refresh_from_db()
    assert project.planned_start_on != dt.date.fromisoformat(day)


def test_stage_cannot_be_patched_only_transitioned(client_for, make_project) -> None:
    project = make_project()
    client = client_for("officer_a")
    response = client.patch(f"{URL}{project.pk}/", {"stage": "started"}, content_type="application/json")
    assert response.status_code == 400
    assert "stage" in response.json()
    response = client.post(
        f"{URL}{project.pk}/transitions/",
        {"to_stage": "registered", "on": dt.date.today().isoformat(), "evidence": "营业执照编号 123"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["from_stage"] == "signed"
    listed = client.get(f"{URL}{project.pk}/transitions/").json()
    assert [t["to_stage"] for t in listed] == ["registered"]
    refused = client.post(
        f"{URL}{project.pk}/transitions/",
        {"to_stage": "land_granted", "on": dt.date.today().isoformat(), "evidence": " "},
        content_type="application/json",
    )
    assert refused.status_code == 400


def test_another_unit_cannot_transition(client_for, make_project) -> None:
    project = make_project()
    response = client_for("officer_b").post(
        f"{URL}{project.pk}/transitions/",
        {"to_stage": "registered", "on": dt.date.today().isoformat(), "evidence": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_the_responsible_unit_files_a_monthly_report_and_the_light_follows(client_for, make_project) -> None:
    from gaoxin.projects import lights
    from gaoxin.projects.models import InvestmentPlan

    year, month = lights.report_month(dt.date.today())
    project = make_project(stage_code="under_construction", planned_start_on=dt.date(year - 1, 5, 1))
    Project.objects.filter(pk=project.pk).update(started_on=dt.date(year - 1, 5, 1))
    InvestmentPlan.objects.create(project=project, year=year, amount=1200)
    body = {"year": year, "month": month, "completed": str(100 * month), "physical_progress": "主体封顶"}
    assert client_for("officer_b").post(f"{URL}{project.pk}/reports/", body).status_code == 403
    response = client_for("officer_a").post(f"{URL}{project.pk}/reports/", body)
    assert response.status_code == 201
    assert response.json()["completed"] == f"{100 * month}.0000"
    assert response.json()["ytd_completed"] == f"{100 * month}.0000"  # the only report of the year
    assert response.json()["since_start_completed"] == f"{100 * month}.0000"
    project.refresh_from_db()
    assert project.light == "green"  # 100 × month against 1,200 × month ÷ 12: on time progress
    listed = client_for("leader").get(f"{URL}{project.pk}/reports/").json()
    assert [(r["year"], r["month"]) for r in listed] == [(year, month)]
    future = {**body, "month": 12, "year": year + 1}
    assert client_for("officer_a").post(f"{URL}{project.pk}/reports/", future).status_code == 400


def test_problems_are_logged_and_listed_through_the_api(client_for, make_project, personas) -> None:
    project = make_project()
    body = {"title": "施工用电接入滞后", "unit": personas.department_b.code, "deadline": "2030-01-31"}
    assert client_for("leader").post(f"{URL}{project.pk}/issues/", body).status_code == 403
    response = client_for("officer_a").post(f"{URL}{project.pk}/issues/", body)
    assert response.status_code == 201
    assert response.json()["status"] == "open"
    listed = client_for("officer_b").get(f"{URL}{project.pk}/issues/").json()
    assert [row["title"] for row in listed] == ["施工用电接入滞后"]
