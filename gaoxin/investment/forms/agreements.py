"""The forms of an investment agreement, its clauses (obligations) and incentives."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.accounts.models import User
from gaoxin.investment.models import Agreement, Incentive
from gaoxin.investment.services.agreements import AGREEMENT_FIELDS, INCENTIVE_FIELDS
from gaoxin.projects.models import Obligation
from gaoxin.projects.services.commitments import OBLIGATION_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = list(AGREEMENT_FIELDS)
        widgets = {"signed_on": DATE, "filed_on": DATE, "parties": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = User.objects.filter(is_active=True).exclude(role="enterprise_contact").order_by("username")
        for name in ("responsible_leader", "service_officer"):
            self.fields[name].queryset = staff  # type: ignore[attr-defined]
        self.fields["investor_name"].required = False
        self.fields["investor_name"].help_text = _("Blank: the lead's investor.")


class ClauseForm(forms.ModelForm):
    class Meta:
        model = Obligation
        fields = [name for name in OBLIGATION_FIELDS if name != "parcel"]
        widgets = {
            "due_on": DATE,
            "starts_on": DATE,
            "recorded_on": DATE,
            "consequence_text": forms.Textarea(attrs={"rows": 2}),
        }


class IncentiveForm(forms.ModelForm):
    class Meta:
        model = Incentive
        fields = list(INCENTIVE_FIELDS)
        widgets = {"clawback_conditions": forms.Textarea(attrs={"rows": 2})}
