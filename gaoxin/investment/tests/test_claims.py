"""investment.claims: the first registration holds the investor while protected; then the pool."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from gaoxin.investment.claims import Claim, ClaimRule, settle

RULE = ClaimRule(
    protection_days=90, first_report_threshold=Decimal(100_000), first_report_protection_days=180
)
JAN1 = dt.date(2026, 1, 1)


def claim(lead: int, owner: str, day: int, investment: int | None = None) -> Claim:
    return Claim(
        lead, owner, JAN1 + dt.timedelta(days=day), None if investment is None else Decimal(investment)
    )


def test_the_first_registration_holds_it_and_a_later_one_is_a_duplicate() -> None:
    first, second = claim(1, "张", 0), claim(2, "李", 30)
    settled = settle([second, first], on=JAN1 + dt.timedelta(days=40), rule=RULE)
    assert (settled.holder, settled.duplicates, settled.lapsed) == (first, (second,), ())
    assert settled.protected_until == JAN1 + dt.timedelta(days=89)  # 90 days, the registration day included


def test_the_protection_runs_out_on_its_last_day_and_the_investor_returns_to_the_pool() -> None:
    first = claim(1, "张", 0)
    assert settle([first], on=JAN1 + dt.timedelta(days=89), rule=RULE).holder == first
    settled = settle([first], on=JAN1 + dt.timedelta(days=90), rule=RULE)
    assert (settled.holder, settled.protected_until, settled.lapsed) == (None, None, (first,))


def test_a_registration_after_the_protection_holds_it_anew() -> None:
    first, second, third = claim(1, "张", 0), claim(2, "李", 95), claim(3, "王", 100)
    settled = settle([first, second, third], on=JAN1 + dt.timedelta(days=120), rule=RULE)
    assert (settled.holder, settled.duplicates, settled.lapsed) == (second, (third,), (first,))


def test_first_report_projects_are_protected_longer() -> None:
    big, late = claim(1, "张", 0, investment=150_000), claim(2, "李", 150)
    settled = settle([big, late], on=JAN1 + dt.timedelta(days=160), rule=RULE)
    assert (settled.holder, settled.duplicates) == (big, (late,))
    assert settled.protected_until == JAN1 + dt.timedelta(days=179)


def test_a_signed_lead_keeps_its_investor_for_good() -> None:
    first, late = claim(1, "张", 0), claim(2, "李", 400)
    settled = settle([first, late], on=JAN1 + dt.timedelta(days=500), rule=RULE, signed={1})
    assert (settled.holder, settled.protected_until, settled.duplicates) == (first, None, (late,))


def test_registrations_after_the_day_asked_about_do_not_count_and_ties_go_to_the_earlier_lead() -> None:
    assert settle([claim(1, "张", 10)], on=JAN1, rule=RULE).holder is None
    settled = settle([claim(7, "李", 0), claim(3, "张", 0)], on=JAN1, rule=RULE)
    assert settled.holder is not None
    assert settled.holder.lead == 3


@given(
    st.lists(st.tuples(st.integers(0, 400), st.sampled_from([None, 50_000, 200_000])), max_size=8),
    st.integers(0, 500),
)
def test_every_registration_is_held_duplicate_or_lapsed_exactly_once(
    rows: list[tuple[int, int | None]], day: int
) -> None:
    claims = [claim(n, f"officer{n}", d, inv) for n, (d, inv) in enumerate(rows)]
    on = JAN1 + dt.timedelta(days=day)
    settled = settle(claims, on=on, rule=RULE)
    seen = [*settled.duplicates, *settled.lapsed, *([settled.holder] if settled.holder else [])]
    assert sorted(c.lead for c in seen) == sorted(c.lead for c in claims if c.registered_on <= on)
    if settled.holder is not None:
        assert settled.protected_until is not None
        assert settled.protected_until >= on
