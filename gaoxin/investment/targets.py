"""Yearly targets of investment promotion against 时序进度, and the quarterly 赛马 of units (pure, no Django).

A target (签约总投资, 亿元以上签约项目, 落地, 开工, 到位资金, 实际利用外资 …) is judged like a project's investment
(DOMAIN §4.3, ``projects.lights``): completion = actual ÷ target; time progress = months elapsed ÷ 12; the gap is
time progress − completion in percentage points, read "超/落后时序进度 X 个百分点", and the light follows the one
configurable light rule. A target of zero or less judges nothing (grey).

The 赛马 scores each unit by the configured weights of its measures' completion, each capped at 1 so that one
over-achieved measure cannot hide the others; measures without a target for the unit are left out and their weight
shared among the others (as ``projects.unit_ranking`` does). Ranks are competition ranks; the red and black lists
are those of ``unit_ranking.red_and_black``.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from gaoxin.core.messages import Message
from gaoxin.projects import lights, phrases
from gaoxin.projects.unit_ranking import competition_ranks, red_and_black

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
ONE = Decimal(1)


@dataclass(frozen=True)
class TargetVerdict:
    target: Decimal
    actual: Decimal
    completion: Decimal | None  # actual ÷ target, a fraction; None without a positive target
    time_progress: Decimal  # a fraction
    gap: Decimal | None  # points behind time progress (negative: ahead)
    light: str
    phrase: Message | None  # 超/落后时序进度 X 个百分点


def judge(
    target: Decimal, actual: Decimal, *, month: int, rule: lights.Rule = lights.DEFAULT_RULE
) -> TargetVerdict:
    """A yearly target against what was achieved by the end of ``month`` (1–12)."""
    progress = lights.time_progress(month)
    done = lights.completion(actual, target)
    gap = lights.gap_points(progress, done)
    if gap is None:
        return TargetVerdict(target, actual, None, progress, None, lights.GREY, None)
    return TargetVerdict(
        target, actual, done, progress, gap, lights.gap_light(gap, rule), phrases.against_time_progress(gap)
    )


@dataclass(frozen=True)
class UnitResult:
    unit: Hashable
    completions: Mapping[str, Decimal]  # measure → completion (a fraction, uncapped)


@dataclass(frozen=True)
class RaceLine:
    unit: Hashable
    score: Decimal  # 0–100, two places
    rank: int
    listed: str  # unit_ranking.RED / BLACK / ""


def race(
    results: Sequence[UnitResult], weights: Mapping[str, Decimal], *, red_count: int, black_count: int
) -> list[RaceLine]:
    """The units with at least one weighted measure, best first (ties in the input's order)."""
    scored: list[tuple[Hashable, Decimal]] = []
    for result in results:
        counted = {m: c for m, c in result.completions.items() if weights.get(m, Decimal(0)) > 0}
        total = sum((weights[m] for m in counted), Decimal(0))
        if total <= 0:
            continue
        weighted = sum((weights[m] * min(c, ONE) for m, c in counted.items()), Decimal(0))
        scored.append((result.unit, (weighted * HUNDRED / total).quantize(CENT, rounding=ROUND_HALF_UP)))
    scores = [score for _unit, score in scored]
    ranks = competition_ranks(scores)
    lists = red_and_black(scores, [True] * len(scores), red_count, black_count)
    lines = [
        RaceLine(unit, score, rank, listed)
        for (unit, score), rank, listed in zip(scored, ranks, lists, strict=True)
    ]
    order = sorted(range(len(lines)), key=lambda i: (lines[i].rank, i))
    return [lines[i] for i in order]
