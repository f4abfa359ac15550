"""The form of a standard-parcel commitment: one control indicator of a standard parcel (an obligation)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.enterprises.form_fields import ParcelField
from gaoxin.projects.commitment_check import INDICATORS, MEASURE_LABELS
from gaoxin.projects.models import Obligation
from gaoxin.projects.services.commitments import COMMITMENT_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CommitmentForm(forms.ModelForm):
    parcel = ParcelField(label=_("Land parcel"), required=False)

    class Meta:
        model = Obligation
        fields = list(COMMITMENT_FIELDS)
        widgets = {"due_on": DATE, "starts_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        measure: Any = self.fields["measure"]
        measure.choices = [(key, gettext(MEASURE_LABELS[key])) for key in INDICATORS]
        self.fields["starts_on"].label = _("Signed on")
        self.fields["first_year"].help_text = _("Yearly indicators: the year of full production.")
        self.fields["recorded_value"].label = _("Plot ratio at acceptance")
