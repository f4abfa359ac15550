from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gaoxin.core.tabular.units import UNITS, family_symbols, get_unit, parse_unit, scale_factor


@pytest.mark.parametrize(
    ("text", "symbol"),
    [
        ("万元", "万元"),
        ("（亿元）", "亿元"),
        ("(元)", "元"),
        ("单位：千瓦时", "千瓦时"),
        ("KWH", "千瓦时"),
        ("kW·h", "千瓦时"),
        ("万度", "万千瓦时"),
        ("㎡", "平方米"),
        ("m²", "平方米"),
        ("亩", "亩"),
        ("吨标煤", "吨标准煤"),
        ("tce", "吨标准煤"),
        ("万吨", "万吨"),
        ("％", "%"),
    ],
)
def test_parse_unit_accepts_common_spellings(text: str, symbol: str) -> None:
    unit = parse_unit(text)
    assert unit is not None
    assert unit.symbol == symbol


@pytest.mark.parametrize("text", ["斤", "元/亩", "", "盖章"])
def test_parse_unit_returns_none_for_unknown_text(text: str) -> None:
    assert parse_unit(text) is None


@pytest.mark.parametrize(
    ("source", "target", "factor"),
    [
        ("元", "万元", "0.0001"),
        ("亿元", "万元", "10000"),
        ("千元", "万元", "0.1"),
        ("万元", "万元", "1"),
        ("千瓦时", "万千瓦时", "0.0001"),
        ("平方米", "亩", "0.0015"),  # 1 亩 = 10000/15 m² exactly
        ("公顷", "亩", "15"),
        ("万吨", "吨", "10000"),
        ("千克", "吨", "0.001"),
        ("吨标准煤", "万吨标准煤", "0.0001"),
        ("%", "‰", "10"),
    ],
)
def test_scale_factor_is_exact(source: str, target: str, factor: str) -> None:
    assert scale_factor(get_unit(source), get_unit(target)) == Decimal(factor)


def test_mu_to_square_metres_is_correct_to_28_digits() -> None:
    assert scale_factor(get_unit("亩"), get_unit("平方米")) == Decimal("666.6666666666666666666666667")


def test_scale_factor_refuses_other_families() -> None:
    with pytest.raises(ValueError, match="cannot convert"):
        scale_factor(get_unit("元"), get_unit("亩"))


def test_get_unit_rejects_unknown_symbols() -> None:
    with pytest.raises(ValueError, match="unknown unit"):
        get_unit("斤")


def test_family_symbols_are_listed_smallest_first() -> None:
    assert family_symbols("money") == ("元", "千元", "万元", "亿元")


def test_every_alias_resolves_to_a_unit_of_a_known_family() -> None:
    families = {"money", "usd", "electricity", "area", "mass", "energy", "ratio"}
    assert {unit.family for unit in UNITS.values()} == families
    assert all(unit.factor > Fraction(0) for unit in UNITS.values())


money = st.sampled_from(family_symbols("money"))


@given(
    source=money,
    target=money,
    value=st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False, allow_infinity=False),
)
def test_money_conversions_round_trip_exactly(source: str, target: str, value: Decimal) -> None:
    there = value * scale_factor(get_unit(source), get_unit(target))
    assert there * scale_factor(get_unit(target), get_unit(source)) == value
