"""Forms of the module's settings: stages, reasons to pause or end, teams, rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.accounts.models import User
from gaoxin.investment.choices import TargetMeasure
from gaoxin.investment.models import InvestmentRules, InvestmentTeam, LeadStage, StopReason


class StageForm(forms.ModelForm):
    class Meta:
        model = LeadStage
        fields = ["code", "name", "sort_order", "expected_workdays", "probability", "milestone", "is_active"]


class StopReasonForm(forms.ModelForm):
    class Meta:
        model = StopReason
        fields = ["name", "applies_to", "sort_order", "is_active"]


class TeamForm(forms.ModelForm):
    members = forms.ModelMultipleChoiceField(
        User.objects.filter(is_active=True, role="officer"),
        label=_("Members"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = InvestmentTeam
        fields = ["name", "kind", "department", "head", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["head"].queryset = User.objects.filter(is_active=True, role="officer")  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["members"].initial = list(self.instance.members.all())

    def team_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class RulesForm(forms.ModelForm):
    """The rules, with the race's weights as one field per measure (stored as ``race_weights``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        weights = self.instance.race_weights or {}
        for measure, label in TargetMeasure.choices:
            self.fields[f"weight_{measure}"] = forms.DecimalField(
                label=_("Weight in the race: %(measure)s") % {"measure": label},
                min_value=0,
                max_value=100,
                decimal_places=2,
                initial=weights.get(measure, 0),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        weights = {m: data.pop(f"weight_{m}", None) for m, _label in TargetMeasure.choices}
        if not any(weights.values()):
            raise forms.ValidationError(_("Give at least one measure a weight in the race."))
        data["race_weights"] = {m: float(w) for m, w in weights.items() if w}
        return data

    class Meta:
        model = InvestmentRules
        fields = [
            "protection_days",
            "first_report_threshold",
            "first_report_protection_days",
            "similarity_threshold",
            "issuing_body",
            "race_red_count",
            "race_black_count",
        ]
