"""撞单 (duplicate claims) detection (pure, no Django): does a new or edited lead name an investor or a project
that another lead already has?

Three signals, each a reason shown to the officer with the existing lead and its owner:

- the same unified social credit code (the strongest; only domestic investors have one);
- the same investor once names are normalised: full-width forms folded (NFKC), case, spaces and punctuation
  dropped, bracketed parts dropped ("（江苏）", "(集团)"), a leading province or municipality dropped, and the legal
  form at the end dropped ("股份有限公司", "有限责任公司", "Co., Ltd." …) — so "江苏恒达新能源科技有限公司" and
  "恒达新能源科技（江苏）股份有限公司" match;
- similar project names: the Dice coefficient of the character bigrams of the names, after generic words (项目,
  建设, 年产 …) and figures are dropped, at or above a threshold (0.7 by default).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

PROVINCES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西",
    "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾",
    "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门",
)  # fmt: skip
LEGAL_FORMS = (
    "集团股份有限公司", "集团有限责任公司", "集团有限公司", "股份有限公司", "有限责任公司", "有限合伙", "有限公司",
    "集团公司", "总公司", "分公司", "公司", "集团", "coltd", "colimited", "limited", "ltd", "incorporated", "inc",
    "corporation", "corp", "company", "co", "gmbh", "ag", "sa", "llc", "plc",
)  # fmt: skip
GENERIC_PROJECT_WORDS = (
    "项目", "建设", "年产", "新建", "扩建", "扩产", "技改", "改造", "工程", "一期", "二期", "三期", "及配套",
)  # fmt: skip

BRACKETED = re.compile(r"[(\[（【][^)\]）】]*[)\]）】]")
NOT_WORD = re.compile(r"[\W_]+")
FIGURES = re.compile(r"[0-9.]+[a-z万亿千百个台套吨]*")
PROVINCE_PREFIX = re.compile(
    r"^(?:" + "|".join(sorted(PROVINCES, key=len, reverse=True)) + r")(?:省|市|自治区)?"
)


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def normalised_investor(name: str) -> str:
    """The investor's name reduced to what identifies it (see the module's description); may be empty."""
    text = NOT_WORD.sub("", BRACKETED.sub("", _folded(name)))
    stripped = True
    while stripped:
        stripped = False
        for form in LEGAL_FORMS:
            if text.endswith(form) and len(text) > len(form):
                text = text[: -len(form)]
                stripped = True
                break
    return PROVINCE_PREFIX.sub("", text, count=1) or text


def normalised_project(name: str) -> str:
    text = NOT_WORD.sub("", BRACKETED.sub("", _folded(name)))
    text = FIGURES.sub("", text)
    for word in GENERIC_PROJECT_WORDS:
        text = text.replace(word, "")
    return text


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} if len(text) > 1 else {text} - {""}


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of two project names (normalised first), 0 to 1."""
    first, second = _bigrams(normalised_project(a)), _bigrams(normalised_project(b))
    if not first or not second:
        return 0.0
    return 2 * len(first & second) / (len(first) + len(second))


class Reason(StrEnum):
    CREDIT_CODE = "credit_code"
    INVESTOR = "investor"
    PROJECT_NAME = "project_name"


@dataclass(frozen=True)
class LeadKey:
    """What a lead is matched by."""

    lead: int
    project_name: str
    investor_name: str
    credit_code: str = ""


@dataclass(frozen=True)
class Match:
    lead: int
    reasons: tuple[Reason, ...]
    similarity: float  # of the project names


def matches(candidate: LeadKey, existing: Iterable[LeadKey], *, threshold: float = 0.7) -> list[Match]:
    """The existing leads (other than the candidate itself) that may be the same, strongest first: by the number
    of reasons, then by project-name similarity, then by lead number."""
    investor = normalised_investor(candidate.investor_name)
    found = []
    for other in existing:
        if other.lead == candidate.lead:
            continue
        reasons = []
        if candidate.credit_code and candidate.credit_code.upper() == other.credit_code.upper():
            reasons.append(Reason.CREDIT_CODE)
        if investor and investor == normalised_investor(other.investor_name):
            reasons.append(Reason.INVESTOR)
        score = similarity(candidate.project_name, other.project_name)
        if score >= threshold:
            reasons.append(Reason.PROJECT_NAME)
        if reasons:
            found.append(Match(other.lead, tuple(reasons), round(score, 4)))
    return sorted(found, key=lambda m: (-len(m.reasons), -m.similarity, m.lead))
