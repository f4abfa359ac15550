"""Settings of the service desk: categories, time-limit policies and the enterprises' responsible officers (the
centre), group robots and department heads (the administrator)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gaoxin.accounts.choices import Capability
from gaoxin.accounts.permissions import acting_user, require_administrator, require_capability
from gaoxin.core import changelog
from gaoxin.core.form_errors import add_service_errors
from gaoxin.servicedesk import selectors
from gaoxin.servicedesk.forms import (
    CategoryForm,
    DepartmentHeadForm,
    EnterpriseOfficerForm,
    PolicyForm,
    RobotForm,
)
from gaoxin.servicedesk.models import Category, DepartmentHead, EnterpriseOfficer, RobotWebhook, SlaPolicy
from gaoxin.servicedesk.services import configuration

OFFICERS_PER_PAGE = 20  # the latest named first; the enterprise's officer is edited from its row


@require_capability(Capability.SERVICEDESK)
def settings_overview(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "servicedesk/settings.html",
        {
            "section": "servicedesk",
            "categories": selectors.categories(),
            "policies": selectors.policies(),
            "robots": selectors.robots() if acting_user(request).is_administrator else None,
            "heads": selectors.department_heads(),
            "may_name_heads": acting_user(request).is_administrator,
            "officers": Paginator(selectors.enterprise_officers(), OFFICERS_PER_PAGE).get_page(
                request.GET.get("page")
            ),
        },
    )


def _edit(
    request: HttpRequest, *, form_class: type[ModelForm[Any]], instance: Any, save: Any, title: str
) -> HttpResponse:
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            save(instance, form.cleaned_data, acting_user(request))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("servicedesk:settings")
    return render(
        request,
        "servicedesk/settings_form.html",
        {
            "section": "servicedesk",
            "form": form,
            "title": title,
            "history": changelog.history(instance)[:30] if instance is not None else [],
        },
    )


@require_capability(Capability.SERVICEDESK)
def category_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _edit(
        request,
        form_class=CategoryForm,
        instance=selectors.setting(Category, pk),
        save=lambda obj, data, by: configuration.category_save(category=obj, data=data, by=by),
        title=_("Request category"),
    )


@require_capability(Capability.SERVICEDESK)
def policy_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _edit(
        request,
        form_class=PolicyForm,
        instance=selectors.setting(SlaPolicy, pk),
        save=lambda obj, data, by: configuration.policy_save(policy=obj, data=data, by=by),
        title=_("Time-limit policy"),
    )


@require_administrator
def robot_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _edit(
        request,
        form_class=RobotForm,
        instance=selectors.setting(RobotWebhook, pk),
        save=lambda obj, data, by: configuration.robot_save(robot=obj, data=data, by=by),
        title=_("Group robot"),
    )


@require_administrator
def department_head_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _edit(
        request,
        form_class=DepartmentHeadForm,
        instance=selectors.setting(DepartmentHead, pk),
        save=lambda obj, data, by: configuration.department_head_save(head=obj, data=data, by=by),
        title=_("Department head"),
    )


@require_capability(Capability.SERVICEDESK)
def enterprise_officer_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _edit(
        request,
        form_class=EnterpriseOfficerForm,
        instance=selectors.setting(EnterpriseOfficer, pk),
        save=lambda obj, data, by: configuration.enterprise_officer_save(assignment=obj, data=data, by=by),
        title=_("Responsible officer of an enterprise"),
    )
