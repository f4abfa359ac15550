"""investment.duplicates: the same investor or project under another lead is found, with the reasons."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gaoxin.investment.duplicates import (
    LeadKey,
    Reason,
    matches,
    normalised_investor,
    normalised_project,
    similarity,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("江苏恒达新能源科技有限公司", "恒达新能源科技"),
        ("恒达新能源科技（江苏）股份有限公司", "恒达新能源科技"),
        ("恒达新能源科技(集团)有限公司", "恒达新能源科技"),
        ("上海市 恒达 新能源科技集团有限公司", "恒达新能源科技"),
        ("ＡＢＣ Solar Co., Ltd.", "abcsolar"),
        ("Siemens AG", "siemens"),
        ("江苏", "江苏"),  # nothing but a province: kept rather than emptied
    ],
)
def test_investor_names_are_reduced_to_what_identifies_them(name: str, expected: str) -> None:
    assert normalised_investor(name) == expected


def test_project_names_lose_generic_words_and_figures() -> None:
    assert normalised_project("年产10GW高效光伏组件项目（一期）") == "高效光伏组件"
    assert similarity("年产10GW高效光伏组件项目", "年产5GW高效光伏组件建设项目") == 1.0
    assert similarity("高效光伏组件", "汽车内饰件") == 0.0
    assert similarity("项目", "高效光伏组件") == 0.0


def test_a_new_lead_finds_the_existing_ones_strongest_first() -> None:
    existing = [
        LeadKey(1, "年产5GW光伏组件项目", "江苏恒达新能源科技有限公司", "91320500MA1ABCDE1X"),
        LeadKey(2, "汽车内饰件生产基地", "恒达新能源科技（江苏）股份有限公司"),
        LeadKey(3, "高效光伏组件扩产项目", "某某投资有限公司"),
        LeadKey(4, "生物医药研发中心", "另一家公司"),
    ]
    candidate = LeadKey(9, "年产10GW光伏组件项目", "恒达新能源科技集团", "91320500ma1abcde1x")
    found = matches(candidate, existing)
    assert [(m.lead, m.reasons) for m in found] == [
        (1, (Reason.CREDIT_CODE, Reason.INVESTOR, Reason.PROJECT_NAME)),
        (3, (Reason.PROJECT_NAME,)),  # as many reasons as lead 2, with the more similar project name
        (2, (Reason.INVESTOR,)),
    ]


def test_a_lead_does_not_match_itself_and_empty_names_match_nothing() -> None:
    lead = LeadKey(1, "光伏组件", "恒达")
    assert matches(lead, [lead]) == []
    assert matches(LeadKey(2, "", ""), [LeadKey(3, "", "")]) == []


names = st.text(alphabet="恒达光伏新能源科技有限公司集团（）() 江苏ab", max_size=20)


@given(names, names)
def test_similarity_is_symmetric_and_between_zero_and_one(a: str, b: str) -> None:
    assert similarity(a, b) == similarity(b, a)
    assert 0.0 <= similarity(a, b) <= 1.0


@given(names)
def test_normalising_twice_changes_nothing_more_than_once(name: str) -> None:
    once = normalised_investor(name)
    assert normalised_investor(once) == normalised_investor(normalised_investor(once))
