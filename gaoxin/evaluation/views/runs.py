"""Runs: the list and start form, a run's page with its grade chart and ranking, its workflow, its notices."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.accounts.choices import Capability
from gaoxin.accounts.permissions import acting_user, require_capability, require_staff
from gaoxin.core.charts import bar_chart
from gaoxin.core.downloads import download_response
from gaoxin.core.form_errors import add_service_errors
from gaoxin.core.models import JobStatus
from gaoxin.enterprises import industry
from gaoxin.enterprises import selectors as enterprise_selectors
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.enterprises.year_fields import YEAR_FIELDS
from gaoxin.evaluation import exports, notice, selectors, services
from gaoxin.evaluation.choices import RunStatus
from gaoxin.evaluation.datacheck import coverage, warnings
from gaoxin.evaluation.engine.xlsx import STATUS_MESSAGES
from gaoxin.evaluation.filters import RankingFilterSet
from gaoxin.evaluation.forms import PublicityForm, RunStartForm
from gaoxin.evaluation.models import EvaluationRun, EvaluationSettings
from gaoxin.evaluation.views.request_handling import (
    PAGE_SIZE,
    can_act,
    show_errors,
    show_form_errors,
)


@login_required
def run_list(request: HttpRequest) -> HttpResponse:
    """Staff: the runs and the start form. Enterprise contacts land on their own page."""
    user = acting_user(request)
    if user.is_enterprise_contact:
        return redirect("evaluation:portal")
    if not user.is_staff_member:
        raise Http404
    form = RunStartForm(years=selectors.years_with_data())
    runs = Paginator(selectors.run_list(user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "evaluation/run_list.html",
        {"section": "evaluation", "page": runs, "form": form, "can_act": can_act(request)},
    )


def ask_confirmation(
    request: HttpRequest, question: services.ConfirmationRequired, *, back: str
) -> HttpResponse:
    """The page that lists what a step needs confirmed and posts the same form again with ``confirm``."""
    posted = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", "confirm")
        for value in values
    ]
    return render(
        request,
        "evaluation/confirm.html",
        {
            "section": "evaluation",
            "question": question.messages[0],
            "items": question.items,
            "action": request.path,
            "posted": posted,
            "back": back,
        },
    )


def _confirmed(request: HttpRequest) -> bool:
    return request.POST.get("confirm") == "1"


@require_capability(Capability.EVALUATION)
@require_POST
def run_start(request: HttpRequest) -> HttpResponse:
    form = RunStartForm(request.POST, years=selectors.years_with_data())
    if form.is_valid():
        try:
            run = services.run_start(
                year=form.cleaned_data["year"],
                scheme=form.cleaned_data["scheme"],
                note=form.cleaned_data["note"],
                by=acting_user(request),
                confirm=_confirmed(request),
            )
        except services.ConfirmationRequired as question:
            return ask_confirmation(request, question, back=reverse("evaluation:run_list"))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("evaluation:run_detail", run.pk)
    runs = Paginator(selectors.run_list(acting_user(request)), PAGE_SIZE).get_page(1)
    return render(
        request,
        "evaluation/run_list.html",
        {"section": "evaluation", "page": runs, "form": form, "can_act": True},
    )


def _scoring(run: EvaluationRun) -> bool:
    return run.status == RunStatus.PENDING or (run.job is not None and not run.job.finished)


def _grade_chart(run: EvaluationRun, grades: tuple[str, ...], group_labels: dict[str, str]) -> dict[str, Any]:
    counts = selectors.grade_counts(run)
    series = [(group_labels.get(key, key), [counts[key].get(grade, 0) for grade in grades]) for key in counts]
    options = bar_chart(categories=list(grades), series=sorted(series), unit=_("enterprises"))
    options["grid"]["top"] = 28 * (1 + len(series) // 2) + 28  # room for a legend of long group names
    return options


def _benchmarks(run: EvaluationRun) -> list[dict[str, Any]]:
    scheme = run.scheme.parsed()
    labels = {definition.key: definition for definition in scheme.indicators}
    groups = {group.key: group.label for group in scheme.groups}
    keyed_by = {
        (group.key, rule.definition.key): rule.benchmark.by.column
        for group in scheme.groups
        for rule in group.indicators
        if rule.benchmark.by is not None
    }
    return [
        {**row, "group_label": groups.get(row["group"], row["group"]), "label": labels[row["indicator"]].label,
         "unit": labels[row["indicator"]].unit,
         "partition": _partition_label(row.get("partition"), keyed_by.get((row["group"], row["indicator"])))}
        for row in run.benchmarks
        if row["indicator"] in labels
    ]  # fmt: skip


def _partition_label(partition: str | None, column: str | None) -> str | None:
    """A benchmark's partition as people name it: an industry-code prefix with the industry's name
    (17 纺织业), other keys as they are."""
    if partition and column == "industry_code" and (name := industry.name(partition)):
        return f"{partition} {name}"
    return partition


@require_staff
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    run = selectors.run_get(user, pk)
    scheme = run.scheme.parsed()
    filters = RankingFilterSet(
        request.GET,
        queryset=selectors.results_of_run(user, run),
        group_order=[group.key for group in scheme.groups],
    )
    results = filters.qs
    if request.GET.get("export") == "xlsx":
        return download_response(exports.ranking_xlsx(run, results), f"亩均评价-{run.year}-{run.pk}.xlsx")
    group_labels = {group.key: group.label for group in scheme.groups}
    scoring = _scoring(run)
    zone = EvaluationSettings.current()
    context: dict[str, Any] = {
        "section": "evaluation",
        "run": run,
        "scoring": scoring,
        "can_act": can_act(request),
        "data_warnings": warnings(run.data_check, threshold_percent=zone.coverage_warning_percent),
        "coverage": [
            {**group, "share": coverage(group), "missing": _missing_labels(group["missing"])}
            for group in run.data_check.get("groups", [])
        ],
        "filters": filters,
        "group_labels": group_labels,
        "grades": scheme.grades,
        "statuses": [(status, _(msgid)) for status, msgid in STATUS_MESSAGES.items()],
        "parks": enterprise_selectors.parks(),
    }
    if not scoring and run.status != RunStatus.FAILED:
        page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
        context |= {
            "page": page,
            "grade_chart": _grade_chart(run, scheme.grades, group_labels),
            "benchmarks": _benchmarks(run),
            "objections": selectors.objection_counts(run),
            "open_dispute_count": selectors.open_disputes(run.year).count(),
        }
        if run.status == RunStatus.DRAFT:
            context["open_disputes"] = list(selectors.open_disputes(run.year)[:20])
            context["publicity_form"] = PublicityForm(
                rule=services.publicity_rule(run, timezone.localdate(), zone)
            )
        elif run.status == RunStatus.PUBLICITY:
            context["approval_problems"] = services.approval_problems(run, user)
            context["may_approve"] = services.may_approve(user, zone)
    return render(request, "evaluation/run_detail.html", context)


def _missing_labels(missing: dict[str, int]) -> list[tuple[str, int]]:
    labels = {name: EnterpriseYear._meta.get_field(name).verbose_name for name in YEAR_FIELDS}  # type: ignore[union-attr]
    return [(str(labels.get(name, name)), count) for name, count in missing.items()]


def _workflow(request: HttpRequest, pk: int, action: Any, success: str) -> HttpResponse:
    run = selectors.run_get(acting_user(request), pk)
    try:
        action(run)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, success)
    return redirect("evaluation:run_detail", run.pk)


@require_capability(Capability.EVALUATION)
@require_POST
def run_publicity(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_get(acting_user(request), pk)
    form = PublicityForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect("evaluation:run_detail", pk)
    try:
        services.run_publicity(
            run=run,
            starts_on=form.cleaned_data["starts_on"],
            ends_on=form.cleaned_data["ends_on"],
            by=acting_user(request),
            confirm=_confirmed(request),
        )
    except services.ConfirmationRequired as question:
        return ask_confirmation(request, question, back=reverse("evaluation:run_detail", args=[pk]))
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("The draft list is now in publicity."))
    return redirect("evaluation:run_detail", pk)


@require_staff
@require_POST
def run_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Only a holder of an approving role (the zone's setting); the service says why not yet (person, window,
    decisions)."""
    if not services.may_approve(acting_user(request)):
        raise PermissionDenied
    return _workflow(
        request,
        pk,
        lambda run: services.run_approve(run=run, by=acting_user(request)),
        _("The list is approved."),
    )


