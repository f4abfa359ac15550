"""In-app notifications about requests: who is told what when a step is taken."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_noop

from gaoxin.accounts.models import User
from gaoxin.core import bulk
from gaoxin.servicedesk import selectors
from gaoxin.servicedesk.choices import RedFlag
from gaoxin.servicedesk.models import EnterpriseOfficer, Notification, ServiceRequest, Visit

COLUMNS = ("recipient", "request", "msgid", "params", "url", "created_at")

# What each step tells whom: "centre", "department" (the handling department's officers, or the officer who
# signed once there is one), "co_departments" (the officers of the co-handling departments), "enterprise" (the
# enterprise's contacts).
STEP_MESSAGES: dict[str, tuple[tuple[str, str], ...]] = {
    "create": (("centre", gettext_noop("New request %(number)s from %(enterprise)s: %(title)s")),),
    "refuse": (("enterprise", gettext_noop("Your request %(number)s was not admitted: %(title)s")),),
    "dispatch": (
        ("department", gettext_noop("Request %(number)s was dispatched to your department: %(title)s")),
        (
            "co_departments",
            gettext_noop("Your department is asked to co-handle request %(number)s: %(title)s"),
        ),
    ),
    "return": (("centre", gettext_noop("Request %(number)s was returned: %(title)s")),),
    "contribute": (
        (
            "department",
            gettext_noop(
                "A co-handling department added its part of the answer to request %(number)s: %(title)s"
            ),
        ),
    ),
    "request_extension": (
        ("centre", gettext_noop("An extension is asked for request %(number)s: %(title)s")),
    ),
    "decide_extension": (
        ("department", gettext_noop("The extension of request %(number)s was decided: %(title)s")),
    ),
    "reply": (("centre", gettext_noop("Request %(number)s was replied to; please review: %(title)s")),),
    "reject_reply": (
        ("department", gettext_noop("The reply to request %(number)s was sent back: %(title)s")),
    ),
    "approve_reply": (("enterprise", gettext_noop("Your request %(number)s has been answered: %(title)s")),),
    "close_directly": (("enterprise", gettext_noop("Your request %(number)s has been answered: %(title)s")),),
    "rate": (("centre", gettext_noop("Request %(number)s was rated: %(title)s")),),
    "reopen": (("department", gettext_noop("Request %(number)s was reopened: %(title)s")),),
    "supervise": (("department", gettext_noop("Request %(number)s is under supervision: %(title)s")),),
}


def request_url(request: ServiceRequest) -> str:
    return reverse("servicedesk:request_detail", args=[request.public_id])


def recipients(request: ServiceRequest, audience: str) -> list[User]:
    if audience == "centre":
        return list(selectors.centre_users())
    if audience == "department":
        if request.signed_by_id is not None:
            return list(User.objects.filter(pk=request.signed_by_id, is_active=True))
        return list(selectors.department_users(request.department_id))
    if audience == "co_departments":
        return list(selectors.co_department_users(request))
    return list(
        User.objects.filter(is_active=True, role="enterprise_contact", enterprise_id=request.enterprise_id)
    )


def send(
    users: Iterable[Any], *, request: ServiceRequest | None, msgid: str, params: dict[str, Any], url: str
) -> int:
    now = timezone.now()
    rows = [(user.pk, request.pk if request else None, msgid, params, url, now) for user in users]
    bulk.insert(Notification, COLUMNS, rows)
    return len(rows)


def step_taken(request: ServiceRequest, action: str, *, by: Any) -> int:
    """Tell the people concerned about a step (not the person who took it)."""
    params = {"number": request.number, "title": request.title[:60], "enterprise": request.enterprise.name}
    sent = 0
    for audience, msgid in STEP_MESSAGES.get(action, ()):
        users = [u for u in recipients(request, audience) if u.pk != getattr(by, "pk", None)]
        sent += send(users, request=request, msgid=msgid, params=params, url=request_url(request))
    return sent


RED_FLAG_MSGID = gettext_noop("Red flag from the visit to %(enterprise)s on %(date)s: %(flag_label)s")


def red_flags_raised(visit: Visit, flags: Iterable[str], *, by: Any) -> int:
    """Tell the centre and the enterprise's responsible officer (服务专员) of red flags a visit raised."""
    users = {u.pk: u for u in selectors.centre_users()}
    officer = (
        EnterpriseOfficer.objects.select_related("officer").filter(enterprise_id=visit.enterprise_id).first()
    )
    if officer is not None and officer.officer.is_active:
        users[officer.officer_id] = officer.officer
    recipients = [u for pk, u in users.items() if pk != getattr(by, "pk", None)]
    url = reverse("servicedesk:visit_detail", args=[visit.pk])
    sent = 0
    for flag in flags:
        with translation.override(None):  # the msgid, translated when the notification is shown
            label = str(RedFlag(flag).label)
        params = {
            "enterprise": visit.enterprise.name,
            "date": date_format(visit.visited_on, "DATE_FORMAT"),
            "flag_label": label,
        }
        sent += send(recipients, request=None, msgid=RED_FLAG_MSGID, params=params, url=url)
    return sent


def mark_read(user: Any, ids: Iterable[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
