"""What the API answers in the cases its schema test found wrong once: values of a request not yet signed,
the lists of a project's actions, the challenge without credentials, unknown addresses."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from gaoxin.projects.choices import Light
from gaoxin.projects.models import Project, Stage
from gaoxin.projects.services import projects as project_services
from gaoxin.servicedesk import seeds
from gaoxin.servicedesk import services as desk
from gaoxin.servicedesk.models import Category, ServiceRequest
from gaoxin.testing.personas import Personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(personas: Personas) -> ServiceRequest:
    seeds.ensure_defaults()
    return desk.request_create(
        enterprise=personas.own_enterprise,
        title="新厂房用电增容",
        description="新建厂房需增容 2000 千伏安，请协调供电。",
        category=Category.objects.get(code="electricity"),
        urgency="normal",
        channel="portal",
        by=personas.contact,
    )


def test_a_request_not_yet_signed_has_no_signer_department_outcome_or_rating(client_for, submitted):
    for url in ("/api/v1/requests/", f"/api/v1/requests/{submitted.public_id}/"):
        body = client_for("administrator").get(url).json()
        answer = body["results"][0] if "results" in body else body
        assert answer["signed_by"] is None  # was "<method-wrapper '__str__' of NoneType object …>"
        assert answer["department"] is None
        assert (answer["outcome"], answer["rating"]) == ("", "")
        assert answer["deadlines"]["review"] is None
        assert answer["deadlines"]["accept"].endswith("+08:00")  # local time, like every other date-time


def test_the_contact_reads_the_portal_view_of_a_request_not_yet_signed_as_the_schema_declares(
    client_for, submitted
):
    body = client_for("contact").get(f"/api/v1/requests/{submitted.public_id}/").json()
    assert (body["signed_by"], body["department"], body["outcome"], body["rating"]) == (None, None, "", "")
    assert "credit_code" not in body
    portal = _schema(client_for("contact"))["components"]["schemas"]["PortalRequest"]["properties"]
    assert portal["signed_by"]["nullable"] is True
    assert portal["department"]["nullable"] is True


def test_a_signed_request_names_its_signer(client_for, personas, submitted):
    desk.request_accept(request=submitted, by=personas.officer_b)
    desk.request_dispatch(request=submitted, department=personas.department_a, by=personas.officer_b)
    desk.request_sign(request=ServiceRequest.objects.get(pk=submitted.pk), by=personas.officer_a)
    body = client_for("administrator").get(f"/api/v1/requests/{submitted.public_id}/").json()
    assert body["signed_by"] == str(personas.officer_a)
    assert [event["action"] for event in body["events"]] == ["create", "accept", "dispatch", "sign"]


def _schema(client: Client) -> dict[str, Any]:
    schema: dict[str, Any] = client.get("/api/schema/", {"format": "json"}).json()
    return schema


def test_a_projects_lists_of_transitions_reports_and_issues_are_arrays_and_declared_so(client_for, personas):
    project = project_services.project_create(
        data={"code": "XM-1", "name": "测试项目", "stage": Stage.objects.get(code="signed"),
              "responsible_unit": personas.department_a},
        by=personas.administrator,
    )  # fmt: skip
    client = client_for("administrator")
    paths = _schema(client)["paths"]
    for action in ("transitions", "reports", "issues"):
        declared = paths[f"/api/v1/projects/{{id}}/{action}/"]
        assert declared["get"]["responses"]["200"]["content"]["application/json"]["schema"]["type"] == "array"
        assert "201" in declared["post"]["responses"]
        assert isinstance(client.get(f"/api/v1/projects/{project.pk}/{action}/").json(), list)
    answer = client.get(f"/api/v1/projects/{project.pk}/").json()
    assert answer["light"] in Light.values
    assert Project.objects.get(pk=project.pk).light_reasons == answer["light_reasons"]


def test_without_credentials_the_api_answers_401_with_a_challenge_and_403_stays_for_the_logged_in(client_for):
    anonymous = client_for("anonymous").get("/api/v1/enterprises/")
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == "Token"
    refused = client_for("contact").post("/api/v1/enterprises/", {}, content_type="application/json")
    assert refused.status_code == 403


def test_the_schema_declares_both_ways_to_authenticate(client_for):
    schema = _schema(client_for("leader"))
    assert set(schema["components"]["securitySchemes"]) == {"tokenAuth", "cookieAuth"}
    listing = schema["paths"]["/api/v1/enterprises/"]["get"]
    assert listing["security"][0] == {"tokenAuth": []}
    assert set(listing["responses"]) == {"200", "400", "401", "403", "404"}  # 400: a filter value refused


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_api_address_answers_json_404_after_the_login_check(client_for, method):
    response = getattr(client_for("administrator"), method)("/api/v1/nothing/here/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert getattr(client_for("anonymous"), method)("/api/v1/nothing/here/").status_code == 401
    assert (
        client_for("administrator").get("/api/v1/enterprises").status_code == 301
    )  # still sent to the slash


def test_a_step_sent_as_a_list_instead_of_an_object_is_refused_with_a_message(client_for, submitted):
    response = client_for("administrator").post(
        f"/api/v1/requests/{submitted.public_id}/steps/accept/", ["note"], content_type="application/json"
    )
    assert response.status_code == 400  # was 500: the step's form read the list as a dictionary
    assert response.json() == {"non_field_errors": ["请以对象形式提交本环节的字段。"]}
