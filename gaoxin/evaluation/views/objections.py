"""Objections (申诉) during publicity: filing them, the officers' list, accepting or rejecting; attachments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.accounts.choices import Capability
from gaoxin.accounts.permissions import acting_user, require_capability, require_staff
from gaoxin.core import attachments, changelog
from gaoxin.enterprises import selectors as enterprise_selectors
from gaoxin.evaluation import selectors, services
from gaoxin.evaluation.choices import ObjectionStatus
from gaoxin.evaluation.filters import ObjectionFilterSet
from gaoxin.evaluation.forms import ObjectionAcceptForm, ObjectionForm, ObjectionRejectForm
from gaoxin.evaluation.views.request_handling import (
    PAGE_SIZE,
    can_act,
    files_of,
    show_errors,
    show_form_errors,
)


@require_staff
def objection_list(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    run = selectors.run_get(user, pk)
    filters = ObjectionFilterSet(request.GET, queryset=selectors.objections_of_run(user, run))
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "evaluation/objection_list.html",
        {
            "section": "evaluation",
            "run": run,
            "page": page,
            "status": filters.form["status"].value() or "",
            "statuses": ObjectionStatus.choices,
            "counts": selectors.objection_counts(run),
        },
    )


@login_required
@require_POST
def objection_file(request: HttpRequest, pk: int, enterprise_id: int) -> HttpResponse:
    """An enterprise contact objects to their own result; an officer records one received on paper."""
    user = acting_user(request)
    if not (user.is_enterprise_contact or user.can_act_on(Capability.EVALUATION)):
        raise PermissionDenied
    result = selectors.result_detail(user, pk, enterprise_id)
    form = ObjectionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            objection = services.objection_file(
                run=result.run, enterprise=result.enterprise, text=form.cleaned_data["text"],
                files=files_of(request), by=user,
            )  # fmt: skip
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("Your objection has been received."))
            return redirect("evaluation:objection_detail", objection.pk)
    else:
        show_form_errors(request, form)
    return redirect("evaluation:result_detail", pk, enterprise_id)


@login_required
def objection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    objection = selectors.objection_detail(acting_user(request), pk)
    acting = can_act(request) and objection.status == ObjectionStatus.OPEN
    year_row = enterprise_selectors.sheet_of(objection.enterprise_id, objection.run.year)
    return render(
        request,
        "evaluation/objection_detail.html",
        {
            "section": "evaluation",
            "objection": objection,
            "run": objection.run,
            "attachments": list(objection.attachments.all()),
            "accept_form": ObjectionAcceptForm(year_row=year_row) if acting else None,
            "reject_form": ObjectionRejectForm() if acting else None,
            "history": changelog.history(objection)[:20] if acting_user(request).is_staff_member else [],
        },
    )


@require_capability(Capability.EVALUATION)
@require_POST
def objection_accept(request: HttpRequest, pk: int) -> HttpResponse:
    objection = selectors.objection_get(acting_user(request), pk)
    form = ObjectionAcceptForm(request.POST)
    if form.is_valid():
        try:
            services.objection_accept(
                objection=objection,
                values=form.values(),
                decision=form.cleaned_data["decision"],
                by=acting_user(request),
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(
                request, _("Objection accepted; the run is being scored again with the corrected data.")
            )
            return redirect("evaluation:run_detail", objection.run_id)
    else:
        show_form_errors(request, form)
    return redirect("evaluation:objection_detail", pk)


@require_capability(Capability.EVALUATION)
@require_POST
def objection_reject(request: HttpRequest, pk: int) -> HttpResponse:
    objection = selectors.objection_get(acting_user(request), pk)
    form = ObjectionRejectForm(request.POST)
    if form.is_valid():
        try:
            services.objection_reject(
                objection=objection, decision=form.cleaned_data["decision"], by=acting_user(request)
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("Objection rejected."))
    else:
        messages.error(request, _("Give the reason for rejecting the objection."))
    return redirect("evaluation:objection_detail", pk)


@login_required
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    found = selectors.attachment_get(acting_user(request), pk)
    return attachments.response(found.file, found.name)