@require_capability(Capability.EVALUATION)
@require_POST
def run_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _workflow(
        request,
        pk,
        lambda run: services.run_publish(run=run, by=acting_user(request)),
        _("The results are published."),
    )


@require_capability(Capability.EVALUATION)
@require_POST
def run_rescore(request: HttpRequest, pk: int) -> HttpResponse:
    return _workflow(
        request,
        pk,
        lambda run: services.run_rescore(run=run, by=acting_user(request)),
        _("The run is being scored again on the current data."),
    )


@require_staff
def notice_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_get(acting_user(request), pk)
    content = notice.notice(run, selectors.notice_data(run))
    return download_response(notice.notice_xlsx(content), notice.filename(run, "xlsx"))


@require_staff
@require_POST
def notice_start(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_get(acting_user(request), pk)
    job = services.notice_start(run=run, by=acting_user(request))
    return redirect("evaluation:notice_job", run.pk, job.id)


@require_staff
def notice_job(request: HttpRequest, pk: int, job_id: UUID) -> HttpResponse:
    user = acting_user(request)
    run = selectors.run_get(user, pk)
    job = selectors.notice_job_get(user, run, job_id)
    return render(request, "evaluation/notice_job.html", {"section": "evaluation", "run": run, "job": job})


@require_staff
def notice_pdf(request: HttpRequest, pk: int, job_id: UUID) -> HttpResponse:
    user = acting_user(request)
    run = selectors.run_get(user, pk)
    job = selectors.notice_job_get(user, run, job_id)
    path = notice.notice_path(str(job.id))
    if job.status != JobStatus.DONE or not path.exists():
        raise Http404
    return download_response(path.read_bytes(), notice.filename(run, "pdf"))
