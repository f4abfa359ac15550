from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gaoxin.core.file_fields import BoundedFileField
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.enterprises.year_fields import YEAR_FIELDS
from gaoxin.evaluation.choices import ConfirmationStatus, DisputeOutcome
from gaoxin.evaluation.engine.glossary import ColumnType
from gaoxin.evaluation.engine.scheme import InputColumn
from gaoxin.evaluation.models import EvaluationSettings, GradePolicy, Scheme
from gaoxin.evaluation.models.settings import APPROVER_ROLE_CHOICES
from gaoxin.evaluation.services.publicity import PublicityRule

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DEFAULT_GRADES = ("A", "B", "C", "D")
MAX_SCHEME_BYTES = 1024 * 1024  # a scheme is a page of TOML; the shipped ones are a few kilobytes


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list (empty when nothing was chosen)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


def attachments_field() -> MultipleFileField:
    return MultipleFileField(
        label=_("Attachments"), help_text=_("PDF, images, Office documents, OFD or ZIP; up to 20 MB each.")
    )


class RunStartForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    scheme = forms.ModelChoiceField(Scheme.objects.filter(is_active=True), label=_("Scheme"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args: Any, years: Sequence[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in years]  # type: ignore[attr-defined]


class PublicityForm(forms.Form):
    """The window of 公示; prefilled from today to the earliest end the rule allows (the service checks)."""

    starts_on = forms.DateField(label=_("Publicity starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Publicity ends on"), widget=DATE)

    def __init__(self, *args: Any, rule: PublicityRule | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["starts_on"].initial = timezone.localdate()
        self.fields["starts_on"].help_text = _("Today or later.")
        if rule is not None:
            self.fields["ends_on"].initial = rule.earliest_end
            self.fields["ends_on"].help_text = (
                ngettext("At least %(days)d working day.", "At least %(days)d working days.", rule.workdays)
                % {"days": rule.workdays}
                if rule.earliest_end
                else rule.calendar_problem
            )


class RegradeForm(forms.Form):
    """No grade is preselected: the officer chooses the new one (the current one is shown as such)."""

    grade = forms.ChoiceField(label=_("New grade"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(
        self, *args: Any, grades: Sequence[str] = DEFAULT_GRADES, current: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, Any]] = [("", _("— choose —"))]
        choices += [
            (grade, _("%(grade)s (current)") % {"grade": grade} if grade == current else grade)
            for grade in grades
        ]
        self.fields["grade"].choices = choices  # type: ignore[attr-defined]


class DisputeAnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=DisputeOutcome.choices, widget=forms.RadioSelect)
    answer = forms.CharField(
        label=_("Answer to the enterprise"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Correct the figures in the registry first if they were wrong; the enterprise reads this."
        ),
    )


class EvaluationSettingsForm(forms.ModelForm[EvaluationSettings]):
    approver_roles = forms.MultipleChoiceField(
        label=_("Roles that may approve"),
        choices=APPROVER_ROLE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = EvaluationSettings
        fields = [
            "publicity_workdays",
            "approver_roles",
            "approver_departments",
            "coverage_warning_percent",
            "issuer",
            "signature",
            "contact",
            "objection_channel",
        ]
        widgets = {
            "approver_departments": forms.CheckboxSelectMultiple,
            "objection_channel": forms.Textarea(attrs={"rows": 3}),
        }


class ObjectionForm(forms.Form):
    text = forms.CharField(
        label=_("Objection"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Which figure or rule is wrong, and why; attach the evidence."),
    )
    attachments = attachments_field()


class ObjectionRejectForm(forms.Form):
    decision = forms.CharField(label=_("Reason for rejecting"), widget=forms.Textarea(attrs={"rows": 2}))


class ObjectionAcceptForm(forms.Form):
    """The decision and the enterprise's corrected figures for the run's year (prefilled with the current ones)."""

    decision = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, year_row: EnterpriseYear | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in YEAR_FIELDS:
            model_field = EnterpriseYear._meta.get_field(name)
            self.fields[name] = forms.DecimalField(
                label=model_field.verbose_name,  # type: ignore[union-attr]
                required=False,
                min_value=Decimal(0),
                max_digits=18,
                decimal_places=0 if name == "employees" else 4,
                initial=getattr(year_row, name, None),
            )

    def values(self) -> dict[str, Any]:
        values = {name: self.cleaned_data.get(name) for name in YEAR_FIELDS}
        if values["employees"] is not None:
            values["employees"] = int(values["employees"])
        return values


class ConfirmationForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Your answer"), choices=ConfirmationStatus.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you object: which figures are wrong and what they should be."),
    )
    attachments = attachments_field()


class SchemeUploadForm(forms.Form):
    file = BoundedFileField(max_bytes=MAX_SCHEME_BYTES, label=_("Scheme file (.toml)"), required=False)
    text = forms.CharField(
        label=_("Or paste the scheme"), required=False, widget=forms.Textarea(attrs={"rows": 12})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None:
            try:
                data["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError as error:
                raise forms.ValidationError(_("The file is not UTF-8 text.")) from error
        if not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Upload a scheme file or paste its text."))
        return data


class SimulationForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    scheme = forms.ModelChoiceField(Scheme.objects.all(), label=_("Scheme A"))
    text_b = forms.CharField(
        label=_("Scheme B (TOML)"),
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
        help_text=_("Start from scheme A and change weights, benchmarks or bands; or paste another scheme."),
    )

    def __init__(self, *args: Any, years: Sequence[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in years]  # type: ignore[attr-defined]


class PolicyForm(forms.ModelForm[GradePolicy]):
    class Meta:
        model = GradePolicy
        fields = [
            "key",
            "label",
            "unit",
            "description",
            "escalation_grade",
            "escalation_years",
            "escalation_value",
            "is_active",
            "sort_order",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, grades: Sequence[str] = DEFAULT_GRADES, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.grades = list(grades)
        for grade in self.grades:
            self.fields[f"grade_{grade}"] = forms.DecimalField(
                label=_("Value for grade %(grade)s") % {"grade": grade},
                required=False,
                max_digits=14,
                decimal_places=4,
                initial=self.instance.value_for(grade),
            )

    def policy_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["values"] = {
            grade: str(self.cleaned_data[f"grade_{grade}"])
            for grade in self.grades
            if self.cleaned_data.get(f"grade_{grade}") is not None
        }
        return data


class InputsForm(forms.Form):
    """The further inputs active schemes declare, for one enterprise and year."""

    def __init__(
        self,
        *args: Any,
        columns: Sequence[InputColumn],
        current: dict[str, Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.columns = columns
        for column in columns:
            key, label, kind = column.key, column.label, column.type
            value = current.get(key)
            field: forms.Field
            if kind is ColumnType.BOOL:
                field = forms.NullBooleanField(label=label, required=False, initial=value)
            elif kind is ColumnType.NUMBER:  # the bounds the scheme declares (a count: min = 0)
                field = forms.DecimalField(
                    label=label,
                    required=False,
                    initial=value,
                    min_value=None if column.minimum is None else Decimal(str(column.minimum)),
                    max_value=None if column.maximum is None else Decimal(str(column.maximum)),
                )
            elif kind is ColumnType.DATE:
                field = forms.DateField(label=label, required=False, widget=DATE, initial=value)
            else:
                field = forms.CharField(label=label, required=False, initial=value)
            self.fields[key] = field

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for column in self.columns:
            key, kind = column.key, column.type
            value = self.cleaned_data.get(key)
            if kind is ColumnType.NUMBER and value is not None:
                value = float(value)
            if value == "":
                value = None
            values[key] = value
        return values


class InputsImportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    file = forms.FileField(label=_("File (.xlsx, .xls or .csv)"))

    def __init__(self, *args: Any, years: Sequence[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in years]  # type: ignore[attr-defined]
