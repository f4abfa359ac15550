"""Working-day arithmetic on arrays of dates, for schedules of many projects at once.

Built from a ``WorkCalendar``'s year arrangements: the working days of the loaded years as one sorted array
of date ordinals, so "the first working day on or after d" and "the kth working day after it" are a binary
search and an index step. Any answer whose span of dates touches a year that was not loaded raises
``MissingYearError``, as the calendar itself does.
"""

from __future__ import annotations

import datetime as dt
from itertools import count

import numpy as np
import numpy.typing as npt

from gaoxin.core.workcalendar import MissingYearError, WorkCalendar

Ordinals = npt.NDArray[np.int64]


class WorkdayIndex:
    def __init__(self, calendar: WorkCalendar) -> None:
        years = calendar.years
        chunks = [np.zeros(0, dtype=np.int64)]
        for year in years:
            arrangement = calendar.arrangement(year)
            first = dt.date(year, 1, 1).toordinal()
            days = np.arange(first, dt.date(year + 1, 1, 1).toordinal(), dtype=np.int64)
            workday = ((days - 1) % 7) < 5  # ordinal 1 (0001-01-01) is a Monday
            workday &= ~np.isin(days, [day.toordinal() for day in arrangement.holidays])
            workday |= np.isin(days, [day.toordinal() for day in arrangement.makeup_workdays])
            chunks.append(days[workday])
        self.workdays: Ordinals = np.concatenate(chunks)
        self._first_year = years[0] if years else 0
        self._last_year = years[-1] if years else -1
        loaded = set(years)
        # _loaded_count[k] = how many years in [first_year, first_year + k) are loaded.
        self._loaded_count = np.cumsum(
            [0, *(year in loaded for year in range(self._first_year, self._last_year + 1))], dtype=np.int64
        )

    def on_or_after(self, days: Ordinals) -> Ordinals:
        """The first working day on or after each day."""
        return self._at(np.searchsorted(self.workdays, days, side="left"), days)

    def on_or_before(self, days: Ordinals) -> Ordinals:
        """The last working day on or before each day."""
        return self._at(np.searchsorted(self.workdays, days, side="right") - 1, days)

    def shift(self, workdays: Ordinals, n: Ordinals | int) -> Ordinals:
        """The working day ``n`` working days after (n < 0: before) each of ``workdays``, which must be working
        days."""
        return self._at(np.searchsorted(self.workdays, workdays, side="left") + n, workdays)

    def _at(self, positions: npt.NDArray[np.intp], origins: Ordinals) -> Ordinals:
        beyond = positions >= len(self.workdays)
        before = positions < 0
        if beyond.any() or before.any():
            bad = int(np.argmax(beyond | before))
            origin = _year_of(int(origins[bad]))
            if not self._loaded(origin):
                raise MissingYearError(origin)
            raise MissingYearError(
                self._missing_after(origin) if beyond[bad] else self._missing_before(origin)
            )
        result: Ordinals = self.workdays[positions]
        self._require_spans(_years_of(np.minimum(origins, result)), _years_of(np.maximum(origins, result)))
        return result

    def _require_spans(self, firsts: Ordinals, lasts: Ordinals) -> None:
        inside = (firsts >= self._first_year) & (lasts <= self._last_year)
        low = np.where(inside, firsts - self._first_year, 0)
        high = np.where(inside, lasts - self._first_year + 1, 0)
        complete = inside & (self._loaded_count[high] - self._loaded_count[low] == lasts - firsts + 1)
        if not complete.all():
            bad = int(np.argmin(complete))
            first, last = int(firsts[bad]), int(lasts[bad])
            raise MissingYearError(next(year for year in range(first, last + 1) if not self._loaded(year)))

    def _loaded(self, year: int) -> bool:
        if not self._first_year <= year <= self._last_year:
            return False
        offset = year - self._first_year
        return bool(self._loaded_count[offset + 1] - self._loaded_count[offset])

    def _missing_after(self, year: int) -> int:
        return next(y for y in count(year + 1) if not self._loaded(y))

    def _missing_before(self, year: int) -> int:
        return next(y for y in count(year - 1, -1) if not self._loaded(y))


def _years_of(ordinals: Ordinals) -> Ordinals:
    days = (ordinals - EPOCH_ORDINAL).astype("datetime64[D]")
    years: Ordinals = days.astype("datetime64[Y]").astype(np.int64) + 1970
    return years


def _year_of(ordinal: int) -> int:
    return dt.date.fromordinal(ordinal).year


EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
