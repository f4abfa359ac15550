"""The forms of the reports page (which report, for which period) and of a yearly target."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gaoxin.core.models import FIRST_YEAR
from gaoxin.investment.models import InvestmentTarget

WEEKLY, MONTHLY, RANKING = "weekly", "monthly", "ranking"
KINDS = [
    (WEEKLY, _("Weekly summary")),
    (MONTHLY, _("Monthly bulletin")),
    (RANKING, _("Ranking (quarter, half year, year)")),
]
PERIODS = [
    ("q1", _("first quarter")),
    ("q2", _("second quarter")),
    ("q3", _("third quarter")),
    ("q4", _("fourth quarter")),
    ("h1", _("first half year")),
    ("year", _("the year")),
]


def _last_monday(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=today.weekday() + 7)


class ReportForm(forms.Form):
    """Which report and period; the defaults are last week, last month and this year's first quarter."""

    kind = forms.ChoiceField(label=_("Report"), choices=KINDS, initial=MONTHLY)
    week = forms.DateField(
        label=_("Week starting"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=2100, required=False)
    month = forms.IntegerField(
        label=pgettext_lazy("report", "Month"), min_value=1, max_value=12, required=False
    )
    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, required=False)

    def __init__(self, data: Any = None, *, today: dt.date | None = None) -> None:
        self.today = today or timezone.localdate()
        last_month = self.today.replace(day=1) - dt.timedelta(days=1)
        self.defaults = {
            "kind": MONTHLY,
            "week": _last_monday(self.today),
            "year": last_month.year,
            "month": last_month.month,
            "period": "q1",
        }
        super().__init__(data if data else None, initial=self.defaults)

    def choice(self) -> dict[str, Any]:
        """The report asked for, every part not given (or refused) at its default."""
        if not self.is_bound:
            return dict(self.defaults)
        self.is_valid()  # the refused parts are told on the page (the form's errors)
        chosen = {name: self.cleaned_data.get(name) for name in self.defaults}
        return {
            name: default if chosen[name] in (None, "") else chosen[name]
            for name, default in self.defaults.items()
        }


class TargetForm(forms.ModelForm):
    class Meta:
        model = InvestmentTarget
        fields = ["year", "department", "team", "measure", "value"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("department")) == bool(data.get("team")):
            raise forms.ValidationError(_("Give the target to one unit or to one team."))
        return data
