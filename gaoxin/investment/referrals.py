"""以商引商 referrals (pure, no Django): who may be a lead's referrer, and the reward the zone's rule gives.

Eligibility (DOMAIN §6): the referrer is registered before the signing — a registration on or after the signing
day is refused; one referrer (a person, an enterprise or one named team) per lead; committee staff and the
investor itself are excluded.

The reward is a share, in per mille, of the fixed-asset investment actually formed, by tiers of that investment.
``marginal`` tiers reward each slice at its own rate (like tax brackets); otherwise the whole investment is
rewarded at the rate of the tier it reaches. A cap limits the total. The computation keeps its lines, so the page
can show the figures it used. It is claimed within a year of the project's completion.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from gaoxin.core.messages import Message, gettext_noop

CENT = Decimal("0.01")  # rewards in 万元 to two places
PER_MILLE = Decimal(1000)


@dataclass(frozen=True)
class RewardTier:
    up_to: Decimal | None  # the tier's upper bound of investment formed, 万元; None: no bound
    permille: Decimal


@dataclass(frozen=True)
class RewardRule:
    tiers: tuple[RewardTier, ...]  # ascending bounds, the last unbounded
    cap: Decimal | None = None  # 万元
    marginal: bool = True
    claim_within_days: int = 365

    def __post_init__(self) -> None:
        bounds = [tier.up_to for tier in self.tiers]
        if not self.tiers or bounds[-1] is not None or None in bounds[:-1]:
            raise ValueError("reward tiers must end with one unbounded tier")
        bounded = [bound for bound in bounds if bound is not None]
        if any(b <= a for a, b in itertools.pairwise(bounded)):
            raise ValueError("reward tier bounds must ascend")
        if any(tier.permille < 0 for tier in self.tiers) or (self.cap is not None and self.cap < 0):
            raise ValueError("reward rates and cap must not be negative")


# A common rule: 3‰ up to 1亿, 2‰ from 1亿 to 10亿, 1.5‰ above, each slice at its rate, at most 300万元.
DEFAULT_REWARD_RULE = RewardRule(
    tiers=(
        RewardTier(Decimal(10_000), Decimal(3)),
        RewardTier(Decimal(100_000), Decimal(2)),
        RewardTier(None, Decimal("1.5")),
    ),
    cap=Decimal(300),
)


@dataclass(frozen=True)
class RewardLine:
    above: Decimal  # the slice of investment formed, 万元: (above, up_to]
    up_to: Decimal | None
    base: Decimal  # the investment rewarded at this rate
    permille: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Reward:
    investment_formed: Decimal
    lines: tuple[RewardLine, ...]
    uncapped: Decimal
    amount: Decimal  # what is paid, 万元

    @property
    def capped(self) -> bool:
        return self.amount < self.uncapped


def _line(above: Decimal, up_to: Decimal | None, base: Decimal, permille: Decimal) -> RewardLine:
    amount = (base * permille / PER_MILLE).quantize(CENT, rounding=ROUND_HALF_UP)
    return RewardLine(above, up_to, base, permille, amount)


def reward(investment_formed: Decimal, rule: RewardRule = DEFAULT_REWARD_RULE) -> Reward:
    """The reward for ``investment_formed`` (万元, fixed-asset investment actually formed; negative counts as 0)."""
    formed = max(investment_formed, Decimal(0))
    reached = next(n for n, tier in enumerate(rule.tiers) if tier.up_to is None or formed <= tier.up_to)
    lowers = [Decimal(0), *(tier.up_to for tier in rule.tiers[:reached] if tier.up_to is not None)]
    tiers = list(zip(lowers, rule.tiers[: reached + 1], strict=True))
    if rule.marginal:
        slices = [
            (above, tier, (formed if tier.up_to is None else min(formed, tier.up_to)) - above)
            for above, tier in tiers
        ]
        lines = [_line(above, tier.up_to, base, tier.permille) for above, tier, base in slices if base > 0]
    else:
        above, tier = tiers[-1]
        lines = [_line(above, tier.up_to, formed, tier.permille)] if formed > 0 else []
    uncapped = sum((line.amount for line in lines), Decimal(0))
    amount = uncapped if rule.cap is None else min(uncapped, rule.cap)
    return Reward(formed, tuple(lines), uncapped, amount)


def claim_deadline(completed_on: dt.date, rule: RewardRule = DEFAULT_REWARD_RULE) -> dt.date:
    """The last day the reward can be claimed: ``claim_within_days`` after completion."""
    return completed_on + dt.timedelta(days=rule.claim_within_days)


@dataclass(frozen=True)
class Referral:
    referrer: str  # the referrer's name as registered
    registered_on: dt.date
    referrer_is_staff: bool = False
    referrer_is_investor: bool = False


def refusal(
    referral: Referral, *, signed_on: dt.date | None, existing_referrer: str | None = None
) -> Message | None:
    """Why the referral cannot be registered, or None when it can."""
    if existing_referrer:
        return Message(
            gettext_noop("This lead already has a referrer: %(name)s."), {"name": existing_referrer}
        )
    if referral.referrer_is_staff:
        return Message(gettext_noop("Committee staff cannot be referrers."))
    if referral.referrer_is_investor:
        return Message(gettext_noop("The investor cannot be its own referrer."))
    if signed_on is not None and referral.registered_on >= signed_on:
        return Message(
            gettext_noop("A referrer must be registered before the signing (%(date)s)."), {"date": signed_on}
        )
    return None
