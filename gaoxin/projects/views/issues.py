"""Problem pages (问题会商): a project's problems tab with its forms, one form post per step on a problem, the
zone-wide list with filters and per-unit counts, and the weekly meeting's list as .xlsx or .docx."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gaoxin.accounts.models import User
from gaoxin.accounts.permissions import acting_user, require_staff
from gaoxin.core import changelog
from gaoxin.core.downloads import download_response
from gaoxin.core.form_errors import add_service_errors
from gaoxin.projects import permissions, selectors
from gaoxin.projects.choices import IssueStatus
from gaoxin.projects.documents import meeting
from gaoxin.projects.filters import IssueFilterSet
from gaoxin.projects.forms.issues import (
    IssueAssignForm,
    IssueCloseForm,
    IssueCreateForm,
    IssueEditForm,
    IssueProgressForm,
    IssueReopenForm,
    MeetingForm,
)
from gaoxin.projects.models import Project, ProjectIssue
from gaoxin.projects.selectors import issue_board, rules
from gaoxin.projects.services import issues as services

PAGE_SIZE = 50


@dataclass(frozen=True)
class Step:
    """One step a user may take on a problem: its form, who may take it, and the service that takes it."""

    label: Any
    form: type[forms.Form]
    allowed: Callable[[User, ProjectIssue], bool]
    when_open: bool | None  # True: open problems only; False: closed only; None: both
    take: Callable[[ProjectIssue, dict[str, Any], User], object]
    done: Any


def _may_edit(user: User, issue: ProjectIssue) -> bool:
    return permissions.may_edit(user, issue.project)


STEPS: dict[str, Step] = {
    "progress": Step(
        gettext_lazy("Add progress"),
        IssueProgressForm,
        permissions.may_handle_issue,
        True,
        lambda issue, data, by: services.issue_add_progress(issue=issue, note=data["note"], by=by),
        gettext_lazy("Progress recorded."),
    ),
    "assign": Step(
        gettext_lazy("Reassign"),
        IssueAssignForm,
        _may_edit,
        True,
        lambda issue, data, by: services.issue_assign(issue=issue, by=by, **data),
        gettext_lazy("Problem assigned."),
    ),
    "close": Step(
        gettext_lazy("Close out"),
        IssueCloseForm,
        _may_edit,
        True,
        lambda issue, data, by: services.issue_close(issue=issue, by=by, **data),
        gettext_lazy("Problem closed out."),
    ),
    "reopen": Step(
        gettext_lazy("Reopen problem"),
        IssueReopenForm,
        _may_edit,
        False,
        lambda issue, data, by: services.issue_reopen(issue=issue, reason=data["reason"], by=by),
        gettext_lazy("Problem reopened."),
    ),
    "edit": Step(
        gettext_lazy("Edit"),
        IssueEditForm,
        _may_edit,
        None,
        lambda issue, data, by: services.issue_update(issue=issue, data=data, by=by),
        gettext_lazy("Problem saved."),
    ),
}


def _initial(action: str, issue: ProjectIssue) -> dict[str, Any]:
    if action == "edit":
        return {name: getattr(issue, name) for name in services.EDITABLE_FIELDS}
    if action == "assign":
        return {"unit": issue.unit_id, "deadline": issue.deadline}
    return {}


def _available(step: Step, user: User, issue: ProjectIssue) -> bool:
    is_open = issue.status == IssueStatus.OPEN
    return (step.when_open is None or step.when_open == is_open) and step.allowed(user, issue)


@dataclass(frozen=True)
class IssueRow:
    issue: ProjectIssue
    steps: list[tuple[str, Any, forms.Form, bool]]  # action, label, form, failed


def _rows(
    user: User, issues: list[ProjectIssue], failed: tuple[int, str, forms.Form] | None
) -> list[IssueRow]:
    rows = []
    for issue in issues:
        steps = []
        for action, step in STEPS.items():
            if not _available(step, user, issue):
                continue
            if failed is not None and failed[0] == issue.pk and failed[1] == action:
                steps.append((action, step.label, failed[2], True))
            else:
                form = step.form(prefix=f"i{issue.pk}-{action}", initial=_initial(action, issue))
                steps.append((action, step.label, form, False))
        rows.append(IssueRow(issue, steps))
    return rows


def _tab(
    request: HttpRequest,
    project: Project,
    *,
    create_form: forms.Form | None = None,
    failed: tuple[int, str, forms.Form] | None = None,
) -> HttpResponse:
    user = acting_user(request)
    today = timezone.localdate()
    issues = list(issue_board.project_issues(user, project, today))
    may_log = permissions.may_edit(user, project)
    if create_form is None and may_log:
        create_form = IssueCreateForm(prefix="new", initial={"unit": project.responsible_unit_id})
    return render(
        request,
        "projects/issues.html",
        {
            "section": "projects",
            "project": project,
            "project_tab": "issues",
            "rows": _rows(user, issues, failed),
            "open_count": sum(i.status == IssueStatus.OPEN for i in issues),
            "overdue_count": sum(bool(getattr(i, "is_overdue", False)) for i in issues),
            "create_form": create_form if may_log else None,
            "create_failed": create_form is not None and create_form.is_bound,
            "history": changelog.history_for_many(issues)[:50] if issues else [],
        },
    )


@require_staff
def project_issues(request: HttpRequest, pk: int) -> HttpResponse:
    """The problems tab; a POST logs a new problem."""
    user = acting_user(request)
    project = selectors.project_for(user, pk)
    if request.method != "POST":
        return _tab(request, project)
    if not permissions.may_edit(user, project):
        raise PermissionDenied
    form = IssueCreateForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            issue = services.issue_create(project=project, data=form.cleaned_data, by=user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Problem logged."))
            return redirect(f"{request.path}#issue-{issue.pk}")
    return _tab(request, project, create_form=form)


@require_staff
@require_POST
def issue_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step on a problem (progress, reassign, close, reopen, edit), from the problems tab."""
    user = acting_user(request)
    step = STEPS.get(action)
    if step is None:
        raise Http404
    issue = issue_board.issue(user, pk)
    if not step.allowed(user, issue):
        raise PermissionDenied
    form = step.form(request.POST, prefix=f"i{issue.pk}-{action}")
    if form.is_valid():
        try:
            step.take(issue, form.cleaned_data, user)
        except ValidationError as error:
            if not _available(step, user, issue):  # the problem was closed or reopened meanwhile
                for message in error.messages:
                    messages.error(request, message)
                return redirect(f"{reverse('projects:issues', args=[issue.project_id])}#issue-{issue.pk}")
            add_service_errors(form, error)
        else:
            messages.success(request, str(step.done))
            return redirect(f"{reverse('projects:issues', args=[issue.project_id])}#issue-{issue.pk}")
    project = selectors.project_for(user, issue.project_id)
    return _tab(request, project, failed=(issue.pk, action, form))


