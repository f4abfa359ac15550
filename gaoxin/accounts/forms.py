from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gaoxin.accounts import login_throttle
from gaoxin.accounts.choices import Capability, Role
from gaoxin.accounts.models import Department, User
from gaoxin.enterprises.form_fields import EnterpriseCodeField


class LoginForm(AuthenticationForm):
    """Log in; refused while the account or the client address is locked after too many failures."""

    username = forms.CharField(label=_("User name"), widget=forms.TextInput(attrs={"autofocus": True}))
    password = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput)
    error_messages = {
        "invalid_login": _("The user name or password is wrong."),
        "inactive": _("This account is disabled."),
    }

    def clean(self) -> dict[str, Any]:
        username = str(self.cleaned_data.get("username") or "")
        address = login_throttle.client_address(self.request) if self.request else ""
        lock = login_throttle.lock_for(username, address)
        if lock is not None:
            raise ValidationError(login_throttle.refusal(lock), code="locked")
        try:
            data = super().clean()
        except ValidationError as error:
            if error.code == "invalid_login" and username:
                lock = login_throttle.record_failure(username, address)
                if lock is not None:
                    raise ValidationError(login_throttle.refusal(lock), code="locked") from error
            raise
        login_throttle.record_success(username)
        return data


class UserForm(forms.ModelForm):
    """A user account. An enterprise contact's enterprise is typed as its credit code (no drop-down of the
    whole registry); when editing, the field holds the current enterprise's code and names it."""

    enterprise = EnterpriseCodeField(
        label=_("Enterprise"),
        required=False,
        help_text=_(
            "For enterprise contacts: the unified social credit code of the enterprise they act for."
        ),
    )
    password = forms.CharField(
        label=_("Password"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Leave empty to keep the current password."),
    )

    class Meta:
        model = User
        fields = [
            "username",
            "display_name",
            "role",
            "department",
            "enterprise",
            "phone",
            "email",
            "is_active",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["password"].required = True
            self.fields["password"].help_text = ""
        elif self.instance.enterprise is not None:
            enterprise = self.instance.enterprise
            self.initial["enterprise"] = enterprise  # shown as its credit code without a second query
            self.fields["enterprise"].help_text = _("Now linked to %(name)s.") % {"name": enterprise.name}

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if password:
            password_validation.validate_password(password, self.instance)
        return str(password)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        if role == Role.ENTERPRISE_CONTACT and not data.get("enterprise") and "enterprise" not in self.errors:
            self.add_error("enterprise", _("An enterprise contact must be linked to their enterprise."))
        if role == Role.OFFICER and not data.get("department"):
            self.add_error("department", _("A department officer must belong to a department."))
        return data


class DepartmentForm(forms.ModelForm):
    capabilities = forms.MultipleChoiceField(
        label=_("Responsibilities"),
        choices=Capability.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Department
        fields = ["code", "name", "short_name", "capabilities", "is_active", "sort_order"]
