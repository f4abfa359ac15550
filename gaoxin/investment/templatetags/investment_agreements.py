"""Template filters of the agreement pages: an obligation's measure and status in the user's language, and the
colour of a status."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.translation import gettext as _

from gaoxin.projects.commitment_check import (
    AT_RISK,
    BREACHED,
    MEASURE_LABELS,
    MET,
    MISSING,
    OBLIGATION_STATUS_LABELS,
    ON_TRACK,
    SHORTFALL,
    STATUS_LABELS,
)

register = template.Library()

BADGES = {
    MET: "green",
    ON_TRACK: "green",
    AT_RISK: "yellow",
    MISSING: "yellow",
    BREACHED: "red",
    SHORTFALL: "red",
}


@register.filter
def measure_label(key: str) -> str:
    return _(MEASURE_LABELS.get(key, key))


@register.filter
def obligation_status(key: str) -> str:
    """A status of an obligation or of one of its years (met, short, data missing …)."""
    return _(OBLIGATION_STATUS_LABELS.get(key) or STATUS_LABELS.get(key, key))


@register.filter
def status_badge(key: str) -> str:
    return f"badge badge-{BADGES[key]}" if key in BADGES else "badge"


@register.filter
def iso_date(text: str | None) -> dt.date | None:
    """A date stored as ISO text in an obligation's figures, for the ``date`` filter."""
    return dt.date.fromisoformat(text) if text else None
