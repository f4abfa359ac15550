"""The traffic-light rule: hand-computed boundaries and properties."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gaoxin.projects import investment_progress, lights
from gaoxin.projects.lights import GREEN, GREY, RED, SEVERITY, YELLOW, Facts, Rule, judge

D = Decimal
STARTED = dt.date(2024, 6, 1)


def invest(
    plan: str | None, ytd: str, *, planned_start: dt.date | None = None, started: dt.date | None = STARTED
) -> Facts:
    return Facts(None if plan is None else D(plan), D(ytd), planned_start, started)


def test_time_progress_is_months_over_twelve() -> None:
    assert lights.time_progress(3) == D("0.25")
    assert lights.time_progress(6) == D("0.5")
    assert lights.time_progress(12) == 1
    with pytest.raises(ValueError, match="not 1–12"):
        lights.time_progress(0)


@pytest.mark.parametrize(
    ("month", "ytd", "light", "gap"),
    [
        # March: time progress 25 %. Plan 1000: 150 done = 15 % → exactly 10 points behind → yellow.
        (3, "150", YELLOW, "10"),
        (3, "151", GREEN, "9.9"),
        (3, "250", GREEN, "0"),
        (3, "400", GREEN, "-15"),
        # June: time progress 50 %. 200 done = 20 % → exactly 30 points behind → still yellow.
        (6, "200", YELLOW, "30"),
        (6, "199", RED, "30.1"),
        (6, "0", RED, "50"),
    ],
)
def test_investment_gap_boundaries(month: int, ytd: str, light: str, gap: str) -> None:
    verdict = judge(invest("1000", ytd), month=month, on=dt.date(2026, month + 1, 5))
    assert verdict.light == light
    assert verdict.gap == D(gap)
    assert verdict.completion == D(ytd) / 1000


def test_a_configured_rule_moves_the_boundaries() -> None:
    rule = Rule(yellow_gap=D(5), red_gap=D(15), start_late_red_months=1)
    facts = invest("1000", "150")  # March: 10 points behind
    assert judge(facts, month=3, on=dt.date(2026, 4, 1), rule=rule).light == YELLOW
    assert judge(invest("1000", "90"), month=3, on=dt.date(2026, 4, 1), rule=rule).light == RED  # 16 behind


@pytest.mark.parametrize(
    ("planned", "on", "light", "months"),
    [
        (dt.date(2026, 1, 15), dt.date(2026, 1, 15), GREY, None),  # the planned day itself: not missed yet
        (dt.date(2026, 1, 15), dt.date(2026, 1, 16), YELLOW, 0),
        (dt.date(2026, 1, 15), dt.date(2026, 4, 14), YELLOW, 2),
        (dt.date(2026, 1, 15), dt.date(2026, 4, 15), RED, 3),  # exactly three months late
        (dt.date(2025, 11, 30), dt.date(2026, 2, 27), YELLOW, 2),
        (dt.date(2025, 11, 30), dt.date(2026, 2, 28), RED, 3),  # 30 November + 3 months = 28 February
        (dt.date(2026, 1, 31), dt.date(2026, 4, 30), RED, 3),
    ],
)
def test_missed_start(planned: dt.date, on: dt.date, light: str, months: int | None) -> None:
    verdict = judge(Facts(None, D(0), planned, None), month=1, on=on)
    assert verdict.light == light
    if months is not None:
        assert verdict.reasons[0].message.params == {"date": planned.isoformat(), "months": months}


def test_a_started_project_is_not_late_and_a_later_start_counts_from_its_date() -> None:
    planned = dt.date(2026, 1, 10)
    assert (
        judge(Facts(None, D(0), planned, dt.date(2026, 2, 1)), month=5, on=dt.date(2026, 6, 1)).light == GREY
    )
    # Judged as of a day before the recorded start, the project had not started then.
    assert (
        judge(Facts(None, D(0), planned, dt.date(2026, 6, 1)), month=4, on=dt.date(2026, 5, 1)).light == RED
    )


def test_the_worst_reason_wins_and_comes_first() -> None:
    facts = Facts(D(1000), D(250), dt.date(2026, 1, 1), None)  # on track with money, but never started
    verdict = judge(facts, month=3, on=dt.date(2026, 4, 2))
    assert verdict.light == RED
    assert [r.light for r in verdict.reasons] == [RED, GREEN]
    assert "%(months)s" in verdict.reasons[0].message.msgid


def test_grey_when_nothing_can_be_judged() -> None:
    assert judge(Facts(None, D(0), None, None), month=6, on=dt.date(2026, 7, 1)).light == GREY
    assert judge(Facts(D(0), D(0), None, None), month=6, on=dt.date(2026, 7, 1)).light == GREY
    # A plan, but construction is planned for later: the investment is not judged yet.
    waiting = judge(Facts(D(1000), D(0), dt.date(2026, 9, 1), None), month=6, on=dt.date(2026, 7, 1))
    assert waiting.light == GREY
    assert waiting.reasons[0].message.params == {"date": "2026-09-01"}


def test_reasons_are_msgids_with_params_that_format() -> None:
    verdict = judge(invest("1000", "100"), month=6, on=dt.date(2026, 7, 1))
    (reason,) = verdict.reasons
    assert reason.message.text() == (
        "10.0% of the annual plan completed against a time progress of 50.0%: 40.0 points behind"
    )
    assert verdict.reasons_json() == [
        {"light": RED, "msgid": reason.message.msgid, "params": reason.message.params}
    ]


def test_report_month_is_the_last_complete_month() -> None:
    assert lights.report_month(dt.date(2026, 3, 5)) == (2026, 2)
    assert lights.report_month(dt.date(2026, 1, 31)) == (2025, 12)


def test_year_figures_by_hand() -> None:
    figures = investment_progress.year_figures(
        year=2026,
        annual_plan=D(1200),
        months={1: (D(100), D(80)), 2: (D(100), None), 3: (D(100), D(120)), 5: (None, D(50))},
        through_month=3,
    )
    assert [r.cumulative for r in figures.months[:5]] == [D(80), D(80), D(200), D(200), D(250)]
    assert figures.ytd == D(200)  # through March only
    assert figures.months[2].cumulative_planned == D(300)
    assert figures.months[2].time_progress_amount == D(300)
    assert figures.completion_percent == D(200) / D(1200) * 100
    assert figures.gap == (D("0.25") - D(200) / D(1200)) * 100
    assert investment_progress.through_month_for(2025, 2026, 3) == 12
    assert investment_progress.through_month_for(2027, 2026, 3) == 0


def test_running_totals_by_hand() -> None:
    reports = [(2025, 11, D(10)), (2025, 12, None), (2026, 1, D(5)), (2026, 3, D(7))]
    assert investment_progress.running_totals(reports) == [
        (D(10), D(10)),
        (D(10), D(10)),  # December reported nothing completed: the sums stay
        (D(5), D(15)),  # 本年累计 starts again in January; 开工以来累计 goes on
        (D(12), D(22)),  # February missing changes nothing
    ]
    assert investment_progress.running_totals([]) == []


amounts = st.decimals(min_value=0, max_value=100_000, places=2)


@given(
    st.lists(
        st.tuples(st.integers(2023, 2027), st.integers(1, 12), st.one_of(st.none(), amounts)),
        unique_by=lambda r: (r[0], r[1]),
    )
)
def test_running_totals_are_the_sums_through_each_month(
    reports: list[tuple[int, int, Decimal | None]],
) -> None:
    reports.sort(key=lambda r: (r[0], r[1]))
    totals = investment_progress.running_totals(reports)
    for i, (year, _month, _completed) in enumerate(reports):
        through = reports[: i + 1]
        assert totals[i] == (
            sum((c or 0 for y, _m, c in through if y == year), D(0)),
            sum((c or 0 for _y, _m, c in through), D(0)),
        )


dates = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31))
rules = st.builds(
    lambda y, extra, n: Rule(D(y), D(y + extra), n),
    st.integers(0, 40),
    st.integers(0, 40),
    st.integers(1, 12),
)


@given(
    plan=st.one_of(st.none(), amounts),
    ytd=amounts,
    more=amounts,
    planned=st.one_of(st.none(), dates),
    started=st.one_of(st.none(), dates),
    month=st.integers(1, 12),
    on=dates,
    rule=rules,
)
def test_more_completed_investment_never_worsens_the_light(
    plan: Decimal | None,
    ytd: Decimal,
    more: Decimal,
    planned: dt.date | None,
    started: dt.date | None,
    month: int,
    on: dt.date,
    rule: Rule,
) -> None:
    less_done = judge(Facts(plan, ytd, planned, started), month=month, on=on, rule=rule)
    more_done = judge(Facts(plan, ytd + more, planned, started), month=month, on=on, rule=rule)
    assert SEVERITY[more_done.light] <= SEVERITY[less_done.light]


@given(
    plan=st.one_of(st.none(), amounts),
    ytd=amounts,
    planned=st.one_of(st.none(), dates),
    start_offset=st.one_of(st.none(), st.integers(0, 400)),
    month=st.integers(1, 12),
    later_months=st.integers(0, 11),
    on=st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 12, 31)),
    later_days=st.integers(0, 400),
    rule=rules,
)
def test_a_later_date_with_nothing_reported_never_improves_the_light(
    plan: Decimal | None,
    ytd: Decimal,
    planned: dt.date | None,
    start_offset: int | None,
    month: int,
    later_months: int,
    on: dt.date,
    later_days: int,
    rule: Rule,
) -> None:
    # Nothing reported in between: the same YTD, and a start (if any) already recorded by the earlier date.
    started = None if start_offset is None else on - dt.timedelta(days=start_offset)
    facts = Facts(plan, ytd, planned, started)
    earlier = judge(facts, month=month, on=on, rule=rule)
    later = judge(
        facts, month=min(12, month + later_months), on=on + dt.timedelta(days=later_days), rule=rule
    )
    assert SEVERITY[later.light] >= SEVERITY[earlier.light]


@given(day=dates, months=st.integers(0, 40))
def test_months_late_inverts_add_months(day: dt.date, months: int) -> None:
    later = lights.add_months(day, months)
    assert lights.months_late(day, later) >= months
    assert lights.months_late(day, later - dt.timedelta(days=1)) < months or months == 0


@given(
    plan=st.one_of(st.none(), amounts),
    ytd=amounts,
    planned=st.one_of(st.none(), dates),
    started=st.one_of(st.none(), dates),
    month=st.integers(1, 12),
    on=dates,
    rule=rules,
)
def test_judging_without_reasons_gives_the_same_light(
    plan: Decimal | None,
    ytd: Decimal,
    planned: dt.date | None,
    started: dt.date | None,
    month: int,
    on: dt.date,
    rule: Rule,
) -> None:
    facts = Facts(plan, ytd, planned, started)
    explained = judge(facts, month=month, on=on, rule=rule)
    bare = judge(facts, month=month, on=on, rule=rule, explain=False)
    assert (bare.light, bare.completion, bare.gap) == (explained.light, explained.completion, explained.gap)
    assert bare.reasons == ()
    assert explained.light == max((r.light for r in explained.reasons), key=SEVERITY.__getitem__)


def test_year_figures_in_percent_and_a_month_out_of_range() -> None:
    figures = investment_progress.year_figures(
        year=2026, annual_plan=Decimal(120), months={1: (Decimal(10), Decimal(30))}, through_month=3
    )
    assert figures.time_progress_percent == Decimal(25)
    assert figures.completion_percent == Decimal(25)
    with pytest.raises(ValueError, match="13"):
        investment_progress.year_figures(year=2026, annual_plan=None, months={}, through_month=13)
    assert (
        investment_progress.year_figures(
            year=2026, annual_plan=None, months={}, through_month=0
        ).completion_percent
        is None
    )


@pytest.mark.parametrize(("year", "through"), [(2025, 12), (2026, 4), (2027, 0)])
def test_through_month_of_past_current_and_future_years(year: int, through: int) -> None:
    assert investment_progress.through_month_for(year, 2026, 4) == through


def test_month_end() -> None:
    assert lights.month_end(2024, 2) == dt.date(2024, 2, 29)
