"""Errors of the spreadsheet layer.

Problems are ``Message``s (``gaoxin.core.messages``) translated when they are turned into text, so the active
language at that moment (zh-Hans by default) decides what the user reads. The package imports no Django: the
translation function is handed in once by the Django edge (``gaoxin.core.tabular_edge.install``, called when the
core app is ready); until then, and in a process without Django, texts stay in English.
"""

from __future__ import annotations

from dataclasses import dataclass

from gaoxin.core.messages import Message, Translator, gettext_noop

_translator: list[Translator] = [str]  # untranslated until the edge hands in a translator


def translate_with(translator: Translator) -> None:
    """Use ``translator`` (e.g. Django's ``gettext``) for every text of the package from now on."""
    _translator[0] = translator


def gettext(msgid: str) -> str:
    """``msgid`` in the active language, through the translator handed in; extracted by makemessages."""
    return _translator[0](msgid)


def text(message: Message) -> str:
    """``message`` in the active language, through the translator handed in."""
    return message.text(gettext)


class TabularError(Exception):
    """A file or sheet that cannot be used at all: unreadable file, header problems.

    Carries every problem found (e.g. all missing columns at once); ``str()`` joins them.
    """

    def __init__(self, *messages: Message) -> None:
        super().__init__(*messages)
        self.messages: tuple[Message, ...] = messages

    def __str__(self) -> str:
        return "；".join(text(message) for message in self.messages)


class ConversionError(Exception):
    """Raised by a converter for one bad cell value."""

    def __init__(self, msgid: str, **params: object) -> None:
        super().__init__(msgid)
        self.msg = Message(msgid, params)

    def __str__(self) -> str:
        return text(self.msg)


@dataclass(frozen=True, slots=True)
class CellError:
    """One problem in one data row; ``column_label`` is None when it concerns the whole row."""

    sheet: str
    row: int
    column_label: str | None
    message: str
    value: object = None

    def __str__(self) -> str:
        if self.column_label is None:
            return text(
                Message(
                    gettext_noop('Sheet "%(sheet)s", row %(row)s: %(message)s'),
                    {"sheet": self.sheet, "row": self.row, "message": self.message},
                )
            )
        return text(
            Message(
                gettext_noop('Sheet "%(sheet)s", row %(row)s, "%(column)s": %(message)s'),
                {"sheet": self.sheet, "row": self.row, "column": self.column_label, "message": self.message},
            )
        )
