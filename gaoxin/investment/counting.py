"""签约 counting (pure, no Django): which signings count, for how much, and in which size bands.

The rules (DOMAIN §6, the 三明 rule set):

- a project counts once, at its first signing, for its whole investment;
- a later agreement with the same investor (增资, 扩产, a supplementary agreement) counts only the increment over
  the largest investment counted for the project so far, and counts nothing when there is none;
- a later agreement with another investor counts as a new signing, for its whole investment.

Size bands are cumulative thresholds ("亿元以上 N 个，其中 10 亿元以上 M 个"): a signing belongs to every band whose
threshold its counted investment reaches. A band is stated in 万元 or, for foreign investment, in 万美元 (≥1 亿美元);
a signing without a US-dollar figure is in no US-dollar band. Amounts are Decimal 万元 / 万美元.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class SigningKind(StrEnum):
    FIRST = "first"  # the project's first signing
    EXPANSION = "expansion"  # the same investor again: the increment counts
    NEW_INVESTOR = "new_investor"  # another investor: counts as a new signing


class Currency(StrEnum):
    YUAN = "yuan"  # 万元
    USD = "usd"  # 万美元


@dataclass(frozen=True)
class SizeBand:
    key: str
    threshold: Decimal  # the band takes signings whose counted investment is at least this
    currency: Currency = Currency.YUAN


# The bands the zone reports by default: ≥1亿, ≥10亿, ≥30亿, ≥50亿 (万元) and ≥1亿美元 (万美元).
DEFAULT_BANDS: tuple[SizeBand, ...] = (
    SizeBand("100m", Decimal(10_000)),
    SizeBand("1bn", Decimal(100_000)),
    SizeBand("3bn", Decimal(300_000)),
    SizeBand("5bn", Decimal(500_000)),
    SizeBand("100m_usd", Decimal(10_000), Currency.USD),
)


@dataclass(frozen=True)
class Signing:
    """One signed agreement as recorded: the project's total investment under it."""

    project: str  # what identifies the project (the lead)
    investor: str  # the investor's normalised name or credit code
    signed_on: dt.date
    investment: Decimal  # 总投资 under this agreement, 万元
    investment_usd: Decimal | None = None  # the same in 万美元 when foreign-invested
    manufacturing: bool = True


@dataclass(frozen=True)
class CountedSigning:
    signing: Signing
    kind: SigningKind
    investment: Decimal  # what counts, 万元
    investment_usd: Decimal | None
    bands: tuple[str, ...]


def bands_of(
    investment: Decimal, investment_usd: Decimal | None, bands: Sequence[SizeBand]
) -> tuple[str, ...]:
    """The keys of every band the amounts reach, in the order the bands are given."""
    reached = []
    for band in bands:
        amount = investment if band.currency is Currency.YUAN else investment_usd
        if amount is not None and amount >= band.threshold:
            reached.append(band.key)
    return tuple(reached)


def _increment(amount: Decimal | None, before: Decimal | None) -> Decimal | None:
    if amount is None:
        return None
    return max(amount - (before or Decimal(0)), Decimal(0))


def _larger(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return b if a is None else a if b is None else max(a, b)


def count_signings(
    signings: Iterable[Signing], bands: Sequence[SizeBand] = DEFAULT_BANDS
) -> list[CountedSigning]:
    """The signings that count, in date order (a stable sort keeps the given order within a day); an agreement
    that adds nothing to what was counted (a supplementary agreement for the same amount) is left out."""
    counted: list[CountedSigning] = []
    investor_of: dict[str, str] = {}
    largest: dict[str, tuple[Decimal, Decimal | None]] = {}
    for signing in sorted(signings, key=lambda s: s.signed_on):
        previous_investor = investor_of.get(signing.project)
        investor_of[signing.project] = signing.investor
        if previous_investor != signing.investor:
            kind = SigningKind.FIRST if previous_investor is None else SigningKind.NEW_INVESTOR
            amount, amount_usd = signing.investment, signing.investment_usd
            largest[signing.project] = (amount, amount_usd)
        else:
            kind = SigningKind.EXPANSION
            before, before_usd = largest[signing.project]
            amount = max(signing.investment - before, Decimal(0))
            amount_usd = _increment(signing.investment_usd, before_usd)
            largest[signing.project] = (
                max(before, signing.investment),
                _larger(before_usd, signing.investment_usd),
            )
            if amount == 0:
                continue
        counted.append(CountedSigning(signing, kind, amount, amount_usd, bands_of(amount, amount_usd, bands)))
    return counted


@dataclass
class Tally:
    """Counted signings of a period: how many and how much, in all, by band and by manufacturing/services."""

    number: int = 0
    investment: Decimal = Decimal(0)
    by_band: dict[str, int] = field(default_factory=dict)
    investment_by_band: dict[str, Decimal] = field(default_factory=dict)
    manufacturing: int = 0
    services: int = 0


def tally(counted: Iterable[CountedSigning], start: dt.date, end: dt.date) -> Tally:
    """The counted signings dated from ``start`` to ``end`` inclusive."""
    result = Tally()
    for item in counted:
        if not start <= item.signing.signed_on <= end:
            continue
        result.number += 1
        result.investment += item.investment
        if item.signing.manufacturing:
            result.manufacturing += 1
        else:
            result.services += 1
        for band in item.bands:
            result.by_band[band] = result.by_band.get(band, 0) + 1
            result.investment_by_band[band] = (
                result.investment_by_band.get(band, Decimal(0)) + item.investment
            )
    return result
