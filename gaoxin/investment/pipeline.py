"""A lead's time in its stage and the pipeline's funnel (pure, no Django).

Time in a stage is counted in working days of the work calendar (a year without an arrangement raises the
calendar's MissingYearError, which the caller reports once). A stage's expected duration makes a lead stale once
its working days in the stage pass it.

The funnel takes each lead's path — the stages it entered, in order, with the day — and the configured order of
the stages. A lead has *reached* a stage when the furthest stage it ever entered is that one or a later one (a
skipped stage counts as passed); it *converted* from a stage when it reached the next one. The median time in a
stage is taken over the leads that entered it and moved on, from the day they entered to their next move.
Paused and ended leads keep what they reached; lost reasons are counted in a Pareto table.
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol


class Workdays(Protocol):
    """What the calendar answers (core.workcalendar.WorkCalendar does)."""

    def workdays_between(self, start: dt.date, end: dt.date) -> int: ...

    def add_workdays(self, day: dt.date, n: int) -> dt.date: ...


@dataclass(frozen=True)
class Staleness:
    workdays_in_stage: int
    expected_workdays: int | None
    due_on: dt.date | None  # the last working day within the expected duration
    stale: bool
    overdue_workdays: int  # working days past the expected duration (0 when not stale)


def staleness(since: dt.date, today: dt.date, expected_workdays: int | None, calendar: Workdays) -> Staleness:
    """How long a lead has stood in its stage since ``since`` (the day it entered), against the expected time."""
    used = max(calendar.workdays_between(since, today), 0)
    if expected_workdays is None:
        return Staleness(used, None, None, False, 0)
    overdue = max(used - expected_workdays, 0)
    due_on = calendar.add_workdays(since, expected_workdays)
    return Staleness(used, expected_workdays, due_on, overdue > 0, overdue)


@dataclass(frozen=True)
class Move:
    stage: str
    on: dt.date


@dataclass(frozen=True)
class LeadPath:
    lead: int
    moves: tuple[Move, ...]  # in the order they happened; the first is where the lead was registered
    open: bool = True  # False when paused or ended
    lost_reason: str = ""  # the reason a lead ended (终止)


@dataclass(frozen=True)
class FunnelRow:
    stage: str
    reached: int
    converted: int  # reached the next stage (0 for the last stage: nothing follows)
    current: int  # open leads standing in this stage now
    conversion: (
        Decimal | None
    )  # converted ÷ reached, to 4 places; None when none reached it or it is the last
    median_workdays: float | None  # median working days spent in the stage by those who moved on from it


def funnel(paths: Iterable[LeadPath], stages: Sequence[str], calendar: Workdays) -> list[FunnelRow]:
    """One row per configured stage, in order; stages a path names but the order does not know are ignored."""
    position = {stage: n for n, stage in enumerate(stages)}
    reached = [0] * len(stages)
    current = [0] * len(stages)
    spent: list[list[int]] = [[] for _ in stages]
    for path in paths:
        known = [move for move in path.moves if move.stage in position]
        if not known:
            continue
        furthest = max(position[move.stage] for move in known)
        for n in range(furthest + 1):
            reached[n] += 1
        if path.open:
            current[position[known[-1].stage]] += 1
        for move, following in itertools.pairwise(known):
            spent[position[move.stage]].append(max(calendar.workdays_between(move.on, following.on), 0))
    return funnel_rows(stages, reached, current, spent)


def funnel_rows(
    stages: Sequence[str], reached: Sequence[int], current: Sequence[int], spent: Sequence[Sequence[int]]
) -> list[FunnelRow]:
    """The rows from the counts by stage position: leads that reached each stage, open leads standing in it, and
    the working days spent in it by leads that moved on (all of them, or a sample)."""
    rows = []
    for n, stage in enumerate(stages):
        last = n == len(stages) - 1
        converted = 0 if last else reached[n + 1]
        conversion = None
        if not last and reached[n]:
            conversion = (Decimal(converted) / Decimal(reached[n])).quantize(Decimal("0.0001"))
        median = float(statistics.median(spent[n])) if spent[n] else None
        rows.append(FunnelRow(stage, reached[n], converted, current[n], conversion, median))
    return rows


@dataclass(frozen=True)
class ParetoRow:
    reason: str
    count: int
    cumulative_share: Decimal  # of all lost leads, to 4 places


def lost_reasons(paths: Iterable[LeadPath]) -> list[ParetoRow]:
    """Ended leads by reason, most frequent first (ties by reason), with the cumulative share."""
    return pareto(Counter(path.lost_reason for path in paths if not path.open and path.lost_reason))


def pareto(counts: Mapping[str, int]) -> list[ParetoRow]:
    """Ended leads counted by reason, most frequent first (ties by reason), with the cumulative share."""
    total = sum(counts.values())
    rows, running = [], 0
    for reason, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        running += count
        rows.append(ParetoRow(reason, count, (Decimal(running) / Decimal(total)).quantize(Decimal("0.0001"))))
    return rows
