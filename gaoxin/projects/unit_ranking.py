"""赛马比拼: ranking responsible units for a month or a quarter by a configurable score (pure, no Django).

Components (each a fraction in [0, 1], from what was done against what was due):

- ``start_rate``: of the unit's projects planned to start this year by the period's end, those started by then;
- ``investment``: YTD completed investment ÷ (annual planned investment × time progress), a ratio of the
  unit's sums, capped at 1 so that one over-achieving project cannot hide the others;
- ``milestones``: plan steps whose latest finish falls in the year up to the period's end, finished by it;
- ``issues_closed``: problems whose deadline falls in the period, closed (销号) by their deadline — credited to the
  unit each problem was assigned to.

A component with nothing due for a unit is left out for that unit and its weight is shared among the unit's
other components in proportion to their weights: the score is Σ weight × value ÷ Σ weight of the components
that count, × 100, so it stays on 0–100 and a unit is neither rewarded nor punished for having nothing due. A
unit with nothing due at all is not ranked.

Ranks are competition ranks on the score rounded to two decimals (as stored): equal scores share a rank and
the next rank skips (1, 2, 2, 4). The red list is the units ranked within the top ``red_count`` among those with no
overdue problem at the period's end (a tie at the edge takes all tied units; a unit with an overdue problem is
never on it, whatever its score), the black list the units within the bottom ``black_count`` counted the same way
from below; a unit that would be on both is on neither, so every red unit scores above every black unit.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from gaoxin.core.messages import Message, gettext_noop

START_RATE = "start_rate"
INVESTMENT = "investment"
MILESTONES = "milestones"
ISSUES_CLOSED = "issues_closed"
COMPONENTS: tuple[str, ...] = (START_RATE, INVESTMENT, MILESTONES, ISSUES_CLOSED)

COMPONENT_LABELS: dict[str, str] = {
    START_RATE: gettext_noop("Start rate"),
    INVESTMENT: gettext_noop("Investment against plan"),
    MILESTONES: gettext_noop("Milestones on time"),
    ISSUES_CLOSED: gettext_noop("Problems closed on time"),
}

MONTH = "month"
QUARTER = "quarter"
RED = "red"
BLACK = "black"
CENT = Decimal("0.01")
HUNDRED = Decimal(100)


class RuleError(Exception):
    def __init__(self, messages: Sequence[Message]) -> None:
        super().__init__("\n".join(m.text() for m in messages))
        self.messages = tuple(messages)


@dataclass(frozen=True)
class Period:
    """A month (``number`` 1–12) or a quarter (1–4) of a year."""

    kind: str
    year: int
    number: int

    def __post_init__(self) -> None:
        if self.kind not in (MONTH, QUARTER):
            raise ValueError(f"unknown period kind {self.kind!r}")
        if not 1 <= self.number <= (12 if self.kind == MONTH else 4):
            raise ValueError(f"no {self.kind} {self.number}")

    @property
    def first_month(self) -> int:
        return self.number if self.kind == MONTH else 3 * self.number - 2

    @property
    def last_month(self) -> int:
        return self.number if self.kind == MONTH else 3 * self.number

    @property
    def starts_on(self) -> dt.date:
        return dt.date(self.year, self.first_month, 1)

    @property
    def ends_on(self) -> dt.date:
        return dt.date(self.year, self.last_month, calendar.monthrange(self.year, self.last_month)[1])

    @property
    def time_progress(self) -> Decimal:
        """时序进度 at the period's end: months elapsed ÷ 12."""
        return Decimal(self.last_month) / 12


@dataclass(frozen=True)
class Tally:
    """What was done against what was due (counts, or 万元 for investment)."""

    done: Decimal = Decimal(0)
    due: Decimal = Decimal(0)

    @property
    def value(self) -> Decimal | None:
        if self.due <= 0:
            return None
        return min(Decimal(1), max(Decimal(0), self.done / self.due))


@dataclass(frozen=True)
class UnitFacts:
    unit: Hashable
    tallies: Mapping[str, Tally]  # by component; a component left out has nothing due
    overdue_problems: int = (
        0  # problems assigned to the unit still open past their deadline at the period's end
    )


