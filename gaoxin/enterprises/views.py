from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gaoxin.accounts.choices import Capability
from gaoxin.accounts.permissions import acting_user, require_capability, require_staff
from gaoxin.core import changelog
from gaoxin.core.charts import line_chart
from gaoxin.core.form_errors import add_service_errors
from gaoxin.enterprises import exports, figures, selectors, services
from gaoxin.enterprises.choices import EnterpriseStatus, LandUse, Scale
from gaoxin.enterprises.filters import EnterpriseFilterSet, ParcelFilterSet
from gaoxin.enterprises.forms import EnterpriseForm, LeaseForm, ParcelForm, YearForm
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.enterprises.year_fields import YEAR_FIELDS

PAGE_SIZE = 50


@require_staff
def enterprise_suggest(request: HttpRequest) -> HttpResponse:
    """The enterprises matching what is typed into an enterprise field (``form_fields.EnterpriseCodeField``), as
    a list to pick from. htmx names the field in ``HX-Trigger-Name``; without htmx, ``?q=``."""
    name = request.headers.get("HX-Trigger-Name") or "q"
    found = selectors.suggestions(acting_user(request), request.GET.get(name, ""))
    return render(request, "enterprises/suggestions.html", {"enterprises": found})


@login_required
def enterprise_list(request: HttpRequest) -> HttpResponse:
    filters = EnterpriseFilterSet(request.GET, queryset=selectors.enterprise_list(acting_user(request)))
    enterprises = filters.qs
    if request.GET.get("export") == "xlsx":
        return exports.enterprises_response(enterprises)
    page = Paginator(enterprises, PAGE_SIZE).get_page(request.GET.get("page"))
    latest = selectors.latest_years(list(page.object_list))
    rows = [(e, latest.get(e.pk)) for e in page.object_list]
    return render(
        request,
        "enterprises/list.html",
        {
            "section": "enterprises",
            "page": page,
            "rows": rows,
            "headers": exports.list_headers(),
            "filters": filters,
            "scales": Scale.choices,
            "statuses": EnterpriseStatus.choices,
            "can_edit": acting_user(request).can_act_on(Capability.REGISTRY),
            **selectors.filter_choices(),
        },
    )


@login_required
def enterprise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = selectors.enterprise_detail(acting_user(request), pk)
    years = list(enterprise.years.all())
    history = changelog.history_for_many([enterprise, *years])[:100]
    chart = line_chart(
        categories=[y.year for y in years],
        series=[
            (_("Tax paid"), [y.tax for y in years]),
            (_("Operating revenue"), [y.revenue for y in years]),
            (_("Industrial value added"), [y.value_added for y in years]),
        ],
        unit=_("10k yuan"),
    )
    per_mu = line_chart(
        categories=[y.year for y in years],
        series=[
            (_("Tax per mu"), [y.tax / y.land_mu if y.tax is not None and y.land_mu else None for y in years])
        ],
        unit=_("10k yuan per mu"),
    )
    year_rows = [
        {
            "year": y,
            "cells": [
                (name, figures.number(name, getattr(y, name)), y.source_of(name), y.is_confirmed(name))
                for name in YEAR_FIELDS
            ],
        }
        for y in reversed(years)
    ]
    return render(
        request,
        "enterprises/detail.html",
        {
            "section": "enterprises",
            "enterprise": enterprise,
            "year_rows": year_rows,
            "year_labels": [EnterpriseYear._meta.get_field(n).verbose_name for n in YEAR_FIELDS],  # type: ignore[union-attr]
            "history": history,
            "trend_chart": chart,
            "per_mu_chart": per_mu,
            "can_edit": acting_user(request).can_act_on(Capability.REGISTRY),
        },
    )


