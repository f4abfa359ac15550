"""The one message type: an English msgid and its parameters, translated only when a person reads it.

This module imports no Django, so every pure core (the engine, the work calendar, the spreadsheet layer, the
scheduling rules …) and the Django code share it. A msgid is marked for extraction with ``gettext_noop`` and
travels as a ``Message``; the Django edge renders it in the active language with
``gaoxin.core.message_text.translated``. ``Message.text()`` without a translator gives the English text, for
logs and exception strings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

Translator = Callable[[str], str]


def gettext_noop(msgid: str) -> str:
    """Mark a msgid for extraction (makemessages) without translating it yet."""
    return msgid


def untranslated(msgid: str) -> str:
    return msgid


@dataclass(frozen=True, slots=True)
class Message:
    """A translatable message: a python-format msgid and its named parameters (a parameter may be a Message)."""

    msgid: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, translate: Translator = untranslated) -> str:
        """The text: the msgid through ``translate`` (English by default), then the parameters put in."""
        params = {
            key: value.text(translate) if isinstance(value, Message) else value
            for key, value in self.params.items()
        }
        return translate(self.msgid) % params
