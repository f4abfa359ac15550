"""Project pages: monthly investment — a project's investment tab, its monthly report and plan forms, the Excel
import of monthly reports, the monthly overview with its export, and the module's settings (the light rule)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.accounts.models import User
from gaoxin.accounts.permissions import acting_user, require_staff
from gaoxin.core import charts, upload_imports
from gaoxin.core.downloads import download_response
from gaoxin.core.filters import refused
from gaoxin.core.form_errors import add_service_errors
from gaoxin.projects import (
    investment_progress,
    lights,
    permissions,
    report_import,
    selectors,
    tasks,
)
from gaoxin.projects.choices import REPORT_IMPORT_JOB, Light
from gaoxin.projects.display import describe_reasons
from gaoxin.projects.filters import OverviewFilterSet, ReportMonthFilterSet
from gaoxin.projects.forms.progress import (
    AnnualPlanForm,
    LightRuleForm,
    OfficeSettingsForm,
    ReportForm,
    ReportImportForm,
)
from gaoxin.projects.models import Project
from gaoxin.projects.selectors import figures, overview, rules
from gaoxin.projects.selectors import investment as investment_reads
from gaoxin.projects.services import office, progress

PAGE_SIZE = 50
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def _editable_project(request: HttpRequest, pk: int) -> tuple[User, Project]:
    user = acting_user(request)
    project = selectors.project_for(user, pk)
    if not permissions.may_edit(user, project):
        raise PermissionDenied
    return user, project


def _investment_chart(figures: investment_progress.YearFigures) -> dict[str, Any]:
    months = figures.months
    option = charts.bar_chart(
        categories=[_("Month %(m)s") % {"m": row.month} for row in months],
        series=[
            (_("Planned"), [row.planned for row in months]),
            (_("Completed"), [row.completed for row in months]),
            (_("Cumulative completed"), [row.cumulative for row in months]),
            (_("Time progress of the annual plan"), [row.time_progress_amount for row in months]),
        ],
        unit=_("10k yuan"),
    )
    for series in option["series"][2:]:
        series["type"] = "line"
    option["series"][3]["lineStyle"] = {"type": "dashed"}
    return option


@require_staff
def investment(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    project = selectors.project_for(user, pk)
    report_year, report_month = lights.report_month(timezone.localdate())
    filters = ReportMonthFilterSet(request.GET)
    year = filters.chosen_month[0]
    plan = investment_reads.annual_plan(project, year)
    months = investment_reads.month_figures(project, year)
    through = investment_progress.through_month_for(year, report_year, report_month)
    year_figures = investment_progress.year_figures(
        year=year, annual_plan=plan, months=months, through_month=through
    )
    headline = figures.project_month(project, year, through)  # the one definition of the figures
    years = sorted({*investment_reads.plan_years(project), report_year, year})
    may_edit = permissions.may_edit(user, project)
    return render(
        request,
        "projects/progress_investment.html",
        {
            "section": "projects",
            "project": project,
            "project_tab": "investment",
            "filters": filters,
            "year": year,
            "years": years,
            "figures": year_figures,
            "headline": headline,
            "early_spending": progress.early_spending(project),
            "reasons": describe_reasons(project.light_reasons),
            "chart": _investment_chart(year_figures),
            "may_edit": may_edit,
            "report_form": ReportForm(initial={"year": report_year, "month": report_month})
            if may_edit
            else None,
        },
        status=400 if filters.problems else 200,
    )


@require_staff
def report(request: HttpRequest, pk: int) -> HttpResponse:
    user, project = _editable_project(request, pk)
    form = ReportForm(request.POST or None)
    filters = ReportMonthFilterSet(request.GET)
    if request.method == "GET":
        year, month = filters.chosen_month
        stored = investment_reads.monthly_report(project, year, month)
        initial: dict[str, Any] = {"year": year, "month": month}
        if stored is not None:
            initial.update(
                completed=stored.completed, planned=stored.planned, physical_progress=stored.physical_progress
            )
        form = ReportForm(initial=initial)
    elif form.is_valid():
        data = form.cleaned_data
        try:
            progress.file_report(
                project=project,
                year=data["year"],
                month=data["month"],
                completed=data["completed"],
                planned=data["planned"],
                physical_progress=data["physical_progress"],
                by=user,
            )
        except ValidationError as problem:
            add_service_errors(form, problem)
        else:
            messages.success(
                request,
                _("The report of %(year)s-%(month)02d was saved; the light is now: %(light)s.")
                % {"year": data["year"], "month": data["month"], "light": project.get_light_display()},
            )
            return redirect(f"{reverse('projects:investment', args=[project.pk])}?year={data['year']}")
    return render(
        request,
        "projects/progress_report.html",
        {
            "section": "projects",
            "project": project,
            "project_tab": "investment",
            "form": form,
            "filters": filters,
        },
        status=400 if filters.problems else 200,
    )


@require_staff
def investment_plan(request: HttpRequest, pk: int) -> HttpResponse:
    user, project = _editable_project(request, pk)
    form = AnnualPlanForm(request.POST or None)
    filters = ReportMonthFilterSet(request.GET)
    if request.method == "GET":
        year = filters.chosen_month[0]
        initial: dict[str, Any] = {
            "year": year,
            "amount": investment_reads.annual_plan(project, year),
        }
        for month, planned in investment_reads.planned_by_month(project, year).items():
            initial[f"month_{month}"] = planned
        form = AnnualPlanForm(initial=initial)
    elif form.is_valid():
        year = form.cleaned_data["year"]
        try:
            progress.set_annual_plan(
                project=project,
                year=year,
                amount=form.cleaned_data["amount"],
                monthly=form.monthly(),
                by=user,
            )
        except ValidationError as problem:
            add_service_errors(form, problem)
        else:
            messages.success(request, _("The investment plan of %(year)s was saved.") % {"year": year})
            return redirect(f"{reverse('projects:investment', args=[project.pk])}?year={year}")
    return render(
        request,
        "projects/progress_plan.html",
        {
            "section": "projects",
            "project": project,
            "project_tab": "investment",
            "form": form,
            "filters": filters,
        },
        status=400 if filters.problems else 200,
    )


def _importer(request: HttpRequest) -> User:
    user = acting_user(request)
    if not permissions.may_import_reports(user):
        raise PermissionDenied
    return user


@require_staff
def report_import_view(request: HttpRequest) -> HttpResponse:
    """Upload a file: kept and checked in the worker; its job page shows the problems and asks to confirm."""
    user = _importer(request)
    form = ReportImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = upload_imports.start(
                name=REPORT_IMPORT_JOB,
                upload=form.cleaned_data["file"],
                by=user,
                options={"valid_only": False},
                check=tasks.check_report_import,
                max_bytes=MAX_UPLOAD_BYTES,
            )
        except upload_imports.UploadRejected as rejected:
            form.add_error("file", str(rejected))
        else:
            return redirect("projects:report_import_job", job.id)
    return render(
        request,
        "projects/progress_import.html",
        {
            "section": "projects",
            "tab": "overview",
            "form": form,
            "recent": investment_reads.report_imports(user)[:10],
        },
    )


@require_staff
def report_import_job(request: HttpRequest, job_id: UUID) -> HttpResponse:
    """An upload's progress (polled), then its problems by row and column and the confirmation, then the result."""
    job = investment_reads.report_import_job(_importer(request), job_id)
    return render(
        request,
        "projects/progress_import_job.html",
        {"section": "projects", "tab": "overview", **upload_imports.page_context(job)},
    )


