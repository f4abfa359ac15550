"""Objections (申诉) during publicity: filing them, the officers' list, accepting or rejecting; attachments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.accounts.choices import Capability
from gaoxin.accounts.permissions import acting_user, require_capability, require_staff
from gaoxin.core import attachments, changelog
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.evaluation import selectors, services
from gaoxin.evaluation.choices import ObjectionStatus
from gaoxin.evaluation.forms import ObjectionAcceptForm, ObjectionForm, ObjectionRejectForm
from gaoxin.evaluation.models import Objection
from gaoxin.evaluation.views.request_handling import (
    PAGE_SIZE,
    can_act,
    files_of,
    show_errors,
    show_form_errors,
)


@require_staff
def objection_list(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.runs_for(request.user).filter(pk=pk).first()
    if run is None:
        raise Http404
    status = request.GET.get("status", "")
    objections = selectors.objections_for(request.user).filter(run=run)
    if status in ObjectionStatus.values:
        objections = objections.filter(status=status)
    page = Paginator(objections, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "evaluation/objection_list.html",
        {
            "section": "evaluation",
            "run": run,
            "page": page,
            "status": status,
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
    if result is None:
        raise Http404
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


def _objection_for(request: HttpRequest, pk: int) -> Objection:
    objection = selectors.objections_for(request.user).filter(pk=pk).first()
    if objection is None:
        raise Http404
    return objection


@login_required
def objection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    objection = _objection_for(request, pk)
    acting = can_act(request) and objection.status == ObjectionStatus.OPEN
    year_row = EnterpriseYear.objects.filter(enterprise=objection.enterprise, year=objection.run.year).first()
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
    objection = _objection_for(request, pk)
    form = ObjectionAcceptForm(request.POST)
    if form.is_valid():
        try:
            services.objection_accept(
                objection=objection,
                values=form.values(),
                decision=form.cleaned_data["decision"],
                by=request.user,
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
    objection = _objection_for(request, pk)
    form = ObjectionRejectForm(request.POST)
    if form.is_valid():
        try:
            services.objection_reject(
                objection=objection, decision=form.cleaned_data["decision"], by=request.user
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
    found = selectors.attachment_for(request.user, pk)
    if found is None:
        raise Http404
    return attachments.response(found.file, found.name)
