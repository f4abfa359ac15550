"""One scoping rule per model (``Model.objects.for_user``), and the lists' FilterSets shared by the pages, their
exports and the API, whose schema documents every filter."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from drf_spectacular.generators import SchemaGenerator

from gaoxin.servicedesk import services
from gaoxin.servicedesk.filters import RequestFilterSet, VisitFilterSet
from gaoxin.servicedesk.models import Notification, ServiceRequest, Visit, VisitPlan
from gaoxin.servicedesk.services import visits as visit_services
from gaoxin.testing.personas import NAMES

pytestmark = pytest.mark.django_db


def _user(personas, name):
    return personas.by_name(name) or AnonymousUser()


@pytest.fixture
def two_requests(desk, personas):
    """The own enterprise's request dispatched to officer_a's department; another enterprise's, recorded and
    handled by the centre (officer_b's department)."""
    own = desk.dispatched()
    other = desk.submit(enterprise=personas.other_enterprise, by=personas.officer_b, channel="phone")
    services.request_dispatch(request=other, department=personas.department_b, by=personas.officer_b)
    return {"own": own, "other": other}


REQUESTS_SEEN = {
    "administrator": {"own", "other"},
    "leader": {"own", "other"},
    "officer_a": {"own"},  # dispatched to the department
    "officer_b": {"own", "other"},  # the centre
    "contact": {"own"},  # the own enterprise's
    "anonymous": set(),
}


@pytest.mark.parametrize("persona", NAMES)
def test_requests_for_user(personas, two_requests, persona):
    seen = set(ServiceRequest.objects.for_user(_user(personas, persona)).values_list("pk", flat=True))
    assert seen == {two_requests[name].pk for name in REQUESTS_SEEN[persona]}


def test_an_officer_sees_the_requests_co_handled_by_or_recorded_in_their_department(desk, personas):
    co_handled = desk.submit(enterprise=personas.other_enterprise, by=personas.officer_b, channel="phone")
    services.request_dispatch(
        request=co_handled,
        department=personas.department_b,
        co_departments=[personas.department_a],
        by=personas.officer_b,
    )
    recorded = desk.submit(enterprise=personas.other_enterprise, by=personas.officer_a, channel="phone")
    seen = set(ServiceRequest.objects.for_user(personas.officer_a))
    assert seen == {co_handled, recorded}


@pytest.fixture
def visit_and_plan(personas):
    visit = visit_services.visit_save(
        data={"enterprise": personas.own_enterprise, "visited_on": dt.date(2026, 3, 2), "topics": ["land"]},
        officers=[personas.officer_a],
        by=personas.officer_a,
    )
    plan = visit_services.plan_save(
        data={
            "enterprise": personas.own_enterprise,
            "officer": personas.officer_a,
            "planned_on": dt.date(2026, 4, 1),
        },
        by=personas.officer_a,
    )
    return visit, plan


STAFF = {"administrator", "leader", "officer_a", "officer_b"}


@pytest.mark.parametrize("persona", NAMES)
def test_visits_and_their_plans_are_for_staff_only(personas, visit_and_plan, persona):
    user = _user(personas, persona)
    assert Visit.objects.for_user(user).count() == int(persona in STAFF)
    assert VisitPlan.objects.for_user(user).count() == int(persona in STAFF)


@pytest.mark.parametrize("persona", NAMES)
def test_each_user_sees_their_own_notifications(personas, persona):
    for name in ("officer_a", "contact"):
        Notification.objects.create(recipient=personas.by_name(name), msgid="Visit saved.")
    seen = Notification.objects.for_user(_user(personas, persona))
    assert [n.recipient.username for n in seen] == (
        [personas.by_name(persona).username] if persona in ("officer_a", "contact") else []
    )


def _parameters(path: str) -> set[str]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {p["name"] for p in schema["paths"][path]["get"]["parameters"]}


def test_the_schema_documents_the_filters_of_each_list():
    assert _parameters("/api/v1/requests/") >= {
        "q",
        "state",
        "department",
        "category",
        "urgency",
        "channel",
        "rating",
        "flag",
        "month",
        "year",
        "sort",
    }
    assert _parameters("/api/v1/visits/") >= {"q", "year", "flag", "sort"}


@pytest.mark.parametrize("filterset", [RequestFilterSet, VisitFilterSet])
def test_lists_sorting_by_enterprise_name_use_the_pinyin_key(filterset):
    queryset = filterset._meta.model.objects.all()
    assert filterset(QueryDict("sort=enterprise__name"), queryset=queryset).qs.query.order_by == (
        "enterprise__name_sort",
        "pk",
    )
    assert filterset(QueryDict("sort=-enterprise__name"), queryset=queryset).qs.query.order_by == (
        "-enterprise__name_sort",
        "pk",
    )


def test_the_api_refuses_an_unknown_filter_value_and_the_page_ignores_it(client_for, two_requests):
    client = client_for("officer_b")
    assert client.get("/api/v1/requests/", {"state": "flying"}).status_code == 400
    assert client.get("/api/v1/requests/", {"month": "2026-13"}).status_code == 400
    assert client.get("/api/v1/requests/", {"year": "1.0141809007382978e+16"}).status_code == 400
    assert client.get("/api/v1/visits/", {"year": "99999"}).status_code == 400
    assert client.get("/api/v1/requests/", {"state": "dispatched"}).json()["count"] == 2
    page = client.get("/service/", {"state": "flying"})
    assert len(page.context["page"].object_list) == 2


def test_the_visit_page_shows_this_year_unless_asked_and_the_api_every_year(client_for, visit_and_plan):
    visit, _ = visit_and_plan
    Visit.objects.filter(pk=visit.pk).update(visited_on=dt.date(2025, 6, 9))
    client = client_for("leader")
    assert len(client.get("/service/visits/").context["page"].object_list) == 0
    assert len(client.get("/service/visits/", {"year": "2025"}).context["page"].object_list) == 1
    assert client.get("/api/v1/visits/").json()["count"] == 1
    assert client.get("/api/v1/visits/", {"year": "2026"}).json()["count"] == 0
