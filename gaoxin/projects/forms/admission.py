"""Forms of the admission review: a scorecard and its criteria, a project's values, an opinion, a decision."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.projects.admission_scoring import HIGHER, LOWER, NUMBER, YES_NO, Criterion
from gaoxin.projects.choices import ReviewDecision
from gaoxin.projects.models import AdmissionScorecard
from gaoxin.projects.models.admission import CRITERION_CODES

KIND_CHOICES = [(code, CRITERION_CODES[code]) for code in (NUMBER, YES_NO)]
DIRECTION_CHOICES = [(code, CRITERION_CODES[code]) for code in (HIGHER, LOWER)]
ANSWER_CHOICES = [("", _("Unknown")), ("yes", _("Yes")), ("no", _("No"))]


class ScorecardForm(forms.ModelForm):
    class Meta:
        model = AdmissionScorecard
        fields = ["name", "pass_score", "is_active"]


class CriterionForm(forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=40)
    label = forms.CharField(label=_("Criterion"), max_length=60)
    unit = forms.CharField(label=_("Unit"), max_length=20, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES, initial=NUMBER)
    direction = forms.ChoiceField(label=_("Direction"), choices=DIRECTION_CHOICES, initial=HIGHER)
    threshold = forms.DecimalField(label=_("Threshold"), required=False, max_digits=18, decimal_places=4)
    points = forms.DecimalField(label=_("Points"), min_value=Decimal(0), max_digits=6, decimal_places=2)
    veto = forms.BooleanField(label=_("Veto"), required=False)

    def criterion(self) -> dict[str, Any]:
        data = self.cleaned_data
        threshold = data.get("threshold")
        return {
            "key": data["key"],
            "label": data["label"],
            "unit": data.get("unit", ""),
            "kind": data["kind"],
            "direction": data["direction"],
            "threshold": None if threshold is None else str(threshold),
            "points": str(data["points"]),
            "veto": bool(data.get("veto")),
        }


CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, can_delete=True)


def criteria_from(formset: Any) -> list[dict[str, Any]]:
    """The criteria of a valid formset, rows left empty or marked for deletion left out."""
    return [
        form.criterion()
        for form in formset.forms
        if form.has_changed() and not form.cleaned_data.get("DELETE")
    ]


class ReviewValuesForm(forms.Form):
    """One field per criterion of the scorecard, named by its key."""

    def __init__(self, *args: Any, criteria: tuple[Criterion, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in criteria:
            label = f"{criterion.label}（{criterion.unit}）" if criterion.unit else criterion.label
            if criterion.kind == YES_NO:
                self.fields[criterion.key] = forms.ChoiceField(
                    label=label, choices=ANSWER_CHOICES, required=False
                )
            else:
                self.fields[criterion.key] = forms.DecimalField(
                    label=label, required=False, max_digits=18, decimal_places=4
                )

    def values(self) -> dict[str, Any]:
        return {k: (None if v in ("", None) else v) for k, v in self.cleaned_data.items()}


class OpinionForm(forms.Form):
    agrees = forms.TypedChoiceField(
        label=_("Opinion"),
        choices=[("yes", _("Agree")), ("no", _("Disagree"))],
        coerce=lambda v: v == "yes",
    )
    opinion = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(v, label) for v, label in ReviewDecision.choices if v != ReviewDecision.PENDING],
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The conditions of a conditional admission, or the reasons of a rejection."),
    )
    meeting_on = forms.DateField(
        label=_("Meeting date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The joint review meeting that took the decision."),
    )
    minutes = forms.CharField(
        label=_("Minutes of the meeting"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def decision_data(self) -> dict[str, Any]:
        """The keyword arguments of the decision service."""
        data = self.cleaned_data
        return {
            "decision": data["decision"],
            "note": data["note"],
            "meeting_on": data.get("meeting_on"),
            "minutes": data.get("minutes") or "",
        }
