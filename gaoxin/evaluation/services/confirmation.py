"""A step that is allowed but must be confirmed by the person taking it, with the list of what they confirm."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError


class ConfirmationRequired(ValidationError):
    """Raised by a service when its step needs the user's explicit confirmation; ``items`` says what of.

    The view shows the message and the items, and offers the same step again with ``confirm`` set."""

    def __init__(self, message: str, items: Iterable[str]) -> None:
        super().__init__(message)
        self.items = list(items)
