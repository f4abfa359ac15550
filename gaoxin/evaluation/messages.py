"""The engine's errors, statuses and reasons in the user's language, at the Django boundary."""

from __future__ import annotations

from django.utils.translation import gettext

from gaoxin.core.message_text import translated
from gaoxin.evaluation.engine import InputError, SchemeError
from gaoxin.evaluation.engine.reasons import describe
from gaoxin.evaluation.engine.xlsx import STATUS_MESSAGES


def scheme_problems(error: SchemeError) -> list[str]:
    """Each problem of a scheme, prefixed with its TOML path."""
    return [
        f"{issue.path}: {translated(issue.message)}" if issue.path else translated(issue.message)
        for issue in error.issues
    ]


def input_problems(error: InputError) -> list[str]:
    return [translated(message) for message in error.messages]


def status_label(status: str) -> str:
    msgid = STATUS_MESSAGES.get(status)
    return gettext(msgid) if msgid else status


def reason_text(reason: dict[str, str]) -> str:
    return translated(describe(reason["code"], reason["key"], reason["text"]))
