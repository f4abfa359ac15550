"""investment.counting: a project counts once, an expansion its increment, a new investor anew; bands."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from gaoxin.investment.counting import (
    DEFAULT_BANDS,
    Signing,
    SigningKind,
    bands_of,
    count_signings,
    tally,
)

D = Decimal


def signing(
    project: str, investor: str, day: int, amount: int, usd: int | None = None, **kw: bool
) -> Signing:
    return Signing(project, investor, dt.date(2026, 1, day), D(amount), None if usd is None else D(usd), **kw)


def test_a_project_counts_once_at_its_first_signing() -> None:
    counted = count_signings([signing("p", "甲", 5, 50_000), signing("p", "甲", 9, 50_000)])
    assert [(c.kind, c.investment) for c in counted] == [(SigningKind.FIRST, D(50_000))]


def test_an_expansion_counts_only_the_increment() -> None:
    counted = count_signings([signing("p", "甲", 9, 80_000), signing("p", "甲", 5, 50_000)])
    assert [(c.kind, c.investment, c.bands) for c in counted] == [
        (SigningKind.FIRST, D(50_000), ("100m",)),
        (SigningKind.EXPANSION, D(30_000), ("100m",)),
    ]


def test_a_smaller_agreement_after_a_larger_one_adds_nothing() -> None:
    counted = count_signings(
        [signing("p", "甲", 1, 80_000), signing("p", "甲", 2, 60_000), signing("p", "甲", 3, 90_000)]
    )
    assert [c.investment for c in counted] == [D(80_000), D(10_000)]


def test_a_change_of_investor_counts_as_a_new_signing_for_the_whole() -> None:
    counted = count_signings(
        [signing("p", "甲", 1, 80_000), signing("p", "乙", 2, 60_000), signing("p", "乙", 3, 70_000)]
    )
    assert [(c.kind, c.investment) for c in counted] == [
        (SigningKind.FIRST, D(80_000)),
        (SigningKind.NEW_INVESTOR, D(60_000)),
        (SigningKind.EXPANSION, D(10_000)),
    ]


def test_bands_are_cumulative_and_us_dollar_bands_need_a_dollar_figure() -> None:
    assert bands_of(D(350_000), None, DEFAULT_BANDS) == ("100m", "1bn", "3bn")
    assert bands_of(D(9_999), None, DEFAULT_BANDS) == ()
    assert bands_of(D(80_000), D(11_000), DEFAULT_BANDS) == ("100m", "100m_usd")
    assert bands_of(D(500_000), D(9_000), DEFAULT_BANDS) == ("100m", "1bn", "3bn", "5bn")


def test_dollar_increments_follow_the_same_rule() -> None:
    counted = count_signings(
        [signing("p", "甲", 1, 40_000, usd=6_000), signing("p", "甲", 2, 90_000, usd=13_000)]
    )
    assert [(c.investment_usd, c.bands) for c in counted] == [(D(6_000), ("100m",)), (D(7_000), ("100m",))]
    counted = count_signings([signing("q", "甲", 1, 40_000), signing("q", "甲", 2, 90_000, usd=13_000)])
    assert [c.investment_usd for c in counted] == [None, D(13_000)]


def test_the_tally_of_a_period_by_band_and_by_sector() -> None:
    counted = count_signings(
        [
            signing("a", "甲", 3, 120_000),
            signing("b", "乙", 10, 20_000, manufacturing=False),
            signing("c", "丙", 20, 5_000),
            signing("a", "甲", 25, 150_000),
        ]
    )
    month = tally(counted, dt.date(2026, 1, 5), dt.date(2026, 1, 31))
    assert (month.number, month.investment, month.manufacturing, month.services) == (3, D(55_000), 2, 1)
    assert month.by_band == {"100m": 2}
    assert month.investment_by_band == {"100m": D(50_000)}


amounts = st.integers(min_value=0, max_value=2_000_000)
signings_strategy = st.lists(
    st.tuples(st.sampled_from("pq"), st.sampled_from("甲乙"), st.integers(1, 28), amounts), max_size=12
)


@given(signings_strategy)
def test_per_investor_spell_the_counted_sum_is_the_largest_agreement(
    rows: list[tuple[str, str, int, int]],
) -> None:
    """Within one unbroken spell of one investor on a project, what counts adds up to the largest agreement."""
    items = [signing(*row) for row in rows]
    counted = count_signings(items)
    spells: dict[tuple[str, int], list[Decimal]] = {}
    counted_by_spell: dict[tuple[str, int], Decimal] = {}
    current: dict[str, tuple[str, int]] = {}
    for item in sorted(items, key=lambda s: s.signed_on):
        investor, number = current.get(item.project, ("", -1))
        if investor != item.investor:
            current[item.project] = (item.investor, number + 1)
        spells.setdefault((item.project, current[item.project][1]), []).append(item.investment)
        key = (item.project, current[item.project][1])
        counted_by_spell.setdefault(key, D(0))
        counted_by_spell[key] += sum(c.investment for c in counted if c.signing is item)
    for key, agreed in spells.items():
        assert counted_by_spell[key] == max(agreed)
    assert all(c.investment > 0 or c.kind is not SigningKind.EXPANSION for c in counted)
