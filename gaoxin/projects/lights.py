"""The traffic light of a project (DOMAIN §4.3), pure: investment against time progress, and a missed start.

Time progress (时序进度) as of report month M is M ÷ 12; the completion is the year-to-date completed investment
÷ the annual plan; the gap is time progress − completion, in percentage points. With the default rule a gap of
10 to 30 points is yellow and more than 30 red; a planned construction start that passed without a start is
yellow, and red once it is N months late (default 3). The worst reason decides; grey means nothing could be
judged (no annual plan, not due to start yet). Every reason carries a ``Message`` for the Django layer to
translate.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from gaoxin.core.messages import Message, gettext_noop

GREY, GREEN, YELLOW, RED = "grey", "green", "yellow", "red"
SEVERITY = {GREY: 0, GREEN: 1, YELLOW: 2, RED: 3}
HUNDRED = Decimal(100)
TWELVE = Decimal(12)
PROGRESS = tuple(Decimal(m) / TWELVE for m in range(13))  # by month; 0 stands for "the year has not begun"


@dataclass(frozen=True)
class Rule:
    """The configurable thresholds; the defaults are those of DOMAIN §4.3 (and of the LightRule model)."""

    yellow_gap: Decimal = Decimal(10)
    red_gap: Decimal = Decimal(30)
    start_late_red_months: int = 3


class Facts(NamedTuple):
    """What is known of one project for one report month (all amounts in 万元). A named tuple, as the verdict:
    the overview judges thousands per request."""

    annual_plan: Decimal | None
    ytd_completed: Decimal
    planned_start_on: dt.date | None
    started_on: dt.date | None


@dataclass(frozen=True)
class Reason:
    """Why a project has a light: the light this reason alone would give, and the message saying why."""

    light: str
    message: Message

    def as_json(self) -> dict[str, Any]:
        return {"light": self.light, "msgid": self.message.msgid, "params": dict(self.message.params)}


class Verdict(NamedTuple):
    light: str
    reasons: tuple[Reason, ...]
    time_progress: Decimal  # a fraction: 0.25 for March
    completion: Decimal | None  # YTD ÷ annual plan, a fraction; None without a plan
    gap: Decimal | None  # (time progress − completion) in points; None without a plan

    def reasons_json(self) -> list[dict[str, Any]]:
        return [reason.as_json() for reason in self.reasons]


def time_progress(month: int) -> Decimal:
    """时序进度 as of the end of report month ``month``: months elapsed ÷ 12."""
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is not 1–12")
    return PROGRESS[month]


def completion(ytd: Decimal, annual_plan: Decimal | None) -> Decimal | None:
    """The share of the annual plan completed (本年累计 ÷ 年度计划), a fraction; None without a positive plan."""
    if annual_plan is None or annual_plan <= 0:
        return None
    return ytd / annual_plan


def gap_points(progress: Decimal, done: Decimal | None) -> Decimal | None:
    """Time progress − completion, in percentage points (positive: behind); None without a completion."""
    return None if done is None else (progress - done) * HUNDRED


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's end (31 January + 1 month → 28/29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_late(planned: dt.date, on: dt.date) -> int:
    """Whole months from ``planned`` to ``on``: the largest k with ``add_months(planned, k) <= on``."""
    k = (on.year - planned.year) * 12 + on.month - planned.month
    while k > 0 and add_months(planned, k) > on:
        k -= 1
    return max(k, 0)


def _points(value: Decimal) -> str:
    return f"{value:.1f}"


BEHIND = gettext_noop(
    "%(completion)s%% of the annual plan completed against a time progress of %(progress)s%%: %(gap)s points behind"
)
ON_TRACK = gettext_noop(
    "%(completion)s%% of the annual plan completed against a time progress of %(progress)s%%"
)
NO_PLAN = gettext_noop("no annual investment plan")
START_PLANNED = gettext_noop("construction is planned to start on %(date)s")
START_LATE = gettext_noop("construction was planned to start on %(date)s and is %(months)s months late")
START_MISSED = gettext_noop("construction was planned to start on %(date)s and has not started")


def _start_reason(facts: Facts, on: dt.date, rule: Rule) -> Reason | None:
    planned = facts.planned_start_on
    if planned is None or (facts.started_on is not None and facts.started_on <= on):
        return None
    if planned >= on:
        return Reason(GREY, Message(START_PLANNED, {"date": planned.isoformat()}))
    late = months_late(planned, on)
    params = {"date": planned.isoformat(), "months": late}
    if late >= rule.start_late_red_months:
        return Reason(RED, Message(START_LATE, params))
    return Reason(YELLOW, Message(START_MISSED, params))


def _is_due(facts: Facts, on: dt.date) -> bool:
    """Investment is judged once construction started or its planned start has come (or none is planned)."""
    if facts.started_on is not None and facts.started_on <= on:
        return True
    return facts.planned_start_on is None or facts.planned_start_on < on


DEFAULT_RULE = Rule()


def gap_light(gap: Decimal, rule: Rule = DEFAULT_RULE) -> str:
    """The light of a completion ``gap`` points behind time progress (negative: ahead): red beyond the red gap,
    yellow from the yellow gap, else green. A threshold of 0 does not make a figure level with time progress
    "0 points behind"."""
    behind = gap > 0
    if behind and gap > rule.red_gap:
        return RED
    if behind and gap >= rule.yellow_gap:
        return YELLOW
    return GREEN


def judge(
    facts: Facts, *, month: int, on: dt.date, rule: Rule | None = None, explain: bool = True
) -> Verdict:
    """The light of a project for report month ``month`` (YTD through that month), starts judged as of ``on``.

    ``explain=False`` leaves the reasons out (the light, completion and gap are the same): for many rows at once.
    """
    rule = rule or DEFAULT_RULE
    progress = time_progress(month)
    reasons: list[Reason] = []
    gap: Decimal | None = None
    light = GREY
    done = completion(facts.ytd_completed, facts.annual_plan)
    if done is None:
        if explain:
            reasons.append(Reason(GREY, Message(NO_PLAN)))
    else:
        gap = gap_points(progress, done)
        assert gap is not None
        if _is_due(facts, on):  # else the start reason below says when construction is due
            light = gap_light(gap, rule)
            if explain:
                params = {
                    "completion": _points(done * HUNDRED),
                    "progress": _points(progress * HUNDRED),
                }
                if light == GREEN:
                    reasons.append(Reason(GREEN, Message(ON_TRACK, params)))
                else:
                    reasons.append(Reason(light, Message(BEHIND, {**params, "gap": _points(gap)})))
    start = _start_reason(facts, on, rule)
    if start is not None:
        if SEVERITY[start.light] > SEVERITY[light]:
            light = start.light
        if explain:
            reasons.append(start)
    ordered = tuple(sorted(reasons, key=lambda r: -SEVERITY[r.light])) if explain else ()
    return Verdict(light, ordered, progress, done, gap)


def report_month(on: dt.date) -> tuple[int, int]:
    """The report month lights are judged on at date ``on``: the last complete month (year, month)."""
    return (on.year, on.month - 1) if on.month > 1 else (on.year - 1, 12)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])
