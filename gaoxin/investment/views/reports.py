"""The 五个一 of investment promotion (weekly summary, monthly bulletin, rankings) on the page and as .xlsx and
.docx; and the yearly targets they judge (the bureau sets them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.accounts.models import User
from gaoxin.accounts.permissions import acting_user, require_staff
from gaoxin.core.downloads import download_response
from gaoxin.core.form_errors import add_service_errors
from gaoxin.core.reports import output
from gaoxin.core.reports.content import ReportDocument
from gaoxin.investment import permissions, reports
from gaoxin.investment.forms.reports import MONTHLY, WEEKLY, ReportForm, TargetForm
from gaoxin.investment.selectors import targets as target_reads
from gaoxin.investment.selectors.leads import rules
from gaoxin.investment.services import targets as services


def _document(choice: dict[str, Any], today: dt.date) -> tuple[ReportDocument, str]:
    """The report chosen and the stem of its file name."""
    issued_by = rules().issuing_body
    if choice["kind"] == WEEKLY:
        week: dt.date = choice["week"]
        return reports.weekly_summary(week, today=today, issued_by=issued_by), f"weekly-{week.isoformat()}"
    year: int = choice["year"]
    if choice["kind"] == MONTHLY:
        month: int = choice["month"]
        document = reports.monthly_bulletin(year, month, today=today, issued_by=issued_by)
        return document, f"monthly-{year}-{month:02d}"
    period: str = choice["period"]
    return reports.ranking(year, period, today=today, issued_by=issued_by), f"ranking-{year}-{period}"


@require_staff
def report_page(request: HttpRequest) -> HttpResponse:
    """The report chosen, previewed; ``?format=xlsx`` or ``docx`` downloads it."""
    user = acting_user(request)
    today = timezone.localdate()
    form = ReportForm(request.GET, today=today)
    choice = form.choice()
    document, stem = _document(choice, today)
    kind = request.GET.get("format", "")
    name = _("investment-%(report)s") % {"report": stem}
    if kind == "xlsx":
        return download_response(output.report_xlsx(document), f"{name}.xlsx")
    if kind == "docx":
        return download_response(output.report_docx(document), f"{name}.docx")
    return render(
        request,
        "investment/reports.html",
        {
            "section": "investment",
            "tab": "reports",
            "may_configure": permissions.may_configure(user),
            "form": form,
            "choice": choice,
            "document": document,
            "figures": output.page_figures(document),
            "sections": [
                (section, [output.page_table(table) for table in section.tables])
                for section in document.sections
            ],
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _configurer(request: HttpRequest) -> User:
    user = acting_user(request)
    if not permissions.may_configure(user):
        raise PermissionDenied
    return user


@require_staff
def target_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    years = target_reads.target_years()
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and int(year_text) in years else timezone.localdate().year
    return render(
        request,
        "investment/targets.html",
        {
            "section": "investment",
            "tab": "targets",
            "may_configure": permissions.may_configure(user),
            "year": year,
            "years": sorted({*years, year}, reverse=True),
            "targets": target_reads.targets_of_year(year),
        },
    )


@require_staff
def target_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = _configurer(request)
    target = target_reads.target(pk) if pk else None
    form = TargetForm(request.POST or None, instance=target, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.target_save(data=form.cleaned_data, target=target, by=user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(f"{reverse('investment:targets')}?year={saved.year}")
    return render(
        request,
        "investment/target_form.html",
        {
            "section": "investment",
            "tab": "targets",
            "may_configure": True,
            "form": form,
            "title": str(target) if target else _("New target"),
        },
    )


@require_staff
@require_POST
def target_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = _configurer(request)
    target = target_reads.target(pk)
    services.target_delete(target=target, by=user)
    messages.success(request, _("Target removed."))
    return redirect(f"{reverse('investment:targets')}?year={target.year}")


urlpatterns: list[URLPattern] = [
    path("reports/", report_page, name="reports"),
    path("targets/", target_list, name="targets"),
    path("targets/new/", target_edit, name="target_create"),
    path("targets/<int:pk>/", target_edit, name="target_edit"),
    path("targets/<int:pk>/delete/", target_delete, name="target_delete"),
]
