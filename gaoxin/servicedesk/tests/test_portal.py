"""What the enterprise sees of its request, after every step of the loop, on its page and through the API: only
what is addressed to it (issue 11 §2). The decision is ``workflow.DISCLOSURE``; these tests check its effect."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from gaoxin.accounts.choices import Role
from gaoxin.accounts.models import Department, User
from gaoxin.servicedesk import services
from gaoxin.servicedesk import workflow as wf
from gaoxin.servicedesk.choices import Action, Outcome
from gaoxin.servicedesk.models import RequestEvent, ServiceRequest

pytestmark = pytest.mark.django_db


def test_every_step_of_the_timeline_has_a_disclosure():
    assert set(wf.DISCLOSURE) == set(Action.values)
    assert set(wf.DISCLOSURE) >= set(wf.ACTIONS)
    assert set(wf.DISCLOSURE.values()) <= {wf.HIDDEN, wf.STEP, wf.NOTE, wf.ANSWER, wf.OWN}


def test_an_unknown_step_is_internal():
    assert wf.disclose("something_new", "内部", {}) is None


def test_the_approval_discloses_the_answer_not_the_review_note():
    assert wf.disclose("approve_reply", "审核意见", {"reply": "最终答复"}) == wf.PublicEntry(
        "reply", "最终答复"
    )
    assert wf.disclose("reply", "第一次答复", {}) is None
    assert wf.disclose("dispatch", "派单说明", {}) == wf.PublicEntry("dispatch", "")


def portal_view(client_for, request: ServiceRequest) -> tuple[str, str]:
    """The request's portal page and its API document, as the enterprise contact gets them."""
    client = client_for("contact")
    page = client.get(reverse("servicedesk:request_detail", args=[request.public_id]))
    assert page.status_code == 200
    api = client.get(f"/api/v1/requests/{request.public_id}/")
    assert api.status_code == 200
    listing = client.get("/api/v1/requests/")
    assert listing.status_code == 200
    return page.content.decode(), json.dumps([api.json(), listing.json()], ensure_ascii=False)


Step = tuple[str, Callable[[Any, ServiceRequest], Any], tuple[str, ...], tuple[str, ...]]


def loop_steps(helper_department: Department) -> list[Step]:
    """(name, what is done, texts that are internal from now on, texts the enterprise reads from now on)."""
    return [
        ("accept", lambda p, r: services.request_accept(request=r, by=p.officer_b, note="受理内部备注"), ("受理内部备注",), ()),
        (
            "dispatch",
            lambda p, r: services.request_dispatch(
                request=r, department=p.department_b, by=p.officer_b, note="派错单位的派单说明"
            ),
            ("派错单位的派单说明",),
            (),
        ),
        ("return", lambda p, r: services.request_return(request=r, reason="退单理由不属本单位", by=p.officer_b), ("退单理由不属本单位",), ()),
        (
            "dispatch again",
            lambda p, r: services.request_dispatch(
                request=r,
                department=p.department_a,
                co_departments=[helper_department],
                by=p.officer_b,
                note="请经发局牵头内部说明",
            ),
            ("请经发局牵头内部说明",),
            (),
        ),
        ("sign", lambda p, r: services.request_sign(request=r, by=p.officer_a), (), ()),
        ("contact", lambda p, r: services.request_contact(request=r, note="联系记录内部", by=p.officer_a), ("联系记录内部",), ()),
        (
            "contribute",
            lambda p, r: services.request_contribute(
                request=r, text="协办意见内部", by=helper_department.members.get()
            ),
            ("协办意见内部",),
            (),
        ),
        ("interim reply", lambda p, r: services.request_interim_reply(request=r, text="阶段答复给企业", by=p.officer_a), (), ("阶段答复给企业",)),
        (
            "extension",
            lambda p, r: services.request_extension_ask(request=r, days=2, reason="延期理由内部", by=p.officer_a),
            ("延期理由内部",),
            (),
        ),
        (
            "extension decided",
            lambda p, r: services.request_extension_decide(request=r, approve=True, note="延期批复内部", by=p.officer_b),
            ("延期批复内部",),
            (),
        ),
        (
            "supervise",
            lambda p, r: services.request_supervise(request=r, level=1, note="督办说明内部", by=p.leader),
            ("督办说明内部",),
            (),
        ),
        (
            "first reply",
            lambda p, r: services.request_reply(request=r, reply="第一次答复被退回", outcome=Outcome.RESOLVED, by=p.officer_a),
            ("第一次答复被退回",),
            (),
        ),
        (
            "sent back",
            lambda p, r: services.request_review(request=r, approve=False, note="退回重答意见", by=p.officer_b),
            ("退回重答意见",),
            (),
        ),
        (
            "second reply",
            lambda p, r: services.request_reply(request=r, reply="第二次答复终稿", outcome=Outcome.RESOLVED, by=p.officer_a),
            (),
            (),
        ),
        (
            "approved",
            lambda p, r: services.request_review(request=r, approve=True, note="审核通过内部意见", by=p.officer_b),
            ("审核通过内部意见",),
            ("第二次答复终稿",),
        ),
        (
            "callback",
            lambda p, r: services.request_callback(request=r, note="回访记录内部", by=p.officer_b),
            ("回访记录内部",),
            (),
        ),
        (
            "rated",
            lambda p, r: services.request_rate(request=r, rating="dissatisfied", comment="企业自己的评价", by=p.contact),
            (),
            ("企业自己的评价",),
        ),
        (
            "reopened",
            lambda p, r: services.request_reopen(request=r, reason="重办理由内部", by=p.officer_b),
            ("重办理由内部",),
            ("第二次答复终稿",),  # it was let through: it stays in the timeline
        ),
    ]  # fmt: skip