@dataclass(frozen=True)
class UnitScore:
    unit: Hashable
    score: Decimal
    values: dict[str, Decimal | None]  # by component; None: nothing due
    rank: int = 0
    listed: str = ""


def parse_weights(raw: Mapping[str, Any]) -> dict[str, Decimal]:
    """The weights of the four components (non-negative numbers, not all zero), or ``RuleError``."""
    problems: list[Message] = []
    weights: dict[str, Decimal] = {}
    for key in raw:
        if key not in COMPONENTS:
            problems.append(Message(gettext_noop("Unknown ranking component %(key)s."), {"key": key}))
    for key in COMPONENTS:
        try:
            weight = Decimal(str(raw.get(key, 0)))
        except InvalidOperation:
            weight = Decimal(-1)
        if not weight.is_finite() or weight < 0:
            problems.append(
                Message(
                    gettext_noop("The weight of “%(component)s” must be a number of at least 0."),
                    {"component": COMPONENT_LABELS[key]},
                )
            )
        weights[key] = weight
    if not problems and sum(weights.values()) <= 0:
        problems.append(Message(gettext_noop("At least one weight must be more than 0.")))
    if problems:
        raise RuleError(problems)
    return weights


def unit_score(facts: UnitFacts, weights: Mapping[str, Decimal]) -> UnitScore | None:
    """The unit's score on 0–100 with redistributed weights; ``None`` when nothing counts."""
    values = {c: facts.tallies.get(c, Tally()).value for c in COMPONENTS}
    counted = {c: v for c, v in values.items() if v is not None and weights.get(c, Decimal(0)) > 0}
    total_weight = sum((weights[c] for c in counted), Decimal(0))
    if total_weight <= 0:
        return None
    weighted = sum((weights[c] * v for c, v in counted.items()), Decimal(0))
    score = (weighted * HUNDRED / total_weight).quantize(CENT, rounding=ROUND_HALF_UP)
    return UnitScore(unit=facts.unit, score=score, values=values)


def competition_ranks(scores: Sequence[Decimal], *, descending: bool = True) -> list[int]:
    """Competition ranks (1, 2, 2, 4) of ``scores``, best first when ``descending``."""
    return [1 + sum(1 for other in scores if (other > s if descending else other < s)) for s in scores]


def red_and_black(
    scores: Sequence[Decimal], clean: Sequence[bool], red_count: int, black_count: int
) -> list[str]:
    """The list of each score: RED within the top ``red_count`` of the clean ones (a tie at the edge takes all),
    BLACK within the bottom ``black_count`` of all; on both means on neither; "" otherwise."""
    clean_scores = [s for s, ok in zip(scores, clean, strict=True) if ok]
    from_bottom = competition_ranks(scores, descending=False)
    listed = []
    for score, bottom, ok in zip(scores, from_bottom, clean, strict=True):
        red = ok and 1 + sum(1 for other in clean_scores if other > score) <= red_count
        black = bottom <= black_count
        listed.append(RED if red and not black else BLACK if black and not red else "")
    return listed


def rank_units(
    facts: Sequence[UnitFacts], weights: Mapping[str, Decimal], red_count: int, black_count: int
) -> list[UnitScore]:
    """Units with anything due, best first (ties in the input's order), with rank and list."""
    pairs = [(f, s) for f, s in ((f, unit_score(f, weights)) for f in facts) if s is not None]
    scored = [s for _f, s in pairs]
    scores = [s.score for s in scored]
    ranks = competition_ranks(scores)
    lists = red_and_black(scores, [f.overdue_problems == 0 for f, _s in pairs], red_count, black_count)
    ranked = [
        UnitScore(item.unit, item.score, item.values, rank, listed)
        for item, rank, listed in zip(scored, ranks, lists, strict=True)
    ]
    order = sorted(range(len(ranked)), key=lambda i: (ranked[i].rank, i))
    return [ranked[i] for i in order]
