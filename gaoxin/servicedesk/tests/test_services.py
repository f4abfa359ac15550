"""The closed loop through the services, in frozen time across National Day 2025 and Spring Festival 2026."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from gaoxin.core import changelog
from gaoxin.servicedesk import services
from gaoxin.servicedesk.choices import ExtensionDecision, Outcome, RequestState
from gaoxin.servicedesk.models import Category, Notification, ServiceRequest
from gaoxin.servicedesk.services import StepRefused
from gaoxin.servicedesk.tests.conftest import SHANGHAI, at

pytestmark = pytest.mark.django_db


def end_of(*ymd: int) -> dt.datetime:
    return dt.datetime(*ymd, 23, 59, 59, tzinfo=SHANGHAI)


def test_the_whole_loop_across_national_day_2025(desk, personas):
    p = personas
    with time_machine.travel(at(2025, 9, 26, 10, 0), tick=False) as clock:  # Friday before the holiday
        request = desk.submit()
        assert request.state == RequestState.SUBMITTED
        assert request.number == f"FW2025{request.pk:06d}"
        assert len(request.public_id) == 16
        assert request.due_limit == "accept"
        assert request.accept_due == end_of(2025, 9, 28)  # Sunday 28 September is worked
        assert Notification.objects.filter(recipient=p.officer_b, request=request).count() == 1

        clock.move_to(at(2025, 9, 26, 10, 5))
        services.request_accept(request=request, by=p.officer_b)
        clock.move_to(at(2025, 9, 26, 10, 10))
        services.request_dispatch(
            request=request, department=p.department_a, co_departments=[p.department_b], by=p.officer_b
        )
        assert request.state == RequestState.DISPATCHED
        assert request.sign_due == end_of(2025, 9, 28)
        # 28, 29, 30 Sep, 9, 10, 11 (a Saturday, worked), 13, 14, 15, 16 Oct
        assert request.resolve_due == end_of(2025, 10, 16)
        assert list(request.co_departments.all()) == [p.department_b]
        assert Notification.objects.filter(recipient=p.officer_a, request=request).count() == 1

        clock.move_to(at(2025, 9, 28, 9, 0))  # the make-up Sunday: the last day to sign
        services.request_sign(request=request, by=p.officer_a)
        assert request.signed_by == p.officer_a
        assert request.signed_on_time
        assert request.due_limit == "contact"
        assert request.contact_due == at(2025, 9, 28, 10, 0)
        assert request.interim_due == end_of(2025, 10, 9)  # 29, 30 Sep and 9 Oct

        clock.move_to(at(2025, 9, 28, 9, 40))
        services.request_contact(request=request, note="电话联系企业负责人", by=p.officer_a)
        assert request.due_limit == "interim"
        clock.move_to(at(2025, 9, 30, 16, 0))
        services.request_interim_reply(request=request, text="已转供电公司现场勘察", by=p.officer_a)
        assert request.due_limit == "resolve"
        assert request.due_at == end_of(2025, 10, 16)

        clock.move_to(at(2025, 10, 15, 15, 0))
        services.request_reply(
            request=request, reply="增容方案已批复", outcome=Outcome.RESOLVED, by=p.officer_a
        )
        assert request.replied_at <= request.resolve_due  # resolved on time
        assert request.review_due == end_of(2025, 10, 16)
        clock.move_to(at(2025, 10, 16, 9, 0))
        services.request_review(request=request, approve=True, note="", by=p.officer_b)
        assert request.callback_due == end_of(2025, 10, 17)
        clock.move_to(at(2025, 10, 17, 10, 0))
        services.request_callback(request=request, note="企业确认已送电", by=p.officer_b)
        assert request.due_at is None
        services.request_rate(request=request, rating="satisfied", comment="服务很好", by=p.contact)
        services.request_close(request=request, note="", by=p.officer_b)

    request.refresh_from_db()
    assert request.state == RequestState.CLOSED
    assert request.due_at is None
    # working days after Friday 26 September up to Friday 17 October: 28, 29, 30 Sep, 9, 10, 11, 13–17 Oct
    assert request.handling_workdays == 11
    assert [e.action for e in request.events.all()] == [
        "create", "accept", "dispatch", "sign", "contact", "interim_reply", "reply", "approve_reply", "callback",
        "rate", "close",
    ]  # fmt: skip
    assert [e.to_state for e in request.events.all()][-1] == RequestState.CLOSED
    history = list(changelog.history(request).order_by("time", "id"))
    assert history[0].action == "create"
    assert history[-1].changes["state"] == [RequestState.AWAITING_CALLBACK, RequestState.CLOSED]
    assert {entry.user_id for entry in history} == {p.contact.pk, p.officer_b.pk, p.officer_a.pk}


def test_the_centre_records_a_phone_request_as_accepted(desk, personas):
    with time_machine.travel(at(2026, 2, 13, 16, 0), tick=False):  # Friday before Spring Festival
        request = desk.submit(by=personas.officer_b, channel="phone", urgency="urgent", contact_name="李经理")
    assert request.state == RequestState.ACCEPTED
    assert request.channel == "phone"
    assert request.accepted_by == personas.officer_b
    assert [e.action for e in request.events.all()] == ["create", "accept"]
    # urgent: dispatch within 2 office hours — 1 h 30 on Friday, 30 min on the make-up Saturday 14 February
    assert request.dispatch_due == at(2026, 2, 14, 9, 0)
    assert not Notification.objects.exists()  # the centre does not notify itself


def test_a_contact_submits_only_for_their_enterprise(desk, personas):
    with pytest.raises(PermissionDenied):
        desk.submit(enterprise=personas.other_enterprise)
    request = desk.submit(channel="phone", received_at=at(2025, 1, 1, 9))
    assert request.channel == "portal"  # the portal is the contact's channel, received now
    assert request.received_at > at(2025, 1, 1, 9)


@pytest.mark.parametrize(
    ("persona", "action"),
    [("officer_a", "accept"), ("contact", "accept"), ("leader", "accept")],
)
def test_only_the_centre_accepts(desk, personas, persona, action):
    request = desk.submit()
    with pytest.raises(PermissionDenied):
        services.request_accept(request=request, by=personas.by_name(persona))
    assert ServiceRequest.objects.get(pk=request.pk).state == RequestState.SUBMITTED


def test_only_the_handling_department_signs(desk, personas):
    request = desk.dispatched()
    for persona in ("officer_b", "leader", "contact"):
        with pytest.raises(PermissionDenied):
            services.request_sign(request=request, by=personas.by_name(persona))
    services.request_sign(request=request, by=personas.officer_a)


def test_an_illegal_step_is_refused_in_chinese(desk, personas):
    request = desk.in_progress()
    with pytest.raises(StepRefused) as caught:
        services.request_close(request=request, note="", by=personas.officer_b)
    assert caught.value.messages == ["诉求当前为“办理中”状态，不能执行“办结”。"]
    assert caught.value.code == "illegal"
    assert ServiceRequest.objects.get(pk=request.pk).state == RequestState.IN_PROGRESS


def test_a_second_signature_names_who_signed(desk, personas):
    with time_machine.travel(at(2025, 6, 3, 9, 30), tick=False):
        request = desk.in_progress()
        with pytest.raises(StepRefused) as caught:
            services.request_sign(request=request, by=personas.officer_a)
    assert caught.value.messages == ["该诉求已由 p_officer_a 于 2025-06-03 09:30 签收，由其负责办理。"]


class TestReturn:
    def test_within_the_limit_goes_back_to_the_centre(self, desk, personas):
        with time_machine.travel(at(2025, 9, 26, 10, 0), tick=False) as clock:
            request = desk.dispatched()
            assert request.return_due == end_of(2025, 9, 29)  # two working days: 28 and 29 September
            clock.move_to(at(2025, 9, 29, 17, 0))
            with pytest.raises(StepRefused, match="请填写退单原因"):
                services.request_return(request=request, reason=" ", by=personas.officer_a)
            services.request_return(request=request, reason="属供电公司职责", by=personas.officer_a)
        assert request.state == RequestState.ACCEPTED
        assert request.department is None
        assert request.return_count == 1
        assert request.events.last().note == "属供电公司职责"
        assert Notification.objects.filter(recipient=personas.officer_b, msgid__contains="returned").exists()
        services.request_dispatch(request=request, department=personas.department_b, by=personas.officer_b)
        assert request.state == RequestState.DISPATCHED

    def test_too_late_is_refused(self, desk, personas):
        with time_machine.travel(at(2025, 9, 26, 10, 0), tick=False) as clock:
            request = desk.dispatched()
            clock.move_to(at(2025, 9, 30, 9, 0))
            with pytest.raises(StepRefused, match="2025-09-29"):
                services.request_return(request=request, reason="不属本部门", by=personas.officer_a)


class TestExtension:
    def test_approved_extension_moves_the_resolve_deadline(self, desk, personas):
        # dispatched Friday 13 February 2026, 16:00: 10 working days end on 5 March (see test_deadlines)
        with time_machine.travel(at(2026, 2, 13, 15, 0), tick=False) as clock:
            request = desk.submit()
            clock.move_to(at(2026, 2, 13, 16, 0))
            services.request_accept(request=request, by=personas.officer_b)
            services.request_dispatch(
                request=request, department=personas.department_a, by=personas.officer_b
            )
            clock.move_to(at(2026, 2, 14, 9, 0))
            services.request_sign(request=request, by=personas.officer_a)
            assert request.resolve_due == end_of(2026, 3, 5)
            services.request_extension_ask(
                request=request, days=5, reason="需省级部门审批", by=personas.officer_a
            )
            with pytest.raises(StepRefused, match="已有延期申请"):
                services.request_extension_ask(request=request, days=1, reason="再延", by=personas.officer_a)
            services.request_extension_decide(
                request=request, approve=True, note="同意", by=personas.officer_b
            )
        assert request.extension_days == 5
        assert request.resolve_due == end_of(2026, 3, 12)  # 6, 9, 10, 11, 12 March
        assert request.extensions.get().decision == ExtensionDecision.APPROVED
        # the cap of the default policy is 10 working days in all
        with pytest.raises(StepRefused) as caught:
            services.request_extension_ask(request=request, days=6, reason="仍需时间", by=personas.officer_a)
        assert caught.value.messages == ["延期累计不得超过 10 个工作日；已批准 5 个，最多还可申请 5 个。"]
        assert [
            e.public for e in request.events.filter(action__in=["request_extension", "decide_extension"])
        ] == [None, None]

    def test_a_rejected_extension_leaves_the_deadline(self, desk, personas):
        request = desk.in_progress()
        due = request.resolve_due
        services.request_extension_ask(request=request, days=3, reason="材料不全", by=personas.officer_a)
        services.request_extension_decide(
            request=request, approve=False, note="请按期办结", by=personas.officer_b
        )
        assert request.resolve_due == due
        with pytest.raises(StepRefused, match="没有待审批的延期申请"):
            services.request_extension_decide(request=request, approve=True, note="", by=personas.officer_b)


def test_reopen_after_dissatisfaction(desk, personas):
    with time_machine.travel(at(2025, 11, 3, 9, 0), tick=False) as clock:
        request = desk.awaiting_callback()
        with pytest.raises(StepRefused, match="不满意"):
            services.request_reopen(request=request, reason="企业不满意", by=personas.officer_b)
        services.request_rate(
            request=request, rating="dissatisfied", comment="问题没有解决", by=personas.contact
        )
        with pytest.raises(StepRefused, match="已评价"):
            services.request_rate(request=request, rating="satisfied", comment="", by=personas.contact)
        clock.move_to(at(2025, 11, 4, 9, 0))  # Tuesday
        services.request_reopen(request=request, reason="承办单位答复不实", by=personas.officer_b)
    assert request.state == RequestState.IN_PROGRESS
    assert request.reopen_count == 1
    assert request.rating == ""
    assert request.signed_by == personas.officer_a  # the same officer handles it again
    # resolve runs afresh from the reopening: 10 working days after Tuesday 4 November 2025
    assert request.resolve_due == end_of(2025, 11, 18)
    assert request.due_limit == "resolve"
    event = request.events.last()
    assert event.data["rating"] == "dissatisfied"
    assert Notification.objects.filter(recipient=personas.officer_a, msgid__contains="reopened").exists()
    services.request_reply(
        request=request, reply="已重新协调", outcome=Outcome.RESOLVED, by=personas.officer_a
    )
    services.request_review(request=request, approve=True, note="", by=personas.officer_b)
    services.request_callback(
        request=request, note="电话回访", rating="basically_satisfied", by=personas.officer_b
    )
    services.request_close(request=request, note="", by=personas.officer_b)
    assert request.state == RequestState.CLOSED
    assert request.rating == "basically_satisfied"


def test_close_needs_the_callback(desk, personas):
    request = desk.awaiting_callback()
    with pytest.raises(StepRefused, match="回访"):
        services.request_close(request=request, note="", by=personas.officer_b)


def test_a_reply_sent_back_returns_to_the_department(desk, personas):
    request = desk.replied()
    with pytest.raises(StepRefused):
        services.request_review(request=request, approve=False, note="", by=personas.officer_b)
    services.request_review(request=request, approve=False, note="答复过于简单", by=personas.officer_b)
    assert request.state == RequestState.IN_PROGRESS
    assert request.replied_at is None
    assert request.events.last().data["reply"] == "已协调供电公司，下周完成增容。"


def test_closing_directly_and_supervision(desk, personas):
    request = desk.submit()
    services.request_accept(request=request, by=personas.officer_b)
    with pytest.raises(StepRefused):
        services.request_close_directly(request=request, note=" ", by=personas.officer_b)
    services.request_supervise(request=request, level=2, note="领导关注", by=personas.leader)
    assert request.supervision_level == 2
    services.request_close_directly(request=request, note="已当场解答政策", by=personas.officer_b)
    assert request.state == RequestState.CLOSED
    assert request.close_reason == "answered_directly"
    with pytest.raises(StepRefused):
        services.request_supervise(request=request, level=1, note="x", by=personas.leader)


def test_accepting_reclassifies_and_takes_the_policy_of_the_new_category(desk, personas):
    request = desk.submit()
    land = Category.objects.get(code="land")
    services.request_accept(request=request, by=personas.officer_b, category_id=land.pk)
    assert request.category_id == land.pk
    assert request.limits["resolve"] == {"amount": 15, "unit": "days"}
    assert request.policy is not None
    assert request.policy.category == land
