"""Project pages: the pipeline's stages, configured by the project office."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from gaoxin.accounts.permissions import acting_user, require_staff
from gaoxin.core.form_errors import add_service_errors
from gaoxin.projects import permissions, selectors
from gaoxin.projects.forms.stages import StageForm
from gaoxin.projects.services import stages as services


@require_staff
def stage_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.may_configure(user):
        raise PermissionDenied
    return render(
        request,
        "projects/stage_list.html",
        {
            "section": "projects",
            "tab": "settings",
            "may_configure": True,
            "stages": selectors.stages_with_counts(),
        },
    )


@require_staff
def stage_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = acting_user(request)
    if not permissions.may_configure(user):
        raise PermissionDenied
    stage = selectors.stage(pk) if pk else None
    form = StageForm(request.POST or None, instance=stage)
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_save(data=form.cleaned_data, stage=stage, by=user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The stage was saved."))
            return redirect("projects:stages")
    return render(
        request,
        "projects/stage_form.html",
        {"section": "projects", "tab": "settings", "may_configure": True, "form": form, "stage": stage},
    )


urlpatterns: list[URLPattern] = [
    path("settings/stages/", stage_list, name="stages"),
    path("settings/stages/new/", stage_edit, name="stage_create"),
    path("settings/stages/<int:pk>/", stage_edit, name="stage_edit"),
]
