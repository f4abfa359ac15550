"""Who may do what, per page, step and API endpoint of the service desk. 200 = allowed; 302 = sent to log in;
403 = refused; 404 = not in the user's scope (it cannot be told from a request that does not exist)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gaoxin.accounts.choices import Role
from gaoxin.accounts.models import User
from gaoxin.servicedesk import services
from gaoxin.servicedesk.choices import RequestState
from gaoxin.servicedesk.models import (
    Category,
    DepartmentHead,
    EnterpriseOfficer,
    RobotWebhook,
    ServiceRequest,
    SlaPolicy,
)
from gaoxin.servicedesk.services import visits as visit_services
from gaoxin.testing.permission_tables import Call, observe, post

pytestmark = pytest.mark.django_db

STAFF_ONLY = {
    "administrator": 200,
    "leader": 200,
    "officer_a": 200,
    "officer_b": 200,
    "contact": 403,
    "anonymous": 302,
}


@pytest.fixture
def own_request(desk):
    """The own enterprise's request, dispatched to officer_a's department."""
    return desk.dispatched()


@pytest.fixture
def other_request(desk, personas):
    """Another enterprise's request, recorded by the centre and dispatched to the centre's own department."""
    request = desk.submit(enterprise=personas.other_enterprise, by=personas.officer_b, channel="phone")
    services.request_dispatch(request=request, department=personas.department_b, by=personas.officer_b)
    return request


STAFF_ACTS = {**STAFF_ONLY, **dict.fromkeys(("administrator", "leader", "officer_a", "officer_b"), 302)}
CENTRE = {**STAFF_ONLY, "leader": 403, "officer_a": 403}  # the service desk's capability (officer_b's)
ADMINISTRATOR = {**CENTRE, "officer_b": 403}

# URL name → persona → expected status (the completeness test of site/tests reads it); the requests: ``calls``.
# A request's pages are asked of the other enterprise's request, dispatched to the centre's own department: the
# contact and officer_a (whose department it was not dispatched to) do not find it; the own enterprise's request
# is theirs (``test_the_own_request_is_seen_by_its_enterprise_and_department``).
PERMISSIONS = {
    "servicedesk:request_list": {**STAFF_ONLY, "contact": 200},
    "servicedesk:request_create": {**STAFF_ONLY, "leader": 403, "contact": 200},
    "servicedesk:metrics": STAFF_ONLY,
    "servicedesk:visit_list": STAFF_ONLY,
    "servicedesk:visit_create": STAFF_ONLY,
    "servicedesk:plan_list": STAFF_ONLY,
    "servicedesk:coverage": STAFF_ONLY,
    "servicedesk:notifications": {**STAFF_ONLY, "contact": 200},
    "servicedesk:notification_count": {**STAFF_ONLY, "contact": 200},
    "servicedesk:settings": CENTRE,
    "servicedesk:policy_create": CENTRE,
    "servicedesk:category_create": CENTRE,
    "servicedesk:robot_create": ADMINISTRATOR,
    "servicedesk:head_create": ADMINISTRATOR,
    "servicedesk:officer_create": CENTRE,
    "servicedesk:request_detail": {**STAFF_ONLY, "officer_a": 404, "contact": 404},
    # its handling department (the centre's own: officer_b) signs for it; the leader may not; officer_a and the
    # contact do not find it
    "servicedesk:request_step": {**STAFF_ACTS, "leader": 403, "officer_a": 404, "contact": 404},
    "servicedesk:attachment_upload": {**STAFF_ACTS, "officer_a": 404, "contact": 404},
    "servicedesk:attachment_download": {**STAFF_ONLY, "officer_a": 404, "contact": 404},
    "servicedesk:visit_detail": STAFF_ONLY,
    "servicedesk:visit_edit": STAFF_ONLY,
    "servicedesk:visit_request": {
        **STAFF_ONLY,
        "leader": 403,
        "contact": 404,
    },  # visits are not in their scope
    "servicedesk:notification_read": dict.fromkeys(STAFF_ONLY, 302),  # to the notifications, or to log in
    "servicedesk:category_edit": CENTRE,
    "servicedesk:policy_edit": CENTRE,
    "servicedesk:robot_edit": ADMINISTRATOR,
    "servicedesk:head_edit": ADMINISTRATOR,
    "servicedesk:officer_edit": CENTRE,
}


def calls(desk, personas, other_request) -> dict[str, Call | str]:  # type: ignore[no-untyped-def]
    attachment = services.attachment_add(
        request=other_request,
        upload=SimpleUploadedFile("用电申请.pdf", b"%PDF-1.4 test"),
        by=personas.officer_b,
    )
    visit = visit_services.visit_save(
        data={
            "enterprise": personas.own_enterprise,
            "visited_on": dt.date(2025, 6, 3),
            "summary": "了解生产经营",
        },
        officers=[personas.officer_a],
        by=personas.officer_a,
    )
    robot = RobotWebhook.objects.create(
        department=personas.department_b, kind="wecom", url="https://robot.example/"
    )
    head = DepartmentHead.objects.create(department=personas.department_a, user=personas.officer_a)
    liaison = EnterpriseOfficer.objects.create(enterprise=personas.own_enterprise, officer=personas.officer_b)
    public_id = other_request.public_id
    objects = {
        "servicedesk:request_detail": reverse("servicedesk:request_detail", args=[public_id]),
        "servicedesk:request_step": post(reverse("servicedesk:request_step", args=[public_id, "sign"])),
        "servicedesk:attachment_upload": post(
            reverse("servicedesk:attachment_upload", args=[public_id]),
            {"file": SimpleUploadedFile("补充材料.pdf", b"%PDF-1.4 more")},
        ),
        "servicedesk:attachment_download": reverse(
            "servicedesk:attachment_download", args=[public_id, attachment.pk]
        ),
        "servicedesk:visit_detail": reverse("servicedesk:visit_detail", args=[visit.pk]),
        "servicedesk:visit_edit": reverse("servicedesk:visit_edit", args=[visit.pk]),
        "servicedesk:visit_request": reverse("servicedesk:visit_request", args=[visit.pk]),
        "servicedesk:notification_read": post(reverse("servicedesk:notification_read")),
        "servicedesk:category_edit": reverse("servicedesk:category_edit", args=[Category.objects.first().pk]),
        "servicedesk:policy_edit": reverse("servicedesk:policy_edit", args=[SlaPolicy.objects.first().pk]),
        "servicedesk:robot_edit": reverse("servicedesk:robot_edit", args=[robot.pk]),
        "servicedesk:head_edit": reverse("servicedesk:head_edit", args=[head.pk]),
        "servicedesk:officer_edit": reverse("servicedesk:officer_edit", args=[liaison.pk]),
    }
    return {name: objects.get(name) or reverse(name) for name in PERMISSIONS}


def test_permission_table(client_for, desk, personas, other_request, settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    assert observe(client_for, calls(desk, personas, other_request)) == PERMISSIONS


@pytest.mark.parametrize("persona", ["administrator", "leader", "officer_a", "officer_b", "contact"])
def test_the_own_request_is_seen_by_its_enterprise_and_department(client_for, own_request, persona):
    assert (
        client_for(persona)
        .get(reverse("servicedesk:request_detail", args=[own_request.public_id]))
        .status_code
        == 200
    )


def test_ids_in_addresses_are_not_guessable(client_for, desk, own_request, other_request):
    second = desk.submit()
    ids = [own_request.public_id, second.public_id, other_request.public_id]
    assert len(set(ids)) == 3
    assert all(len(i) == 16 and not i.isdigit() for i in ids)
    client = client_for("contact")
    for guess in (str(other_request.pk), other_request.number, other_request.public_id[:-1] + "x"):
        assert client.get(f"/service/r/{guess}/").status_code == 404


def test_attachments_follow_the_request_scope(client_for, desk, personas, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    request = desk.submit(attachments=[SimpleUploadedFile("用电申请.pdf", b"%PDF-1.4 test")])
    attachment = request.attachments.get()
    url = reverse("servicedesk:attachment_download", args=[request.public_id, attachment.pk])
    response = client_for("contact").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert client_for("officer_a").get(url).status_code == 404  # not dispatched to officer_a's department
    assert client_for("officer_b").get(url).status_code == 200


def step(client, request, action, data=None):
    url = reverse("servicedesk:request_step", args=[request.public_id, action])
    return client.post(url, {f"{action}-{k}": v for k, v in (data or {}).items()})


@pytest.mark.parametrize(
    ("persona", "status", "signed"),
    [
        ("officer_a", 302, True),
        ("officer_b", 403, False),
        ("leader", 403, False),
        ("contact", 403, False),
        ("administrator", 302, True),
    ],
)
def test_who_may_sign(client_for, own_request, persona, status, signed):
    assert step(client_for(persona), own_request, "sign").status_code == status
    own_request.refresh_from_db()
    assert (own_request.state == RequestState.IN_PROGRESS) is signed


@pytest.mark.parametrize(
    ("persona", "status", "accepted"),
    [
        ("officer_b", 302, True),
        ("administrator", 302, True),
        ("officer_a", 404, False),
        ("leader", 403, False),
        ("contact", 403, False),
    ],
)
def test_who_may_accept(client_for, desk, persona, status, accepted):
    request = desk.submit()
    assert step(client_for(persona), request, "accept").status_code == status
    request.refresh_from_db()
    assert (request.state == RequestState.ACCEPTED) is accepted


def test_the_enterprise_rates_through_its_page(client_for, desk):
    request = desk.awaiting_callback()
    page = (
        client_for("contact")
        .get(reverse("servicedesk:request_detail", args=[request.public_id]))
        .content.decode()
    )
    assert 'id="step-rate"' in page
    assert 'id="step-close"' not in page
    assert (
        step(client_for("contact"), request, "rate", {"rating": "satisfied", "comment": "好"}).status_code
        == 302
    )
    request.refresh_from_db()
    assert request.rating == "satisfied"


def test_the_enterprise_does_not_see_internal_steps(client_for, desk, personas):
    request = desk.in_progress()
    services.request_supervise(request=request, level=1, note="内部督办说明", by=personas.officer_b)
    staff = (
        client_for("officer_b")
        .get(reverse("servicedesk:request_detail", args=[request.public_id]))
        .content.decode()
    )
    portal = (
        client_for("contact")
        .get(reverse("servicedesk:request_detail", args=[request.public_id]))
        .content.decode()
    )
    assert "内部督办说明" in staff
    assert "内部督办说明" not in portal
    assert "中心督办" in staff
    assert "中心督办" not in portal
    listing = client_for("contact").get(reverse("servicedesk:request_list")).content.decode()
    assert "中心督办" not in listing


API = "/api/v1/requests/"


@pytest.mark.parametrize(
    ("persona", "status", "count"),
    [
        ("administrator", 200, 2),
        ("leader", 200, 2),
        ("officer_b", 200, 2),
        ("officer_a", 200, 1),
        ("contact", 200, 1),
        ("anonymous", 401, None),
    ],
)
def test_api_list_is_scoped(client_for, own_request, other_request, persona, status, count):
    response = client_for(persona).get(API)
    assert response.status_code == status
    if count is not None:
        assert response.json()["count"] == count


def test_api_contact_cannot_read_another_enterprises_request(client_for, other_request):
    assert client_for("contact").get(f"{API}{other_request.public_id}/").status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("contact", 201),
        ("officer_b", 201),
        ("officer_a", 201),
        ("administrator", 201),
        ("leader", 403),
        ("anonymous", 401),
    ],
)
def test_api_create(client_for, personas, persona, status):
    payload = {
        "credit_code": personas.other_enterprise.credit_code,
        "title": "融资对接",
        "description": "需要流动资金贷款 500 万元",
        "category": "financing",
        "channel": "phone",
    }
    response = client_for(persona).post(API, payload, content_type="application/json")
    assert response.status_code == status
    if status == 201:
        created = ServiceRequest.objects.get(public_id=response.json()["public_id"])
        # a contact always submits for their own enterprise, through the portal
        expected = personas.own_enterprise if persona == "contact" else personas.other_enterprise
        assert created.enterprise == expected
        assert created.channel == ("portal" if persona == "contact" else "phone")


def test_api_create_by_an_officer_names_the_missing_credit_code(client_for):
    payload = {"title": "融资对接", "description": "需要流动资金贷款", "category": "financing"}
    response = client_for("officer_b").post(
        API, payload, content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 400
    assert response.json() == {"credit_code": ["该字段是必填项。"]}


def test_a_leader_cannot_plan_visits(client_for, personas):
    response = client_for("leader").post(
        reverse("servicedesk:plan_list"),
        {
            "officer": personas.officer_a.pk,
            "enterprise": personas.own_enterprise.credit_code,
            "planned_on": "2025-06-10",
            "purpose": "了解扩产",
        },
    )
    assert response.status_code == 403
    assert not personas.officer_a.visit_plans.exists()


def test_api_steps_and_the_signing_race(client_for, personas, own_request):
    colleague = User.objects.create(
        username="p_officer_a2", role=Role.OFFICER, department=personas.department_a
    )
    url = f"{API}{own_request.public_id}/steps/sign/"
    first = client_for("officer_a").post(url, {}, content_type="application/json")
    assert first.status_code == 200
    assert first.json()["state"] == "in_progress"
    from django.test import Client

    other = Client()
    other.force_login(colleague)
    second = other.post(url, {}, content_type="application/json")
    assert second.status_code == 409
    assert "p_officer_a" in second.json()["detail"][0]
    refused = client_for("officer_a").post(
        f"{API}{own_request.public_id}/steps/close/", {}, content_type="application/json"
    )
    assert refused.status_code == 403  # closing is the centre's
    wrong = client_for("officer_b").post(
        f"{API}{own_request.public_id}/steps/close/", {"note": ""}, content_type="application/json"
    )
    assert wrong.status_code == 400
    assert (
        client_for("officer_b")
        .post(f"{API}{own_request.public_id}/steps/fly/", {}, content_type="application/json")
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    ("persona", "status"), [("officer_a", 201), ("officer_b", 201), ("leader", 403), ("contact", 403)]
)
def test_api_visits(client_for, personas, persona, status):
    payload = {
        "credit_code": personas.own_enterprise.credit_code,
        "visited_on": "2025-06-03",
        "officers": [personas.officer_a.username],
        "topics": ["land"],
        "red_flags": ["expansion"],
        "summary": "企业计划扩产",
    }
    assert (
        client_for(persona).post("/api/v1/visits/", payload, content_type="application/json").status_code
        == status
    )
    listing = client_for(persona).get("/api/v1/visits/").json()
    assert listing["count"] == (0 if persona == "contact" else int(status == 201))
