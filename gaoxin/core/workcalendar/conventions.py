"""How working days and working hours are counted (DOMAIN §5.3); each field is a setting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from gaoxin.core.messages import Message, gettext_noop
from gaoxin.core.workcalendar.errors import InvalidConventionsError

SHANGHAI = ZoneInfo("Asia/Shanghai")


def since_midnight(at: dt.time) -> dt.timedelta:
    return dt.timedelta(hours=at.hour, minutes=at.minute, seconds=at.second, microseconds=at.microsecond)


@dataclass(frozen=True)
class Conventions:
    """Counting conventions, defaulting to the Civil Code convention and common office hours.

    ``count_receipt_day``: False (default) — the day of receipt does not count and a limit of N working days
    ends at the end of the Nth following working day (Civil Code art. 201); True — "from the day of receipt":
    the (effective) day of receipt is day 1.
    ``cutoff``: a request received after this time of day counts as received on the next working day.
    ``office_start`` … ``office_end`` with an optional ``lunch_start`` … ``lunch_end`` break: the working hours
    in which hour-based limits (e.g. sign within 2 working hours) run.
    ``timezone``: aware datetimes are converted to it; naive datetimes are taken as its wall-clock time.
    """

    count_receipt_day: bool = False
    cutoff: dt.time = dt.time(17, 30)
    office_start: dt.time = dt.time(8, 30)
    office_end: dt.time = dt.time(17, 30)
    lunch_start: dt.time | None = dt.time(12, 0)
    lunch_end: dt.time | None = dt.time(13, 30)
    timezone: dt.tzinfo = SHANGHAI

    def __post_init__(self) -> None:
        if self.office_start >= self.office_end:
            raise InvalidConventionsError(
                Message(
                    gettext_noop("Office hours must start before they end (%(start)s – %(end)s)."),
                    {"start": self.office_start.isoformat(), "end": self.office_end.isoformat()},
                )
            )
        if (self.lunch_start is None) != (self.lunch_end is None):
            raise InvalidConventionsError(
                Message(gettext_noop("Give both the start and the end of the lunch break, or neither."), {})
            )
        if (
            self.lunch_start is not None
            and self.lunch_end is not None
            and not self.office_start < self.lunch_start < self.lunch_end < self.office_end
        ):
            raise InvalidConventionsError(
                Message(
                    gettext_noop(
                        "The lunch break (%(start)s – %(end)s) must start before it ends and lie inside "
                        "office hours."
                    ),
                    {"start": self.lunch_start.isoformat(), "end": self.lunch_end.isoformat()},
                )
            )

    def work_periods(self) -> tuple[tuple[dt.timedelta, dt.timedelta], ...]:
        """The day's working periods as (start, end) offsets from midnight, in order."""
        start = since_midnight(self.office_start)
        end = since_midnight(self.office_end)
        if self.lunch_start is None or self.lunch_end is None:
            return ((start, end),)
        return (
            (start, since_midnight(self.lunch_start)),
            (since_midnight(self.lunch_end), end),
        )


DEFAULT_CONVENTIONS = Conventions()