@require_staff
@require_POST
def report_import_confirm(request: HttpRequest) -> HttpResponse:
    """Store a checked upload (the ``job`` field) in the worker: all rows, or with ``valid_only=1`` the valid
    ones. Only an upload whose job the user may follow (``core.jobs.for_user``)."""
    user = _importer(request)
    try:
        job_id = UUID(request.POST.get("job", ""))
    except ValueError:
        job = None
    else:
        job = investment_reads.find_report_import(user, job_id)
    if job is None:
        messages.error(request, _("This import is not waiting for confirmation; upload the file again."))
        return redirect("projects:report_import")
    problem = upload_imports.confirm(
        job=job, valid_only=request.POST.get("valid_only") == "1", store=tasks.store_report_import
    )
    if problem:
        messages.error(request, problem)
    return redirect("projects:report_import_job", job.id)


@require_staff
@require_POST
def report_import_retry(request: HttpRequest, job_id: UUID) -> HttpResponse:
    """Run again the phase of an upload whose worker died; its file was kept."""
    job = investment_reads.report_import_job(_importer(request), job_id)
    problem = upload_imports.retry(job=job, check=tasks.check_report_import, store=tasks.store_report_import)
    if problem:
        messages.error(request, problem)
    return redirect("projects:report_import_job", job.id)


