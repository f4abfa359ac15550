"""investment.referrals: eligibility of a referrer and the reward by tiers of investment formed, with a cap."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gaoxin.investment.referrals import (
    DEFAULT_REWARD_RULE,
    Referral,
    RewardRule,
    RewardTier,
    claim_deadline,
    refusal,
    reward,
)

D = Decimal
SIGNED = dt.date(2026, 6, 1)


def test_marginal_tiers_reward_each_slice_at_its_rate() -> None:
    computed = reward(D(50_000))  # 5亿: 1亿 at 3‰ + 4亿 at 2‰ = 30 + 80 万元
    assert [(line.base, line.permille, line.amount) for line in computed.lines] == [
        (D(10_000), D(3), D("30.00")),
        (D(40_000), D(2), D("80.00")),
    ]
    assert (computed.amount, computed.capped) == (D("110.00"), False)


def test_the_cap_limits_the_reward_and_says_so() -> None:
    computed = reward(D(200_000))  # 30 + 180 + 150 = 360 → 300
    assert (computed.uncapped, computed.amount, computed.capped) == (D("360.00"), D(300), True)


def test_a_whole_investment_rule_takes_the_rate_of_the_tier_reached() -> None:
    rule = RewardRule(tiers=(RewardTier(D(10_000), D(3)), RewardTier(None, D(2))), marginal=False)
    assert reward(D(8_000), rule).amount == D("24.00")
    assert reward(D(30_000), rule).amount == D("60.00")
    assert [line.above for line in reward(D(30_000), rule).lines] == [D(10_000)]


def test_nothing_formed_gives_nothing() -> None:
    assert reward(D(0)).amount == 0
    assert reward(D(0)).lines == ()
    assert reward(D(-5)).investment_formed == 0


@pytest.mark.parametrize(
    "tiers",
    [(), (RewardTier(D(1), D(1)),), (RewardTier(None, D(1)), RewardTier(None, D(1))),
     (RewardTier(D(5), D(1)), RewardTier(D(5), D(1)), RewardTier(None, D(1))), (RewardTier(None, D(-1)),)],
)  # fmt: skip
def test_a_malformed_rule_is_refused(tiers: tuple[RewardTier, ...]) -> None:
    with pytest.raises(ValueError, match="reward"):
        RewardRule(tiers=tiers)


def test_the_claim_deadline_is_a_year_after_completion() -> None:
    assert claim_deadline(dt.date(2026, 3, 1)) == dt.date(2027, 3, 1)


@pytest.mark.parametrize(
    ("referral", "existing", "expected"),
    [
        (Referral("王", dt.date(2026, 5, 31)), None, None),
        (Referral("王", SIGNED), None, "A referrer must be registered before the signing (%(date)s)."),
        (Referral("王", dt.date(2026, 1, 1), referrer_is_staff=True), None, "Committee staff cannot be referrers."),
        (Referral("王", dt.date(2026, 1, 1), referrer_is_investor=True), None, "The investor cannot be its own referrer."),
        (Referral("王", dt.date(2026, 1, 1)), "李", "This lead already has a referrer: %(name)s."),
    ],
)  # fmt: skip
def test_who_may_refer(referral: Referral, existing: str | None, expected: str | None) -> None:
    refused = refusal(referral, signed_on=SIGNED, existing_referrer=existing)
    assert (refused.msgid if refused else None) == expected


def test_before_a_signing_any_date_will_do() -> None:
    assert refusal(Referral("王", dt.date(2030, 1, 1)), signed_on=None) is None


@given(st.integers(0, 10**7), st.integers(0, 10**7))
def test_the_reward_never_falls_as_investment_grows_and_never_passes_the_cap(a: int, b: int) -> None:
    low, high = sorted((D(a), D(b)))
    assert reward(low).amount <= reward(high).amount <= DEFAULT_REWARD_RULE.cap  # type: ignore[operator]
    assert sum(line.base for line in reward(high).lines) == high
