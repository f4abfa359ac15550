"""The words that go with a signed figure, pure: one place decides "滞后 N 天" or "提前 N 天", "落后时序进度 X 个百分点"
or "超时序进度 X 个百分点", so that no page, export or document shows a sign that contradicts its words.

Each function returns a ``Message`` (msgid, params) whose number is never negative; the Django layer translates it
(``gaoxin.core.message_text.translated``, or the ``projects_phrases`` template filters).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from gaoxin.core.messages import Message, gettext_noop

ONE_PLACE = Decimal("0.1")


DAYS_LATE = gettext_noop("%(days)s days late")
DAYS_AHEAD = gettext_noop("%(days)s days ahead")
ON_TIME = gettext_noop("on schedule")
POINTS_BEHIND = gettext_noop("%(points)s percentage points behind time progress")
POINTS_AHEAD = gettext_noop("%(points)s percentage points ahead of time progress")
LEVEL = gettext_noop("in line with time progress")
AFTER_FINISH = gettext_noop("%(days)s calendar days after %(step)s finishes")
BEFORE_FINISH = gettext_noop("%(days)s calendar days before %(step)s finishes")


def days_against_date(days_late: int) -> Message:
    """A date ``days_late`` days after the one due (negative: before it)."""
    if days_late > 0:
        return Message(DAYS_LATE, {"days": days_late})
    if days_late < 0:
        return Message(DAYS_AHEAD, {"days": -days_late})
    return Message(ON_TIME, {})


def points(value: Decimal) -> Decimal:
    """Percentage points as shown: one decimal, half up."""
    return Decimal(value).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def against_time_progress(gap: Decimal) -> Message:
    """``gap`` = time progress − completion, in percentage points (positive: behind), as the lights compute it.
    Judged on the figure as shown (one decimal): a gap that rounds to 0.0 is level."""
    shown = points(gap)
    if shown > 0:
        return Message(POINTS_BEHIND, {"points": f"{shown}"})
    if shown < 0:
        return Message(POINTS_AHEAD, {"points": f"{-shown}"})
    return Message(LEVEL, {})


def after_predecessor(step: str, lag: int) -> Message:
    """A predecessor with its non-zero lag in calendar days (negative: the two overlap), as
    "施工许可完成后 30 个自然日" / "建设工程规划许可完成前 5 个自然日"."""
    if lag > 0:
        return Message(AFTER_FINISH, {"days": lag, "step": step})
    return Message(BEFORE_FINISH, {"days": -lag, "step": step})
