"""Targets against 时序进度 with the projects' light rule, and the 赛马 of units."""

import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gaoxin.investment.targets import RaceLine, UnitResult, judge, race
from gaoxin.projects import lights
from gaoxin.projects.phrases import POINTS_AHEAD, POINTS_BEHIND
from gaoxin.projects.unit_ranking import BLACK, RED


def test_behind_time_progress_is_yellow_or_red_by_the_rule() -> None:
    # June: time progress 50%; 300 of 1,000 is 30%: 20 points behind → yellow with the default rule
    verdict = judge(Decimal(1000), Decimal(300), month=6)
    assert verdict.completion == Decimal("0.3")
    assert verdict.gap == Decimal(20)
    assert verdict.light == lights.YELLOW
    assert verdict.phrase is not None
    assert verdict.phrase.msgid == POINTS_BEHIND
    assert judge(Decimal(1000), Decimal(100), month=6).light == lights.RED
    strict = lights.Rule(yellow_gap=Decimal(5), red_gap=Decimal(15))
    assert judge(Decimal(1000), Decimal(300), month=6, rule=strict).light == lights.RED


def test_ahead_of_time_progress_is_green_and_said_so() -> None:
    verdict = judge(Decimal(12), Decimal(8), month=6)  # 66.7% against 50%
    assert verdict.light == lights.GREEN
    assert verdict.phrase is not None
    assert verdict.phrase.msgid == POINTS_AHEAD
    assert verdict.phrase.params["points"] == "16.7"


def test_without_a_positive_target_nothing_is_judged() -> None:
    verdict = judge(Decimal(0), Decimal(5), month=3)
    assert verdict.light == lights.GREY
    assert verdict.completion is None
    assert verdict.phrase is None
    with pytest.raises(ValueError, match="month"):
        judge(Decimal(1), Decimal(1), month=13)


def test_the_race_weights_capped_completions_and_lists_the_top_and_bottom() -> None:
    weights = {"signed": Decimal(60), "landed": Decimal(40)}
    results = [
        UnitResult("一组", {"signed": Decimal("1.5"), "landed": Decimal("0.5")}),  # 60 + 20 = 80
        UnitResult("二组", {"signed": Decimal("0.9"), "landed": Decimal(1)}),  # 54 + 40 = 94
        UnitResult("三组", {"landed": Decimal("0.25")}),  # only landed counts: 25
        UnitResult("四组", {"other": Decimal(1)}),  # nothing weighted: not ranked
    ]
    lines = race(results, weights, red_count=1, black_count=1)
    assert lines == [
        RaceLine("二组", Decimal("94.00"), 1, RED),
        RaceLine("一组", Decimal("80.00"), 2, ""),
        RaceLine("三组", Decimal("25.00"), 3, BLACK),
    ]


def test_equal_scores_share_a_rank() -> None:
    weights = {"signed": Decimal(1)}
    lines = race(
        [UnitResult(u, {"signed": Decimal("0.5")}) for u in "ab"] + [UnitResult("c", {"signed": Decimal(1)})],
        weights,
        red_count=0,
        black_count=0,
    )
    assert [(line.unit, line.rank) for line in lines] == [("c", 1), ("a", 2), ("b", 2)]


@given(st.lists(st.decimals(min_value=0, max_value=5, places=2), min_size=1, max_size=8))
def test_scores_stay_within_0_and_100_and_ranks_follow_scores(completions: list[Decimal]) -> None:
    lines = race(
        [UnitResult(i, {"m": c}) for i, c in enumerate(completions)],
        {"m": Decimal(3)},
        red_count=2,
        black_count=2,
    )
    assert all(Decimal(0) <= line.score <= Decimal(100) for line in lines)
    assert all(a.score >= b.score and a.rank <= b.rank for a, b in itertools.pairwise(lines))
