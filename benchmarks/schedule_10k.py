"""Backward schedules (倒排计划) of 10,000 projects × 15 working-day steps at once, against a naive day-by-day
implementation asking ``chinese_calendar.is_workday`` about every day; the two must agree exactly."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import numpy as np

from benchmarks.harness import report, timed
from gaoxin.core.workcalendar import WorkCalendar, arrangement_from_chinesecalendar
from gaoxin.projects.scheduling import DayUnit, Dependency, Plan, Step, Template, backward_schedules

PROJECTS = 10_000
ONE_DAY = dt.timedelta(days=1)


def bench_template() -> Template:
    """15 working-day steps: a chain with parallel branches, joins and overlaps (negative lags)."""
    w = DayUnit.WORKING
    return Template(
        key="bench",
        name="bench",
        steps=(
            Step("s01", "s01", 3, w),
            Step("s02", "s02", 20, w, after=(Dependency("s01"),)),
            Step("s03", "s03", 10, w, after=(Dependency("s01", lag=2),)),
            Step("s04", "s04", 15, w, after=(Dependency("s02"), Dependency("s03"))),
            Step("s05", "s05", 5, w, after=(Dependency("s04", lag=-3),)),
            Step("s06", "s06", 25, w, after=(Dependency("s04"),)),
            Step("s07", "s07", 40, w, after=(Dependency("s05"),)),
            Step("s08", "s08", 60, w, after=(Dependency("s06", lag=7),)),
            Step("s09", "s09", 30, w, after=(Dependency("s07"), Dependency("s08", lag=-10))),
            Step("s10", "s10", 45, w, after=(Dependency("s06"),)),
            Step("s11", "s11", 20, w, after=(Dependency("s09"), Dependency("s10"))),
            Step("s12", "s12", 8, w, after=(Dependency("s11", lag=-5),)),
            Step("s13", "s13", 12, w, after=(Dependency("s11"),)),
            Step("s14", "s14", 20, w, after=(Dependency("s12"), Dependency("s13"))),
            Step("s15", "s15", 1, w, after=(Dependency("s14"),)),
        ),
    )


def naive_backward(plan: Plan, target: dt.date, durations: list[int]) -> list[tuple[dt.date, dt.date]]:
    """Latest (start, finish) per step in plan order, walking back one day at a time."""
    dates: list[tuple[dt.date, dt.date]] = [(target, target)] * len(plan.steps)
    for i in reversed(range(len(plan.steps))):
        required = min((dates[s][0] - ONE_DAY * (1 + lag) for s, lag in plan.successors[i]), default=target)
        if durations[i] == 0:
            dates[i] = (required, required)
            continue
        finish = required
        while not chinese_calendar.is_workday(finish):
            finish -= ONE_DAY
        start, left = finish, durations[i] - 1
        while left:
            start -= ONE_DAY
            if chinese_calendar.is_workday(start):
                left -= 1
        dates[i] = (start, finish)
    return dates


def main() -> None:
    plan = Plan.from_template(bench_template())
    calendar = WorkCalendar(arrangement_from_chinesecalendar(year) for year in range(2022, 2027))
    rng = np.random.default_rng(20251031)
    targets = np.datetime64("2025-06-01") + rng.integers(0, 570, PROJECTS).astype("timedelta64[D]")
    durations = {step.key: rng.integers(0, 2 * step.duration + 1, PROJECTS) for step in plan.steps}
    fast_seconds, schedules = timed(lambda: backward_schedules(plan, calendar, targets, durations))
    print(f"vectorised: {PROJECTS} projects × {len(plan.steps)} steps in {fast_seconds:.3f} s")

    sample = range(0, PROJECTS, 50)  # the naive loop on every 50th project, scaled up to all of them
    target_dates = [dt.date.fromisoformat(str(day)) for day in targets]

    def naive() -> list[list[tuple[dt.date, dt.date]]]:
        return [
            naive_backward(plan, target_dates[p], [int(durations[key][p]) for key in plan.keys])
            for p in sample
        ]

    naive_seconds, expected = timed(naive)
    naive_seconds *= PROJECTS / len(sample)
    print(
        f"naive day-by-day (chinese_calendar.is_workday): {naive_seconds:.1f} s for {PROJECTS} (extrapolated)"
    )
    for row, p in enumerate(sample):
        got = [
            (
                dt.date.fromisoformat(str(schedules.latest_start[p, j])),
                dt.date.fromisoformat(str(schedules.latest_finish[p, j])),
            )
            for j in range(len(plan.steps))
        ]
        assert got == expected[row], (p, got, expected[row])
    print(
        f"equal results on {len(sample)} projects; target ≤ 1 s: {'met' if fast_seconds <= 1 else 'MISSED'}"
    )
    report(
        name="schedule_10k",
        value=fast_seconds,
        unit="s",
        reference="naive day-by-day loop with chinese_calendar.is_workday (run on every 50th project, extrapolated)",
        reference_value=naive_seconds,
        projects=PROJECTS,
        steps=len(plan.steps),
    )


if __name__ == "__main__":
    main()
