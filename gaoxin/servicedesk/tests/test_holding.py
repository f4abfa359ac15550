"""Who holds a signed request, what co-handling departments add, and refusing (不予受理) as its own step:
every refusal of a step tested (issue 11 §1)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from gaoxin.accounts.choices import Role
from gaoxin.accounts.models import Department, User
from gaoxin.servicedesk import services
from gaoxin.servicedesk import workflow as wf
from gaoxin.servicedesk.choices import Outcome, RequestState
from gaoxin.servicedesk.models import DepartmentHead, Notification
from gaoxin.servicedesk.services import StepRefused

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(personas):
    """A second officer of the handling department (经济发展局), who did not sign."""
    return User.objects.create(
        username="p_colleague", display_name="李同事", role=Role.OFFICER, department=personas.department_a
    )


@pytest.fixture
def helper_department():
    return Department.objects.create(code="kechuang", name="科技创新局", short_name="科创局")


@pytest.fixture
def helper(helper_department):
    """An officer of the co-handling department."""
    return User.objects.create(
        username="p_helper", display_name="赵协办", role=Role.OFFICER, department=helper_department
    )


@pytest.fixture
def bystander():
    """An officer of a department that has nothing to do with the request."""
    department = Department.objects.create(code="caizheng", name="财政局", short_name="财政局")
    return User.objects.create(username="p_bystander", role=Role.OFFICER, department=department)


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


HOLDER_STEPS = {
    "contact": lambda r, u: services.request_contact(request=r, note="电话联系", by=u),
    "interim_reply": lambda r, u: services.request_interim_reply(request=r, text="正在办理", by=u),
    "request_extension": lambda r, u: services.request_extension_ask(
        request=r, days=2, reason="需会商", by=u
    ),
    "reply": lambda r, u: services.request_reply(request=r, reply="已办结", outcome=Outcome.RESOLVED, by=u),
}


@pytest.mark.parametrize("action", HOLDER_STEPS)
def test_once_signed_a_colleague_of_the_signer_may_not_handle_it(desk, colleague, action):
    request = desk.in_progress()  # signed by officer_a
    with pytest.raises(PermissionDenied):
        HOLDER_STEPS[action](request, colleague)
    request.refresh_from_db()
    assert not request.events.filter(action=action).exists()


@pytest.mark.parametrize("action", HOLDER_STEPS)
@pytest.mark.parametrize("who", ["signer", "head", "centre", "administrator"])
def test_the_signer_the_head_and_the_centre_may_handle_it(desk, personas, colleague, action, who):
    request = desk.in_progress()
    DepartmentHead.objects.create(department=personas.department_a, user=colleague)
    user = {
        "signer": personas.officer_a,
        "head": colleague,
        "centre": personas.officer_b,
        "administrator": personas.administrator,
    }[who]
    HOLDER_STEPS[action](request, user)
    assert request.events.filter(action=action, by=user).exists()


def test_the_head_of_another_department_may_not_handle_it(desk, helper, helper_department):
    request = desk.in_progress()
    DepartmentHead.objects.create(department=helper_department, user=helper)
    with pytest.raises(PermissionDenied):
        HOLDER_STEPS["reply"](request, helper)


def test_a_colleague_sees_the_signed_request_read_only_with_who_holds_it(desk, personas, colleague):
    request = desk.in_progress()
    page = client_of(colleague).get(reverse("servicedesk:request_detail", args=[request.public_id]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="steps"' not in html  # no step forms at all
    assert 'id="read-only"' in html
    assert f"{personas.officer_a}" in html.split('id="read-only"')[1].split("</li>")[0]
    signer = client_of(personas.officer_a).get(
        reverse("servicedesk:request_detail", args=[request.public_id])
    )
    assert 'id="step-reply"' in signer.content.decode()
    assert 'id="read-only"' not in signer.content.decode()


def test_a_colleague_posting_a_step_is_refused(desk, colleague):
    request = desk.in_progress()
    url = reverse("servicedesk:request_step", args=[request.public_id, "reply"])
    response = client_of(colleague).post(url, {"reply-reply": "抢答", "reply-outcome": "resolved"})
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.state == RequestState.IN_PROGRESS
    assert request.reply == ""


# --- co-handling departments (协办单位) ----------------------------------------------------------------------


def dispatched_with_helper(desk, personas, helper_department):
    request = desk.submit()
    services.request_accept(request=request, by=personas.officer_b)
    services.request_dispatch(
        request=request,
        department=personas.department_a,
        co_departments=[helper_department],
        by=personas.officer_b,
    )
    return request


def test_co_handling_departments_are_notified_of_the_dispatch(desk, personas, helper, helper_department):
    request = dispatched_with_helper(desk, personas, helper_department)
    told = Notification.objects.get(recipient=helper, request=request)
    assert "协办" in told.text
    assert Notification.objects.filter(recipient=personas.officer_a, request=request).exists()


def test_a_co_handler_adds_its_part_and_the_holder_sees_it_in_the_reply(
    desk, personas, helper, helper_department
):
    request = dispatched_with_helper(desk, personas, helper_department)
    services.request_sign(request=request, by=personas.officer_a)
    services.request_contribute(request=request, text="科技项目补助可按规定申报", by=helper)
    event = request.events.get(action="contribute")
    assert (event.by, event.data["department"], event.public) == (helper, "科技创新局", None)
    assert Notification.objects.filter(
        recipient=personas.officer_a, request=request, msgid__contains="co-handling"
    )
    page = client_of(personas.officer_a).get(reverse("servicedesk:request_detail", args=[request.public_id]))
    html = page.content.decode()
    reply_form = html.split('id="step-reply"')[1].split("</form>")[0]
    assert "【科技创新局】科技项目补助可按规定申报" in reply_form  # merged into the reply to be given
    assert "科技项目补助可按规定申报" in html.split('class="contribution"')[1]
    portal = client_of(personas.contact).get(reverse("servicedesk:request_detail", args=[request.public_id]))
    assert "科技项目补助可按规定申报" not in portal.content.decode()


def test_a_co_handler_sees_the_request_but_may_not_reply(desk, personas, helper, helper_department):
    request = dispatched_with_helper(desk, personas, helper_department)
    services.request_sign(request=request, by=personas.officer_a)
    html = (
        client_of(helper)
        .get(reverse("servicedesk:request_detail", args=[request.public_id]))
        .content.decode()
    )
    assert 'id="step-contribute"' in html
    assert 'id="step-reply"' not in html
    with pytest.raises(PermissionDenied):
        HOLDER_STEPS["reply"](request, helper)


@pytest.mark.parametrize("who", ["officer_a", "colleague", "bystander", "contact", "officer_b"])
def test_only_co_handlers_contribute(desk, personas, helper_department, colleague, bystander, who):
    request = dispatched_with_helper(desk, personas, helper_department)
    user = {"colleague": colleague, "bystander": bystander}.get(who) or getattr(personas, who)
    with pytest.raises(PermissionDenied):
        services.request_contribute(request=request, text="意见", by=user)


def test_a_contribution_needs_text_and_an_open_handling(desk, personas, helper, helper_department):
    request = dispatched_with_helper(desk, personas, helper_department)
    with pytest.raises(StepRefused):
        services.request_contribute(request=request, text="  ", by=helper)
    services.request_contribute(request=request, text="可先行办理", by=helper)  # before the signature too
    services.request_sign(request=request, by=personas.officer_a)
    services.request_reply(request=request, reply="已办结", outcome=Outcome.RESOLVED, by=personas.officer_a)
    with pytest.raises(StepRefused) as caught:  # under review: too late
        services.request_contribute(request=request, text="补充", by=helper)
    assert caught.value.code == "illegal"


# --- refusing (不予受理) -------------------------------------------------------------------------------------


def test_refusing_is_a_step_of_its_own_with_a_reason_the_enterprise_reads(desk, personas, client_for):
    request = desk.submit()
    services.request_refuse(
        request=request, reason="属司法诉讼事项，请通过法律途径解决", by=personas.officer_b
    )
    request.refresh_from_db()
    assert (request.state, request.close_reason, request.accepted_at) == (
        RequestState.CLOSED,
        "not_admissible",
        None,
    )
    assert list(request.events.values_list("action", flat=True)) == ["create", "refuse"]
    assert Notification.objects.filter(recipient=personas.contact, request=request).exists()
    portal = client_for("contact").get(reverse("servicedesk:request_detail", args=[request.public_id]))
    assert "属司法诉讼事项，请通过法律途径解决" in portal.content.decode()


def test_refusing_without_a_reason_is_refused(desk, personas):
    request = desk.submit()
    with pytest.raises(StepRefused) as caught:
        services.request_refuse(request=request, reason="   ", by=personas.officer_b)
    assert "不予受理" in caught.value.messages[0]
    request.refresh_from_db()
    assert request.state == RequestState.SUBMITTED


def test_an_accepted_request_cannot_be_refused(desk, personas):
    request = desk.submit()
    services.request_accept(request=request, by=personas.officer_b)
    with pytest.raises(StepRefused) as caught:
        services.request_refuse(request=request, reason="不属受理范围", by=personas.officer_b)
    assert caught.value.code == "illegal"
    request.refresh_from_db()
    assert request.state == RequestState.ACCEPTED


@pytest.mark.parametrize("who", ["officer_a", "leader", "contact"])
def test_only_the_centre_refuses(desk, personas, who):
    request = desk.submit()
    with pytest.raises(PermissionDenied):
        services.request_refuse(request=request, reason="不属受理范围", by=getattr(personas, who))


def test_closing_directly_no_longer_refuses(client_for, desk, personas):
    """An accepted request is answered or dispatched; 'not admissible' is no choice of closing directly."""
    request = desk.submit()
    services.request_accept(request=request, by=personas.officer_b)
    html = client_for("officer_b").get(reverse("servicedesk:request_detail", args=[request.public_id]))
    form = html.content.decode().split('id="step-close_directly"')[1].split("</form>")[0]
    assert "not_admissible" not in form
    assert 'id="step-refuse"' not in html.content.decode()
    services.request_close_directly(request=request, note="已当场答复", by=personas.officer_b)
    assert request.close_reason == "answered_directly"


def test_the_refusal_form_is_offered_to_the_centre_on_a_submitted_request(client_for, desk):
    request = desk.submit()
    html = client_for("officer_b").get(reverse("servicedesk:request_detail", args=[request.public_id]))
    assert 'id="step-refuse"' in html.content.decode()
    response = client_for("officer_b").post(
        reverse("servicedesk:request_step", args=[request.public_id, "refuse"]),
        {"refuse-reason": "不属受理范围"},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == wf.CLOSED
