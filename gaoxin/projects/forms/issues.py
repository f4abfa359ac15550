"""Forms of the problems (问题会商): logging and editing a problem, assigning it, progress, closing and
reopening; and the choice of the weekly meeting's list. Each is shown with a prefix so that many can sit on one
page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gaoxin.accounts.models import Department

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _units() -> Any:
    return Department.objects.filter(is_active=True).order_by("sort_order", "code")


def _text(label: Any, *, rows: int = 3, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}))


class UnitField(forms.ModelChoiceField[Department]):
    def label_from_instance(self, obj: Department) -> str:
        return obj.short_name or obj.name


class IssueEditForm(forms.Form):
    title = forms.CharField(label=_("Problem"), max_length=200)
    description = _text(_("Details"), required=False)
    raised_on = forms.DateField(label=_("Raised on"), widget=DATE)
    meeting_on = forms.DateField(
        label=_("Discussed at the meeting of"),
        widget=DATE,
        required=False,
        help_text=_("The date of the weekly meeting (会商) that discussed it."),
    )


class IssueCreateForm(IssueEditForm):
    unit = UnitField(_units(), label=_("Assigned unit"))
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)

    field_order = ["title", "description", "unit", "deadline", "raised_on", "meeting_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units()  # type: ignore[attr-defined]
        self.fields["raised_on"].initial = timezone.localdate


class IssueAssignForm(forms.Form):
    unit = UnitField(_units(), label=_("Assigned unit"))
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)
    note = forms.CharField(label=_("Reason for reassigning"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units()  # type: ignore[attr-defined]


class IssueProgressForm(forms.Form):
    note = _text(_("Progress"))


class IssueCloseForm(forms.Form):
    resolution = _text(_("How it was resolved"))
    closed_on = forms.DateField(label=_("Closed on"), widget=DATE, initial=timezone.localdate)


class IssueReopenForm(forms.Form):
    reason = _text(_("Why reopen"), rows=2)


class MeetingForm(forms.Form):
    """Which meeting's list: its date, and since when closed problems are listed (default: the last meeting)."""

    meeting_on = forms.DateField(label=_("Meeting date"), widget=DATE, required=False)
    since = forms.DateField(
        label=_("Closed since"),
        widget=DATE,
        required=False,
        help_text=_("Empty: since the previous meeting (or a week)."),
    )
