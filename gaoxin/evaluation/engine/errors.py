"""Errors of the evaluation engine, carrying ``Message``s (``gaoxin.core.messages``) the Django layer translates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from gaoxin.core.messages import Message


class SchemeIssue(NamedTuple):
    """One problem in a scheme: ``path`` names the TOML location ("groups[0].indicators.tax_per_mu")."""

    path: str
    message: Message

    def text(self) -> str:
        """The English text, prefixed with the TOML path."""
        return f"{self.path}: {self.message.text()}" if self.path else self.message.text()


class SchemeError(ValueError):
    """A scheme file is not valid; ``issues`` lists every problem found, each with its TOML path."""

    def __init__(self, issues: Sequence[SchemeIssue]) -> None:
        self.issues = tuple(issues)
        super().__init__("\n".join(issue.text() for issue in self.issues))


class InputError(ValueError):
    """The data given to the engine cannot be evaluated with the scheme; ``messages`` says why."""

    def __init__(self, messages: Sequence[Message]) -> None:
        self.messages = tuple(messages)
        super().__init__("\n".join(message.text() for message in self.messages))