@require_staff
def report_import_template(request: HttpRequest) -> HttpResponse:
    if not permissions.may_import_reports(acting_user(request)):
        raise PermissionDenied
    return download_response(report_import.template(), "重大项目月度投资填报模板.xlsx")


def _overview_filters(request: HttpRequest) -> OverviewFilterSet:
    return OverviewFilterSet(request.GET, queryset=selectors.project_list(acting_user(request)))


def _overview(filters: OverviewFilterSet) -> overview.Overview:
    year, month = filters.chosen_month
    return overview.monthly_overview(
        filters.qs, year=year, month=month, light=filters.chosen_light, sort=filters.current_sort
    )


@require_staff
def overview_page(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filters = _overview_filters(request)
    result = _overview(filters)
    page = Paginator(result.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "projects/overview.html",
        {
            "section": "projects",
            "tab": "overview",
            "overview": result,
            "filters": filters,
            "page": page,
            "stages": [s for s in result.stages if s.is_active],
            "units": result.units,
            "lights": Light.choices,
            "months": range(1, 13),
            "light_chart": overview.light_chart(result.light_counts),
            "may_configure": permissions.may_configure(user),
            "may_import": permissions.may_import_reports(user),
        },
        status=400 if filters.problems else 200,
    )


@require_staff
def overview_export(request: HttpRequest) -> HttpResponse:
    filters = _overview_filters(request)
    if filters.problems:
        return refused(request, filters)
    result = _overview(filters)
    return download_response(
        overview.overview_xlsx(result), f"重大项目月度总览_{result.year}年{result.month}月.xlsx"
    )


@require_staff
def settings_page(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.may_configure(user):
        raise PermissionDenied
    current = investment_reads.light_rules().first()
    form = LightRuleForm(request.POST or None, instance=None if request.method == "POST" else current)
    if request.method == "POST" and form.is_valid():
        try:
            progress.update_light_rule(data=form.cleaned_data, by=user)
        except ValidationError as problem:
            add_service_errors(form, problem)
        else:
            messages.success(
                request, _("The light rule was saved; every project's light is being recomputed.")
            )
            return redirect("projects:settings")
    return render(
        request,
        "projects/settings.html",
        {
            "section": "projects",
            "tab": "settings",
            "form": form,
            "history": investment_reads.light_rules()[:10],
            "office_form": OfficeSettingsForm(instance=rules.current_office_settings()),
            "may_configure": True,
        },
    )


@require_staff
@require_POST
def office_settings(request: HttpRequest) -> HttpResponse:
    """The issuing body of the module's documents and how early spending is treated."""
    user = acting_user(request)
    if not permissions.may_configure(user):
        raise PermissionDenied
    form = OfficeSettingsForm(request.POST)
    if form.is_valid():
        try:
            office.office_settings_save(data=form.cleaned_data, by=user)
        except ValidationError as problem:
            add_service_errors(form, problem)
        else:
            messages.success(request, _("The settings of the project office were saved."))
            return redirect("projects:settings")
    for error in [*form.non_field_errors(), *(e for f in form for e in f.errors)]:
        messages.error(request, error)
    return redirect("projects:settings")


urlpatterns: list[URLPattern] = [
    path("<int:pk>/investment/", investment, name="investment"),
    path("<int:pk>/report/", report, name="report"),
    path("<int:pk>/investment/plan/", investment_plan, name="investment_plan"),
    path("reports/import/", report_import_view, name="report_import"),
    path("reports/import/<uuid:job_id>/", report_import_job, name="report_import_job"),
    path("reports/import/confirm/", report_import_confirm, name="report_import_confirm"),
    path("reports/import/<uuid:job_id>/retry/", report_import_retry, name="report_import_retry"),
    path("reports/import/template/", report_import_template, name="report_import_template"),
    path("overview/", overview_page, name="overview"),
    path("overview/export/", overview_export, name="overview_export"),
    path("settings/", settings_page, name="settings"),
    path("settings/office/", office_settings, name="office_settings"),
]
