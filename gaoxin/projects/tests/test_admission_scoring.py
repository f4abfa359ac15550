"""The pure admission scorecard: validation naming the criterion, scoring by hand, properties."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gaoxin.projects.admission_scoring import (
    ScorecardError,
    parse_scorecard,
    parse_values,
    score,
    values_as_json,
)

CRITERIA: list[dict[str, Any]] = [
    {"key": "intensity", "label": "投资强度", "unit": "万元/亩", "kind": "number", "direction": "higher",
     "threshold": "300", "points": "40", "veto": False},
    {"key": "energy", "label": "单位增加值能耗", "unit": "吨标煤/万元", "kind": "number", "direction": "lower",
     "threshold": "0.5", "points": "30", "veto": False},
    {"key": "environment", "label": "环保", "kind": "yes_no", "points": "30", "veto": True},
]  # fmt: skip


def messages(error: pytest.ExceptionInfo[ScorecardError]) -> list[tuple[str, dict[str, Any]]]:
    return [(m.msgid, m.params) for m in error.value.messages]


def test_scores_by_hand() -> None:
    criteria = parse_scorecard(CRITERIA, "60")
    values = parse_values(criteria, {"intensity": "320", "energy": "0.6", "environment": "yes"})
    result = score(criteria, values, D(60))
    # intensity 320 ≥ 300 → 40; energy 0.6 > 0.5 → 0; environment yes → 30.
    assert [item.points for item in result.items] == [D(40), D(0), D(30)]
    assert result.score == D(70)
    assert result.passed
    assert not result.vetoed


def test_lower_is_better_at_the_threshold_is_met() -> None:
    criteria = parse_scorecard(CRITERIA, "60")
    result = score(criteria, parse_values(criteria, {"energy": "0.5"}), D(60))
    assert result.items[1].met
    assert result.items[1].points == D(30)


def test_a_failed_veto_rejects_whatever_the_score() -> None:
    criteria = parse_scorecard(CRITERIA, "60")
    result = score(
        criteria, parse_values(criteria, {"intensity": 500, "energy": "0.1", "environment": "否"}), D(60)
    )
    assert result.score == D(70)
    assert result.vetoed
    assert not result.passed
    assert [item.vetoes for item in result.items] == [False, False, True]


def test_missing_values_earn_nothing_and_a_missing_veto_answer_vetoes() -> None:
    criteria = parse_scorecard(CRITERIA, "0")
    result = score(criteria, parse_values(criteria, {}), D(0))
    assert result.score == D(0)
    assert result.vetoed


def test_validation_names_each_bad_criterion() -> None:
    bad = [
        {"key": "Intensity!", "label": "投资强度", "kind": "number", "threshold": "x", "points": "-1"},
        {"key": "fit", "label": "产业导向", "kind": "maybe", "points": "10", "veto": "yes"},
        {"key": "fit", "label": "重复", "kind": "yes_no", "points": "10"},
    ]
    with pytest.raises(ScorecardError) as error:
        parse_scorecard(bad, "10")
    found = messages(error)
    assert all(params.get("criterion") for _msgid, params in found)
    assert {params["criterion"] for _msgid, params in found} == {"投资强度", "产业导向", "重复"}
    msgids = " ".join(msgid for msgid, _params in found)
    for fragment in (
        "the key must be",
        "threshold must be a number",
        "points must be",
        "kind must be",
        "veto must be",
        "used twice",
    ):
        assert fragment in msgids


def test_pass_score_beyond_all_points_is_refused() -> None:
    with pytest.raises(ScorecardError) as error:
        parse_scorecard(CRITERIA, "101")
    assert messages(error)[0][1] == {"needed": D(101), "total": D(100)}


def test_empty_scorecard_is_refused() -> None:
    with pytest.raises(ScorecardError):
        parse_scorecard([], "0")


def test_bad_values_name_the_criterion() -> None:
    criteria = parse_scorecard(CRITERIA, "60")
    with pytest.raises(ScorecardError) as error:
        parse_values(criteria, {"intensity": "很多", "environment": "maybe"})
    assert [params["criterion"] for _m, params in messages(error)] == ["投资强度", "环保"]


def test_values_round_trip_through_json() -> None:
    criteria = parse_scorecard(CRITERIA, "60")
    values = parse_values(criteria, {"intensity": "320.5", "environment": True})
    assert parse_values(criteria, values_as_json(values)) == values


@given(
    intensity=st.decimals(min_value=0, max_value=1000, places=2),
    energy=st.decimals(min_value=0, max_value=2, places=3),
    environment=st.booleans(),
    better=st.decimals(min_value=0, max_value=100, places=2),
)
def test_a_better_value_never_lowers_the_score(intensity: D, energy: D, environment: bool, better: D) -> None:
    criteria = parse_scorecard(CRITERIA, "60")
    base = score(criteria, {"intensity": intensity, "energy": energy, "environment": environment}, D(60))
    improved = score(
        criteria,
        {"intensity": intensity + better, "energy": max(D(0), energy - better), "environment": environment},
        D(60),
    )
    assert improved.score >= base.score
    assert D(0) <= base.score <= D(100)
    assert base.passed == (not base.vetoed and base.score >= 60)


def test_a_scorecard_round_trips_through_json() -> None:
    criteria = parse_scorecard(CRITERIA, "60")
    assert parse_scorecard([c.as_json() for c in criteria], "60") == criteria
    assert [c.as_json()["threshold"] for c in criteria] == ["300", "0.5", None]


def test_each_unusable_criterion_and_pass_score_is_named() -> None:
    bad = [
        "not a mapping",
        {"key": "x", "label": "", "direction": "sideways", "threshold": "1", "points": "1"},
    ]
    with pytest.raises(ScorecardError) as error:
        parse_scorecard(bad, "-1")
    found = messages(error)
    msgids = " ".join(msgid for msgid, _params in found)
    for fragment in ("is not a set of fields", "label is missing", "higher or lower", "score to pass"):
        assert fragment in msgids
    assert ("Criterion %(position)s is not a set of fields.", {"position": 1}) in found
