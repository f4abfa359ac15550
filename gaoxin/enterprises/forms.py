from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.accounts.models import User
from gaoxin.enterprises import credit_code as credit_codes
from gaoxin.enterprises.models import Chain, Enterprise, EnterpriseYear, LandParcel, Lease
from gaoxin.enterprises.staff_sources import STAFF_SOURCES, department_source
from gaoxin.enterprises.year_fields import YEAR_FIELDS

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


class EnterpriseForm(forms.ModelForm):
    chains = forms.ModelMultipleChoiceField(
        Chain.objects.all(), required=False, widget=forms.CheckboxSelectMultiple, label=_("Industrial chains")
    )
    former_names_text = forms.CharField(
        label=_("Former names"),
        required=False,
        help_text=_("One per line."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Enterprise
        fields = [
            "credit_code",
            "name",
            "legal_representative",
            "address",
            "industry_code",
            "scale",
            "registered_on",
            "park",
            "status",
            "contact_name",
            "contact_phone",
            "contact_email",
        ]
        widgets = {"registered_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["chains"].initial = list(self.instance.chains.all())
            self.fields["former_names_text"].initial = "\n".join(self.instance.former_names)

    def clean_credit_code(self) -> str:
        return credit_codes.normalize(self.cleaned_data["credit_code"])

    def registry_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["former_names"] = [
            n.strip() for n in self.cleaned_data["former_names_text"].splitlines() if n.strip()
        ]
        return data


class ParcelForm(forms.ModelForm):
    class Meta:
        model = LandParcel
        fields = [
            "certificate_no",
            "location",
            "area_mu",
            "use",
            "owner",
            "park",
            "longitude",
            "latitude",
            "acquired_on",
        ]
        widgets = {"acquired_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class LeaseForm(forms.ModelForm):
    class Meta:
        model = Lease
        fields = ["lessor", "parcel", "floor_area_m2", "land_mu", "starts_on", "ends_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


def staff_source_field(user: User, label: StrOrPromise) -> forms.ChoiceField:
    """The source of what a staff member enters: required, their department's by default when known."""
    return forms.ChoiceField(
        label=label, choices=[("", _("Choose the source")), *STAFF_SOURCES], initial=department_source(user)
    )


class YearForm(forms.ModelForm):
    class Meta:
        model = EnterpriseYear
        fields = ["year", *YEAR_FIELDS]

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"] = staff_source_field(user, _("Source of these values"))

    def values(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in YEAR_FIELDS
            if name in self.changed_data or not self.instance.pk
        }

    def validate_unique(self) -> None:
        """The service upserts by (enterprise, year); uniqueness is not an error here."""
