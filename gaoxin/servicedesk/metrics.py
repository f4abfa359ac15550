"""The service desk's metrics (DOMAIN §5.2), by department, category and month, from the stored steps.

- 按时签收率 on-time signing: signed by the sign deadline ÷ signed.
- 按时办结率 on-time resolution: replied by the resolve deadline (extensions included) ÷ replied requests closed
  after handling.
- 满意率 satisfaction: (satisfied + basically satisfied) ÷ rated; whether 基本满意 counts is the setting
  ``GAOXIN_SERVICEDESK_BASIC_SATISFIED_COUNTS`` (default True).
- 解决率 resolution: resolved ÷ requests closed after handling.
- Average handling time: working days from receipt to closing (stored when each request is closed).
- Backlog: open requests by age in working days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Avg, Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from gaoxin.core import calendar_services
from gaoxin.core.workcalendar import MissingYearError
from gaoxin.servicedesk.choices import CloseReason, Outcome, Rating, RequestState
from gaoxin.servicedesk.models import ServiceRequest

BACKLOG_BUCKETS: tuple[tuple[int, int | None], ...] = ((0, 1), (2, 5), (6, 10), (11, 20), (21, None))


def basic_satisfied_counts() -> bool:
    return bool(getattr(settings, "GAOXIN_SERVICEDESK_BASIC_SATISFIED_COUNTS", True))


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class MetricRow:
    key: Any
    label: str
    received: int = 0
    signed: int = 0
    signed_on_time: int = 0
    replied: int = 0
    replied_on_time: int = 0
    rated: int = 0
    satisfied: int = 0
    handled: int = 0
    resolved: int = 0
    avg_workdays: float | None = None
    open: int = 0
    overdue: int = 0

    @property
    def sign_rate(self) -> float | None:
        return _rate(self.signed_on_time, self.signed)

    @property
    def on_time_rate(self) -> float | None:
        return _rate(self.replied_on_time, self.replied)

    @property
    def satisfaction_rate(self) -> float | None:
        return _rate(self.satisfied, self.rated)

    @property
    def resolution_rate(self) -> float | None:
        return _rate(self.resolved, self.handled)


def _aggregates(now: dt.datetime) -> dict[str, Any]:
    satisfied = [Rating.SATISFIED, *([Rating.BASICALLY_SATISFIED] if basic_satisfied_counts() else [])]
    handled = Q(state=RequestState.CLOSED, close_reason=CloseReason.HANDLED)
    return {
        "received": Count("id"),
        "signed": Count("id", filter=Q(signed_at__isnull=False, sign_due__isnull=False)),
        "signed_on_time": Count("id", filter=Q(signed_at__lte=F("sign_due"))),
        "replied": Count("id", filter=handled & Q(replied_at__isnull=False, resolve_due__isnull=False)),
        "replied_on_time": Count("id", filter=handled & Q(replied_at__lte=F("resolve_due"))),
        "rated": Count("id", filter=~Q(rating="")),
        "satisfied": Count("id", filter=Q(rating__in=satisfied)),
        "handled": Count("id", filter=handled),
        "resolved": Count("id", filter=handled & Q(outcome=Outcome.RESOLVED)),
        "avg_workdays": Avg("handling_workdays", filter=Q(state=RequestState.CLOSED)),
        "open": Count("id", filter=~Q(state=RequestState.CLOSED)),
        "overdue": Count("id", filter=Q(due_at__lt=now)),
    }


def summary(requests: QuerySet[ServiceRequest], now: dt.datetime | None = None) -> MetricRow:
    values = requests.order_by().aggregate(**_aggregates(now or timezone.now()))
    return MetricRow(key=None, label="", **values)


def grouped(requests: QuerySet[ServiceRequest], by: str, now: dt.datetime | None = None) -> list[MetricRow]:
    """Rows by ``department``, ``category`` or ``month`` (of receipt)."""
    now = now or timezone.now()
    if by == "month":
        query = requests.order_by().annotate(month=TruncMonth("received_at")).values("month")
        rows = query.annotate(**_aggregates(now)).order_by("month")
        return [MetricRow(key=r.pop("month").strftime("%Y-%m"), label="", **r) for r in rows]
    key, label = {
        "department": ("department__code", "department__name"),
        "category": ("category__code", "category__name"),
    }[by]
    rows = requests.order_by().values(key, label).annotate(**_aggregates(now)).order_by(key)
    return [MetricRow(key=r.pop(key) or "", label=r.pop(label) or "", **r) for r in rows]


@dataclass
class Backlog:
    buckets: list[dict[str, Any]] = field(default_factory=list)
    unknown: int = 0  # open requests whose age needs a year with no calendar


def backlog(requests: QuerySet[ServiceRequest], now: dt.datetime | None = None) -> Backlog:
    """Open requests by age in working days since receipt."""
    now = now or timezone.now()
    calendar = calendar_services.current_calendar()
    counts = [0] * len(BACKLOG_BUCKETS)
    result = Backlog()
    received = requests.exclude(state=RequestState.CLOSED).order_by().values_list("received_at", flat=True)
    for moment in received.iterator(chunk_size=5000):
        try:
            age = calendar.elapsed_workdays(moment, now)
        except MissingYearError:
            result.unknown += 1
            continue
        for index, (low, high) in enumerate(BACKLOG_BUCKETS):
            if age >= low and (high is None or age <= high):
                counts[index] += 1
                break
    result.buckets = [
        {"low": low, "high": high, "count": count}
        for (low, high), count in zip(BACKLOG_BUCKETS, counts, strict=True)
    ]
    return result


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def rate_series(rows: Sequence[MetricRow], name: str) -> list[float | None]:
    return [None if getattr(r, name) is None else round(getattr(r, name) * 100, 1) for r in rows]
