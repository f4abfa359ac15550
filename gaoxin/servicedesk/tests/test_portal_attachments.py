"""The files of a request the enterprise sees: those it attached itself and those sent to it with the answer the
centre let through — never the committee's working files, on the page, in the API or as a download (issue 11
§2). The decision is ``workflow.disclose``, the one that decides about the timeline."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gaoxin.servicedesk import services
from gaoxin.servicedesk import workflow as wf
from gaoxin.servicedesk.choices import Outcome
from gaoxin.servicedesk.models import RequestAttachment, ServiceRequest
from gaoxin.testing import sample_files as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


def upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, f.PNG)


def seen_by(client, request: ServiceRequest) -> dict[str, set[str]]:
    """The file names the page lists, the API lists, and those the client can download."""
    page = client.get(reverse("servicedesk:request_detail", args=[request.public_id])).content.decode()
    listed = page.split('id="attachments"')[1].split("</ul>")[0]
    api = client.get(f"/api/v1/requests/{request.public_id}/").json()
    downloads = {
        a.name
        for a in RequestAttachment.objects.filter(request=request)
        if client.get(reverse("servicedesk:attachment_download", args=[request.public_id, a.pk])).status_code
        == 200
    }
    return {
        "page": {a.name for a in RequestAttachment.objects.filter(request=request) if a.name in listed},
        "api": {a["name"] for a in api["attachments"]},
        "download": downloads,
    }


def assert_sees(client, request: ServiceRequest, names: set[str]) -> None:
    assert seen_by(client, request) == {"page": names, "api": names, "download": names}


def test_the_enterprise_sees_its_own_files_not_the_working_files_of_staff(desk, personas, client_for):
    request = desk.submit(attachments=[upload("企业提交的现场照片.png")])
    services.attachment_add(request=request, upload=upload("企业补充材料.png"), by=personas.contact)
    desk_request = desk.in_progress()
    services.attachment_add(request=request, upload=upload("中心内部核查.png"), by=personas.officer_b)
    services.attachment_add(request=desk_request, upload=upload("另一家的内部.png"), by=personas.officer_a)
    contact = client_for("contact")
    assert_sees(contact, request, {"企业提交的现场照片.png", "企业补充材料.png"})
    page = contact.get(reverse("servicedesk:request_detail", args=[request.public_id])).content.decode()
    assert "中心内部核查.png" not in page  # nor in the timeline
    assert "中心内部核查.png" not in str(contact.get(f"/api/v1/requests/{request.public_id}/").json())
    staff = client_for("officer_b")
    assert_sees(staff, request, {"企业提交的现场照片.png", "企业补充材料.png", "中心内部核查.png"})
    html = staff.get(reverse("servicedesk:request_detail", args=[request.public_id])).content.decode()
    assert html.count("企业可见") == 2
    assert html.count("内部") >= 1


def test_files_staff_attach_when_recording_a_request_are_internal(desk, personas, client_for):
    request = desk.submit(by=personas.officer_b, channel="phone", attachments=[upload("来电记录.png")])
    assert_sees(client_for("contact"), request, set())


def test_a_file_sent_with_the_reply_reaches_the_enterprise_once_the_centre_lets_the_reply_through(
    desk, personas, client_for
):
    request = desk.in_progress()
    services.request_reply(
        request=request, reply="第一次答复", outcome=Outcome.RESOLVED, by=personas.officer_a,
        attachments=[upload("第一稿批复.png")],
    )  # fmt: skip
    contact = client_for("contact")
    assert_sees(contact, request, set())  # under review
    services.request_review(request=request, approve=False, note="请修改", by=personas.officer_b)
    assert_sees(contact, request, set())  # sent back for rework
    services.request_reply(
        request=request, reply="第二次答复", outcome=Outcome.RESOLVED, by=personas.officer_a,
        attachments=[upload("正式批复.png")],
    )  # fmt: skip
    assert_sees(contact, request, set())
    services.request_review(request=request, approve=True, note="", by=personas.officer_b)
    assert_sees(contact, request, {"正式批复.png"})  # the answer's file, not the reworked one's
    approval = request.events.get(action="approve_reply")
    assert approval.public == wf.PublicEntry(
        "reply", "第二次答复", (RequestAttachment.objects.get(name="正式批复.png").pk,)
    )


def test_the_reply_form_on_the_page_sends_its_file(desk, personas, client_for):
    request = desk.in_progress()
    client_for("officer_a").post(
        reverse("servicedesk:request_step", args=[request.public_id, "reply"]),
        {
            "reply-reply": "已办妥",
            "reply-outcome": Outcome.RESOLVED,
            "reply-attachment": upload("办结通知.png"),
        },
    )
    request.refresh_from_db()
    assert request.state == "replied"
    sent = request.events.get(action="reply").data["attachments"]
    assert sent == [RequestAttachment.objects.get(name="办结通知.png").pk]


def test_an_unknown_or_staff_step_with_files_discloses_none():
    assert wf.disclose("attach", "内部.png", {"attachments": [1]}) is None
    assert wf.disclose("attach", "自己的.png", {"attachments": [2]}, by_enterprise=True) == wf.PublicEntry(
        "attach", "自己的.png", (2,)
    )
    assert wf.disclose("create", "", {"attachments": [3]}) == wf.PublicEntry("create", "", ())
    assert wf.disclose("reply", "", {"attachments": [4]}) is None
    assert wf.disclosed_files(
        [wf.disclose("approve_reply", "", {"reply": "好", "attachments": [5]}), None]
    ) == {5}


def test_files_recorded_before_the_change_are_given_to_their_steps(desk, personas):
    """The migration's rule, applied to rows written the old way (no by_enterprise, no files in the steps)."""
    from importlib import import_module

    from django.apps import apps

    from gaoxin.servicedesk.models import RequestEvent

    request = desk.submit(attachments=[upload("申请书.png")])
    services.attachment_add(request=request, upload=upload("补充.png"), by=personas.contact)
    services.attachment_add(request=request, upload=upload("内部.png"), by=personas.officer_b)
    RequestEvent.objects.filter(request=request).update(by_enterprise=False, data={})

    class AppsOf0005:
        """The registry as that migration read it: a request's files were still named Attachment (0006)."""

        def get_model(self, app_label: str, name: str) -> Any:
            return apps.get_model(app_label, "RequestAttachment" if name == "Attachment" else name)

    migration = import_module("gaoxin.servicedesk.migrations.0005_event_by_enterprise_and_its_files")
    migration.backfill(AppsOf0005(), None)
    request = ServiceRequest.objects.get(pk=request.pk)
    names = {a.pk: a.name for a in request.attachments.all()}
    assert {names[pk] for pk in wf.disclosed_files(e.public for e in request.events.all())} == {
        "申请书.png",
        "补充.png",
    }
