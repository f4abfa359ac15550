"""Errors of the scheduling core, carrying ``Message``s (``gaoxin.core.messages``) the Django layer translates."""

from __future__ import annotations

from collections.abc import Sequence

from gaoxin.core.messages import Message, gettext_noop


class SchedulingError(Exception):
    """Base class: ``problems`` lists every problem found, each a translatable ``Message``."""

    summary = gettext_noop("The schedule cannot be computed.")

    def __init__(self, problems: Sequence[Message]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(problem.text() for problem in self.problems))


class InvalidTemplateError(SchedulingError):
    """A plan template contradicts itself: unknown steps, a cycle, a negative duration, …"""

    summary = gettext_noop("The plan template is not valid.")


class InvalidProgressError(SchedulingError):
    """The reported actual dates of a project's steps do not make sense."""

    summary = gettext_noop("The reported progress is not valid.")


class InvalidApprovalError(SchedulingError):
    """An approval item's limit, dates or clock stops do not make sense."""

    summary = gettext_noop("The approval item is not valid.")
