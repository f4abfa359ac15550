"""The periodic deadline scan: requests nearing or past their current deadline are alerted once, in the app, by
email and on the departments' group robots.

Run it from cron with ``gaoxin servicedesk_scan`` (every 15 minutes in office hours is plenty), or enqueue the
``scan_deadlines`` task. It is set-based: one ``INSERT … SELECT … ON CONFLICT DO NOTHING`` finds the requests whose
deadline falls before the horizon (now plus one office day, ``GAOXIN_SERVICEDESK_NEARING_HOURS``) and records an
alert for each new (request, limit, kind, deadline); only those new alerts are then told to people. Running the
scan twice, or two at once, never alerts twice.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gaoxin.accounts.choices import Role
from gaoxin.accounts.models import User
from gaoxin.core import bulk, calendar_services
from gaoxin.core.workcalendar import MissingYearError
from gaoxin.servicedesk import delivery, display, selectors
from gaoxin.servicedesk.choices import AlertKind, RequestState
from gaoxin.servicedesk.models import DeadlineAlert, Notification, ServiceRequest
from gaoxin.servicedesk.services import notify

CENTRE_STATES = frozenset(
    {RequestState.SUBMITTED, RequestState.ACCEPTED, RequestState.REPLIED, RequestState.AWAITING_CALLBACK}
)
ROBOT_LINES = 20  # items listed in one robot message; the rest are counted

LIMIT_MSGIDS = {
    "accept": gettext_noop("accept"),
    "dispatch": gettext_noop("dispatch"),
    "sign": gettext_noop("sign"),
    "return": gettext_noop("return"),
    "contact": gettext_noop("first contact"),
    "interim": gettext_noop("interim reply"),
    "resolve": gettext_noop("resolve"),
    "review": gettext_noop("review"),
    "callback": gettext_noop("callback"),
}
ALERT_MSGIDS = {
    AlertKind.NEARING: gettext_noop("Request %(number)s is due (%(limit_label)s) by %(due)s: %(title)s"),
    AlertKind.OVERDUE: gettext_noop(
        "Request %(number)s is overdue (%(limit_label)s, due %(due)s): %(title)s"
    ),
}
DIGEST_MSGID = gettext_noop("%(count)s of your requests need attention, %(overdue)s of them overdue.")
DIGEST_ABOVE = 20
CALENDAR_MSGID = gettext_noop(
    "The working-day arrangement for %(year)s has not been entered; %(count)s open requests have no deadline."
)


@dataclass
class ScanResult:
    alerts: int = 0
    nearing: int = 0
    overdue: int = 0
    notifications: int = 0
    emails: int = 0
    robot_messages: int = 0
    robot_failures: int = 0
    missing_calendar: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class NewAlert:
    request_id: int
    public_id: str
    number: str
    title: str
    state: str
    department_id: int | None
    signed_by_id: int | None
    limit: str
    kind: str
    due_at: dt.datetime


def horizon(now: dt.datetime) -> dt.datetime:
    """Deadlines before this moment are "due soon": one office day ahead by default."""
    calendar = calendar_services.current_calendar()
    hours = getattr(settings, "GAOXIN_SERVICEDESK_NEARING_HOURS", None)
    if hours is None:
        hours = (
            sum(
                (end - start for start, end in calendar.conventions.work_periods()), dt.timedelta()
            ).total_seconds()
            / 3600
        )
    try:
        return calendar.add_work_hours(now, float(hours))
    except MissingYearError:
        return now + dt.timedelta(hours=float(hours))


def record_alerts(now: dt.datetime, until: dt.datetime, batch: str) -> None:
    """One statement: an alert for every request whose current deadline is before ``until`` and that has no
    alert yet for that limit, kind and deadline, marked with this scan's ``batch``."""
    quote = connection.ops.quote_name
    alert, request = DeadlineAlert._meta.db_table, ServiceRequest._meta.db_table
    sql = (
        f"INSERT INTO {quote(alert)} (request_id, {quote('limit')}, kind, due_at, created_at, batch) "
        f"SELECT id, due_limit, CASE WHEN due_at <= %s THEN %s ELSE %s END, due_at, %s, %s FROM {quote(request)} "
        "WHERE due_at IS NOT NULL AND due_at <= %s "
        f"ON CONFLICT (request_id, {quote('limit')}, kind, due_at) DO NOTHING"
    )
    field = DeadlineAlert._meta.get_field("due_at")
    prepared = [field.get_db_prep_value(v, connection) for v in (now, now, until)]
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [prepared[0], AlertKind.OVERDUE, AlertKind.NEARING, prepared[1], batch, prepared[2]]
        )


