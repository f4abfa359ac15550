"""Claim pages: a lead's claim status (holder, protected until, duplicates) with the dispute its owner may raise,
the disputes and the bureau head's decision, merging two leads, and a lead becoming a project.

``panel_context`` gives the lead page what ``investment/_claims_panel.html`` shows."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.accounts.models import User
from gaoxin.accounts.permissions import acting_user, require_staff
from gaoxin.core.form_errors import add_service_errors
from gaoxin.investment import permissions
from gaoxin.investment.forms.claims import ConvertForm, DecisionForm, DisputeForm, MergeForm
from gaoxin.investment.models import Lead
from gaoxin.investment.selectors import claims as selectors
from gaoxin.investment.selectors import leads as lead_reads
from gaoxin.investment.services import claims as services
from gaoxin.investment.services import conversion


def panel_context(user: User, lead: Lead, dispute_form: DisputeForm | None = None) -> dict[str, Any]:
    """What the lead page's claims panel shows: the claim status, the dispute form for a duplicate's owner, and
    the conversion into a project."""
    status = selectors.claim_status(lead)
    may_dispute = status.is_duplicate and status.pending_dispute is None and permissions.may_edit(user, lead)
    return {
        "claim": status,
        "dispute_form": (dispute_form or DisputeForm()) if may_dispute else None,
        "may_merge": permissions.is_bureau(user) and lead.merged_into_id is None,
        "may_settle": permissions.may_settle_disputes(user),
        "conversion_refusal": conversion.refusal(lead),
        "may_convert": conversion.may_convert(user, lead),
    }


def _page(request: HttpRequest, user: User, lead: Lead, **extra: Any) -> HttpResponse:
    return render(
        request,
        "investment/claims.html",
        {"section": "investment", "lead": lead, "shown_name": lead_reads.shown_name(user, lead)}
        | panel_context(user, lead, extra.pop("dispute_form", None))
        | extra,
    )


@require_staff
def claims_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    return _page(request, user, lead_reads.lead_detail(user, pk))


@require_staff
@require_POST
def dispute_raise(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    lead = lead_reads.lead_detail(user, pk)
    if not permissions.may_edit(user, lead):
        raise PermissionDenied
    form = DisputeForm(request.POST)
    if form.is_valid():
        try:
            services.dispute_raise(claimant=lead, statement=form.cleaned_data["statement"], by=user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The dispute was sent to the bureau head."))
            return redirect("investment:claims", lead.pk)
    return _page(request, user, lead, dispute_form=form)


@require_staff
def dispute_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    may_settle = permissions.may_settle_disputes(user)
    disputes = list(selectors.disputes(user))
    return render(
        request,
        "investment/claim_disputes.html",
        {
            "section": "investment",
            "tab": "disputes",
            "may_configure": permissions.may_configure(user),
            "rows": [
                (d, DecisionForm(prefix=f"d{d.pk}") if may_settle and d.decision == "pending" else None)
                for d in disputes
            ],
        },
    )


@require_staff
@require_POST
def dispute_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    if not permissions.may_settle_disputes(user):
        raise PermissionDenied
    dispute = selectors.dispute(user, pk)
    form = DecisionForm(request.POST, prefix=f"d{dispute.pk}")
    if form.is_valid():
        try:
            services.dispute_decide(dispute=dispute, by=user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The dispute was decided."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("investment:disputes")


@require_staff
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    if not permissions.is_bureau(user):
        raise PermissionDenied
    lead = lead_reads.lead_detail(user, pk)
    form = MergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.lead_merge(
                survivor=lead, other=form.cleaned_data["other"], by=user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The leads were merged."))
            return redirect("investment:claims", lead.pk)
    return _page(request, user, lead, merge_form=form)


@require_staff
def convert(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    lead = lead_reads.lead_detail(user, pk)
    if not conversion.may_convert(user, lead):
        raise PermissionDenied
    form = ConvertForm(request.POST or None, initial=conversion.project_initial(lead))
    if request.method == "POST" and form.is_valid():
        try:
            project = conversion.lead_convert(lead=lead, data=form.cleaned_data, by=user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The lead became the major project %(code)s.") % {"code": project.code}
            )
            return redirect("projects:detail", project.pk)
    return _page(request, user, lead, convert_form=form)


urlpatterns: list[URLPattern] = [
    path("leads/<int:pk>/claims/", claims_page, name="claims"),
    path("leads/<int:pk>/claims/dispute/", dispute_raise, name="dispute_raise"),
    path("leads/<int:pk>/merge/", merge, name="merge"),
    path("leads/<int:pk>/convert/", convert, name="convert"),
    path("disputes/", dispute_list, name="disputes"),
    path("disputes/<int:pk>/decide/", dispute_decide, name="dispute_decide"),
]
