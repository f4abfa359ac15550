"""A red flag raised by a visit alerts the centre and the enterprise's responsible officer; the request list and
the visit list export what they show, and the visit list sorts (issue 11 §7)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.urls import reverse

from gaoxin.accounts.choices import Role
from gaoxin.accounts.models import Department, User
from gaoxin.core.tabular.reading import read_workbook
from gaoxin.servicedesk.models import EnterpriseOfficer, Notification, RobotWebhook, Visit
from gaoxin.servicedesk.services import visits as visit_services
from gaoxin.servicedesk.tests.robot_server import robot_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def liaison(personas):
    """The own enterprise's responsible officer (服务专员), of a third department."""
    officer = User.objects.create(username="p_liaison", display_name="钱专员", role=Role.OFFICER)
    EnterpriseOfficer.objects.create(enterprise=personas.own_enterprise, officer=officer)
    return officer


def record(personas, by, flags, visit=None, enterprise=None):
    data = {
        "enterprise": enterprise or personas.own_enterprise,
        "visited_on": dt.date(2025, 6, 3),
        "summary": "了解生产经营情况",
        "red_flags": flags,
    }
    return visit_services.visit_save(visit=visit, data=data, officers=[by], by=by)


def test_moving_out_alerts_the_centre_and_the_responsible_officer(personas, liaison):
    visit = record(personas, personas.officer_a, ["moving_out"])
    told = Notification.objects.filter(msgid=visit_services.notify.RED_FLAG_MSGID)
    assert set(told.values_list("recipient", flat=True)) == {personas.officer_b.pk, liaison.pk}
    text = told.get(recipient=liaison).text
    assert text == "走访预警：2025年6月3日走访自有光伏科技有限公司，发现“可能外迁”"
    assert told.get(recipient=liaison).url == reverse("servicedesk:visit_detail", args=[visit.pk])
    assert not Notification.objects.filter(recipient=personas.contact).exists()  # never the enterprise


def test_the_officer_who_raised_it_is_not_told_of_it(personas, liaison):
    record(personas, liaison, ["moving_out"])
    told = Notification.objects.filter(msgid=visit_services.notify.RED_FLAG_MSGID)
    assert set(told.values_list("recipient", flat=True)) == {personas.officer_b.pk}


def test_without_a_responsible_officer_the_centre_is_still_told(personas):
    record(personas, personas.officer_a, ["downsizing"], enterprise=personas.other_enterprise)
    told = Notification.objects.filter(msgid=visit_services.notify.RED_FLAG_MSGID)
    assert list(told.values_list("recipient", flat=True)) == [personas.officer_b.pk]


def test_a_visit_without_flags_and_a_correction_keeping_them_alert_no_one(personas, liaison):
    quiet = record(personas, personas.officer_a, [])
    assert not Notification.objects.exists()
    flagged = record(personas, personas.officer_a, ["moving_out"])
    assert Notification.objects.count() == 2
    record(personas, personas.officer_a, ["moving_out"], visit=flagged)  # corrected, same flag
    assert Notification.objects.count() == 2
    record(personas, personas.officer_a, ["moving_out", "difficulties"], visit=flagged)  # a new flag
    assert Notification.objects.count() == 4
    assert quiet.red_flags == []


def test_recording_a_flagged_visit_through_the_page_alerts(client_for, personas, liaison):
    response = client_for("officer_a").post(
        reverse("servicedesk:visit_create"),
        {
            "enterprise": personas.own_enterprise.credit_code,
            "visited_on": "2025-06-03",
            "officers": [personas.officer_a.pk],
            "red_flags": ["moving_out"],
            "summary": "企业表示可能迁往邻市",
        },
    )
    assert response.status_code == 302
    assert Notification.objects.filter(recipient=liaison).count() == 1


def test_red_flags_are_delivered_by_email_and_to_the_group_robots(
    personas, liaison, mailoutbox, django_capture_on_commit_callbacks
):
    """The channels of the deadline alerts: an e-mail to each person told, a message to the robots of the
    centre's department and of the responsible officer's department (not to a department told of nothing)."""
    liaison_department = Department.objects.create(code="touzi", name="投资促进局")
    liaison.department, liaison.email = liaison_department, "liaison@zone.example"
    liaison.save()
    personas.officer_b.email = "b@zone.example"
    personas.officer_b.save()
    with robot_server() as server:
        for department, kind, url, secret in (
            (personas.department_b, "wecom", f"{server.url}/cgi-bin/webhook/send?key={server.wecom_key}", ""),
            (liaison_department, "dingtalk", f"{server.url}/robot/send?access_token=dt-token", server.dingtalk_secret),
            (personas.department_a, "wecom", f"{server.url}/cgi-bin/webhook/send?key={server.wecom_key}", ""),
        ):  # fmt: skip
            RobotWebhook.objects.create(department=department, kind=kind, url=url, secret=secret)
        with django_capture_on_commit_callbacks(execute=True):
            visit = record(personas, personas.officer_a, ["moving_out"])
    assert sorted(m.to[0] for m in mailoutbox) == ["b@zone.example", "liaison@zone.example"]
    mail = mailoutbox[0]
    assert mail.subject == "走访预警：自有光伏科技有限公司"
    assert "走访预警：2025年6月3日走访自有光伏科技有限公司，发现“可能外迁”" in mail.body
    assert reverse("servicedesk:visit_detail", args=[visit.pk]) in mail.body
    assert [r.accepted for r in server.received] == [True, True]  # the centre's and the liaison's robots
    texts = [r.body["markdown"].get("content") or r.body["markdown"]["text"] for r in server.received]
    assert all("可能外迁" in text for text in texts)


