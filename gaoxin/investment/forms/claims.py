"""Forms of duplicate claims: raising a dispute, the bureau head's decision, merging two leads, and converting a
lead into a project."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from gaoxin.investment.choices import DisputeDecision
from gaoxin.investment.models import Lead
from gaoxin.investment.services.claims import Outcome
from gaoxin.projects.models import Stage

OUTCOMES = (
    (Outcome.MERGE.value, gettext_lazy("Merge the losing lead into the winning one")),
    (Outcome.HAND_OVER.value, gettext_lazy("Hand the losing lead over to the winner's officer")),
)


class DisputeForm(forms.Form):
    statement = forms.CharField(
        label=gettext_lazy("statement"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Why the investor should be yours: first contacts, meetings, documents."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("decision"),
        choices=[c for c in DisputeDecision.choices if c[0] != DisputeDecision.PENDING],
        widget=forms.RadioSelect,
    )
    outcome = forms.ChoiceField(
        label=gettext_lazy("the losing lead"), choices=OUTCOMES, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=gettext_lazy("reasons for the decision"), widget=forms.Textarea(attrs={"rows": 3})
    )


class MergeForm(forms.Form):
    other = forms.CharField(
        label=gettext_lazy("lead merged into this one"),
        max_length=20,
        help_text=gettext_lazy(
            "Its lead number, e.g. ZS2026-0012. It leaves the lists; its history joins this lead."
        ),
    )
    note = forms.CharField(label=gettext_lazy("reason"), max_length=200, required=False)

    def clean_other(self) -> Lead:
        code = self.cleaned_data["other"].strip().upper()
        found = Lead.objects.filter(code=code).first()
        if found is None:
            raise forms.ValidationError(gettext_lazy("No lead has this number."))
        return found


class ConvertForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("project code"), max_length=40)
    stage = forms.ModelChoiceField(label=gettext_lazy("stage"), queryset=Stage.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = Stage.objects.filter(is_active=True).order_by(  # type: ignore[attr-defined]
            "sort_order"
        )
