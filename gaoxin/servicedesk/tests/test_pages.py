"""Pages render what they promise, within a fixed number of queries whatever the number of rows."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from gaoxin.core import calendar_services, changelog
from gaoxin.servicedesk import services
from gaoxin.servicedesk.models import Category, RobotWebhook, ServiceRequest, SlaPolicy
from gaoxin.servicedesk.services import visits as visit_services
from gaoxin.servicedesk.tests.conftest import at

pytestmark = pytest.mark.django_db

LIST_QUERIES = 7  # session, user, department (nav), count, departments, categories (filters), page
DETAIL_QUERIES = 9  # session, user, department, request, co-departments, steps, extensions, files, history


@pytest.mark.parametrize("n", [2, 12])
def test_list_query_count_does_not_grow_with_rows(client_for, desk, django_assert_max_num_queries, n):
    for _ in range(n):
        desk.in_progress()
    for persona in ("officer_b", "contact", "officer_a"):
        client = client_for(persona)
        with django_assert_max_num_queries(LIST_QUERIES):
            response = client.get(reverse("servicedesk:request_list"), {"sort": "-due_at"})
        assert response.status_code == 200
        assert response.content.decode().count('<td><a href="/service/r/') == n


def test_detail_query_count(client_for, desk, personas, django_assert_max_num_queries):
    request = desk.awaiting_callback()
    for persona in ("officer_b", "contact", "officer_a"):
        client = client_for(persona)
        with django_assert_max_num_queries(DETAIL_QUERIES):
            response = client.get(reverse("servicedesk:request_detail", args=[request.public_id]))
        assert response.status_code == 200


def _handling_at_year_end(desk, personas):
    """Dispatched and signed on Thursday 24 December 2026, contacted, interim reply given: it works against
    its resolve deadline, ten working days later — in 2027, whose arrangement is not entered."""
    request = desk.in_progress()
    services.request_contact(request=request, note="", by=personas.officer_a)
    services.request_interim_reply(request=request, text="办理中", by=personas.officer_a)
    return request


def test_the_request_page_says_when_the_calendar_year_is_missing(client_for, desk, personas):
    with time_machine.travel(at(2026, 12, 24, 10, 0), tick=False):
        request = _handling_at_year_end(desk, personas)
        page = (
            client_for("officer_b")
            .get(reverse("servicedesk:request_detail", args=[request.public_id]))
            .content.decode()
        )
        admin = (
            client_for("administrator")
            .get(reverse("servicedesk:request_detail", args=[request.public_id]))
            .content.decode()
        )
        listing = client_for("officer_a").get(reverse("servicedesk:request_list")).content.decode()
    assert (request.due_limit, request.due_at, request.calendar_missing_year) == ("resolve", None, 2027)
    assert '<span class="badge badge-red calendar-missing">2027 年工作日安排尚未录入</span>' in page
    assert 'id="calendar-missing"' in page
    assert "/calendar/2027/" in admin
    assert "/calendar/2027/" not in page  # only the administrator can enter it
    assert "2027 年工作日安排尚未录入" in listing


def test_entering_the_missing_year_gives_the_deadlines(desk, personas, django_capture_on_commit_callbacks):
    with time_machine.travel(at(2026, 12, 24, 10, 0), tick=False):
        request = _handling_at_year_end(desk, personas)
        with django_capture_on_commit_callbacks(execute=True):
            calendar_services.arrangement_save(
                year=2027,
                holidays={dt.date(2027, 1, 1)},
                makeup_workdays=set(),
                holiday_names={dt.date(2027, 1, 1): "元旦"},
                by=personas.administrator,
            )
    request.refresh_from_db()
    # from Thursday 24 December 2026: 25, 28, 29, 30, 31 Dec, 4 (1 January off), 5, 6, 7, 8 Jan 2027
    assert timezone.localtime(request.resolve_due).date() == dt.date(2027, 1, 8)
    assert request.due_at == request.resolve_due
    assert request.calendar_missing_year is None


def test_intake_by_the_portal_and_by_an_officer(client_for, personas):
    category = Category.objects.get(code="talent")
    response = client_for("contact").post(
        reverse("servicedesk:request_create"),
        {
            "title": "招聘技术工人",
            "category": category.pk,
            "urgency": "normal",
            "description": "需招聘 50 名技工",
        },
    )
    assert response.status_code == 302
    created = ServiceRequest.objects.get(title="招聘技术工人")
    assert created.enterprise == personas.own_enterprise
    assert response["Location"] == f"/service/r/{created.public_id}/"
    response = client_for("officer_b").post(
        reverse("servicedesk:request_create"),
        {
            "enterprise": personas.other_enterprise.credit_code,
            "channel": "hotline_12345",
            "received_at": "2025-06-03T09:30",
            "title": "12345转办：厂区噪声",
            "category": Category.objects.get(code="other").pk,
            "urgency": "urgent",
            "description": "周边居民反映夜间噪声",
        },
    )
    assert response.status_code == 302
    phoned = ServiceRequest.objects.get(title="12345转办：厂区噪声")
    assert (phoned.channel, phoned.state, phoned.urgency) == ("hotline_12345", "accepted", "urgent")


def test_a_request_from_a_visit(client_for, personas):
    response = client_for("officer_a").post(
        reverse("servicedesk:visit_create"),
        {
            "enterprise": personas.own_enterprise.credit_code,
            "visited_on": "2025-06-03",
            "officers": [personas.officer_a.pk],
            "topics": ["land", "energy"],
            "red_flags": ["expansion"],
            "summary": "计划新建二期厂房",
            "problems": "缺少用地指标",
        },
    )
    assert response.status_code == 302
    visit = personas.own_enterprise.visits.get()
    assert visit.department == personas.department_a
    assert visit.red_flags == ["expansion"]
    response = client_for("officer_a").post(
        reverse("servicedesk:visit_request", args=[visit.pk]),
        {
            "enterprise": personas.own_enterprise.credit_code,
            "channel": "visit",
            "received_at": "2025-06-03T15:00",
            "title": "二期用地指标",
            "category": Category.objects.get(code="land").pk,
            "urgency": "normal",
            "description": "缺少用地指标",
        },
    )
    assert response.status_code == 302
    raised = ServiceRequest.objects.get(title="二期用地指标")
    assert (raised.visit, raised.channel, raised.state) == (visit, "visit", "submitted")
    page = client_for("officer_a").get(reverse("servicedesk:visit_detail", args=[visit.pk])).content.decode()
    assert raised.number in page
    flagged = client_for("leader").get(
        reverse("servicedesk:visit_list"), {"year": "2025", "flag": "expansion"}
    )
    assert personas.own_enterprise.name in flagged.content.decode()
    quiet = client_for("leader").get(
        reverse("servicedesk:visit_list"), {"year": "2025", "flag": "moving_out"}
    )
    assert personas.own_enterprise.name not in quiet.content.decode()


def test_plans_and_coverage(client_for, personas):
    client = client_for("officer_a")
    client.post(
        reverse("servicedesk:plan_list"),
        {
            "officer": personas.officer_a.pk,
            "enterprise": personas.own_enterprise.credit_code,
            "planned_on": "2025-06-10",
            "purpose": "了解扩产",
        },
    )
    plan = personas.officer_a.visit_plans.get()
    client.post(
        reverse("servicedesk:visit_create") + f"?plan={plan.pk}",
        {
            "enterprise": personas.own_enterprise.credit_code,
            "visited_on": "2025-06-10",
            "officers": [personas.officer_a.pk],
        },
    )
    plan.refresh_from_db()
    assert plan.visit is not None
    coverage = client.get(reverse("servicedesk:coverage"), {"year": "2025"}).context
    assert (coverage["enterprises"], coverage["base"]) == (1, 2)  # one of the two operating enterprises
    assert coverage["share"] == 0.5
    [officer] = coverage["by_officer"]
    assert (officer.visits, officer.enterprises) == (1, 1)
    [department] = coverage["by_department"]
    assert department.key == personas.department_a.code


def test_a_service_error_on_a_field_the_form_lacks_is_shown_on_the_form(client_for, personas, monkeypatch):
    def refuse(**kwargs):
        raise ValidationError({"created_by": "无权记录"})

    monkeypatch.setattr(visit_services, "visit_save", refuse)
    response = client_for("officer_a").post(
        reverse("servicedesk:visit_create"),
        {
            "enterprise": personas.own_enterprise.credit_code,
            "visited_on": "2025-06-10",
            "officers": [personas.officer_a.pk],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["无权记录"]


def test_settings_are_logged_and_secrets_are_not(client_for, personas):
    policy = SlaPolicy.objects.get(category__isnull=True, urgency="normal")
    data = {
        f.name: getattr(policy, f.attname)
        for f in SlaPolicy._meta.concrete_fields
        if f.editable and f.name not in ("id", "created_at", "updated_at")
    }
    data.update({"category": "", "resolve_days": 12})
    assert (
        client_for("officer_b").post(reverse("servicedesk:policy_edit", args=[policy.pk]), data).status_code
        == 302
    )
    policy.refresh_from_db()
    assert (policy.resolve_days, policy.version) == (12, 2)
    assert changelog.history(policy).get().changes["resolve_days"] == [10, 12]
    response = client_for("administrator").post(
        reverse("servicedesk:robot_create"),
        {
            "department": personas.department_a.pk,
            "kind": "dingtalk",
            "url": "https://oapi.dingtalk.com/robot/send?access_token=t",
            "secret": "SECtopsecret",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    robot = RobotWebhook.objects.get()
    assert robot.secret == "SECtopsecret"
    entry = changelog.history(robot).get()
    assert "SECtopsecret" not in str(entry.changes)
    assert entry.changes["secret"] == [None, "******"]


def test_a_notification_leads_to_its_request_and_nowhere_else(client_for, desk, personas):
    from gaoxin.servicedesk.models import Notification

    request = desk.dispatched()
    notification = Notification.objects.get(recipient=personas.officer_a, request=request)
    client = client_for("officer_a")
    response = client.post(reverse("servicedesk:notification_read"), {"id": notification.pk})
    assert response["Location"] == f"/service/r/{request.public_id}/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    Notification.objects.filter(pk=notification.pk).update(url="//evil.example/x")
    response = client.post(reverse("servicedesk:notification_read"), {"id": notification.pk})
    assert response["Location"] == reverse("servicedesk:notifications")
    other = Notification.objects.filter(recipient=personas.officer_b).first()
    assert other is not None
    client.post(reverse("servicedesk:notification_read"), {"id": other.pk})  # not hers: untouched
    other.refresh_from_db()
    assert other.read_at is None


def test_plans_and_coverage_refuse_a_bad_year_and_show_this_year(client_for, personas):
    client = client_for("officer_a")
    this_year = timezone.localdate().year
    for name in ("servicedesk:plan_list", "servicedesk:coverage"):
        page = client.get(reverse(name), {"year": "99999"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert page.status_code == 400
        assert "年度：" in page.content.decode().split('id="filter-problems"')[1]
        assert page.context["year"] == this_year


def test_plans_mine_only(client_for, personas):
    year = timezone.localdate().year
    for officer in (personas.officer_a, personas.officer_b):
        data = {"officer": officer, "enterprise": personas.own_enterprise, "planned_on": dt.date(year, 6, 1)}
        visit_services.plan_save(data={**data, "purpose": "了解扩产"}, by=personas.officer_a)
    client = client_for("officer_a")
    assert len(client.get(reverse("servicedesk:plan_list")).context["page"].object_list) == 2
    mine = client.get(reverse("servicedesk:plan_list"), {"mine": "1"}).context["page"].object_list
    assert [plan.officer for plan in mine] == [personas.officer_a]
