"""Errors of the working-day calendar, carrying English msgids the Django layer translates.

This module imports no Django, so messages are marked with a local no-op ``gettext_noop`` and travel as a
``Message`` (msgid, params); the caller renders them with ``gettext(message.msgid) % message.params``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple


def gettext_noop(s: str) -> str:
    return s


class Message(NamedTuple):
    msgid: str
    params: Mapping[str, object]

    def render(self) -> str:
        """The untranslated English text, for logs and exception strings."""
        return self.msgid % self.params


class WorkCalendarError(Exception):
    """Base class: ``message`` holds the msgid and its parameters."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.render())
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
        return "\n".join([self.message.render(), *(p.render() for p in self.problems)])


class InvalidConventionsError(WorkCalendarError):
    """The office hours or the lunch break of the counting conventions do not make sense."""
