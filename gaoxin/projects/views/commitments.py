"""Project pages: a project's standard-parcel commitments (tab; obligations marked ``standard_parcel``) and the
yearly checks (对标验收) of all of them."""

from __future__ import annotations

from decimal import Decimal
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
from gaoxin.core import changelog
from gaoxin.core.downloads import download_response
from gaoxin.core.form_errors import add_service_errors
from gaoxin.core.tabular.columns import Column, TableSpec
from gaoxin.core.tabular.converters import Number, Text
from gaoxin.core.tabular.writing import write_xlsx
from gaoxin.projects import permissions, selectors
from gaoxin.projects.filters import CheckFilterSet
from gaoxin.projects.forms.commitments import CommitmentForm
from gaoxin.projects.models import ObligationCheck
from gaoxin.projects.selectors import commitments as commitment_reads
from gaoxin.projects.services import commitments as services


@require_staff
def project_commitments(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    project = selectors.project_for(user, pk)
    items = commitment_reads.project_commitments(project)
    return render(
        request,
        "projects/commitments.html",
        {
            "section": "projects",
            "project": project,
            "project_tab": "commitments",
            "commitments": items,
            "may_edit": permissions.may_edit(user, project),
            "history": changelog.history_for_many(items)[:50] if items else [],
        },
    )


@require_staff
def commitment_edit(request: HttpRequest, pk: int, commitment_pk: int | None = None) -> HttpResponse:
    user = acting_user(request)
    project = selectors.project_for(user, pk)
    commitment = None
    if commitment_pk is not None:
        commitment = commitment_reads.commitment(project, commitment_pk)
    if not permissions.may_edit(user, project):
        raise PermissionDenied
    form = CommitmentForm(request.POST or None, instance=commitment)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        try:
            services.commitment_save(project=project, obligation=commitment, data=data, by=user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Commitment saved."))
            return redirect("projects:commitments", project.pk)
    return render(
        request,
        "projects/commitment_form.html",
        {
            "section": "projects",
            "project": project,
            "project_tab": "commitments",
            "form": form,
            "commitment": commitment,
        },
    )


@require_staff
@require_POST
def commitment_delete(request: HttpRequest, pk: int, commitment_pk: int) -> HttpResponse:
    user = acting_user(request)
    project = selectors.project_for(user, pk)
    commitment = commitment_reads.commitment(project, commitment_pk)
    services.commitment_delete(obligation=commitment, by=user)
    messages.success(request, _("Commitment deleted."))
    return redirect("projects:commitments", project.pk)


def _filters(request: HttpRequest, user: User) -> CheckFilterSet:
    years = commitment_reads.check_years()
    default_year = years[0] if years else timezone.localdate().year - 1
    return CheckFilterSet(request.GET, queryset=commitment_reads.check_list(user), default_year=default_year)


@require_staff
def commitment_checks(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filters = _filters(request, user)
    checks = list(filters.qs)
    this_year = timezone.localdate().year
    years = sorted(
        {*commitment_reads.check_years(), filters.chosen_year, this_year - 1, this_year}, reverse=True
    )
    return render(
        request,
        "projects/commitment_checks.html",
        {
            "section": "projects",
            "tab": "commitments",
            "checks": checks,
            "filters": filters,
            "years": years,
            "units": selectors.filter_choices()["units"],
            "may_run": permissions.is_project_office(user),
            "may_configure": permissions.may_configure(user),
        },
    )


@require_staff
@require_POST
def commitment_checks_run(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.is_project_office(user):
        raise PermissionDenied
    today = timezone.localdate()
    run = services.run_obligation_checks(today=today, by=user, standard_parcel=True)
    failed = sum(run.by_status.get(status, 0) for status in commitment_reads.FAILED)
    messages.success(
        request,
        _("%(checked)s commitments checked for %(year)s, %(failed)s with shortfalls.")
        % {"checked": run.checked, "year": today.year, "failed": failed},
    )
    return redirect(f"{reverse('projects:commitment_checks')}?year={today.year}&status=failed")


def export_spec() -> TableSpec:
    return TableSpec(
        [
            Column("code", _("Project code"), converter=Text()),
            Column("project", _("Project"), converter=Text()),
            Column("owner", _("Owner enterprise"), converter=Text()),
            Column("unit", _("Responsible unit"), converter=Text()),
            Column("parcel", _("Land parcel"), converter=Text()),
            Column("year", _("Year"), converter=Number()),
            Column("indicator", _("Indicator"), converter=Text()),
            Column("committed", _("Committed"), converter=Number()),
            Column("actual", _("Actual"), converter=Number()),
            Column("result", _("Result"), converter=Text()),
        ]
    )


def export_row(check: ObligationCheck) -> dict[str, Any]:
    obligation = check.obligation
    project = obligation.project
    assert project is not None  # a standard-parcel commitment is a project's
    actual = services.shown_actual(check.figures)
    return {
        "code": project.code,
        "project": project.name,
        "owner": project.owner.name if project.owner else None,
        "unit": project.responsible_unit.short_name or project.responsible_unit.name,
        "parcel": str(obligation.parcel) if obligation.parcel else None,
        "year": check.year,
        "indicator": obligation.get_measure_display(),
        "committed": obligation.threshold,
        "actual": None if actual is None else Decimal(actual),
        "result": check.get_status_display(),
    }


@require_staff
def commitment_checks_export(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filters = _filters(request, user)
    checks = filters.qs
    content = write_xlsx(
        export_spec(),
        (export_row(check) for check in checks),
        sheet_name=_("Standard-parcel checks"),
        title=_("Standard-parcel checks %(year)s") % {"year": filters.chosen_year},
    )
    return download_response(content, f"标准地对标验收-{filters.chosen_year}.xlsx")


urlpatterns: list[URLPattern] = [
    path("<int:pk>/commitments/", project_commitments, name="commitments"),
    path("<int:pk>/commitments/new/", commitment_edit, name="commitment_create"),
    path("<int:pk>/commitments/<int:commitment_pk>/", commitment_edit, name="commitment_edit"),
    path("<int:pk>/commitments/<int:commitment_pk>/delete/", commitment_delete, name="commitment_delete"),
    path("commitment-checks/", commitment_checks, name="commitment_checks"),
    path("commitment-checks/run/", commitment_checks_run, name="commitment_checks_run"),
    path("commitment-checks/export/", commitment_checks_export, name="commitment_checks_export"),
]
