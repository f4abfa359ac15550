"""Project pages: the list with filters and export, a project's profile, creating and editing, stage
transitions, and the "N个一批" view."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.accounts.permissions import acting_user, require_staff
from gaoxin.core import attachments, changelog
from gaoxin.core.charts import bar_chart
from gaoxin.core.downloads import download_response
from gaoxin.core.form_errors import add_service_errors
from gaoxin.projects import exports, permissions, selectors
from gaoxin.projects.filters import BatchFilterSet, ProjectFilterSet
from gaoxin.projects.forms.projects import ProjectForm, TransitionForm
from gaoxin.projects.selectors import batches
from gaoxin.projects.services import projects as services

PAGE_SIZE = 50


@require_staff
def project_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filters = ProjectFilterSet(request.GET, queryset=selectors.project_list(user))
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "projects/list.html",
        {
            "section": "projects",
            "tab": "list",
            "page": page,
            "filters": filters,
            "may_create": permissions.may_create(user),
            "may_configure": permissions.may_configure(user),
            **selectors.filter_choices(),
        },
    )


@require_staff
def project_export(request: HttpRequest) -> HttpResponse:
    projects = ProjectFilterSet(request.GET, queryset=selectors.project_export(acting_user(request))).qs
    name = _("major-projects-%(date)s.xlsx") % {"date": timezone.localdate().isoformat()}
    return download_response(exports.projects_xlsx(projects), name)


@require_staff
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    project = selectors.project_for(user, pk)
    transitions = selectors.transitions(project)
    may_edit = permissions.may_edit(user, project)
    return render(
        request,
        "projects/detail.html",
        {
            "section": "projects",
            "project": project,
            "project_tab": "detail",
            "transitions": transitions,
            "history": changelog.history(project)[:50],
            "may_edit": may_edit,
            "location_warning": services.location_warning(project),
            "transition_form": TransitionForm(initial={"on": timezone.localdate()}) if may_edit else None,
        },
    )


@require_staff
def project_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = acting_user(request)
    project = selectors.project_for(user, pk) if pk else None
    if project is None and not permissions.may_create(user):
        raise PermissionDenied
    if project is not None and not permissions.may_edit(user, project):
        raise PermissionDenied
    form = ProjectForm(
        request.POST or None, instance=project, may_move_unit=permissions.is_project_office(user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            if project is None:
                project = services.project_create(data=form.profile_data(), by=user)
                messages.success(request, _("Project created."))
            else:
                changed = services.project_update(project=project, data=form.profile_data(), by=user)
                if changed:
                    messages.success(request, _("Saved: %(n)d fields changed.") % {"n": len(changed)})
                else:
                    messages.info(request, _("Nothing was changed."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            warning = services.location_warning(project)
            if warning:
                messages.warning(request, warning)
            return redirect("projects:detail", project.pk)
    return render(request, "projects/form.html", {"section": "projects", "form": form, "project": project})


@require_staff
def project_transition(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    project = selectors.project_for(user, pk)
    if not permissions.may_edit(user, project):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("projects:detail", project.pk)
    form = TransitionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.transition(
                project=project,
                to_stage=form.cleaned_data["to_stage"],
                on=form.cleaned_data["on"],
                evidence=form.cleaned_data["evidence"],
                reason=form.cleaned_data["reason"],
                attachment=form.cleaned_data["attachment"],
                by=user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The project moved to %(stage)s.") % {"stage": form.cleaned_data["to_stage"]}
            )
            return redirect("projects:detail", project.pk)
    for problem in [*form.non_field_errors(), *(e for f in form for e in f.errors)]:
        messages.error(request, problem)
    return redirect("projects:detail", project.pk)


@login_required
def transition_attachment(request: HttpRequest, pk: int, transition_id: int) -> FileResponse:
    project = selectors.project_for(acting_user(request), pk)  # out of scope (enterprise contacts): 404
    moved = selectors.transition(project, transition_id)
    if not moved.attachment:
        raise Http404
    return attachments.response(moved.attachment, moved.attachment.name.split("/")[-1])


@require_staff
def project_batches(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filters = BatchFilterSet(request.GET)
    year = filters.chosen_year
    result = batches.batches(selectors.active_projects(user), year)
    chart = bar_chart(
        categories=[row.stage.name for row in result.stages],
        series=[
            (_("Reached in %(year)s") % {"year": year}, [row.reached for row in result.stages]),
            (_("In the stage now"), [row.current for row in result.stages]),
        ],
        unit=_("projects"),
    )
    return render(
        request,
        "projects/batches.html",
        {
            "section": "projects",
            "tab": "batches",
            "filters": filters,
            "year": year,
            "years": range(timezone.localdate().year + 1, timezone.localdate().year - 6, -1),
            "batches": result,
            "chart": chart,
            "may_configure": permissions.may_configure(user),
        },
        status=400 if filters.problems else 200,
    )


urlpatterns: list[URLPattern] = [
    path("", project_list, name="list"),
    path("export/", project_export, name="export"),
    path("batches/", project_batches, name="batches"),
    path("new/", project_edit, name="create"),
    path("<int:pk>/", project_detail, name="detail"),
    path("<int:pk>/edit/", project_edit, name="edit"),
    path("<int:pk>/transition/", project_transition, name="transition"),
    path("<int:pk>/transitions/<int:transition_id>/file/", transition_attachment, name="transition_file"),
]
