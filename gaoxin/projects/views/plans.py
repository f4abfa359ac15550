"""Project pages: the plan tab (倒排计划 timeline, steps, approvals with their clocks) and its forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.accounts.models import User
from gaoxin.accounts.permissions import acting_user, require_staff
from gaoxin.core import changelog
from gaoxin.core.form_errors import add_service_errors
from gaoxin.projects import permissions, selectors
from gaoxin.projects.forms.plans import (
    ApprovalForm,
    ClockResumeForm,
    ClockStopForm,
    PlanApplyForm,
    PlanStepAddForm,
    PlanStepForm,
    PlanTargetForm,
)
from gaoxin.projects.models import Project
from gaoxin.projects.selectors import timeline
from gaoxin.projects.selectors.timeline import plan_page
from gaoxin.projects.services import plans as services


def _editable(request: HttpRequest, pk: int) -> tuple[User, Project]:
    user = acting_user(request)
    project = selectors.project_for(user, pk)
    if not permissions.may_edit(user, project):
        raise PermissionDenied
    return user, project


def _render(request: HttpRequest, user: User, project: Project, **bound: BaseForm) -> HttpResponse:
    """The plan tab; a form that failed is shown bound (with its errors) in place of the blank one."""
    page = plan_page(project, as_of=timezone.localdate())
    steps = [row.step for row in page.steps]
    may_edit = permissions.may_edit(user, project)
    context: dict[str, Any] = {
        "section": "projects",
        "project": project,
        "project_tab": "plan",
        "page": page,
        "may_edit": may_edit,
        "chart": page.chart(),
        "history": changelog.history_for_many([project, *steps, *(row.item for row in page.approvals)])[:50],
    }
    if may_edit:
        context.update(
            apply_form=bound.get("apply")
            or PlanApplyForm(
                prefix="apply",
                initial={"template": project.plan_template, "target_on": project.plan_target_on},
            ),
            target_form=bound.get("target")
            or PlanTargetForm(prefix="target", initial={"target_on": project.plan_target_on}),
            step_forms=[
                (row, bound.get(f"step-{row.step.pk}") or PlanStepForm.for_step(row.step, steps))
                for row in page.steps
            ],
            add_step_form=bound.get("add-step") or PlanStepAddForm.for_plan(steps),
            approval_forms=[
                (
                    row,
                    bound.get(f"approval-{row.item.pk}")
                    or ApprovalForm(instance=row.item, project=project, prefix=f"approval-{row.item.pk}"),
                    bound.get(f"stop-{row.item.pk}") or ClockStopForm(prefix=f"stop-{row.item.pk}"),
                )
                for row in page.approvals
            ],
            add_approval_form=bound.get("add-approval")
            or ApprovalForm(project=project, prefix="add-approval"),
        )
    else:
        context.update(
            step_forms=[(row, None) for row in page.steps],
            approval_forms=[(row, None, None) for row in page.approvals],
        )
    status = 400 if bound else 200
    return render(request, "projects/plan.html", context, status=status)


def _done(request: HttpRequest, project: Project, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("projects:plan", project.pk)


@require_staff
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    return _render(request, user, selectors.project_for(user, pk))


@require_staff
@require_POST
def plan_apply(request: HttpRequest, pk: int) -> HttpResponse:
    user, project = _editable(request, pk)
    form = PlanApplyForm(request.POST, prefix="apply")
    if form.is_valid():
        try:
            services.plan_apply_template(
                project=project,
                template_key=form.cleaned_data["template"],
                target_on=form.cleaned_data["target_on"],
                by=user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, project, _("The plan was created from the template."))
    return _render(request, user, project, apply=form)


@require_staff
@require_POST
def plan_target(request: HttpRequest, pk: int) -> HttpResponse:
    user, project = _editable(request, pk)
    form = PlanTargetForm(request.POST, prefix="target")
    if form.is_valid():
        services.plan_set_target(project=project, target_on=form.cleaned_data["target_on"], by=user)
        return _done(request, project, _("The target date was changed and the plan rescheduled."))
    return _render(request, user, project, target=form)


@require_staff
@require_POST
def plan_step_edit(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    user, project = _editable(request, pk)
    step = timeline.plan_step(project, step_pk)
    steps = timeline.plan_steps(project)
    form = PlanStepForm.for_step(step, steps, request.POST)
    if form.is_valid():
        try:
            services.plan_step_update(step=step, data=form.step_data(step), by=user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, project, _("The step was saved and the plan rescheduled."))
    return _render(request, user, project, **{f"step-{step.pk}": form})


@require_staff
@require_POST
def plan_step_add(request: HttpRequest, pk: int) -> HttpResponse:
    user, project = _editable(request, pk)
    form = PlanStepAddForm.for_plan(timeline.plan_steps(project), request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_step_add(
                project=project,
                name=data["name"],
                duration=data["duration"],
                unit=data["unit"],
                after=form.predecessors(),
                before=data["before"],
                owner=data["owner"],
                legal_limit=data["legal_limit"],
                by=user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, project, _("The step was added and the plan rescheduled."))
    return _render(request, user, project, **{"add-step": form})


@require_staff
@require_POST
def plan_step_delete(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    user, project = _editable(request, pk)
    step = timeline.plan_step(project, step_pk)
    try:
        services.plan_step_delete(step=step, by=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("projects:plan", project.pk)
    return _done(request, project, _("The step was removed and the plan rescheduled."))


@require_staff
@require_POST
def approval_edit(request: HttpRequest, pk: int, approval_pk: int | None = None) -> HttpResponse:
    user, project = _editable(request, pk)
    approval = timeline.approval(project, approval_pk) if approval_pk else None
    prefix = f"approval-{approval.pk}" if approval else "add-approval"
    form = ApprovalForm(request.POST, instance=approval, project=project, prefix=prefix)
    if form.is_valid():
        try:
            services.approval_save(project=project, approval=approval, data=form.cleaned_data, by=user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, project, _("The approval item was saved."))
    return _render(request, user, project, **{prefix: form})


@require_staff
@require_POST
def approval_delete(request: HttpRequest, pk: int, approval_pk: int) -> HttpResponse:
    user, project = _editable(request, pk)
    services.approval_delete(approval=timeline.approval(project, approval_pk), by=user)
    return _done(request, project, _("The approval item was deleted."))


@require_staff
@require_POST
def clock_stop_add(request: HttpRequest, pk: int, approval_pk: int) -> HttpResponse:
    user, project = _editable(request, pk)
    approval = timeline.approval(project, approval_pk)
    form = ClockStopForm(request.POST, prefix=f"stop-{approval.pk}")
    if form.is_valid():
        try:
            services.clock_stop_save(approval=approval, data=form.cleaned_data, by=user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, project, _("The clock stop was recorded."))
    return _render(request, user, project, **{f"stop-{approval.pk}": form})


@require_staff
@require_POST
def clock_stop_resume(request: HttpRequest, pk: int, stop_pk: int) -> HttpResponse:
    """Restart an approval's stopped clock on the day given."""
    user, project = _editable(request, pk)
    stop = timeline.clock_stop(project, stop_pk)
    form = ClockResumeForm(request.POST, prefix=f"resume-{stop.pk}")
    if form.is_valid():
        try:
            services.clock_stop_resume(stop=stop, on=form.cleaned_data["ends_on"], by=user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, project, _("The approval's clock runs again."))
    for problem in [*form.non_field_errors(), *(e for f in form for e in f.errors)]:
        messages.error(request, problem)
    return redirect("projects:plan", project.pk)


