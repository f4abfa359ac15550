"""The zone's evaluation settings: publicity length, who approves, what the notices say (administrators)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gaoxin.accounts.permissions import acting_user, require_staff
from gaoxin.core.form_errors import add_service_errors
from gaoxin.evaluation import services
from gaoxin.evaluation.forms import EvaluationSettingsForm
from gaoxin.evaluation.models import EvaluationSettings


@require_staff
def settings_edit(request: HttpRequest) -> HttpResponse:
    """Staff read the settings; administrators change them."""
    editable = acting_user(request).is_administrator
    current = EvaluationSettings.current()
    form = EvaluationSettingsForm(
        request.POST if request.method == "POST" and editable else None, instance=current
    )
    if request.method == "POST" and editable and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields if name != "approver_departments"}
        try:
            services.settings_save(
                data=data, departments=form.cleaned_data["approver_departments"], by=acting_user(request)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The evaluation settings were saved."))
            return redirect("evaluation:settings")
    if not editable:
        for field in form.fields.values():
            field.disabled = True
    return render(
        request,
        "evaluation/settings.html",
        {"section": "evaluation", "form": form, "editable": editable, "settings": current},
    )
