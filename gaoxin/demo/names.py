"""Fictional names for the demo zone: companies, people, streets, phone numbers. Pure: no Django.

Company names follow the pattern of real registrations (place + brand + trade + organisation form) with the
fictional place "示例" always in them (示例嘉禾光能科技有限公司, 嘉禾光能科技（示例）有限公司), so no demo
name can be a real company's. Brands are pairs of common auspicious characters; pairs that are the brands of
well-known companies are never drawn.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from gaoxin.demo.catalogue import CITY_NAME, PROVINCE_NAME, ZONE_NAME

PLACE = "示例"

BRAND_FIRST = tuple(
    "嘉禾华瑞恒盛永兴泰宏鑫德昌丰源博睿晟航腾达凯明远新金通宇辰启创卓汇鼎信安益光智锦伟祥瀚帆聚立天海正云星"
)
BRAND_SECOND = tuple("禾瑞泰盛源丰昌达成通宇辰航晟和信诚邦润科能威驰捷峰越康锐亿豪朗轩凯拓睿铭翔欣晖赫嘉远")
FAMOUS_BRANDS = frozenset(
    {
        "正泰",
        "恒瑞",
        "海信",
        "华润",
        "通威",
        "凯盛",
        "海润",
        "腾达",
        "华峰",
        "宏达",
        "德信",
        "宇通",
        "天能",
        "海康",
        "正邦",
    }
)
SURNAMES = tuple(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程沈魏吕丁任姚卢傅钟"
)
GIVEN_NAME_CHARACTERS = tuple(
    "建国明华伟军平芳敏静丽强磊洋艳勇杰娟涛超秀英霞刚桂兰辉鹏飞玲燕春晓红文斌宇浩俊峰琳雪梅志新海波亮"
)
MOBILE_PREFIXES = (
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "158",
    "159",
    "177",
    "180",
    "187",
    "189",
)


def brands() -> tuple[str, ...]:
    """Every brand a demo company may carry, in a fixed order."""
    return tuple(
        first + second
        for first in BRAND_FIRST
        for second in BRAND_SECOND
        if first != second and first + second not in FAMOUS_BRANDS
    )


class CompanyNamer:
    """Unique fictional company names, drawn from a random generator (deterministic for a given seed)."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.brands = brands()
        self.taken: set[str] = set()

    def name(self, words: Sequence[str], *, joint_stock: bool = False) -> str:
        """A new name for a firm whose trade is one of ``words`` (光能科技 …)."""
        form = "股份有限公司" if joint_stock else "有限公司"
        while True:
            u_brand, u_word, u_form = self.rng.random(3).tolist()
            brand = self.brands[int(u_brand * len(self.brands))]
            word = words[int(u_word * len(words))]
            # The place first (示例嘉禾…有限公司), or in brackets before the form (嘉禾…（示例）有限公司).
            candidate = f"{PLACE}{brand}{word}{form}" if u_form < 0.7 else f"{brand}{word}（{PLACE}）{form}"
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate

    def reserve(self, name: str) -> None:
        """Keep a fixed name (a park operator's) from being drawn."""
        self.taken.add(name)


def person_names(rng: np.random.Generator, count: int) -> list[str]:
    """``count`` people's names: a surname and one or two given-name characters."""
    surnames = rng.integers(len(SURNAMES), size=count)
    given = rng.integers(len(GIVEN_NAME_CHARACTERS), size=(count, 2))
    two = rng.random(count) >= 0.3
    return [
        SURNAMES[s] + GIVEN_NAME_CHARACTERS[g1] + (GIVEN_NAME_CHARACTERS[g2] if t else "")
        for s, (g1, g2), t in zip(surnames.tolist(), given.tolist(), two.tolist(), strict=True)
    ]


def mobile_phones(rng: np.random.Generator, count: int) -> list[str]:
    """``count`` 11-digit mobile numbers, as text."""
    prefixes = rng.integers(len(MOBILE_PREFIXES), size=count)
    numbers = rng.integers(10**8, size=count)
    return [f"{MOBILE_PREFIXES[p]}{x:08d}" for p, x in zip(prefixes.tolist(), numbers.tolist(), strict=True)]


def addresses(rng: np.random.Generator, roads: Sequence[Sequence[str]]) -> list[str]:
    """An address in the zone for each entry of ``roads`` (the roads of the firm's park)."""
    picks = rng.random(len(roads))
    numbers = rng.integers(1, 2000, size=len(roads))
    return [
        f"{PROVINCE_NAME}{CITY_NAME}{ZONE_NAME}{r[int(u * len(r))]}{number}号"
        for r, u, number in zip(roads, picks.tolist(), numbers.tolist(), strict=True)
    ]