def new_alerts(batch: str) -> list[NewAlert]:
    rows = DeadlineAlert.objects.filter(batch=batch).values_list(
        "request_id",
        "request__public_id",
        "request__number",
        "request__title",
        "request__state",
        "request__department_id",
        "request__signed_by_id",
        "limit",
        "kind",
        "due_at",
    )
    return [NewAlert(*row) for row in rows.order_by("due_at", "request_id")]


def _audience(alerts: Iterable[NewAlert]) -> dict[int, list[NewAlert]]:
    """Who hears of each alert: the officer who signed; else the handling department's officers (the centre,
    if the department has none); the centre for the steps it holds (accept, dispatch, review, callback)."""
    centre = [u.pk for u in selectors.centre_users()]
    by_department: dict[int, list[int]] = defaultdict(list)
    for user_id, department_id in User.objects.filter(is_active=True, role="officer").values_list(
        "pk", "department_id"
    ):
        if department_id is not None:
            by_department[department_id].append(user_id)
    heard: dict[int, list[NewAlert]] = defaultdict(list)
    for alert in alerts:
        if alert.state in CENTRE_STATES or alert.department_id is None:
            users = centre
        elif alert.signed_by_id is not None:
            users = [alert.signed_by_id]
        else:  # a department without officers in gaoxin is followed up by the centre
            users = by_department.get(alert.department_id) or centre
        for user_id in users:
            heard[user_id].append(alert)
    return heard


def _params(alert: NewAlert) -> dict[str, Any]:
    return {
        "number": alert.number,
        "title": alert.title[:60],
        "limit_label": LIMIT_MSGIDS.get(alert.limit, alert.limit),
        "due": display.due_text(alert.due_at),
    }


class Lines:
    """The text of each alert in the active language, each message translated once per scan."""

    def __init__(self, alerts: Iterable[NewAlert]) -> None:
        self.params = {alert: _params(alert) for alert in alerts}
        self.kinds = {kind: _(msgid) for kind, msgid in ALERT_MSGIDS.items()}
        self.limits = {limit: _(msgid) for limit, msgid in LIMIT_MSGIDS.items()}

    def __call__(self, alert: NewAlert) -> str:
        params = {**self.params[alert], "limit_label": self.limits.get(alert.limit, alert.limit)}
        return self.kinds[AlertKind(alert.kind)] % params


def _request_url() -> Callable[[NewAlert], str]:
    """The address of an alert's request: reversed once, then filled in (thousands of alerts per scan)."""
    placeholder = "0" * 16
    template = reverse("servicedesk:request_detail", args=[placeholder])
    return lambda alert: template.replace(placeholder, alert.public_id)


def notify_in_app(heard: dict[int, list[NewAlert]], lines: Lines, now: dt.datetime) -> int:
    """One notification per new alert; someone with more than ``DIGEST_ABOVE`` gets one that counts them and
    leads to the list of their overdue requests instead (a bell with hundreds of lines helps nobody)."""
    url = _request_url()
    overdue_list = reverse("servicedesk:request_list") + "?flag=overdue"
    rows: list[tuple[int, int | None, str, dict[str, Any], str, dt.datetime]] = []
    for user_id, alerts in heard.items():
        if len(alerts) > DIGEST_ABOVE:
            overdue = sum(1 for a in alerts if a.kind == AlertKind.OVERDUE)
            rows.append(
                (user_id, None, DIGEST_MSGID, {"count": len(alerts), "overdue": overdue}, overdue_list, now)
            )
            continue
        rows.extend(
            (
                user_id,
                alert.request_id,
                ALERT_MSGIDS[AlertKind(alert.kind)],
                lines.params[alert],
                url(alert),
                now,
            )
            for alert in alerts
        )
    bulk.insert(Notification, notify.COLUMNS, rows)
    return len(rows)