def test_nothing_is_delivered_when_the_visit_is_not_saved(personas, liaison, mailoutbox):
    liaison.email = "liaison@zone.example"
    liaison.save()

    def save_then_fail() -> None:
        with transaction.atomic():  # the visit's transaction rolls back
            record(personas, personas.officer_a, ["moving_out"])
            raise RuntimeError

    with pytest.raises(RuntimeError):
        save_then_fail()
    assert mailoutbox == []


# --- exports and sorting -----------------------------------------------------------------------------------


def data_rows(content: bytes) -> list[list[object]]:
    (sheet,) = read_workbook(content, "x.xlsx")
    return [r for r in sheet.rows[2:] if any(c not in (None, "") for c in r)]  # title, header


def test_the_request_list_exports_the_rows_it_shows(client_for, desk, personas):
    desk.in_progress(title="新厂房用电增容")
    desk.submit(
        title="融资对接", enterprise=personas.other_enterprise, by=personas.officer_b, channel="phone"
    )
    response = client_for("officer_b").get(
        reverse("servicedesk:request_list"), {"state": "in_progress", "export": "xlsx"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    (sheet,) = read_workbook(response.content, "x.xlsx")
    header = sheet.rows[1]
    rows = data_rows(response.content)
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=False))
    assert row["标题"] == "新厂房用电增容"
    assert row["状态"] == "办理中"  # labels, not codes
    assert row["承办单位"] == "经济发展局"
    assert row["签收人"] == str(personas.officer_a)
    everything = client_for("officer_b").get(reverse("servicedesk:request_list"), {"export": "xlsx"})
    assert len(data_rows(everything.content)) == 2


def test_an_officer_exports_only_the_requests_they_see(client_for, desk, personas):
    desk.in_progress()
    desk.submit(
        title="融资对接", enterprise=personas.other_enterprise, by=personas.officer_b, channel="phone"
    )
    response = client_for("officer_a").get(reverse("servicedesk:request_list"), {"export": "xlsx"})
    assert len(data_rows(response.content)) == 1


def test_the_enterprise_contact_cannot_export(client_for, desk):
    desk.submit()
    assert (
        client_for("contact").get(reverse("servicedesk:request_list"), {"export": "xlsx"}).status_code == 403
    )


def test_the_visit_list_sorts_and_exports_what_it_shows(client_for, personas):
    record(personas, personas.officer_a, ["moving_out"], enterprise=personas.other_enterprise)
    record(personas, personas.officer_a, [], enterprise=personas.own_enterprise)
    Visit.objects.filter(enterprise=personas.own_enterprise).update(visited_on=dt.date(2025, 6, 9))
    listing = client_for("leader").get(
        reverse("servicedesk:visit_list"), {"year": "2025", "sort": "visited_on"}
    )
    html = listing.content.decode()
    assert html.index(personas.other_enterprise.name) < html.index(personas.own_enterprise.name)
    latest_first = (
        client_for("leader").get(reverse("servicedesk:visit_list"), {"year": "2025"}).content.decode()
    )
    assert latest_first.index(personas.own_enterprise.name) < latest_first.index(
        personas.other_enterprise.name
    )
    exported = client_for("leader").get(
        reverse("servicedesk:visit_list"), {"year": "2025", "sort": "visited_on", "export": "xlsx"}
    )
    rows = data_rows(exported.content)
    assert [r[1] for r in rows] == [personas.other_enterprise.name, personas.own_enterprise.name]
    assert rows[0][0] == dt.date(2025, 6, 3)  # a date cell, not text
    assert "可能外迁" in rows[0]
    flagged = client_for("leader").get(
        reverse("servicedesk:visit_list"), {"year": "2025", "flag": "moving_out", "export": "xlsx"}
    )
    assert [r[1] for r in data_rows(flagged.content)] == [personas.other_enterprise.name]
    assert client_for("contact").get(reverse("servicedesk:visit_list"), {"export": "xlsx"}).status_code == 403


def test_an_unknown_sort_falls_back_to_the_latest_first(client_for, personas):
    record(personas, personas.officer_a, [])
    response = client_for("leader").get(
        reverse("servicedesk:visit_list"), {"year": "2025", "sort": "--officers"}
    )
    assert response.status_code == 200
