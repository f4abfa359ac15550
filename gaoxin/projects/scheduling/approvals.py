"""The approval clock: government working days used by an approval item against its legal limit.

Counting follows the Civil Code convention of the working-day calendar: the day the item is accepted does
not count; each working day after it, up to its end (or the status date while it is still open), counts —
except the days inside a clock stop (补正 by the owner, an intermediary's report, a hearing …), which are
inclusive of both their dates. The limit runs out at the end of the ``limit``-th counted working day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from gaoxin.core.messages import Message, gettext_noop
from gaoxin.core.workcalendar import WorkCalendar
from gaoxin.projects.scheduling.errors import InvalidApprovalError

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class ClockStop:
    """The clock stands still from ``start`` to ``end`` inclusive; ``end`` None: still stopped."""

    start: dt.date
    end: dt.date | None = None


@dataclass(frozen=True)
class ApprovalClock:
    limit: int
    used: int  # government working days counted up to the end of the item, or of the status date
    stopped: int  # working days the clock stood still in that span
    due: dt.date  # the end of the limit's last day, given the clock stops known so far
    overdue: bool

    @property
    def remaining(self) -> int:
        return self.limit - self.used


def approval_clock(
    calendar: WorkCalendar,
    *,
    limit: int,
    start: dt.date,
    end: dt.date | None,
    as_of: dt.date,
    stops: Sequence[ClockStop] = (),
) -> ApprovalClock:
    """The clock of one approval item accepted on ``start``, ended on ``end`` (None: still open on ``as_of``)."""
    until = end if end is not None else as_of
    problems = _problems(limit, start, until, stops)
    if problems:
        raise InvalidApprovalError(problems)
    periods = _merged([(max(stop.start, start + ONE_DAY), stop.end or until) for stop in stops])
    stopped = sum(
        calendar.workdays_between(first - ONE_DAY, min(last, until))
        for first, last in periods
        if first <= until
    )
    used = calendar.workdays_between(start, until) - stopped
    return ApprovalClock(
        limit=limit,
        used=used,
        stopped=stopped,
        due=_due(calendar, limit, start, periods),
        overdue=used > limit,
    )


def _problems(limit: int, start: dt.date, until: dt.date, stops: Sequence[ClockStop]) -> list[Message]:
    problems: list[Message] = []
    if limit < 1:
        problems.append(
            Message(
                gettext_noop("A legal limit must be at least 1 working day, not %(limit)s."), {"limit": limit}
            )
        )
    if until < start:
        problems.append(
            Message(
                gettext_noop("The approval ends (%(end)s) before it starts (%(start)s)."),
                {"start": start.isoformat(), "end": until.isoformat()},
            )
        )
    problems.extend(
        Message(
            gettext_noop("A clock stop ends (%(end)s) before it starts (%(start)s)."),
            {"start": stop.start.isoformat(), "end": stop.end.isoformat()},
        )
        for stop in stops
        if stop.end is not None and stop.end < stop.start
    )
    return problems


def _merged(periods: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """Inclusive periods, sorted, overlapping or touching ones joined, empty ones dropped."""
    merged: list[tuple[dt.date, dt.date]] = []
    for first, last in sorted(period for period in periods if period[0] <= period[1]):
        if merged and first <= merged[-1][1] + ONE_DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def _due(
    calendar: WorkCalendar, limit: int, start: dt.date, periods: list[tuple[dt.date, dt.date]]
) -> dt.date:
    """The ``limit``-th counted working day after ``start``, skipping the stopped periods."""
    remaining = limit
    cursor = start
    for first, last in periods:
        running = calendar.workdays_between(cursor, first - ONE_DAY)
        if running >= remaining:
            break
        remaining -= running
        cursor = last
    return calendar.add_workdays(cursor, remaining)
