"""A ``floatformat`` that shows a stored number the database cannot represent as 无效值.

Loaded as a builtin library after Django's (settings ``TEMPLATES[…]["OPTIONS"]["builtins"]``), so every
template's ``floatformat`` is this one: a NaN or infinite value — what ``core.sqlite_backend`` and PostgreSQL
give for a number that does not fit its column — reads as invalid rather than "NaN", and one bad row shows
as such instead of passing for a figure.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.template import defaultfilters
from django.utils.translation import gettext as _

register = template.Library()


def is_invalid(value: Any) -> bool:
    """A number that is not finite: NaN or ±infinity, as Decimal or float."""
    return isinstance(value, Decimal | float) and not (
        value.is_finite() if isinstance(value, Decimal) else value - value == 0
    )


def invalid_text() -> str:
    return _("invalid value")


@register.filter(is_safe=True)
def floatformat(value: Any, arg: Any = -1) -> Any:
    return invalid_text() if is_invalid(value) else defaultfilters.floatformat(value, arg)
