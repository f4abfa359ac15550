"""Template tags of standard-parcel commitments: the shortfall flag on an enterprise's page, labels, the figure a
check rests on and its colour."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext

from gaoxin.projects.commitment_check import AT_RISK, BREACHED, INDICATOR_LABELS, MET, MISSING, ON_TRACK
from gaoxin.projects.selectors import commitments as commitment_reads
from gaoxin.projects.services.commitments import shown_actual

register = template.Library()

STATUS_COLOURS = {MET: "green", ON_TRACK: "green", AT_RISK: "yellow", MISSING: "yellow", BREACHED: "red"}


@register.filter
def indicator_label(key: str) -> str:
    return gettext(INDICATOR_LABELS[key]) if key in INDICATOR_LABELS else key


@register.filter
def check_actual(figures: dict[str, Any] | None) -> str | None:
    """The figure a stored status rests on (the amount or ratio, else the latest year's)."""
    return None if not figures else shown_actual(figures)


@register.filter
def check_badge(status: str) -> str:
    """The badge of an obligation's status (plain: not due)."""
    return f"badge badge-{STATUS_COLOURS[status]}" if status in STATUS_COLOURS else "badge"


@register.inclusion_tag("projects/commitment_shortfalls.html", takes_context=True)
def commitment_shortfalls(context: template.Context, enterprise: Any) -> dict[str, Any]:
    """The owner enterprise's standard-parcel shortfalls of the latest checked year (committee staff only)."""
    user = getattr(context.get("request"), "user", None) or AnonymousUser()
    return {"checks": commitment_reads.enterprise_shortfalls(user, enterprise)}
