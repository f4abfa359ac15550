"""Errors of the working-day calendar, carrying ``Message``s (``gaoxin.core.messages``) the Django layer translates."""

from __future__ import annotations

from collections.abc import Sequence

from gaoxin.core.messages import Message, gettext_noop


class WorkCalendarError(Exception):
    """Base class: ``message`` holds the msgid and its parameters."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.text())
        self.message = message


class MissingYearError(WorkCalendarError):
    """A question touched a year whose working-day arrangement has not been entered."""

    def __init__(self, year: int) -> None:
        super().__init__(
            Message(
                gettext_noop(
                    "The working-day arrangement for %(year)s has not been entered. An administrator must "
                    "enter it from the State Council notice before working days in %(year)s can be counted."
                ),
                {"year": year},
            )
        )
        self.year = year


class InvalidArrangementError(WorkCalendarError):
    """A year's arrangement contradicts itself; ``problems`` lists every problem found."""

    def __init__(self, year: int, problems: Sequence[Message]) -> None:
        super().__init__(
            Message(gettext_noop("The working-day arrangement for %(year)s is not valid."), {"year": year})
        )
        self.year = year
        self.problems = tuple(problems)

    def __str__(self) -> str:
        return "\n".join([self.message.text(), *(p.text() for p in self.problems)])


class InvalidConventionsError(WorkCalendarError):
    """The office hours or the lunch break of the counting conventions do not make sense."""
