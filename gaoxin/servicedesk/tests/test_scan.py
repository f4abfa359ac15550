"""The periodic deadline scan: what it finds, whom it tells, by which channel, and that it never tells twice."""

from __future__ import annotations

import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import translation

from gaoxin.core.calendar_models import WorkdayArrangement
from gaoxin.servicedesk import scan, services
from gaoxin.servicedesk.choices import Outcome
from gaoxin.servicedesk.models import Category, DeadlineAlert, Notification, RobotWebhook
from gaoxin.servicedesk.tasks import scan_deadlines
from gaoxin.servicedesk.tests.conftest import at
from gaoxin.servicedesk.tests.robot_server import robot_server

pytestmark = pytest.mark.django_db

MONDAY = at(2025, 10, 13, 10, 0)  # the first Monday after National Day 2025


@pytest.fixture
def zone(desk, personas):
    """Requests at different steps on Monday 13 October 2025, 10:00; officers with email addresses."""
    p = personas
    for user, email in ((p.officer_a, "a@zone.example"), (p.officer_b, "b@zone.example")):
        user.email = email
        user.save()
    requests = {}
    with time_machine.travel(at(2025, 9, 29, 10, 0), tick=False) as clock:
        # a policy question (resolve within 5 working days) dispatched Monday 29 September:
        # 30 Sep, 9, 10, 11 (Saturday, worked), 13 Oct → due at the end of Monday 13 October
        nearing = desk.dispatched(category=Category.objects.get(code="policy"), title="研发费用加计扣除政策")
        services.request_sign(request=nearing, by=p.officer_a)
        services.request_contact(request=nearing, note="已联系", by=p.officer_a)
        services.request_interim_reply(request=nearing, text="正在核实", by=p.officer_a)
        requests["nearing"] = nearing
        # dispatched Thursday 9 October, never signed: one working day → the end of Friday 10 October
        clock.move_to(at(2025, 10, 9, 10, 0))
        requests["unsigned"] = desk.dispatched(title="厂区道路破损")
        # submitted Thursday 9 October, never accepted: the centre's step
        requests["unaccepted"] = desk.submit(title="人才公寓申请")
        clock.move_to(at(2025, 10, 13, 9, 0))
        requests["fresh"] = desk.submit(title="今天提交的诉求")  # accept by the end of 14 October
    return requests


def test_the_scan_alerts_each_deadline_once(zone, personas):
    p = personas
    with time_machine.travel(MONDAY, tick=False):
        result = scan.run_scan()
    assert (result.alerts, result.overdue, result.nearing) == (3, 2, 1)
    alerts = {(a.request_id, a.limit, a.kind) for a in DeadlineAlert.objects.all()}
    assert alerts == {
        (zone["nearing"].pk, "resolve", "nearing"),
        (zone["unsigned"].pk, "sign", "overdue"),
        (zone["unaccepted"].pk, "accept", "overdue"),
    }
    # the officer who signed hears of his request; the department's officers of the unsigned one; the centre of
    # the unaccepted one
    assert set(
        Notification.objects.filter(request__isnull=False, msgid__in=scan.ALERT_MSGIDS.values()).values_list(
            "recipient__username", "request_id"
        )
    ) == {
        (p.officer_a.username, zone["nearing"].pk),
        (p.officer_a.username, zone["unsigned"].pk),
        (p.officer_b.username, zone["unaccepted"].pk),
    }
    assert sorted(m.to[0] for m in mail.outbox) == ["a@zone.example", "b@zone.example"]
    digest = next(m for m in mail.outbox if m.to == ["a@zone.example"])
    assert len(digest.body.splitlines()) == 2
    with time_machine.travel(MONDAY, tick=False):
        again = scan.run_scan()
    assert (again.alerts, again.notifications, again.emails) == (0, 0, 0)
    assert len(mail.outbox) == 2


def test_notification_text_in_chinese(zone, personas):
    with time_machine.travel(MONDAY, tick=False):
        scan.run_scan()
    with translation.override("zh-hans"):
        texts = sorted(
            n.text
            for n in Notification.objects.filter(
                recipient=personas.officer_a, msgid__in=scan.ALERT_MSGIDS.values()
            )
        )
    number_n, number_u = zone["nearing"].number, zone["unsigned"].number
    assert texts == sorted(
        [
            f"诉求 {number_n} 须于 2025-10-13 前办结：研发费用加计扣除政策",
            f"诉求 {number_u} 签收已超时（截止 2025-10-10）：厂区道路破损",
        ]
    )


def test_a_deadline_that_passes_is_alerted_again_as_overdue(zone):
    with time_machine.travel(MONDAY, tick=False):
        scan.run_scan()
    with time_machine.travel(at(2025, 10, 14, 9, 0), tick=False):
        result = scan.run_scan()
    # the resolve deadline of 13 October has passed; the fresh request is due today (accept by 14 October)
    assert {
        (a.request_id, a.kind) for a in DeadlineAlert.objects.filter(created_at__gte=at(2025, 10, 14))
    } == {
        (zone["nearing"].pk, "overdue"),
        (zone["fresh"].pk, "nearing"),
    }
    assert result.alerts == 2


def test_an_approved_extension_is_a_new_deadline(zone, personas):
    with time_machine.travel(MONDAY, tick=False):
        scan.run_scan()
        services.request_extension_ask(
            request=zone["nearing"], days=1, reason="需补充材料", by=personas.officer_a
        )
        services.request_extension_decide(
            request=zone["nearing"], approve=True, note="", by=personas.officer_b
        )
    with time_machine.travel(at(2025, 10, 14, 9, 0), tick=False):
        scan.run_scan()
    kinds = list(
        DeadlineAlert.objects.filter(request=zone["nearing"])
        .order_by("created_at")
        .values_list("kind", "due_at")
    )
    assert [k for k, _ in kinds] == ["nearing", "nearing"]  # due 13 October, then 14 October
    assert kinds[1][1] > kinds[0][1]


