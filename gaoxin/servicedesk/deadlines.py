"""The limits of a request and the deadlines they give, on the working-day calendar (DOMAIN §5.2). Pure.

A limit is a number of working days or office hours. A limit of N working days runs out at the end of the Nth
working day (the calendar's conventions decide what counts); a limit in hours runs out at that moment of
office time. Each deadline runs from its own moment: accept from receipt, dispatch from acceptance, sign and
return from dispatch, contact and interim reply from signing, resolve from dispatch (or from reopening) plus
the extensions granted, review from the reply, callback from the review.

A deadline that would need a year without an entered arrangement is ``None`` and ``missing_year`` names the
year — the calendar never guesses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from gaoxin.core.workcalendar import MissingYearError, WorkCalendar
from gaoxin.servicedesk import workflow as wf

DAYS = "days"
HOURS = "hours"
END_OF_DAY = dt.time(23, 59, 59)


@dataclass(frozen=True)
class Limit:
    amount: int
    unit: str = DAYS

    def __post_init__(self) -> None:
        if self.unit not in (DAYS, HOURS):
            raise ValueError(f"unknown unit {self.unit!r}")
        if self.amount < 1:
            raise ValueError(f"a limit must be at least 1, got {self.amount}")

    def due(self, calendar: WorkCalendar, start: dt.datetime, extra_days: int = 0) -> dt.datetime:
        if self.unit == HOURS:
            moment = calendar.add_work_hours(start, self.amount)
            return (
                calendar.add_work_hours(moment, extra_days * _day_hours(calendar)) if extra_days else moment
            )
        day = calendar.due_date(start, self.amount + extra_days)
        return dt.datetime.combine(day, END_OF_DAY, tzinfo=start.tzinfo and calendar.conventions.timezone)


def _day_hours(calendar: WorkCalendar) -> float:
    return (
        sum(((end - start).total_seconds() for start, end in calendar.conventions.work_periods()), 0.0) / 3600
    )


@dataclass(frozen=True)
class Limits:
    """One policy's limits (category × urgency); ``extension_cap`` is the most working days extensions add."""

    accept: Limit
    sign: Limit
    contact: Limit
    interim: Limit
    resolve: Limit
    review: Limit
    callback: Limit
    return_: Limit
    extension_cap: int

    def as_json(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Limits:
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw: Any = data[f.name]
            values[f.name] = Limit(**raw) if isinstance(raw, Mapping) else int(raw)
        return cls(**values)


# DOMAIN §5.2: sign within 1 working day (urgent: 2 hours); contact within 1 hour; interim reply in 3 working
# days; resolve in 5 (simple) to 10–15 (complex) working days; extension at most +10; return within 1–2 working
# days; callback the next working day.
NORMAL_LIMITS = Limits(
    accept=Limit(1),
    sign=Limit(1),
    contact=Limit(1, HOURS),
    interim=Limit(3),
    resolve=Limit(10),
    review=Limit(1),
    callback=Limit(1),
    return_=Limit(2),
    extension_cap=10,
)
URGENT_LIMITS = Limits(
    accept=Limit(2, HOURS),
    sign=Limit(2, HOURS),
    contact=Limit(1, HOURS),
    interim=Limit(1),
    resolve=Limit(5),
    review=Limit(1),
    callback=Limit(1),
    return_=Limit(1),
    extension_cap=5,
)


@dataclass(frozen=True)
class Facts:
    """What a request's deadlines depend on: its state and the moments of its steps so far."""

    state: str
    received_at: dt.datetime
    accepted_at: dt.datetime | None = None
    dispatched_at: dt.datetime | None = None
    signed_at: dt.datetime | None = None
    contacted_at: dt.datetime | None = None
    interim_at: dt.datetime | None = None
    replied_at: dt.datetime | None = None
    reviewed_at: dt.datetime | None = None
    callback_at: dt.datetime | None = None
    reopened_at: dt.datetime | None = None
    extension_days: int = 0


DEADLINE_NAMES = (
    "accept",
    "dispatch",
    "sign",
    "return",
    "contact",
    "interim",
    "resolve",
    "review",
    "callback",
)


@dataclass
class Deadlines:
    values: dict[str, dt.datetime | None] = field(default_factory=dict)
    active: str = ""  # the limit the request is working against now ("" when none)
    missing_year: int | None = None

    @property
    def active_due(self) -> dt.datetime | None:
        return self.values.get(self.active) if self.active else None


def _active(facts: Facts, values: Mapping[str, dt.datetime | None]) -> str:
    state = facts.state
    if state == wf.SUBMITTED:
        return "accept"
    if state == wf.ACCEPTED:
        return "dispatch"
    if state == wf.DISPATCHED:
        return "sign"
    if state == wf.IN_PROGRESS:
        pending = ["resolve"]
        if facts.contacted_at is None and facts.reopened_at is None:
            pending.append("contact")
        if facts.interim_at is None and facts.reopened_at is None:
            pending.append("interim")
        known = [(values[name], name) for name in pending if values.get(name) is not None]
        if len(known) < len(pending):
            # an unknown deadline (missing year) may be the nearest one: do not pretend another is
            return next(name for name in pending if values.get(name) is None)
        return min(known)[1]
    if state == wf.REPLIED:
        return "review"
    if state == wf.AWAITING_CALLBACK and facts.callback_at is None:
        return "callback"
    return ""


def compute(facts: Facts, limits: Limits, calendar: WorkCalendar) -> Deadlines:
    """Every deadline whose starting moment is known, the active one, and the first year missing, if any."""
    starts: dict[str, tuple[Limit, dt.datetime | None, int]] = {
        "accept": (limits.accept, facts.received_at, 0),
        "dispatch": (limits.accept, facts.accepted_at, 0),
        "sign": (limits.sign, facts.dispatched_at, 0),
        "return": (limits.return_, facts.dispatched_at, 0),
        "contact": (limits.contact, facts.signed_at, 0),
        "interim": (limits.interim, facts.signed_at, 0),
        "resolve": (limits.resolve, facts.reopened_at or facts.dispatched_at, facts.extension_days),
        "review": (limits.review, facts.replied_at, 0),
        "callback": (limits.callback, facts.reviewed_at, 0),
    }
    result = Deadlines()
    missing: list[int] = []
    for name, (limit, start, extra) in starts.items():
        if start is None:
            result.values[name] = None
            continue
        try:
            result.values[name] = limit.due(calendar, start, extra)
        except MissingYearError as error:
            result.values[name] = None
            missing.append(error.year)
    result.active = _active(facts, result.values)
    result.missing_year = min(missing) if missing else None
    return result
