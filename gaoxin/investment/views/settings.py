"""The module's settings pages (the bureau only): stages, reasons to pause or end, teams, rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from gaoxin.accounts.permissions import acting_user, require_staff
from gaoxin.core.form_errors import add_service_errors
from gaoxin.investment import permissions
from gaoxin.investment.forms.settings import RulesForm, StageForm, StopReasonForm, TeamForm
from gaoxin.investment.selectors import config
from gaoxin.investment.selectors.leads import rules
from gaoxin.investment.services import settings as services


def _configurer(request: HttpRequest) -> Any:
    user = acting_user(request)
    if not permissions.may_configure(user):
        raise PermissionDenied
    return user


@require_staff
def settings_page(request: HttpRequest) -> HttpResponse:
    _configurer(request)
    return render(
        request,
        "investment/settings.html",
        {
            "section": "investment",
            "tab": "settings",
            "may_configure": True,
            "stages": config.stages_with_counts(),
            "reasons": config.stop_reasons(),
            "teams": config.teams(),
            "rules": rules(),
        },
    )


def _edit(request: HttpRequest, form: Any, save: Callable[[Any], object], title: str) -> HttpResponse:
    user = _configurer(request)
    if request.method == "POST" and form.is_valid():
        try:
            save(user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("investment:settings")
    return render(
        request,
        "investment/settings_form.html",
        {"section": "investment", "tab": "settings", "may_configure": True, "form": form, "title": title},
    )


@require_staff
def stage_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _configurer(request)
    stage = config.stage(pk) if pk else None
    form = StageForm(request.POST or None, instance=stage)
    return _edit(
        request,
        form,
        lambda by: services.stage_save(data=form.cleaned_data, stage=stage, by=by),
        stage.name if stage else _("New stage"),
    )


@require_staff
def reason_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _configurer(request)
    reason = config.stop_reason(pk) if pk else None
    form = StopReasonForm(request.POST or None, instance=reason)
    return _edit(
        request,
        form,
        lambda by: services.stop_reason_save(data=form.cleaned_data, reason=reason, by=by),
        reason.name if reason else _("New reason"),
    )


@require_staff
def team_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _configurer(request)
    team = config.team(pk) if pk else None
    form = TeamForm(request.POST or None, instance=team)
    return _edit(
        request,
        form,
        lambda by: services.team_save(
            data=form.team_data(), members=form.cleaned_data["members"], team=team, by=by
        ),
        team.name if team else _("New team"),
    )


@require_staff
def rules_edit(request: HttpRequest) -> HttpResponse:
    _configurer(request)
    current = rules()
    form = RulesForm(request.POST or None, initial={f: getattr(current, f) for f in RulesForm.Meta.fields})
    return _edit(
        request,
        form,
        lambda by: services.rules_save(data=form.cleaned_data, by=by),
        _("Rules of investment promotion"),
    )


urlpatterns: list[URLPattern] = [
    path("settings/", settings_page, name="settings"),
    path("settings/stages/new/", stage_edit, name="stage_create"),
    path("settings/stages/<int:pk>/", stage_edit, name="stage_edit"),
    path("settings/reasons/new/", reason_edit, name="reason_create"),
    path("settings/reasons/<int:pk>/", reason_edit, name="reason_edit"),
    path("settings/teams/new/", team_edit, name="team_create"),
    path("settings/teams/<int:pk>/", team_edit, name="team_edit"),
    path("settings/rules/", rules_edit, name="rules"),
]
