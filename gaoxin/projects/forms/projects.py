"""Forms for a project's profile and its stage transitions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.core.file_fields import MB, BoundedFileField
from gaoxin.enterprises.form_fields import EnterpriseCodeField, ParcelField
from gaoxin.projects.models import Project, Stage

DATE = {"type": "date"}
MAX_ATTACHMENT_BYTES = 20 * MB

PROFILE_FIELDS = [
    "code",
    "name",
    "owner",
    "industry_code",
    "chain",
    "park",
    "address",
    "longitude",
    "latitude",
    "kind",
    "level",
    "total_investment",
    "fixed_asset_investment",
    "foreign_investment_usd",
    "land_mu",
    "parcel",
    "planned_start_on",
    "planned_completion_on",
    "planned_production_on",
    "lead_official",
    "responsible_unit",
    "contact_name",
    "contact_phone",
    "in_statistics",
    "description",
]


class ProjectForm(forms.ModelForm):
    """The profile; a new project also names the stage it enters the library in."""

    owner = EnterpriseCodeField(label=_("Owner enterprise"), required=False)
    parcel = ParcelField(label=_("Land parcel"), required=False)

    class Meta:
        model = Project
        fields = ["stage", *PROFILE_FIELDS]
        widgets = {
            "planned_start_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "planned_completion_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "planned_production_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, may_move_unit: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stage = self.fields["stage"]
        assert isinstance(stage, forms.ModelChoiceField)
        stage.queryset = Stage.objects.filter(is_active=True)
        if self.instance.pk:
            del self.fields["stage"]
            if not may_move_unit:
                self.fields["responsible_unit"].disabled = True

    def profile_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields if name in self.cleaned_data}


class TransitionForm(forms.Form):
    to_stage = forms.ModelChoiceField(Stage.objects.filter(is_active=True), label=_("Move to stage"))
    on = forms.DateField(
        label=_("Date reached"),
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        help_text=_("The day it happened, which may lie in the past."),
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The document, permit number or inspection that shows the project reached this stage."),
    )
    reason = forms.CharField(
        label=_("Reason for skipping or moving back"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when the project skips stages of the pipeline or moves back to an earlier one."),
    )
    attachment = BoundedFileField(max_bytes=MAX_ATTACHMENT_BYTES, label=_("Attachment"), required=False)
