"""A ``floatformat`` that groups thousands and shows a stored number the database cannot represent as 无效值.

Loaded as a builtin library after Django's (settings ``TEMPLATES[…]["OPTIONS"]["builtins"]``), so every
template's ``floatformat`` is this one: a NaN or infinite value — what ``core.sqlite_backend`` and PostgreSQL
give for a number that does not fit its column — reads as invalid rather than "NaN", and one bad row shows
as such instead of passing for a figure. Every figure it formats has its thousands separated (33,558; the
separator is the project's, ``gaoxin.formats``), so no template may pass it a year or an id.
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
    if is_invalid(value):
        return invalid_text()
    grouped = str(arg) if "g" in str(arg) else f"{arg}g"
    return defaultfilters.floatformat(value, grouped)
