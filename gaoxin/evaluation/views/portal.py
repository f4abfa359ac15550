"""The enterprise contact's own page: the data sheet of a year to confirm or object to (一企一单) and the
committee's answer to an objection, their result of each year once made public (one a year: the list in
publicity, or the final one) with the policies a published grade brings, and their objections — nothing
about any other enterprise."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.accounts.models import User
from gaoxin.accounts.permissions import acting_user
from gaoxin.core.changelog import json_value
from gaoxin.enterprises import selectors as enterprise_selectors
from gaoxin.enterprises.figures import number
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.enterprises.year_fields import YEAR_FIELDS
from gaoxin.evaluation import selectors, services
from gaoxin.evaluation.choices import RunStatus
from gaoxin.evaluation.entitlements import entitlements
from gaoxin.evaluation.filters import SheetYearFilterSet
from gaoxin.evaluation.forms import ConfirmationForm
from gaoxin.evaluation.views.request_handling import files_of, show_errors, show_form_errors


def _contact(request: HttpRequest) -> User:
    user = acting_user(request)
    if not user.is_enterprise_contact:
        raise PermissionDenied
    return user


@login_required
def portal(request: HttpRequest) -> HttpResponse:
    user = _contact(request)
    enterprise = user.enterprise
    assert enterprise is not None
    sheets = enterprise_selectors.sheets_of(enterprise)
    filters = SheetYearFilterSet(request.GET, years=[row.year for row in sheets])
    sheet = next((row for row in sheets if row.year == filters.chosen_year), None)
    confirmation = selectors.confirmation_of_year(user, sheet.year) if sheet else None
    labels = {name: EnterpriseYear._meta.get_field(name).verbose_name for name in YEAR_FIELDS}  # type: ignore[union-attr]
    rows = (
        [
            {
                "label": labels[name],
                "value": number(name, getattr(sheet, name)),
                "source": sheet.source_of(name),
                "changed": confirmation is not None
                and name in confirmation.values
                and confirmation.values[name] != json_value(getattr(sheet, name)),
            }
            for name in YEAR_FIELDS
        ]
        if sheet
        else []
    )
    results = selectors.own_results(user)
    policies = selectors.active_policies()
    published = [result for result in results if result.run.status == RunStatus.PUBLISHED]
    granted = {
        result.pk: [
            item
            for item in entitlements(
                [result], policies, selectors.escalation_streaks(result.run, policies, [result.enterprise_id])
            )[result.pk]
            if item.value is not None
        ]
        for result in published
    }
    return render(
        request,
        "evaluation/portal.html",
        {
            "section": "evaluation",
            "enterprise": enterprise,
            "sheets": sheets,
            "filters": filters,
            "sheet": sheet,
            "rows": rows,
            "confirmation": confirmation,
            "form": ConfirmationForm() if sheet else None,
            "results": [(result, granted.get(result.pk)) for result in results],
            "objections": list(selectors.objection_list(user)),
        },
        status=400 if filters.problems else 200,
    )


@login_required
@require_POST
def portal_confirm(request: HttpRequest, year: int) -> HttpResponse:
    user = _contact(request)
    form = ConfirmationForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.confirmation_submit(
                enterprise=user.enterprise,  # type: ignore[arg-type]
                year=year,
                status=form.cleaned_data["status"],
                comment=form.cleaned_data["comment"],
                files=files_of(request),
                by=user,
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("Thank you: your answer has been recorded."))
    else:
        show_form_errors(request, form)
    return redirect(f"{reverse('evaluation:portal')}?year={year}")
