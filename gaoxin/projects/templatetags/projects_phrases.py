"""Template filters that put the words of ``gaoxin.projects.phrases`` to a signed figure, and show an amount as
the documents do (``gaoxin.core.reports.display.wan``)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from gaoxin.core.message_text import translated
from gaoxin.core.reports.display import wan
from gaoxin.core.templatetags.numbers import invalid_text, is_invalid
from gaoxin.projects import phrases

register = template.Library()


@register.filter
def vs_time_progress(gap: Decimal | None) -> str:
    """A gap (time progress − completion, in points) as "落后时序进度 X 个百分点" / "超时序进度 X 个百分点"."""
    return "—" if gap is None else translated(phrases.against_time_progress(gap))


@register.filter
def vs_date(days_late: int | None) -> str:
    """Days after the date due as "滞后 N 天" / "提前 N 天"."""
    return "—" if days_late is None else translated(phrases.days_against_date(days_late))


@register.filter(name="wan")
def wan_filter(value: Decimal | float | None) -> str:
    """An amount in 万元 as "14,914.62"; "—" when unknown, 无效值 when not a finite number."""
    if is_invalid(value):
        return invalid_text()
    return wan(None if value is None else Decimal(str(value)))
