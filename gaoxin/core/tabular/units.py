"""Units that spreadsheet headers state, and exact conversion between units of one family.

Factors are exact fractions of the family's base unit. 1 亩 is taken as exactly 10000/15 m² (60 平方丈,
the legal definition; "666.67 m²" is its rounding), so 平方米 → 亩 is the exact factor 0.0015 and 公顷 → 亩
is exactly 15.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction


@dataclass(frozen=True, slots=True)
class Unit:
    symbol: str
    family: str
    factor: Fraction  # size in the family's base unit


_UNITS: tuple[tuple[str, str, Fraction, tuple[str, ...]], ...] = (
    # money, base 元
    ("元", "money", Fraction(1), ("人民币元", "rmb", "cny")),
    ("千元", "money", Fraction(1_000), ()),
    ("万元", "money", Fraction(10_000), ("万", "人民币万元", "万元人民币")),
    ("亿元", "money", Fraction(100_000_000), ("亿",)),
    # foreign money, base 美元
    ("美元", "usd", Fraction(1), ("usd",)),
    ("万美元", "usd", Fraction(10_000), ()),
    ("亿美元", "usd", Fraction(100_000_000), ()),
    # electricity, base 千瓦时
    ("千瓦时", "electricity", Fraction(1), ("度", "kwh", "kw·h", "kw.h")),
    ("万千瓦时", "electricity", Fraction(10_000), ("万度", "万kwh", "万kw·h")),
    ("亿千瓦时", "electricity", Fraction(100_000_000), ("亿度", "亿kwh")),
    # area, base 平方米
    ("平方米", "area", Fraction(1), ("m2", "平米", "平方")),
    ("亩", "area", Fraction(10_000, 15), ()),
    ("公顷", "area", Fraction(10_000), ("hm2", "ha")),
    # mass, base 吨
    ("千克", "mass", Fraction(1, 1_000), ("公斤", "kg")),
    ("吨", "mass", Fraction(1), ("t",)),
    ("万吨", "mass", Fraction(10_000), ()),
    # energy, base 吨标准煤
    ("千克标准煤", "energy", Fraction(1, 1_000), ("千克标煤", "kgce")),
    ("吨标准煤", "energy", Fraction(1), ("吨标煤", "tce")),
    ("万吨标准煤", "energy", Fraction(10_000), ("万吨标煤", "万tce")),
    # ratios, base 1 (a fraction such as 0.0302)
    ("%", "ratio", Fraction(1, 100), ("百分比",)),
    ("‰", "ratio", Fraction(1, 1_000), ("千分比",)),
)


# The unit of a plain ratio such as 0.0302; percent columns are stored in it. Not a header unit.
FRACTION = Unit("", "ratio", Fraction(1))


def unit_key(text: str) -> str:
    """Normalise unit text: NFKC (full-width → half-width, ㎡ → m2), no whitespace, lower case."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


UNITS: dict[str, Unit] = {
    unit_key(name): Unit(symbol, family, factor)
    for symbol, family, factor, aliases in _UNITS
    for name in (symbol, *aliases)
}


def parse_unit(text: str) -> Unit | None:
    """The unit named by ``text`` ("万元", "（亿元）", "单位：千瓦时", "㎡"), or None if unknown."""
    key = unit_key(text).strip("()[]【】")
    if key.startswith("单位"):
        key = key.removeprefix("单位").lstrip(":")
    return UNITS.get(key)


def get_unit(symbol: str) -> Unit:
    """The unit with this symbol or alias; raises ValueError for an unknown one (a programming error)."""
    unit = parse_unit(symbol)
    if unit is None:
        raise ValueError(f"unknown unit {symbol!r}")
    return unit


def family_symbols(family: str) -> tuple[str, ...]:
    """Symbols of a family's units, smallest first, for messages."""
    units = {unit.symbol: unit for unit in UNITS.values() if unit.family == family}
    return tuple(sorted(units, key=lambda symbol: units[symbol].factor))


def scale_factor(source: Unit, target: Unit) -> Decimal:
    """Multiply a value in ``source`` units by this to get ``target`` units.

    Exact whenever the ratio is a terminating decimal (every pair whose target is the larger or a
    decimal multiple); otherwise correct to the 28 significant digits of the Decimal context.
    """
    if source.family != target.family:
        raise ValueError(f"cannot convert {source.symbol} to {target.symbol}")
    ratio = source.factor / target.factor
    return Decimal(ratio.numerator) / Decimal(ratio.denominator)
