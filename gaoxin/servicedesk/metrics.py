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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from gaoxin.core import calendar_services
from gaoxin.core.workcalendar import MissingYearError

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


@dataclass
class Backlog:
    buckets: list[dict[str, Any]] = field(default_factory=list)
    unknown: int = 0  # open requests whose age needs a year with no calendar


def backlog(received: Iterable[dt.datetime], now: dt.datetime) -> Backlog:
    """Open requests by age in working days since receipt (``selectors.open_received``: when each was
    received)."""
    calendar = calendar_services.current_calendar()
    counts = [0] * len(BACKLOG_BUCKETS)
    result = Backlog()
    for moment in received:
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
