"""Forms for monthly investment: a month's report, the annual and monthly plan, the light rule, the import."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.projects.models import LightRule, OfficeSettings


def _month_label(month: int) -> str:
    return gettext("Month %(m)s") % {"m": month}


MONTH_CHOICES = [(m, lazy(_month_label, str)(m)) for m in range(1, 13)]  # 1月 … 12月
CENT = Decimal("0.01")


class AmountField(forms.DecimalField):
    """An amount in 万元: up to four places typed, shown with the two of money when it has no more
    (15808.6 → "15808.60", not the stored "15808.6000")."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal) and value.is_finite() and value == value.quantize(CENT):
            return value.quantize(CENT)
        return value


def _amount(label: Any, *, required: bool = False) -> forms.DecimalField:
    return AmountField(label=label, required=required, min_value=Decimal(0), max_digits=18, decimal_places=4)


class ReportForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(label=_("Month"), choices=MONTH_CHOICES, coerce=int)
    completed = _amount(_("Completed investment this month (10k yuan)"), required=True)
    planned = _amount(_("Planned investment this month (10k yuan)"))
    physical_progress = forms.CharField(
        label=_("Physical progress"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was built this month, e.g. the main structure is topped out."),
    )


class AnnualPlanForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    amount = _amount(_("Annual planned investment (10k yuan)"), required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for month in range(1, 13):
            self.fields[f"month_{month}"] = _amount(_("Plan for month %(m)s (10k yuan)") % {"m": month})

    def monthly(self) -> dict[int, Decimal | None]:
        return {month: self.cleaned_data.get(f"month_{month}") for month in range(1, 13)}


class OfficeSettingsForm(forms.ModelForm):
    class Meta:
        model = OfficeSettings
        fields = ["issuing_body", "spending_before_start"]


class LightRuleForm(forms.ModelForm):
    class Meta:
        model = LightRule
        fields = ["yellow_gap", "red_gap", "start_late_red_months"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        yellow, red = data.get("yellow_gap"), data.get("red_gap")
        if yellow is not None and red is not None and yellow > red:
            self.add_error("red_gap", _("The red threshold cannot be below the yellow threshold."))
        return data


class ReportImportForm(forms.Form):
    file = forms.FileField(label=_("File (.xlsx, .xls or .csv)"))
