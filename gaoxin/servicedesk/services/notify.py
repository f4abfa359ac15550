"""Notifications: who is told what in the app when a step is taken, and of the red flags of a visit (those
also by e-mail and on the group robots, through ``delivery`` as the deadline alerts)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gaoxin.accounts.models import User
from gaoxin.core import bulk
from gaoxin.servicedesk import delivery, selectors
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


def step_taken(request: ServiceRequest, action: str, *, by: User | None) -> int:
    """Tell the people concerned about a step (not the person who took it)."""
    params = {"number": request.number, "title": request.title[:60], "enterprise": request.enterprise.name}
    sent = 0
    for audience, msgid in STEP_MESSAGES.get(action, ()):
        users = [u for u in recipients(request, audience) if u.pk != getattr(by, "pk", None)]
        sent += send(users, request=request, msgid=msgid, params=params, url=request_url(request))
    return sent


RED_FLAG_MSGID = gettext_noop("Red flag from the visit to %(enterprise)s on %(date)s: %(flag_label)s")


def _red_flag_audience(visit: Visit, by_id: int | None) -> list[User]:
    """The centre and the enterprise's responsible officer (服务专员), not the officer who raised the flags."""
    users = {u.pk: u for u in selectors.centre_users()}
    officer = (
        EnterpriseOfficer.objects.select_related("officer").filter(enterprise_id=visit.enterprise_id).first()
    )
    if officer is not None and officer.officer.is_active:
        users[officer.officer_id] = officer.officer
    return [u for pk, u in users.items() if pk != by_id]


def _red_flag_params(visit: Visit, flag: str) -> dict[str, Any]:
    with translation.override(None):  # the msgid, translated when the notification is shown
        label = str(RedFlag(flag).label)
    return {
        "enterprise": visit.enterprise.name,
        "date": date_format(visit.visited_on, "DATE_FORMAT"),
        "flag_label": label,
    }


def red_flags_raised(visit: Visit, flags: Iterable[str], *, by: User | None) -> int:
    """Tell the centre and the enterprise's responsible officer (服务专员) of red flags a visit raised, in the
    app; once the visit is saved, ``deliver_red_flags`` (a background task) tells them by e-mail and on the
    group robots as well."""
    recipients = _red_flag_audience(visit, getattr(by, "pk", None))
    url = reverse("servicedesk:visit_detail", args=[visit.pk])
    return sum(
        send(recipients, request=None, msgid=RED_FLAG_MSGID, params=_red_flag_params(visit, flag), url=url)
        for flag in flags
    )


def deliver_red_flags(visit_id: int, flags: Iterable[str], *, by_id: int | None) -> tuple[int, int, int]:
    """The red flags of a visit through the channels the deadline alerts use: an e-mail to each person told in
    the app, a message to the group robots of the centre's departments and of the responsible officer's
    department. Returns (e-mails, robot messages, robot failures)."""
    visit = Visit.objects.select_related("enterprise").filter(pk=visit_id).first()
    if visit is None:
        return 0, 0, 0
    with translation.override(settings.LANGUAGE_CODE):  # e-mails and robots speak the zone's language
        lines = []
        for flag in flags:
            params = _red_flag_params(visit, flag)
            lines.append(_(RED_FLAG_MSGID) % {**params, "flag_label": _(params["flag_label"])})
        if not lines:
            return 0, 0, 0
        url = reverse("servicedesk:visit_detail", args=[visit.pk])
        title = _("Red flags from a visit to %(enterprise)s") % {"enterprise": visit.enterprise.name}
        body = "\n".join([*lines, url])
        audience = _red_flag_audience(visit, by_id)
        emails = delivery.email({u.pk: delivery.Text(title, body) for u in audience})
        departments = {u.department_id for u in audience if u.department_id is not None}
        robot_text = delivery.Text(title, "\n".join([f"### {title}", *(f"- {line}" for line in lines)]))
        sent, failed = delivery.post_to_robots(dict.fromkeys(departments, robot_text))
    return emails, sent, failed


def mark_read(user: User, ids: Iterable[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
