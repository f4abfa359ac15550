"""Errors of the evaluation engine, carrying English msgids the Django layer translates.

The engine imports no Django, so messages are marked with a local no-op ``gettext_noop`` and travel as a
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
        """The untranslated English text, for logs and exception strings (a parameter may be a Message)."""
        params = {
            key: value.render() if isinstance(value, Message) else value for key, value in self.params.items()
        }
        return self.msgid % params


class SchemeIssue(NamedTuple):
    """One problem in a scheme: ``path`` names the TOML location ("groups[0].indicators.tax_per_mu")."""

    path: str
    message: Message

    def render(self) -> str:
        return f"{self.path}: {self.message.render()}" if self.path else self.message.render()


class SchemeError(ValueError):
    """A scheme file is not valid; ``issues`` lists every problem found, each with its TOML path."""

    def __init__(self, issues: Sequence[SchemeIssue]) -> None:
        self.issues = tuple(issues)
        super().__init__("\n".join(issue.render() for issue in self.issues))


class InputError(ValueError):
    """The data given to the engine cannot be evaluated with the scheme; ``messages`` says why."""

    def __init__(self, messages: Sequence[Message]) -> None:
        self.messages = tuple(messages)
        super().__init__("\n".join(message.render() for message in self.messages))
