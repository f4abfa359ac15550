"""Visit pages: the list with red flags, recording a visit, a visit with the requests raised from it, the visit
plans, and coverage."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.accounts.permissions import acting_user, require_staff
from gaoxin.core import changelog
from gaoxin.core.downloads import download_response
from gaoxin.core.form_errors import add_service_errors
from gaoxin.servicedesk import list_exports, permissions, selectors
from gaoxin.servicedesk.choices import RedFlag, VisitTopic
from gaoxin.servicedesk.filters import CoverageFilterSet, PlanFilterSet, VisitFilterSet
from gaoxin.servicedesk.forms import VisitForm, VisitPlanForm
from gaoxin.servicedesk.services import visits as visit_services


@require_staff
def visit_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filters = VisitFilterSet(request.GET, queryset=selectors.visit_list(user), this_year=True)
    visits = filters.qs
    if request.GET.get("export") == "xlsx":  # the rows the list shows
        name = _("visits-%(date)s.xlsx") % {"date": timezone.localdate().isoformat()}
        return download_response(list_exports.visits_xlsx(visits), name)
    page = Paginator(visits, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "servicedesk/visit_list.html",
        {
            "section": "visits",
            "page": page,
            "filters": filters,
            "year": filters.data.get("year"),
            "red_flags": RedFlag.choices,
            "flag_labels": dict(RedFlag.choices),
            "topic_labels": dict(VisitTopic.choices),
            "can_record": permissions.may_record_visits(user),
        },
    )


@require_staff
def visit_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = acting_user(request)
    visit = selectors.visit(user, pk) if pk else None
    plan = selectors.open_plan(user, request.GET.get("plan", ""))
    initial = {"visited_on": timezone.localdate(), "officers": [user.pk]}
    if plan is not None:
        initial.update({"enterprise": plan.enterprise_id, "officers": [plan.officer_id]})
    form = VisitForm(request.POST or None, instance=visit, initial=initial if visit is None else None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "officers"}
        try:
            saved = visit_services.visit_save(
                visit=visit, data=data, officers=form.cleaned_data["officers"], by=user, plan=plan
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Visit saved."))
            return redirect("servicedesk:visit_detail", saved.pk)
    return render(
        request,
        "servicedesk/visit_form.html",
        {"section": "visits", "form": form, "visit": visit, "plan": plan},
    )


@require_staff
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    visit = selectors.visit_detail(user, pk)
    return render(
        request,
        "servicedesk/visit_detail.html",
        {
            "section": "visits",
            "visit": visit,
            "requests": selectors.visit_requests(user, visit),
            "topic_labels": [label for value, label in VisitTopic.choices if value in visit.topics],
            "flag_labels": [label for value, label in RedFlag.choices if value in visit.red_flags],
            "can_raise": permissions.may_create(user),
            "can_edit": permissions.may_record_visits(user),
            "history": changelog.history(visit)[:30],
        },
    )


@require_staff
def plan_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if request.method == "POST" and not permissions.may_record_visits(user):
        raise PermissionDenied
    form = VisitPlanForm(request.POST or None, initial={"officer": user.pk})
    if request.method == "POST" and form.is_valid():
        try:
            visit_services.plan_save(data=form.cleaned_data, by=user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Visit planned."))
            return redirect("servicedesk:plan_list")
    today = timezone.localdate()
    filters = PlanFilterSet(request.GET, queryset=selectors.plan_list(user), request=request)
    plans, year = filters.qs, filters.chosen_year
    page = Paginator(plans, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "servicedesk/plan_list.html",
        {
            "section": "visits",
            "page": page,
            "form": form,
            "today": today,
            "filters": filters,
            "year": year,
            "other_years": [other for other in selectors.plan_years(user) if other != year],
            "status": selectors.plan_status(plans, today),
            "can_plan": permissions.may_record_visits(user),
        },
        status=400 if filters.problems else 200,
    )


@require_staff
def visit_coverage(request: HttpRequest) -> HttpResponse:
    filters = CoverageFilterSet(request.GET)
    data = selectors.visit_coverage(acting_user(request), filters.chosen_year)
    return render(
        request,
        "servicedesk/coverage.html",
        {"section": "visits", "filters": filters, **data},
        status=400 if filters.problems else 200,
    )