@require_capability(Capability.REGISTRY)
def enterprise_create(request: HttpRequest) -> HttpResponse:
    form = EnterpriseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enterprise = services.enterprise_create(
                data=form.registry_data(), chains=form.cleaned_data["chains"], by=acting_user(request)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Enterprise %(name)s was created.") % {"name": enterprise.name})
            return redirect("enterprises:detail", enterprise.pk)
    return render(
        request, "enterprises/form.html", {"section": "enterprises", "form": form, "creating": True}
    )


@require_capability(Capability.REGISTRY)
def enterprise_edit(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = selectors.enterprise_get(acting_user(request), pk)
    form = EnterpriseForm(request.POST or None, instance=enterprise)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.enterprise_update(
                enterprise=enterprise,
                data=form.registry_data(),
                chains=form.cleaned_data["chains"],
                by=acting_user(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if changed:
                messages.success(request, _("Saved: %(n)d fields changed.") % {"n": len(changed)})
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("enterprises:detail", enterprise.pk)
    return render(
        request, "enterprises/form.html", {"section": "enterprises", "form": form, "enterprise": enterprise}
    )


@require_capability(Capability.REGISTRY)
def year_edit(request: HttpRequest, pk: int, year: int | None = None) -> HttpResponse:
    enterprise = selectors.enterprise_get(acting_user(request), pk)
    instance = selectors.year_get(enterprise, year) if year else None
    form = YearForm(
        request.POST or None,
        instance=instance or EnterpriseYear(enterprise=enterprise),
        user=acting_user(request),
    )
    if request.method == "POST" and form.is_valid():
        values = form.values()
        try:
            services.year_save(
                enterprise=enterprise,
                year=form.cleaned_data["year"],
                values=values,
                sources=dict.fromkeys(values, form.cleaned_data["source"]),
                by=acting_user(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Yearly data saved."))
            return redirect("enterprises:detail", enterprise.pk)
    return render(
        request,
        "enterprises/year_form.html",
        {"section": "enterprises", "form": form, "enterprise": enterprise},
    )


@require_capability(Capability.REGISTRY)
def lease_add(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = selectors.enterprise_get(acting_user(request), pk)
    form = LeaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.lease_save(data={**form.cleaned_data, "lessee": enterprise}, by=acting_user(request))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Lease recorded."))
            return redirect("enterprises:detail", enterprise.pk)
    return render(
        request,
        "enterprises/lease_form.html",
        {"section": "enterprises", "form": form, "enterprise": enterprise},
    )


@require_staff
def parcel_list(request: HttpRequest) -> HttpResponse:
    filters = ParcelFilterSet(request.GET, queryset=selectors.parcel_list(acting_user(request)))
    parcels = filters.qs
    if request.GET.get("export") == "xlsx":
        return exports.parcels_response(parcels)
    page = Paginator(parcels, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "enterprises/parcel_list.html",
        {
            "section": "parcels",
            "page": page,
            "filters": filters,
            "parks": selectors.parks(),
            "uses": LandUse.choices,
            "can_edit": acting_user(request).can_act_on(Capability.REGISTRY),
        },
    )


@require_staff
def parcel_detail(request: HttpRequest, pk: int) -> HttpResponse:
    parcel = selectors.parcel_detail(acting_user(request), pk)
    return render(
        request,
        "enterprises/parcel_detail.html",
        {
            "section": "parcels",
            "parcel": parcel,
            "leases": parcel.leases.all(),
            "history": changelog.history(parcel)[:50],
            "can_edit": acting_user(request).can_act_on(Capability.REGISTRY),
        },
    )


@require_capability(Capability.REGISTRY)
def parcel_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    parcel = selectors.parcel_get(acting_user(request), pk) if pk else None
    form = ParcelForm(request.POST or None, instance=parcel)
    if request.method == "POST" and form.is_valid():
        try:
            parcel = services.parcel_save(parcel=parcel, data=form.cleaned_data, by=acting_user(request))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Parcel saved."))
            return redirect("enterprises:parcel_detail", parcel.pk)
    return render(
        request, "enterprises/parcel_form.html", {"section": "parcels", "form": form, "parcel": parcel}
    )
