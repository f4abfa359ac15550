"""撞单 settled by rule (pure, no Django): who holds an investor that several officers registered.

The first registration holds the investor for a protection period (calendar days; longer for 首报首谈 projects,
those at or above a threshold of total investment). A registration made while another is protected is a duplicate
claim (撞单) — shown to both officers and settled by the bureau head if disputed. Once the protection has run out
without a signing the investor returns to the pool: the next registration made after that holds it anew. A
signed lead keeps its investor for good.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class ClaimRule:
    protection_days: int = 90
    first_report_threshold: Decimal = Decimal(100_000)  # 万元: ≥10亿 projects are 首报首谈
    first_report_protection_days: int = 180


@dataclass(frozen=True)
class Claim:
    lead: int
    owner: str  # the officer or team that registered the lead
    registered_on: dt.date
    investment: Decimal | None = None  # 总投资, 万元, when known


@dataclass(frozen=True)
class Settlement:
    holder: Claim | None  # None: the investor is back in the pool
    protected_until: dt.date | None  # the holder's last protected day (None once signed or in the pool)
    duplicates: tuple[Claim, ...]  # registrations made while another held the investor
    lapsed: tuple[Claim, ...]  # earlier holders whose protection ran out unsigned


def protection_days(claim: Claim, rule: ClaimRule) -> int:
    if claim.investment is not None and claim.investment >= rule.first_report_threshold:
        return max(rule.protection_days, rule.first_report_protection_days)
    return rule.protection_days


def settle(
    claims: Iterable[Claim], *, on: dt.date, rule: ClaimRule = ClaimRule(), signed: Collection[int] = ()
) -> Settlement:
    """The state on day ``on`` of the registrations of one investor; ``signed`` holds the leads already signed.
    Registrations are taken in date order, then by lead number (the earlier lead on a tie)."""
    holder: Claim | None = None
    until: dt.date | None = None
    duplicates: list[Claim] = []
    lapsed: list[Claim] = []
    for claim in sorted(claims, key=lambda c: (c.registered_on, c.lead)):
        if claim.registered_on > on:
            continue
        if holder is not None and (
            holder.lead in signed or (until is not None and claim.registered_on <= until)
        ):
            duplicates.append(claim)
            continue
        if holder is not None:
            lapsed.append(holder)
        holder = claim
        until = claim.registered_on + dt.timedelta(days=protection_days(claim, rule) - 1)
    if holder is None:
        return Settlement(None, None, (), ())
    if holder.lead in signed:
        return Settlement(holder, None, tuple(duplicates), tuple(lapsed))
    if until is not None and on > until:
        return Settlement(None, None, tuple(duplicates), (*lapsed, holder))
    return Settlement(holder, until, tuple(duplicates), tuple(lapsed))
