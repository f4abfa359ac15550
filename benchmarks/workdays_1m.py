"""Due dates for 1,000,000 (received, N) pairs with the vectorised working-day calendar.

Pairs are drawn deterministically: received uniformly by the minute over 2024-01-01 … 2026-11-20 (so that even
N = 25 working days ends inside 2026, the last year chinesecalendar knows), N uniformly in 1 … 25. The value is
the best of three timings of ``WorkCalendar.due_dates`` on all pairs. The reference is a plain day-by-day loop
over ``chinese_calendar.is_workday`` under the same conventions (day of receipt not counted, cut-off 17:30);
its answers must equal ours. If the loop would take more than 60 s on all pairs, it runs on a fixed random
subset of 200,000 pairs and its time is scaled to 1,000,000.

Run: python -m benchmarks.workdays_1m
"""

from __future__ import annotations

import datetime as dt
import json
import time

import chinese_calendar
import numpy as np
import numpy.typing as npt

from gaoxin.core.workcalendar import WorkCalendar, arrangement_from_chinesecalendar

PAIRS = 1_000_000
SUBSET = 200_000
PROBE = 2_000
REFERENCE_BUDGET_S = 60.0
SEED = 20250926
FIRST = np.datetime64("2024-01-01T00:00")
LAST = np.datetime64("2026-11-20T23:59")
ONE_DAY = dt.timedelta(days=1)


def draw_pairs() -> tuple[npt.NDArray[np.datetime64], npt.NDArray[np.int64]]:
    rng = np.random.default_rng(SEED)
    span_minutes = int((LAST - FIRST) / np.timedelta64(1, "m")) + 1
    received = FIRST + rng.integers(0, span_minutes, size=PAIRS).astype("timedelta64[m]")
    n = rng.integers(1, 26, size=PAIRS, dtype=np.int64)
    return received, n


def reference_due_date(received: dt.datetime, n: int, cutoff: dt.time) -> dt.date:
    """Day by day: move past the cut-off and non-working days, then count n working days."""
    day = received.date()
    if received.time() > cutoff:
        day += ONE_DAY
    while not chinese_calendar.is_workday(day):
        day += ONE_DAY
    while n:
        day += ONE_DAY
        if chinese_calendar.is_workday(day):
            n -= 1
    return day


def run_reference(
    received: list[dt.datetime], n: list[int], cutoff: dt.time
) -> tuple[float, npt.NDArray[np.datetime64]]:
    started = time.perf_counter()
    answers = [reference_due_date(r, k, cutoff) for r, k in zip(received, n, strict=True)]
    return time.perf_counter() - started, np.array(answers, dtype="datetime64[D]")


def main() -> None:
    received, n = draw_pairs()
    calendar = WorkCalendar(arrangement_from_chinesecalendar(year) for year in (2024, 2025, 2026))

    timings = []
    for _ in range(3):
        started = time.perf_counter()
        ours = calendar.due_dates(received, n)
        timings.append(time.perf_counter() - started)
    value = min(timings)

    # Check on all pairs if the loop is fast enough, else on a fixed random subset.
    order = np.random.default_rng(SEED + 1).permutation(PAIRS)
    cutoff = calendar.conventions.cutoff
    probe = order[:PROBE]
    probe_seconds, _ = run_reference(received[probe].tolist(), n[probe].tolist(), cutoff)
    checked = order if probe_seconds * PAIRS / PROBE <= REFERENCE_BUDGET_S else order[:SUBSET]
    reference_seconds, expected = run_reference(received[checked].tolist(), n[checked].tolist(), cutoff)
    mismatches = int(np.count_nonzero(expected != ours[checked]))
    assert mismatches == 0, f"{mismatches} of {len(checked):,} due dates differ from the day-by-day loop"
    reference_value = reference_seconds * PAIRS / len(checked)

    if len(checked) == PAIRS:
        reference = "day-by-day loop over chinese_calendar.is_workday, all 1,000,000 pairs, answers equal"
    else:
        reference = (
            f"day-by-day loop over chinese_calendar.is_workday on a fixed random subset of {len(checked):,} pairs "
            f"({reference_seconds:.1f} s), scaled to 1,000,000; answers equal on the subset"
        )
    print(
        f"workdays_1m: due dates for {PAIRS:,} pairs in {value:.3f} s (best of 3; target <= 2 s); "
        f"range {ours.min()} .. {ours.max()}"
    )
    print(
        f"reference: {reference_seconds:.1f} s for {len(checked):,} pairs -> {reference_value:.1f} s per 1M; "
        f"{reference_value / value:,.0f}x faster; all {len(checked):,} checked answers equal"
    )
    print(
        json.dumps(
            {
                "name": "workdays_1m",
                "value": round(value, 4),
                "unit": "s",
                "reference": reference,
                "reference_value": round(reference_value, 2),
                "ratio": round(reference_value / value, 1),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
