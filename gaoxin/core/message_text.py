"""The one place that renders a ``Message`` for a person: translated into the active language, parameters in."""

from __future__ import annotations

from django.utils.translation import gettext

from gaoxin.core.messages import Message


def translated(message: Message) -> str:
    """``message`` in the active language; a parameter that is a message itself is translated too."""
    return message.text(gettext)