def test_robots_hear_of_their_departments_requests(zone, personas):
    with robot_server() as server:
        RobotWebhook.objects.create(
            department=personas.department_a,
            kind="dingtalk",
            url=f"{server.url}/robot/send?access_token=dt-token",
            secret=server.dingtalk_secret,
        )
        RobotWebhook.objects.create(
            department=personas.department_b,
            kind="wecom",
            url=f"{server.url}/cgi-bin/webhook/send?key={server.wecom_key}",
        )
        with time_machine.travel(MONDAY, tick=False):
            result = scan.run_scan()
            again = scan.run_scan()
    assert (result.robot_messages, result.robot_failures) == (2, 0)
    assert (again.robot_messages, again.robot_failures) == (0, 0)
    dingtalk = next(r for r in server.received if r.path == "/robot/send")
    wecom = next(r for r in server.received if r.path != "/robot/send")
    assert dingtalk.accepted
    assert wecom.accepted
    assert zone["unsigned"].number in dingtalk.body["markdown"]["text"]
    assert zone["nearing"].number in dingtalk.body["markdown"]["text"]
    assert zone["unaccepted"].number in wecom.body["markdown"]["content"]
    assert zone["unsigned"].number not in wecom.body["markdown"]["content"]


def test_a_robot_with_a_wrong_secret_is_counted_as_failed(zone, personas):
    with robot_server() as server:
        RobotWebhook.objects.create(
            department=personas.department_a,
            kind="dingtalk",
            url=f"{server.url}/robot/send?access_token=dt-token",
            secret="SECwrong",
        )
        with time_machine.travel(MONDAY, tick=False):
            result = scan.run_scan()
    assert (result.robot_messages, result.robot_failures) == (0, 1)
    assert result.alerts == 3  # the alerts and the other channels are not lost


def test_a_missing_calendar_year_is_told_to_the_administrators_once_a_day(desk, personas):
    WorkdayArrangement.objects.filter(year=2026).delete()
    with time_machine.travel(at(2025, 12, 24, 10, 0), tick=False) as clock:
        request = desk.dispatched()
        assert request.sign_due is not None  # 25 December 2025
        services.request_sign(request=request, by=personas.officer_a)
        request.refresh_from_db()
        assert request.resolve_due is None
        assert request.calendar_missing_year == 2026
        first = scan.run_scan()
        clock.move_to(at(2025, 12, 24, 16, 0))
        second = scan.run_scan()
    told = Notification.objects.filter(msgid=scan.CALENDAR_MSGID)
    assert first.missing_calendar == 1
    assert list(told.values_list("recipient", flat=True)) == [personas.administrator.pk]
    assert second.missing_calendar == 1
    assert told.count() == 1
    with translation.override("zh-hans"):
        assert told.get().text == "2026 年工作日安排尚未录入，1 件未办结诉求无法计算截止时间。"


def test_the_command_and_the_task(zone):
    out = io.StringIO()
    with time_machine.travel(MONDAY, tick=False), translation.override("en"):
        call_command("servicedesk_scan", stdout=out)
        assert "3 new alerts (2 overdue, 1 due soon)" in out.getvalue()
        result = scan_deadlines.enqueue()
    assert result.return_value["alerts"] == 0


def test_the_bell_counts_unread_notifications(client_for, zone, personas):
    with time_machine.travel(MONDAY, tick=False):
        scan.run_scan()
    html = client_for("officer_a").get("/service/notifications/count/").content.decode()
    unread = Notification.objects.filter(recipient=personas.officer_a, read_at__isnull=True).count()
    assert f'id="unread-count" title="未读消息">{unread}<' in html
    client_for("officer_a").post("/service/notifications/read/")
    assert "unread-count" not in client_for("officer_a").get("/service/notifications/count/").content.decode()


def test_rejected_reply_is_not_overlooked(desk, personas):
    """After the centre sends a reply back, the request works against its resolve deadline again."""
    request = desk.in_progress()
    services.request_contact(request=request, note="", by=personas.officer_a)
    services.request_interim_reply(request=request, text="办理中", by=personas.officer_a)
    services.request_reply(request=request, reply="已协调", outcome=Outcome.RESOLVED, by=personas.officer_a)
    assert request.due_limit == "review"
    services.request_review(request=request, approve=False, note="请补充说明", by=personas.officer_b)
    assert request.due_limit == "resolve"
    services.request_reply(
        request=request, reply="已补充", outcome=Outcome.PARTLY_RESOLVED, by=personas.officer_a
    )
    assert request.due_limit == "review"


def test_many_alerts_for_one_person_make_one_notification(zone, personas, monkeypatch):
    monkeypatch.setattr(scan, "DIGEST_ABOVE", 1)
    with time_machine.travel(MONDAY, tick=False):
        result = scan.run_scan()
    scanned = [scan.DIGEST_MSGID, *scan.ALERT_MSGIDS.values()]
    mine = Notification.objects.filter(recipient=personas.officer_a, msgid__in=scanned)
    assert list(mine.values_list("msgid", "params", "url")) == [
        (scan.DIGEST_MSGID, {"count": 2, "overdue": 1}, "/service/?flag=overdue")
    ]
    assert Notification.objects.filter(recipient=personas.officer_b, request=zone["unaccepted"]).exists()
    assert result.notifications == 2
    with translation.override("zh-hans"):
        assert mine.get().text == "您有 2 件诉求需要处理，其中 1 件已超时。"
