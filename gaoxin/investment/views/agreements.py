"""Investment agreements (投资协议) and their 履约: the list and its export, an agreement with its clauses and
incentives, the signings as counted, the 履约率 and the "三未" lists. The bureau edits; leaders and the leads'
owners read; enterprise contacts get 403."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from gaoxin.accounts.models import User
from gaoxin.accounts.permissions import acting_user, require_staff
from gaoxin.core import attachments
from gaoxin.core.downloads import download_response
from gaoxin.core.form_errors import add_service_errors
from gaoxin.core.tabular.columns import Column, TableSpec
from gaoxin.core.tabular.converters import Number, Text
from gaoxin.core.tabular.writing import write_xlsx
from gaoxin.investment import counting, permissions
from gaoxin.investment.filters import AgreementFilterSet
from gaoxin.investment.forms.agreements import AgreementForm, ClauseForm, IncentiveForm
from gaoxin.investment.models import Agreement
from gaoxin.investment.selectors import agreements as reads
from gaoxin.investment.selectors.leads import lead_detail, rules
from gaoxin.investment.services import agreements as services

PAGE_SIZE = 50
BAND_LABELS = {
    "100m": "≥1亿元",
    "1bn": "≥10亿元",
    "3bn": "≥30亿元",
    "5bn": "≥50亿元",
    "100m_usd": "≥1亿美元",
}


def _filters(request: HttpRequest, user: User) -> AgreementFilterSet:
    return AgreementFilterSet(request.GET, queryset=reads.agreement_list(user))


@require_staff
def agreement_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filters = _filters(request, user)
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    filing_days = rules().filing_days
    counted = reads.kinds(user)
    return render(
        request,
        "investment/agreements.html",
        {
            "section": "investment",
            "tab": "agreements",
            "filters": filters,
            "page": page,
            "rows": [(a, services.filed_late(a, filing_days), counted.get(a.pk)) for a in page.object_list],
            "kind_labels": KIND_LABELS,
            "choices": reads.filter_choices(user),
            "filing_days": filing_days,
        },
    )


def export_spec() -> TableSpec:
    return TableSpec(
        [
            Column("number", _("Agreement number"), converter=Text()),
            Column("title", _("Title"), converter=Text()),
            Column("lead", _("Lead"), converter=Text()),
            Column("investor", _("Investor at signing"), converter=Text()),
            Column("signed_on", _("Signed on"), converter=Text()),
            Column("filed_on", _("Filed on"), converter=Text()),
            Column("filed_late", pgettext("column", "Filed late"), converter=Text()),
            Column("unit", _("Responsible unit"), converter=Text()),
            Column("officer", _("Service officer"), converter=Text()),
            Column("total", _("Total investment (10k yuan)"), converter=Number()),
            Column("fixed", _("Fixed-asset investment (10k yuan)"), converter=Number()),
            Column("usd", _("Foreign investment (10k USD)"), converter=Number()),
            Column("sector", _("Sector"), converter=Text()),
            Column("kind", _("Counted as"), converter=Text()),
            Column("counted", _("Counted investment (10k yuan)"), converter=Number()),
        ]
    )


KIND_LABELS = {
    counting.SigningKind.FIRST: _("First signing"),
    counting.SigningKind.EXPANSION: _("Increment (capital increase, expansion)"),
    counting.SigningKind.NEW_INVESTOR: _("New investor"),
}


def export_row(
    agreement: Agreement, counted: counting.CountedSigning | None, filing_days: int
) -> dict[str, Any]:
    officer = agreement.service_officer
    unit = agreement.lead.responsible_unit
    return {
        "number": agreement.number,
        "title": agreement.title,
        "lead": agreement.lead.code,
        "investor": agreement.investor_name,
        "signed_on": agreement.signed_on.isoformat(),
        "filed_on": agreement.filed_on.isoformat() if agreement.filed_on else None,
        "filed_late": _("Yes") if services.filed_late(agreement, filing_days) else _("No"),
        "unit": unit.short_name or unit.name,
        "officer": (officer.display_name or officer.username) if officer else None,
        "total": agreement.total_investment,
        "fixed": agreement.fixed_asset_investment,
        "usd": agreement.foreign_investment_usd,
        "sector": _("Manufacturing") if agreement.is_manufacturing else _("Services"),
        "kind": str(KIND_LABELS[counted.kind]) if counted else _("Not counted"),
        "counted": counted.investment if counted else None,
    }


@require_staff
def agreement_export(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    counted = reads.kinds(user)
    filing_days = rules().filing_days
    content = write_xlsx(
        export_spec(),
        (export_row(a, counted.get(a.pk), filing_days) for a in _filters(request, user).qs),
        sheet_name=_("Investment agreements"),
        title=_("Investment agreements"),
    )
    return download_response(content, "投资协议.xlsx")


@require_staff
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    agreement = reads.agreement_detail(user, pk)
    return render(
        request,
        "investment/agreement_detail.html",
        {
            "section": "investment",
            "tab": "agreements",
            "agreement": agreement,
            "clauses": list(agreement.clauses.all()),
            "counted": reads.kinds(user).get(agreement.pk),
            "kind_labels": KIND_LABELS,
            "filed_late": services.filed_late(agreement, rules().filing_days),
            "filing_days": rules().filing_days,
            "may_edit": permissions.is_bureau(user),
        },
    )


def _form_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, template, {"section": "investment", "tab": "agreements", **context})


@require_staff
def agreement_edit(request: HttpRequest, pk: int | None = None, lead_pk: int | None = None) -> HttpResponse:
    user = acting_user(request)
    if not permissions.is_bureau(user):
        raise PermissionDenied
    agreement = reads.agreement_detail(user, pk) if pk is not None else None
    lead = lead_detail(user, lead_pk) if lead_pk is not None else None
    form = AgreementForm(request.POST or None, request.FILES or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        try:
            saved = services.agreement_save(data=data, by=user, lead=lead, agreement=agreement)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Agreement saved."))
            return redirect("investment:agreement_detail", saved.pk)
    return _form_page(
        request, "investment/agreement_form.html", {"form": form, "agreement": agreement, "lead": lead}
    )


@login_required
def agreement_document(request: HttpRequest, pk: int) -> FileResponse:
    agreement = reads.agreement_detail(acting_user(request), pk)  # out of scope (enterprise contacts): 404
    if not agreement.document:
        raise Http404
    return attachments.response(agreement.document, agreement.document.name.rsplit("/", 1)[-1])


@require_staff
def clause_edit(request: HttpRequest, pk: int, clause_pk: int | None = None) -> HttpResponse:
    user = acting_user(request)
    if not permissions.is_bureau(user):
        raise PermissionDenied
    agreement = reads.agreement_detail(user, pk)
    clause = reads.clause_of(agreement, clause_pk) if clause_pk is not None else None
    form = ClauseForm(request.POST or None, instance=clause.obligation if clause else None)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        try:
            services.clause_save(agreement=agreement, clause=clause, data=data, by=user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Clause saved."))
            return redirect("investment:agreement_detail", agreement.pk)
    return _form_page(
        request,
        "investment/agreement_clause_form.html",
        {"form": form, "agreement": agreement, "clause": clause},
    )


@require_staff
@require_POST
def clause_delete(request: HttpRequest, pk: int, clause_pk: int) -> HttpResponse:
    user = acting_user(request)
    agreement = reads.agreement_detail(user, pk)
    services.clause_delete(clause=reads.clause_of(agreement, clause_pk), by=user)
    messages.success(request, _("Clause deleted."))
    return redirect("investment:agreement_detail", agreement.pk)


@require_staff
def incentive_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    if not permissions.is_bureau(user):
        raise PermissionDenied
    agreement = reads.agreement_detail(user, pk)
    form = IncentiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.incentive_save(agreement=agreement, data=form.cleaned_data, by=user)
        messages.success(request, _("Incentive saved."))
        return redirect("investment:agreement_detail", agreement.pk)
    return _form_page(
        request, "investment/agreement_incentive_form.html", {"form": form, "agreement": agreement}
    )


@require_staff
@require_POST
def obligations_check(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.is_bureau(user):
        raise PermissionDenied
    run = services.check_obligations(by=user)
    messages.success(
        request,
        _(
            "%(checked)s obligations checked: %(breached)s newly breached, %(due)s reminded, %(issues)s problems opened."
        )
        % {
            "checked": run.checked,
            "breached": len(run.newly_breached),
            "due": len(run.due_soon),
            "issues": run.follow_ups,
        },
    )
    return redirect("investment:agreement_performance")


def _year(request: HttpRequest, years: list[int]) -> int:
    text = request.GET.get("year", "")
    if text.isdigit() and 2000 <= int(text) <= 2100:
        return int(text)
    return years[0] if years else timezone.localdate().year


@require_staff
def signings(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    years = reads.signing_years(user)
    year = _year(request, years)
    return _form_page(
        request,
        "investment/agreement_signings.html",
        {
            "tab": "signings",
            "year": year,
            "years": sorted({*years, year}, reverse=True),
            "periods": [
                (period, [period.tally.by_band.get(band.key, 0) for band in counting.DEFAULT_BANDS])
                for period in reads.signings_by_quarter(user, year)
            ],
            "bands": [BAND_LABELS.get(band.key, band.key) for band in counting.DEFAULT_BANDS],
        },
    )


PERFORMANCE_BY = ("officer", "unit", "year")


@require_staff
def performance(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    by = request.GET.get("by", "officer")
    if by not in PERFORMANCE_BY:
        by = "officer"
    return _form_page(
        request,
        "investment/agreement_performance.html",
        {
            "tab": "performance",
            "by": by,
            "rows": reads.performance(user, by, _("No service officer")),
            "may_run": permissions.is_bureau(user),
        },
    )


@require_staff
def three_not(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    lists = reads.three_not(user)
    return _form_page(
        request,
        "investment/agreement_three_not.html",
        {
            "tab": "three_not",
            "lists": [
                ("signed-not-landed", _("Signed, not landed"), lists.signed_not_landed),
                ("landed-not-started", _("Landed, not started"), lists.landed_not_started),
                ("started-not-completed", _("Started, not completed"), lists.started_not_completed),
            ],
        },
    )


urlpatterns: list[URLPattern] = [
    path("agreements/", agreement_list, name="agreement_list"),
    path("agreements/export/", agreement_export, name="agreement_export"),
    path("agreements/signings/", signings, name="agreement_signings"),
    path("agreements/performance/", performance, name="agreement_performance"),
    path("agreements/three-not/", three_not, name="agreement_three_not"),
    path("agreements/check/", obligations_check, name="obligations_check"),
    path("leads/<int:lead_pk>/agreements/new/", agreement_edit, name="agreement_create"),
    path("agreements/<int:pk>/", agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/document/", agreement_document, name="agreement_document"),
    path("agreements/<int:pk>/clauses/new/", clause_edit, name="agreement_clause_create"),
    path("agreements/<int:pk>/clauses/<int:clause_pk>/", clause_edit, name="agreement_clause_edit"),
    path(
        "agreements/<int:pk>/clauses/<int:clause_pk>/delete/", clause_delete, name="agreement_clause_delete"
    ),
    path("agreements/<int:pk>/incentives/new/", incentive_create, name="agreement_incentive_create"),
]
