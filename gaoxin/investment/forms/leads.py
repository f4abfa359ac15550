"""Forms of a lead: registering and editing it, moving it, pausing or ending it, resuming it, logging an
activity."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gaoxin.accounts.models import User
from gaoxin.investment.choices import StopKind
from gaoxin.investment.models import InvestmentTeam, Lead, LeadActivity, LeadStage, StopReason

DATE = {"type": "date"}

# The lead page and the form show the fields in these groups (投资方, 来源, 投资与用地, 达产预期, 责任).
GROUPS: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (
        pgettext_lazy("investment", "Investor"),
        (
            "name",
            "is_confidential",
            "code_name",
            "investor_name",
            "investor_credit_code",
            "investor_region",
            "investor_group",
            "is_global_500",
            "is_china_500",
            "is_listed",
            "is_little_giant",
            "is_chain_leader",
        ),
    ),
    (_("Source"), ("source", "source_detail", "industry_code", "chain", "is_manufacturing")),
    (
        _("Investment and land"),
        (
            "total_investment",
            "fixed_asset_investment",
            "foreign_investment_usd",
            "exchange_rate",
            "land_mu",
            "floor_area_m2",
            "power_kva",
        ),
    ),
    (
        _("At full production"),
        (
            "expected_output_value",
            "expected_value_added",
            "expected_tax",
            "expected_energy_tce",
            "expected_emissions_t",
            "expected_rd_expense",
            "expected_employees",
        ),
    ),
    (
        pgettext_lazy("investment", "Responsibility"),
        (
            "responsible_unit",
            "officer",
            "team",
            "lead_official",
            "probability_override",
            "probability_reason",
            "description",
        ),
    ),
)
LEAD_FIELDS = [name for _label, names in GROUPS for name in names]
HANDOVER = ("responsible_unit", "officer", "team")
# the fields holding a figure in the unit their label states (万元, 亩, ㎡, kVA, tce, t, persons, %)
FIGURES = frozenset(
    {
        "total_investment",
        "fixed_asset_investment",
        "foreign_investment_usd",
        "land_mu",
        "floor_area_m2",
        "power_kva",
        "expected_output_value",
        "expected_value_added",
        "expected_tax",
        "expected_energy_tce",
        "expected_emissions_t",
        "expected_rd_expense",
        "expected_employees",
        "probability_override",
    }
)


class LeadForm(forms.ModelForm):
    """A lead's fields; a new lead also names the stage it enters in. Only the bureau hands a lead to another
    officer, team or unit (an officer registering a lead owns it). When the lead may duplicate others, the form is
    shown again with them and submitted only with "register anyway" ticked."""

    confirm_duplicates = forms.BooleanField(label=_("Register anyway"), required=False)

    class Meta:
        model = Lead
        fields = ["stage", *LEAD_FIELDS]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {  # the model's words carry other meanings elsewhere in the catalogue
            "investor_group": pgettext_lazy("investment", "Group"),
            "officer": pgettext_lazy("investment", "Responsible officer"),
        }

    def __init__(self, *args: Any, may_hand_over: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = LeadStage.objects.filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["stage"].required = False
        self.fields["stage"].empty_label = None  # type: ignore[attr-defined]  # the first stage unless chosen
        self.fields["team"].queryset = InvestmentTeam.objects.filter(is_active=True)  # type: ignore[attr-defined]
        staff = User.objects.filter(is_active=True, role__in=["officer", "leader", "administrator"])
        self.fields["officer"].queryset = staff.filter(role="officer")  # type: ignore[attr-defined]
        self.fields["lead_official"].queryset = staff.filter(role__in=["leader", "officer"])  # type: ignore[attr-defined]
        if self.instance.pk:
            del self.fields["stage"]
            self.fields["confirm_duplicates"].label = _("Save anyway")
        if not may_hand_over:
            for name in HANDOVER:
                self.fields[name].disabled = True
        if not self.instance.pk:  # while typing a new lead, htmx asks for the leads it may duplicate
            for name in ("name", "investor_name", "investor_credit_code"):
                self.fields[name].widget.attrs.update(
                    {
                        "class": "duplicate-check",
                        "hx-get": reverse("investment:duplicates"),
                        "hx-trigger": "change, keyup changed delay:600ms",
                        "hx-include": ".duplicate-check",
                        "hx-target": "#duplicate-check",
                        "hx-swap": "outerHTML",
                    }
                )

    @property
    def groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(label, [self[name] for name in names if name in self.fields]) for label, names in GROUPS]

    def lead_data(self) -> dict[str, Any]:
        data = {
            name: self.cleaned_data[name]
            for name in self.fields
            if name in self.cleaned_data and name != "confirm_duplicates" and not self.fields[name].disabled
        }
        if data.get("stage") is None:
            data.pop("stage", None)
        return data


class MoveForm(forms.Form):
    to_stage = forms.ModelChoiceField(LeadStage.objects.filter(is_active=True), label=_("Move to stage"))
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"))
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when stages are skipped or the lead moves back."),
    )


STOP_ACTIONS = [("pause", _("Pause")), ("end", _("End"))]


class StopForm(forms.Form):
    action = forms.ChoiceField(choices=STOP_ACTIONS, label=_("Pause or end"))
    reason = forms.ModelChoiceField(StopReason.objects.filter(is_active=True), label=_("Reason"))
    note = forms.CharField(
        label=_("Note"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        reason, action = data.get("reason"), data.get("action")
        if reason is not None and action and reason.applies_to not in (action, StopKind.BOTH):
            self.add_error("reason", _("This reason cannot be given here."))
        return data


class ResumeForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"))
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)


class ActivityForm(forms.ModelForm):
    class Meta:
        model = LeadActivity
        fields = ["kind", "on", "summary", "participants", "next_action", "next_action_on"]
        widgets = {
            "on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "next_action_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 2}),
        }