@require_staff
def issue_list(request: HttpRequest) -> HttpResponse:
    """问题会商: every problem of the zone, filtered and sorted, with counts by assigned unit."""
    user = acting_user(request)
    today = timezone.localdate()
    filters = IssueFilterSet(request.GET, queryset=issue_board.issue_list(user, today))
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    window = issue_board.meeting_window(today)
    return render(
        request,
        "projects/issue_list.html",
        {
            "section": "projects",
            "tab": "issues",
            "page": page,
            "filters": filters,
            "units": issue_board.issue_units(),
            "statuses": [(IssueStatus.OPEN, _("Not closed")), (IssueStatus.CLOSED, _("Closed out"))],
            "unit_counts": issue_board.unit_counts(user, today),
            "meeting_form": MeetingForm(initial={"meeting_on": today, "since": window.since}),
            "today": today,
            "may_configure": permissions.may_configure(user),
        },
    )


@require_staff
def issue_export(request: HttpRequest) -> HttpResponse:
    """The weekly meeting's list: ``?meeting_on=&since=&format=xlsx|docx``."""
    user = acting_user(request)
    form = MeetingForm(request.GET)
    if not form.is_valid():
        return HttpResponse(" ".join(str(e) for e in form.errors.values()), status=400)
    meeting_on = form.cleaned_data["meeting_on"] or timezone.localdate()
    window = issue_board.meeting_window(meeting_on, form.cleaned_data["since"])
    content = meeting.meeting_list(
        window,
        issue_board.meeting_issues(user, window),
        issued_by=rules.current_office_settings().issuing_body,
    )
    stem = _("problems-for-the-meeting-%(day)s") % {"day": meeting_on.isoformat()}
    if request.GET.get("format") == "docx":
        return download_response(meeting.meeting_docx(content), f"{stem}.docx")
    return download_response(meeting.meeting_xlsx(content), f"{stem}.xlsx")


urlpatterns: list[URLPattern] = [
    path("<int:pk>/issues/", project_issues, name="issues"),
    path("issues/<int:pk>/<slug:action>/", issue_step, name="issue_step"),
    path("issues/", issue_list, name="issue_list"),
    path("issues/meeting/", issue_export, name="issue_export"),
]
