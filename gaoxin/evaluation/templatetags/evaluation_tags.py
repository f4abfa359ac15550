"""Small helpers for the evaluation's templates."""

from __future__ import annotations

from typing import Any

from django import template

from gaoxin.accounts.models import User

register = template.Library()

_GRADE_CLASSES = {"A": "badge-green", "C": "badge-yellow", "D": "badge-red"}


@register.filter
def grade_class(grade: str) -> str:
    return _GRADE_CLASSES.get(grade, "")


@register.filter
def get(mapping: dict[str, Any] | None, key: Any) -> Any:
    return None if mapping is None else mapping.get(key)


@register.filter
def percent(value: float | None, digits: int = 2) -> str:
    """A fraction shown as a percentage (0.0302 → 3.02%)."""
    return "—" if value is None else f"{value * 100:.{digits}f}%"


@register.filter
def number(value: float | None, digits: int = 2) -> str:
    """A float with fixed decimals and thousands separators; — when empty."""
    return "—" if value is None else f"{value:,.{digits}f}"


@register.filter
def can_evaluate(user: Any) -> bool:
    """May the user change the evaluation (start runs, decide objections …)?"""
    return bool(getattr(user, "is_authenticated", False) and user.can_act_on("evaluation"))


@register.filter
def status_text(status: str) -> str:
    from gaoxin.evaluation.messages import status_label

    return status_label(status)


@register.inclusion_tag("evaluation/includes/enterprise_disputes.html", takes_context=True)
def enterprise_disputes(context: template.Context, enterprise: Any) -> dict[str, Any]:
    """On the enterprise's page: its objections to its data sheets (一企一单), with text, attachments and our
    answer (committee staff only)."""
    from gaoxin.evaluation.selectors import disputes_of

    user = getattr(context.get("request"), "user", None)
    if not isinstance(user, User) or not user.is_staff_member:
        return {"disputes": []}
    return {"disputes": disputes_of(user, enterprise.pk)}
