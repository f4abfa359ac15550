"""Template filters that put the words of ``gaoxin.projects.phrases`` to a signed figure."""

from __future__ import annotations

from decimal import Decimal

from django import template

from gaoxin.core.calendar_store import message_text
from gaoxin.projects import phrases

register = template.Library()


@register.filter
def vs_time_progress(gap: Decimal | None) -> str:
    """A gap (time progress − completion, in points) as "落后时序进度 X 个百分点" / "超时序进度 X 个百分点"."""
    return "—" if gap is None else message_text(phrases.against_time_progress(gap))


@register.filter
def vs_date(days_late: int | None) -> str:
    """Days after the date due as "滞后 N 天" / "提前 N 天"."""
    return "—" if days_late is None else message_text(phrases.days_against_date(days_late))