def send_emails(heard: dict[int, list[NewAlert]], lines: Lines) -> int:
    """One digest per person with an email address."""
    return delivery.email(
        {
            user_id: delivery.Text(
                _("%(count)s enterprise requests need attention") % {"count": len(alerts)},
                "\n".join(lines(alert) for alert in alerts),
            )
            for user_id, alerts in heard.items()
        }
    )


def post_to_robots(alerts: list[NewAlert], lines: Lines, result: ScanResult) -> None:
    """One message per active robot, for the alerts about requests its department handles (the centre's robots
    hear about the steps the centre holds)."""
    centre_departments = {u.department_id for u in selectors.centre_users() if u.department_id is not None}
    by_department: dict[int, list[NewAlert]] = defaultdict(list)
    for alert in alerts:
        if alert.state in CENTRE_STATES or alert.department_id is None:
            for department_id in centre_departments:
                by_department[department_id].append(alert)
        else:
            by_department[alert.department_id].append(alert)
    texts = {}
    for department_id, items in by_department.items():
        overdue = sum(1 for a in items if a.kind == AlertKind.OVERDUE)
        title = _("Enterprise requests: %(overdue)s overdue, %(nearing)s due soon") % {
            "overdue": overdue,
            "nearing": len(items) - overdue,
        }
        text = [f"### {title}", *(f"- {lines(a)}" for a in items[:ROBOT_LINES])]
        if len(items) > ROBOT_LINES:
            text.append(_("… and %(more)s more") % {"more": len(items) - ROBOT_LINES})
        texts[department_id] = delivery.Text(title, "\n".join(text))
    sent, failed = delivery.post_to_robots(texts)
    result.robot_messages += sent
    result.robot_failures += failed


def warn_missing_calendar(now: dt.datetime, result: ScanResult) -> None:
    """Administrators are told (once a day at most) when open requests lack deadlines for want of a year."""
    missing = (  # closed requests keep no missing year: see services.deadlines.refresh
        ServiceRequest.objects.filter(calendar_missing_year__isnull=False)
        .order_by()
        .values_list("calendar_missing_year")
        .annotate(n=Count("id"))
    )
    counts = {year: n for year, n in missing if year is not None}
    result.missing_calendar = sum(counts.values())
    if not counts:
        return
    admins = list(User.objects.filter(Q(role=Role.ADMINISTRATOR) | Q(is_superuser=True), is_active=True))
    since = now - dt.timedelta(days=1)
    for year, count in sorted(counts.items()):
        told = set(
            Notification.objects.filter(
                msgid=CALENDAR_MSGID, params__year=year, created_at__gte=since
            ).values_list("recipient_id", flat=True)
        )
        users = [u for u in admins if u.pk not in told]
        result.notifications += notify.send(
            users,
            request=None,
            msgid=CALENDAR_MSGID,
            params={"year": year, "count": count},
            url=reverse("core:calendar_year", args=[year]),
        )


def run_scan(now: dt.datetime | None = None) -> ScanResult:
    now = now or timezone.now()
    batch = uuid.uuid4().hex
    result = ScanResult()
    with translation.override(settings.LANGUAGE_CODE):  # emails and robot messages speak the zone's language
        with transaction.atomic():
            record_alerts(now, horizon(now), batch)
            alerts = new_alerts(batch)
            result.alerts = len(alerts)
            result.overdue = sum(1 for a in alerts if a.kind == AlertKind.OVERDUE)
            result.nearing = len(alerts) - result.overdue
            heard = _audience(alerts) if alerts else {}
            lines = Lines(alerts)
            result.notifications = notify_in_app(heard, lines, now) if heard else 0
            warn_missing_calendar(now, result)
        if heard:
            result.emails = send_emails(heard, lines)
        if alerts:
            post_to_robots(alerts, lines, result)
    return result
