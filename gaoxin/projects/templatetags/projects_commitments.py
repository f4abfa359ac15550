"""Template tags of standard-parcel commitments: the shortfall flag on an enterprise's page, and labels."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext

from gaoxin.projects.commitment_check import INDICATOR_LABELS, STATUS_LABELS
from gaoxin.projects.selectors import commitments as commitment_reads

register = template.Library()


@register.filter
def indicator_label(key: str) -> str:
    return gettext(INDICATOR_LABELS[key]) if key in INDICATOR_LABELS else key


@register.filter
def check_status(status: str) -> str:
    return gettext(STATUS_LABELS[status]) if status in STATUS_LABELS else status


@register.filter
def commitment_value(commitment: Any, key: str) -> Any:
    """The committed value of an indicator."""
    return getattr(commitment, key) if key in INDICATOR_LABELS else None


@register.filter
def entry(mapping: dict[str, Any] | None, key: str) -> Any:
    return None if not mapping else mapping.get(key)


@register.inclusion_tag("projects/commitment_shortfalls.html", takes_context=True)
def commitment_shortfalls(context: template.Context, enterprise: Any) -> dict[str, Any]:
    """The owner enterprise's standard-parcel shortfalls of the latest checked year (committee staff only)."""
    user = getattr(context.get("request"), "user", None) or AnonymousUser()
    return {"checks": commitment_reads.enterprise_shortfalls(user, enterprise)}