@require_staff
@require_POST
def clock_stop_delete(request: HttpRequest, pk: int, stop_pk: int) -> HttpResponse:
    user, project = _editable(request, pk)
    stop = timeline.clock_stop(project, stop_pk)
    services.clock_stop_delete(stop=stop, by=user)
    return _done(request, project, _("The clock stop was deleted."))


urlpatterns: list[URLPattern] = [
    path("<int:pk>/plan/", plan, name="plan"),
    path("<int:pk>/plan/apply/", plan_apply, name="plan_apply"),
    path("<int:pk>/plan/target/", plan_target, name="plan_target"),
    path("<int:pk>/plan/steps/add/", plan_step_add, name="plan_step_add"),
    path("<int:pk>/plan/steps/<int:step_pk>/", plan_step_edit, name="plan_step_edit"),
    path("<int:pk>/plan/steps/<int:step_pk>/delete/", plan_step_delete, name="plan_step_delete"),
    path("<int:pk>/plan/approvals/add/", approval_edit, name="approval_add"),
    path("<int:pk>/plan/approvals/<int:approval_pk>/", approval_edit, name="approval_edit"),
    path("<int:pk>/plan/approvals/<int:approval_pk>/delete/", approval_delete, name="approval_delete"),
    path("<int:pk>/plan/approvals/<int:approval_pk>/stops/", clock_stop_add, name="clock_stop_add"),
    path("<int:pk>/plan/stops/<int:stop_pk>/delete/", clock_stop_delete, name="clock_stop_delete"),
    path("<int:pk>/plan/stops/<int:stop_pk>/resume/", clock_stop_resume, name="clock_stop_resume"),
]
