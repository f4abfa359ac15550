"""Forms of the plan tab: applying a template, the target date, a step (edit or add), an approval item, a clock
stop. Each is shown with a prefix so that many can sit on one page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoxin.projects.models import ApprovalItem, ClockStop, DayUnitChoice, PlanStep, Project
from gaoxin.projects.scheduling import STANDARD_TEMPLATES


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class PlanApplyForm(forms.Form):
    template = forms.ChoiceField(
        label=_("Plan template"), choices=[(t.key, t.name) for t in STANDARD_TEMPLATES]
    )
    target_on = forms.DateField(
        label=_("Target date"),
        widget=DateInput(),
        help_text=_("The date the last step must be reached by, e.g. production start."),
    )


class PlanTargetForm(forms.Form):
    target_on = forms.DateField(label=_("Target date"), widget=DateInput())


class _StepFields(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    duration = forms.IntegerField(label=_("Duration"), min_value=0, help_text=_("0 days: a milestone."))
    unit = forms.ChoiceField(label=_("Unit"), choices=DayUnitChoice.choices)
    owner = forms.CharField(label=_("Owner"), max_length=100, required=False)
    legal_limit = forms.IntegerField(label=_("Legal limit (working days)"), min_value=1, required=False)
    after = forms.MultipleChoiceField(
        label=_("After"), required=False, widget=forms.SelectMultiple(attrs={"size": 4})
    )
    lag = forms.IntegerField(
        label=_("Lag (days)"),
        required=False,
        help_text=_(
            "Days between the predecessors' finish and this step's start; negative: overlap. Blank: keep each "
            "predecessor's lag."
        ),
    )

    def __init__(self, *args: Any, others: Sequence[PlanStep], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(step.key, step.name) for step in others]
        self.fields["after"].choices = choices  # type: ignore[attr-defined]
        if "before" in self.fields:
            self.fields["before"].choices = choices  # type: ignore[attr-defined]

    def predecessors(self, current: Sequence[dict[str, Any]] = ()) -> list[dict[str, Any]]:
        lags = {str(edge["step"]): int(edge.get("lag", 0)) for edge in current}
        lag = self.cleaned_data["lag"]
        return [
            {"step": key, "lag": lag if lag is not None else lags.get(key, 0)}
            for key in self.cleaned_data["after"]
        ]


class PlanStepForm(_StepFields):
    actual_start = forms.DateField(label=_("Actual start"), required=False, widget=DateInput())
    actual_finish = forms.DateField(label=_("Actual finish"), required=False, widget=DateInput())

    @classmethod
    def for_step(cls, step: PlanStep, others: Sequence[PlanStep], data: Any = None) -> PlanStepForm:
        lags = {int(edge.get("lag", 0)) for edge in step.predecessors}
        return cls(
            data,
            others=[other for other in others if other.pk != step.pk],
            prefix=f"step-{step.pk}",
            initial={
                "name": step.name,
                "duration": step.duration,
                "unit": step.unit,
                "owner": step.owner,
                "legal_limit": step.legal_limit,
                "actual_start": step.actual_start,
                "actual_finish": step.actual_finish,
                "after": [edge["step"] for edge in step.predecessors],
                "lag": lags.pop() if len(lags) == 1 else None,
            },
        )

    def step_data(self, step: PlanStep) -> dict[str, Any]:
        data = {
            name: self.cleaned_data[name]
            for name in ("name", "duration", "unit", "owner", "legal_limit", "actual_start", "actual_finish")
        }
        return {**data, "predecessors": self.predecessors(step.predecessors)}


class PlanStepAddForm(_StepFields):
    before = forms.MultipleChoiceField(
        label=_("Before"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
        help_text=_("Steps that must wait for this one."),
    )
    field_order = ["name", "duration", "unit", "owner", "legal_limit", "after", "lag", "before"]

    @classmethod
    def for_plan(cls, steps: Sequence[PlanStep], data: Any = None) -> PlanStepAddForm:
        return cls(data, others=steps, prefix="add-step", initial={"unit": DayUnitChoice.CALENDAR})


class ApprovalForm(forms.ModelForm[ApprovalItem]):
    class Meta:
        model = ApprovalItem
        fields = ["name", "authority", "legal_limit", "plan_step", "started_on", "finished_on"]
        widgets = {"started_on": DateInput(), "finished_on": DateInput()}

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan_step"].queryset = PlanStep.objects.filter(project=project)  # type: ignore[attr-defined]


class ClockStopForm(forms.ModelForm[ClockStop]):
    class Meta:
        model = ClockStop
        fields = ["starts_on", "ends_on", "party", "reason"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}


class ClockResumeForm(forms.Form):
    ends_on = forms.DateField(label=_("Clock runs again from"), widget=DateInput())
