"""The enterprise sees the deadlines promised to it — the reply within N working days and the extensions granted
to it — never the committee's internal limits (accept, dispatch, sign, first contact, review …) (issue 11 §2)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gaoxin.servicedesk import services
from gaoxin.servicedesk.models import ServiceRequest

pytestmark = pytest.mark.django_db

INTERNAL = ("受理", "派单", "签收", "首次联系", "阶段性答复", "审核", "回访", "退单")


def deadline_rows(client, request: ServiceRequest) -> list[tuple[str, str]]:
    page = client.get(reverse("servicedesk:request_detail", args=[request.public_id])).content.decode()
    table = page.split('id="deadlines"')[1].split("</table>")[0]
    return [
        (label, re.sub(r"<[^>]+>", "", value).strip())
        for label, value in re.findall(r"<tr[^>]*><td>([^<]*)</td><td>(.*?)</td></tr>", table)
    ]


def test_before_dispatch_the_enterprise_reads_the_promise_not_the_centres_limits(desk, client_for):
    request = desk.submit()
    rows = deadline_rows(client_for("contact"), request)
    assert rows == [("答复时限", "10 个工作日"), ("答复期限", "派单后起算")]
    staff = [label for label, _v in deadline_rows(client_for("officer_b"), request)]
    assert staff
    assert all(label not in ("答复时限", "答复期限") for label in staff)


def test_in_progress_with_an_extension_the_enterprise_reads_the_reply_date_and_the_extension(
    desk, personas, client_for
):
    request = desk.in_progress()
    services.request_extension_ask(request=request, days=2, reason="需现场核实", by=personas.officer_a)
    services.request_extension_decide(request=request, approve=True, note="同意", by=personas.officer_b)
    request.refresh_from_db()
    rows = deadline_rows(client_for("contact"), request)
    assert [label for label, _v in rows] == ["答复时限", "答复期限", "已批准延期"]
    assert rows[1][1] == timezone.localtime(request.resolve_due).strftime("%Y-%m-%d")
    assert rows[2][1] == "2 个工作日"
    for label, _value in rows:
        assert not any(word in label for word in INTERNAL), label
    api = client_for("contact").get(f"/api/v1/requests/{request.public_id}/").json()
    assert (api["extension_days"], "deadlines" in api, "due_limit" in api) == (2, False, False)
    assert api["reply_due"] is not None


def test_an_internal_limit_overdue_is_not_shown_to_the_enterprise_as_overdue(desk, client_for):
    request = desk.dispatched()
    past = timezone.now() - dt.timedelta(days=2)
    ServiceRequest.objects.filter(pk=request.pk).update(sign_due=past, due_at=past, due_limit="sign")
    url = reverse("servicedesk:request_detail", args=[request.public_id])
    assert "已超时" in client_for("officer_b").get(url).content.decode().split('id="deadlines"')[0]
    assert "已超时" not in client_for("contact").get(url).content.decode()
    listing = client_for("contact").get(reverse("servicedesk:request_list")).content.decode()
    assert "答复期限" in listing
    assert "当前时限" not in listing
    assert '<span class="muted">签收</span>' not in listing  # the staff list names the limit
