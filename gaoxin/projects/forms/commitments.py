"""The form of a standard-parcel commitment."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.enterprises.form_fields import ParcelField
from gaoxin.projects.models import Commitment
from gaoxin.projects.services.commitments import COMMITMENT_FIELDS


class CommitmentForm(forms.ModelForm):
    parcel = ParcelField(label=_("Land parcel"), required=False)

    class Meta:
        model = Commitment
        fields = list(COMMITMENT_FIELDS)
        widgets = {"signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
