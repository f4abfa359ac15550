from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from gaoxin.servicedesk import display, permissions

register = template.Library()


@register.filter
def due(moment: dt.datetime | None) -> str:
    return display.due_text(moment) or "—"


@register.simple_tag
def deadline(request: Any, name: str) -> str:
    """The deadline, or "2027 年工作日安排尚未录入" where the calendar year is missing; red when overdue."""
    info = display.deadline(request, name)
    if info["missing"]:
        return format_html('<span class="badge badge-red calendar-missing">{}</span>', info["text"])
    if not info["text"]:
        return "—"
    if info["status"] == "overdue":
        return format_html('<span class="badge badge-red" title="{}">{}</span>', _("Overdue"), info["text"])
    if info["status"] == "late":
        return format_html(
            '<span class="badge badge-yellow" title="{}">{}</span>', _("Met late"), info["text"]
        )
    return info["text"]


@register.filter
def is_centre(user: Any) -> bool:
    return permissions.is_centre(user)


@register.filter
def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"
