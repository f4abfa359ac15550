"""The forward pass: expected dates of every step from what is done, as of a date.

A finished step keeps its actual dates. A running step keeps its actual start and finishes after its full
duration, but not before the day after the status date. A step not started starts on the day after its
latest predecessor finishes plus the lag, and not before the day after the status date (the first working
day then, for a step counted in working days).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from gaoxin.core.workcalendar import WorkCalendar
from gaoxin.projects.scheduling.template import DayUnit, Plan, Step


def forward_pass(
    plan: Plan,
    calendar: WorkCalendar,
    durations: Sequence[int],
    *,
    not_before: int,
    actual: Mapping[int, tuple[int, int | None]],
) -> tuple[list[int], list[int]]:
    """Expected starts and finishes (date ordinals) in plan order. ``actual`` maps a started step's index to
    its actual start and finish (None while running); nothing else happens before ``not_before``."""
    starts: list[int] = []
    finishes: list[int] = []
    for i, step in enumerate(plan.steps):
        duration = durations[i]
        if i in actual:
            start, finished = actual[i]
            finish = (
                finished
                if finished is not None
                else max(
                    _finish(step, calendar, start, duration), _first_day(step, calendar, not_before, duration)
                )
            )
        else:
            ready = max([not_before, *(finishes[p] + 1 + lag for p, lag in plan.predecessors[i])])
            start = _first_day(step, calendar, ready, duration)
            finish = _finish(step, calendar, start, duration)
        starts.append(start)
        finishes.append(finish)
    return starts, finishes


def _first_day(step: Step, calendar: WorkCalendar, day: int, duration: int) -> int:
    """The first day on or after ``day`` the step can be worked on."""
    if step.unit is DayUnit.WORKING and duration > 0:
        return int(calendar.workdays_on_or_after(np.array([day], dtype=np.int64))[0])
    return day


def _finish(step: Step, calendar: WorkCalendar, start: int, duration: int) -> int:
    if step.unit is DayUnit.CALENDAR or duration == 0:
        return start + max(duration - 1, 0)
    first = calendar.workdays_on_or_after(np.array([start], dtype=np.int64))
    return int(calendar.shift_workdays(first, duration - 1)[0])
