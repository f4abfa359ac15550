"""The words of a signed figure agree with its sign: behind, ahead and level; late, early and on time."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from gaoxin.core.message_text import translated
from gaoxin.projects import phrases


@pytest.mark.parametrize(
    ("gap", "expected"),
    [
        (Decimal("8.333"), "落后时序进度8.3个百分点"),
        (Decimal("-12.25"), "超时序进度12.3个百分点"),
        (Decimal("0"), "与时序进度持平"),
        (Decimal("-0.04"), "与时序进度持平"),  # shown as 0.0: level, not "超 -0.0"
    ],
)
def test_against_time_progress(gap: Decimal, expected: str) -> None:
    with translation.override("zh-hans"):
        assert translated(phrases.against_time_progress(gap)) == expected


@pytest.mark.parametrize(("days", "expected"), [(5, "滞后 5 天"), (-3, "提前 3 天"), (0, "按期")])
def test_days_against_date(days: int, expected: str) -> None:
    with translation.override("zh-hans"):
        assert translated(phrases.days_against_date(days)) == expected


@pytest.mark.parametrize(
    ("lag", "expected"), [(30, "施工许可完成后 30 个自然日"), (-5, "施工许可完成前 5 个自然日")]
)
def test_after_predecessor(lag: int, expected: str) -> None:
    with translation.override("zh-hans"):
        assert translated(phrases.after_predecessor("施工许可", lag)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Decimal("14914.62"), "14,914.62"), (677667.705, "677,667.71"), (None, "—"), (Decimal("NaN"), "无效值")],
)
def test_amounts_have_thousands_separators(value: object, expected: str) -> None:
    with translation.override("zh-hans"):
        shown = Template("{% load projects_phrases %}{{ v|wan }}").render(Context({"v": value}))
    assert shown == expected


@given(st.decimals(min_value=-200, max_value=200, places=3))
def test_the_number_in_the_words_is_never_negative(gap: Decimal) -> None:
    message = phrases.against_time_progress(gap)
    assert all(not str(value).startswith("-") for value in message.params.values())


@given(st.integers(min_value=-10_000, max_value=10_000))
def test_days_are_never_negative(days: int) -> None:
    assert all(value >= 0 for value in phrases.days_against_date(days).params.values())


def test_the_template_filters() -> None:
    template = Template(
        "{% load projects_phrases %}{{ gap|vs_time_progress }}|{{ days|vs_date }}|{{ none|vs_date }}"
    )
    with translation.override("zh-hans"):
        rendered = template.render(Context({"gap": Decimal("-5"), "days": -2, "none": None}))
    assert rendered == "超时序进度5.0个百分点|提前 2 天|—"
