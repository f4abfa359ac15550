"""The administrator's form for one year's arrangement: days off and make-up workdays as lines of text.

A line of days off is a date or a period with an optional holiday name, as the State Council notice gives them:
``2025-10-01/2025-10-08 国庆节`` (also ``~`` or ``至`` between the dates). The weekdays of a period are days off;
its weekend days carry the holiday name. A make-up workday line is one date and the holiday it makes up for:
``2025-09-28 国庆节``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.core.workcalendar import YearArrangement
from gaoxin.core.workcalendar.arrangement import is_weekend

_PERIOD = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})(?:\s*(?:/|~|～|至)\s*(\d{4}-\d{1,2}-\d{1,2}))?(?:\s+(.*))?$")
ONE_DAY = dt.timedelta(days=1)


@dataclass
class ParsedDays:
    holidays: set[dt.date] = field(default_factory=set)
    makeup_workdays: set[dt.date] = field(default_factory=set)
    names: dict[dt.date, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _date(text: str) -> dt.date:
    year, month, day = (int(part) for part in text.split("-"))
    return dt.date(year, month, day)


def _lines(text: str) -> list[tuple[int, str]]:
    return [(number, line.strip()) for number, line in enumerate(text.splitlines(), 1) if line.strip()]


def parse_days(days_off: str, makeup: str) -> ParsedDays:
    parsed = ParsedDays()
    for label, text, is_makeup in ((_("Days off"), days_off, False), (_("Make-up workdays"), makeup, True)):
        for number, line in _lines(text):
            match = _PERIOD.match(line)
            try:
                if match is None:
                    raise ValueError(line)
                first = _date(match.group(1))
                last = _date(match.group(2)) if match.group(2) else first
            except ValueError:
                parsed.errors.append(
                    _(
                        "%(field)s, line %(line)s: “%(text)s” is not a date or a period; write 2025-10-01 or 2025-10-01/2025-10-08 followed by the holiday name."
                    )
                    % {"field": label, "line": number, "text": line}
                )
                continue
            name = (match.group(3) or "").strip()
            if last < first or (is_makeup and last != first):
                parsed.errors.append(
                    _("%(field)s, line %(line)s: “%(text)s” is not a valid period.")
                    % {"field": label, "line": number, "text": line}
                )
                continue
            day = first
            while day <= last:
                if is_makeup:
                    parsed.makeup_workdays.add(day)
                elif not is_weekend(day):
                    parsed.holidays.add(day)
                if name:
                    parsed.names[day] = name
                day += ONE_DAY
    return parsed


def days_off_text(arrangement: YearArrangement) -> str:
    """Days off as periods of consecutive days with the same name (the inverse of ``parse_days``)."""
    names = arrangement.holiday_names
    off = sorted(
        arrangement.holidays | {d for d in names if is_weekend(d) and d not in arrangement.makeup_workdays}
    )
    runs: list[list[dt.date]] = []
    for day in off:
        if runs and day - runs[-1][-1] == ONE_DAY and names.get(day, "") == names.get(runs[-1][-1], ""):
            runs[-1].append(day)
        else:
            runs.append([day])
    lines = []
    for run in runs:
        period = run[0].isoformat() if len(run) == 1 else f"{run[0].isoformat()}/{run[-1].isoformat()}"
        lines.append(f"{period} {names.get(run[0], '')}".strip())
    return "\n".join(lines)


def makeup_text(arrangement: YearArrangement) -> str:
    return "\n".join(
        f"{day.isoformat()} {arrangement.holiday_names.get(day, '')}".strip()
        for day in sorted(arrangement.makeup_workdays)
    )


def holiday_periods(arrangement: YearArrangement) -> list[dict[str, Any]]:
    """Named periods for display: name, first and last day off, number of days off, make-up workdays."""
    names = arrangement.holiday_names
    off = sorted(d for d in names if d not in arrangement.makeup_workdays)
    periods = []
    for name, days in groupby(off, key=lambda d: names[d]):
        run = list(days)
        periods.append(
            {
                "name": name,
                "first": run[0],
                "last": run[-1],
                "days": len(run),
                "makeup": sorted(d for d in arrangement.makeup_workdays if names.get(d) == name),
            }
        )
    return periods


class ArrangementForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Notice number"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("e.g. 国务院办公厅关于2027年部分节假日安排的通知"),
    )
    days_off = forms.CharField(
        label=gettext_lazy("Days off"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy("One holiday period per line: 2027-10-01/2027-10-07 国庆节"),
    )
    makeup_workdays = forms.CharField(
        label=gettext_lazy("Make-up workdays"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("One Saturday or Sunday worked per line: 2027-09-26 国庆节"),
    )
    estimated = forms.BooleanField(
        label=gettext_lazy("Estimate, not yet the official arrangement"),
        required=False,
        help_text=gettext_lazy(
            "Tick while the State Council notice is not out: plans computed on this year are marked. Saving "
            "with the box cleared makes the year official and recomputes them."
        ),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        parsed = parse_days(cleaned.get("days_off", ""), cleaned.get("makeup_workdays", ""))
        for error in parsed.errors:
            self.add_error(None, error)
        cleaned["parsed"] = parsed
        return cleaned
