"""Forms of the service desk pages: intake, one small form per step, visits, plans and settings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gaoxin.accounts.models import Department, User
from gaoxin.enterprises.form_fields import EnterpriseCodeField
from gaoxin.enterprises.models import Enterprise
from gaoxin.servicedesk.choices import (
    Channel,
    Outcome,
    Rating,
    RedFlag,
    SupervisionLevel,
    Urgency,
    VisitTopic,
)
from gaoxin.servicedesk.models import (
    Category,
    DepartmentHead,
    EnterpriseOfficer,
    RobotWebhook,
    SlaPolicy,
    Visit,
    VisitPlan,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _text(label: Any, rows: int = 3, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}))


class PortalRequestForm(forms.Form):
    """What an enterprise contact fills in on the portal."""

    title = forms.CharField(label=_("Title"), max_length=200)
    category = forms.ModelChoiceField(Category.objects.filter(is_active=True), label=_("Category"))
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    description = _text(_("Description"), rows=6)
    contact_name = forms.CharField(label=_("Contact person"), max_length=60, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)
    attachment = forms.FileField(label=_("Attachment"), required=False)


class StaffRequestForm(PortalRequestForm):
    """What an officer records: for which enterprise, how it came in and when."""

    enterprise = EnterpriseCodeField(label=_("Enterprise"))
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[c for c in Channel.choices if c[0] != Channel.PORTAL],
        initial=Channel.PHONE,
    )
    received_at = forms.DateTimeField(label=_("Received at"), widget=DATETIME, initial=timezone.now)

    field_order = ["enterprise", "channel", "received_at", "title", "category", "urgency", "description"]

    def __init__(self, *args: Any, enterprise: Enterprise | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if enterprise is not None:  # recorded from a visit: the visited enterprise
            self.fields["enterprise"].initial = enterprise
            self.fields["enterprise"].disabled = True
            self.fields["channel"].initial = Channel.VISIT


# --- one form per step -------------------------------------------------------------------------------------


class SignForm(forms.Form):
    pass


class AcceptForm(forms.Form):
    category = forms.ModelChoiceField(
        Category.objects.filter(is_active=True), label=_("Category"), required=False
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=[("", "—"), *Urgency.choices], required=False)
    note = forms.CharField(label=_("Note"), required=False)


class DispatchForm(forms.Form):
    department = forms.ModelChoiceField(
        Department.objects.filter(is_active=True), label=_("Handling department")
    )
    co_departments = forms.ModelMultipleChoiceField(
        Department.objects.filter(is_active=True), label=_("Co-handling departments"), required=False
    )
    note = forms.CharField(label=_("Note"), required=False)


class ReasonForm(forms.Form):
    reason = _text(_("Grounds"))


class NoteForm(forms.Form):
    note = _text(_("Note"), required=False)


class InterimForm(forms.Form):
    text = _text(_("Interim reply"))


class ExtensionAskForm(forms.Form):
    days = forms.IntegerField(label=_("Working days"), min_value=1, max_value=60)
    reason = _text(_("Grounds"))


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Verdict"),
        choices=[("1", _("Approve")), ("0", _("Do not approve"))],
        coerce=lambda v: v == "1",
    )
    note = _text(_("Note"), rows=2, required=False)


class ReplyForm(forms.Form):
    reply = _text(_("Reply"), rows=5)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    attachment = forms.FileField(
        label=_("File for the enterprise"),
        required=False,
        help_text=_("Sent to the enterprise with the reply once the centre lets the reply through."),
    )


class CallbackForm(forms.Form):
    note = _text(_("What the enterprise said"))
    rating = forms.ChoiceField(label=_("Rating given"), choices=[("", "—"), *Rating.choices], required=False)
    comment = forms.CharField(label=_("Their comment"), required=False)


class RateForm(forms.Form):
    rating = forms.ChoiceField(label=_("Rating"), choices=Rating.choices, widget=forms.RadioSelect)
    comment = _text(_("Your comment"), rows=2, required=False)


class CloseDirectlyForm(forms.Form):
    note = _text(_("Answer given to the enterprise"))


class ContributionForm(forms.Form):
    text = _text(_("Your department's part of the answer"), rows=4)


class SuperviseForm(forms.Form):
    level = forms.TypedChoiceField(label=_("Supervision"), choices=SupervisionLevel.choices, coerce=int)
    note = _text(_("Grounds"), rows=2)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))


# --- visits ------------------------------------------------------------------------------------------------


class VisitForm(forms.ModelForm[Visit]):
    enterprise = EnterpriseCodeField(label=_("Enterprise"))
    officers = forms.ModelMultipleChoiceField(
        User.objects.filter(is_active=True, role="officer").order_by("department__sort_order", "username"),
        label=_("Officers"),
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=VisitTopic.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    red_flags = forms.MultipleChoiceField(
        label=_("Red flags"), choices=RedFlag.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Visit
        fields = [
            "enterprise",
            "visited_on",
            "officers",
            "department",
            "people_met",
            "topics",
            "summary",
            "problems",
            "red_flags",
        ]
        widgets = {
            "visited_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "problems": forms.Textarea(attrs={"rows": 3}),
        }


class VisitPlanForm(forms.ModelForm[VisitPlan]):
    enterprise = EnterpriseCodeField(label=_("Enterprise"))
    officer = forms.ModelChoiceField(
        User.objects.filter(is_active=True, role="officer").order_by("username"), label=_("Officer")
    )

    class Meta:
        model = VisitPlan
        fields = ["officer", "enterprise", "planned_on", "purpose"]
        widgets = {"planned_on": DATE}


# --- settings ----------------------------------------------------------------------------------------------


class CategoryForm(forms.ModelForm[Category]):
    class Meta:
        model = Category
        fields = ["code", "name", "sort_order", "is_active"]


class PolicyForm(forms.ModelForm[SlaPolicy]):
    class Meta:
        model = SlaPolicy
        fields = [
            "category",
            "urgency",
            "accept_amount",
            "accept_unit",
            "sign_amount",
            "sign_unit",
            "contact_amount",
            "contact_unit",
            "interim_days",
            "resolve_days",
            "review_days",
            "callback_days",
            "return_days",
            "extension_cap_days",
        ]


class RobotForm(forms.ModelForm[RobotWebhook]):
    url = forms.URLField(label=_("Webhook address"), max_length=500, assume_scheme="https")

    class Meta:
        model = RobotWebhook
        fields = ["department", "kind", "url", "secret", "is_active"]
        widgets = {"secret": forms.PasswordInput(render_value=True)}


class DepartmentHeadForm(forms.ModelForm[DepartmentHead]):
    class Meta:
        model = DepartmentHead
        fields = ["department", "user"]


class EnterpriseOfficerForm(forms.ModelForm[EnterpriseOfficer]):
    enterprise = EnterpriseCodeField(label=_("Enterprise"))

    class Meta:
        model = EnterpriseOfficer
        fields = ["enterprise", "officer"]
