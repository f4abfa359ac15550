"""A project's investment year, pure: the twelve months with their cumulative sums, the YTD and the completion.

Amounts in 万元; a month without a report has ``completed`` None and adds nothing to the sums.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from gaoxin.projects import lights

ZERO = Decimal(0)


@dataclass(frozen=True)
class MonthRow:
    month: int
    planned: Decimal | None
    completed: Decimal | None
    cumulative_planned: Decimal
    cumulative: Decimal
    time_progress_amount: (
        Decimal | None
    )  # the annual plan × month ÷ 12: where time progress says YTD should be


@dataclass(frozen=True)
class YearFigures:
    year: int
    annual_plan: Decimal | None
    months: tuple[MonthRow, ...]
    through_month: int  # the report month the YTD is taken at (0: the year has not begun)
    ytd: Decimal
    time_progress: Decimal  # a fraction
    completion: Decimal | None  # YTD ÷ annual plan; None without a plan

    @property
    def completion_percent(self) -> Decimal | None:
        return None if self.completion is None else self.completion * 100

    @property
    def time_progress_percent(self) -> Decimal:
        return self.time_progress * 100

    @property
    def gap(self) -> Decimal | None:
        """Time progress − completion, in percentage points."""
        return lights.gap_points(self.time_progress, self.completion)


def year_figures(
    *,
    year: int,
    annual_plan: Decimal | None,
    months: Mapping[int, tuple[Decimal | None, Decimal | None]],
    through_month: int,
) -> YearFigures:
    """``months`` maps 1–12 to (planned, completed); ``through_month`` (0–12) is the report month of the YTD."""
    if not 0 <= through_month <= 12:
        raise ValueError(f"through_month {through_month} is not 0–12")
    rows = []
    cumulative = cumulative_planned = ZERO
    ytd = ZERO
    for month in range(1, 13):
        planned, completed = months.get(month, (None, None))
        cumulative += completed or ZERO
        cumulative_planned += planned or ZERO
        if month <= through_month:
            ytd = cumulative
        target = None if annual_plan is None else annual_plan * lights.time_progress(month)
        rows.append(MonthRow(month, planned, completed, cumulative_planned, cumulative, target))
    progress = lights.PROGRESS[through_month]
    completion = lights.completion(ytd, annual_plan)
    return YearFigures(year, annual_plan, tuple(rows), through_month, ytd, progress, completion)


def through_month_for(year: int, report_year: int, report_month: int) -> int:
    """The YTD month of ``year`` when the current report month is (report_year, report_month)."""
    if year < report_year:
        return 12
    if year > report_year:
        return 0
    return report_month


def running_totals(
    reports: Iterable[tuple[int, int, Decimal | None]],
) -> list[tuple[Decimal, Decimal]]:
    """For a project's reports (year, month, completed) in month order: each month's (本年累计, 开工以来累计),
    the completed investment summed through that month within its year and since the first report."""
    totals: list[tuple[Decimal, Decimal]] = []
    year_of_sum, ytd, since_start = None, ZERO, ZERO
    for year, _month, completed in reports:
        if year != year_of_sum:
            year_of_sum, ytd = year, ZERO
        ytd += completed or ZERO
        since_start += completed or ZERO
        totals.append((ytd, since_start))
    return totals