@pytest.fixture
def helper_department():
    department = Department.objects.create(code="kechuang", name="科技创新局", short_name="科创局")
    User.objects.create(username="p_helper", role=Role.OFFICER, department=department)
    return department


def test_the_portal_after_every_step_of_the_loop(desk, personas, client_for, helper_department):
    request = desk.submit(description="企业提交的诉求内容")
    internal: list[str] = []
    public: list[str] = ["企业提交的诉求内容"]
    seen_steps: list[list[str]] = []
    for name, take, hidden, shown in loop_steps(helper_department):
        take(personas, request)
        request.refresh_from_db()
        internal += hidden
        public += shown
        page, api = portal_view(client_for, request)
        for text in internal:
            assert text not in page, f"after {name}: {text} on the portal page"
            assert text not in api, f"after {name}: {text} in the API"
        for text in public:
            assert text in page, f"after {name}: {text} missing from the portal page"
        events = json.loads(api)[0]["events"]
        seen_steps.append([e["action"] for e in events])
        assert "supervision_level" not in json.loads(api)[0]
    # the final list of steps the enterprise saw, in order
    assert seen_steps[-1] == [
        "create",
        "accept",
        "dispatch",
        "dispatch",
        "sign",
        "contact",
        "interim_reply",
        "reply",  # the approval, shown as the reply the enterprise receives
        "callback",
        "rate",
        "reopen",
    ]
    # staff read everything
    staff = client_for("officer_b").get(reverse("servicedesk:request_detail", args=[request.public_id]))
    for text in internal:
        assert text in staff.content.decode()


@pytest.mark.parametrize("state_reached", ["replied", "sent back", "replied again"])
def test_a_reply_not_let_through_is_never_shown(desk, personas, client_for, state_reached):
    request = desk.replied()  # the reply "已协调供电公司，下周完成增容。" awaits review
    if state_reached != "replied":
        services.request_review(request=request, approve=False, note="请补充", by=personas.officer_b)
    if state_reached == "replied again":
        services.request_reply(
            request=request, reply="补充后的答复", outcome=Outcome.RESOLVED, by=personas.officer_a
        )
    page, api = portal_view(client_for, request)
    for text in ("已协调供电公司", "补充后的答复", "请补充"):
        assert text not in page
        assert text not in api
    assert json.loads(api)[0]["reply"] == ""
    assert json.loads(api)[0]["outcome"] == ""


def test_staff_see_a_reply_under_review_marked_as_such(desk, client_for):
    request = desk.replied()
    html = client_for("officer_b").get(reverse("servicedesk:request_detail", args=[request.public_id]))
    assert "答复（尚未审核通过）" in html.content.decode()


def test_approvals_recorded_before_the_change_get_their_answer(desk, personas):
    """The migration's rule, applied to rows written the old way (an approval without the answer)."""
    from importlib import import_module

    from django.apps import apps

    request = desk.awaiting_callback()
    approval = request.events.get(action="approve_reply")
    RequestEvent.objects.filter(pk=approval.pk).update(data={})
    migration = import_module("gaoxin.servicedesk.migrations.0003_refuse_contribute_responsibilities")
    migration.record_approved_replies(apps, None)
    approval.refresh_from_db()
    assert approval.public == wf.PublicEntry("reply", "已协调供电公司，下周完成增容。")
