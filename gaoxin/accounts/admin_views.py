"""The administrator's pages: users and departments."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gaoxin.accounts import login_throttle, selectors, services
from gaoxin.accounts.choices import Role
from gaoxin.accounts.filters import UserFilterSet
from gaoxin.accounts.forms import DepartmentForm, UserForm
from gaoxin.accounts.permissions import acting_user, require_administrator
from gaoxin.core import changelog


@require_administrator
def user_list(request: HttpRequest) -> HttpResponse:
    filters = UserFilterSet(request.GET, queryset=selectors.user_list(acting_user(request)))
    page = Paginator(filters.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/user_list.html",
        {
            "section": "users",
            "page": page,
            "filters": filters,
            "roles": Role.choices,
            "locked": login_throttle.active_locks().count(),
        },
    )


@require_administrator
def user_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = selectors.user_get(acting_user(request), pk) if pk else None
    form = UserForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "password"}
        try:
            if user is None:
                user = services.user_create(
                    password=form.cleaned_data["password"], by=acting_user(request), **data
                )
            else:
                services.user_update(
                    user=user, data=data, password=form.cleaned_data["password"], by=acting_user(request)
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("User %(name)s saved.") % {"name": user})
            return redirect("accounts:user_list")
    history = changelog.history(user)[:30] if user else []
    return render(
        request,
        "accounts/user_form.html",
        {
            "section": "users",
            "form": form,
            "object": user,
            "history": history,
            "lock": login_throttle.lock_of_account(user.username) if user else None,
        },
    )


@require_administrator
def department_list(request: HttpRequest) -> HttpResponse:
    departments = selectors.department_list()
    return render(
        request, "accounts/department_list.html", {"section": "departments", "departments": departments}
    )


@require_administrator
def department_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    department = selectors.department_get(pk) if pk else None
    form = DepartmentForm(request.POST or None, instance=department)
    if request.method == "POST" and form.is_valid():
        try:
            if department is None:
                department = services.department_create(data=form.cleaned_data, by=acting_user(request))
            else:
                services.department_update(
                    department=department, data=form.cleaned_data, by=acting_user(request)
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Department %(name)s saved.") % {"name": department})
            return redirect("accounts:department_list")
    history = changelog.history(department)[:30] if department else []
    return render(
        request,
        "accounts/department_form.html",
        {"section": "departments", "form": form, "object": department, "history": history},
    )
