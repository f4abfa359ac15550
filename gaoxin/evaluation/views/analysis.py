"""Reading runs side by side: comparison, simulation, grade history and migration, regional aggregates,
and what each enterprise gets under the grade policies."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gaoxin.accounts.choices import Capability
from gaoxin.accounts.permissions import acting_user, require_capability, require_staff
from gaoxin.core.charts import bar_chart, line_chart
from gaoxin.core.downloads import download_response
from gaoxin.core.form_errors import add_service_errors
from gaoxin.evaluation import analysis, exports, selectors, services
from gaoxin.evaluation.entitlements import entitlements
from gaoxin.evaluation.filters import ComparisonFilterSet, EntitlementFilterSet, HistoryFilterSet
from gaoxin.evaluation.forms import SimulationForm
from gaoxin.evaluation.views.request_handling import PAGE_SIZE, can_act


@require_staff
def compare(request: HttpRequest) -> HttpResponse:
    runs = selectors.comparable_runs(acting_user(request))
    filters = ComparisonFilterSet(request.GET, runs=runs)
    a, b = filters.chosen_run("a"), filters.chosen_run("b")
    comparison = analysis.compare_runs(a, b) if a is not None and b is not None else None
    return render(
        request,
        "evaluation/compare.html",
        {"section": "evaluation", "runs": runs, "filters": filters, "a": a, "b": b, "comparison": comparison},
        status=400 if filters.problems else 200,
    )


@require_capability(Capability.EVALUATION)
def simulation_start(request: HttpRequest) -> HttpResponse:
    years = selectors.years_with_data()
    initial: dict[str, Any] = {}
    if (scheme_id := request.GET.get("scheme")) and scheme_id.isdigit():
        try:
            scheme = selectors.scheme_get(acting_user(request), int(scheme_id))
        except Http404:
            pass
        else:
            initial = {"scheme": scheme, "text_b": scheme.text}
    form = SimulationForm(request.POST or None, years=years, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.simulation_start(
                year=form.cleaned_data["year"],
                scheme=form.cleaned_data["scheme"],
                text_b=form.cleaned_data["text_b"],
                by=acting_user(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("evaluation:simulation", job.id)
    recent = selectors.simulations(acting_user(request))[:10]
    return render(
        request, "evaluation/simulation_start.html", {"section": "evaluation", "form": form, "recent": recent}
    )


@require_capability(Capability.EVALUATION)
def simulation(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = selectors.simulation_get(acting_user(request), job_id)
    return render(
        request,
        "evaluation/simulation.html",
        {"section": "evaluation", "job": job, "outcome": job.result.get("outcome")},
    )


@require_staff
def history(request: HttpRequest) -> HttpResponse:
    runs = selectors.published_runs()
    grades = sorted({grade for run in runs for grade in run.grade_counts})
    trend = analysis.trend(runs)
    years = [run.year for run in runs]
    filters = HistoryFilterSet(request.GET, runs=runs)
    a, b = filters.chosen_runs
    labels = [(key, label, unit) for key, label, _n, _d, unit in analysis.RATIOS]
    return render(
        request,
        "evaluation/history.html",
        {
            "section": "evaluation",
            "runs": runs,
            "filters": filters,
            "a": a,
            "b": b,
            "migration": analysis.compare_runs(a, b) if a is not None and b is not None and a != b else None,
            "grade_chart": bar_chart(
                categories=years,
                series=[(grade, [run.grade_counts.get(grade, 0) for run in runs]) for grade in grades],
                unit=_("enterprises"),
            ),
            "trend_chart": line_chart(
                categories=years,
                series=[(str(labels[0][1]), [row[0] for row in trend["ratios"]])],
                unit=str(labels[0][2]),
            ),
            "ratio_labels": labels,
            "trend_rows": list(zip(years, trend["ratios"], strict=True)),
        },
        status=400 if filters.problems else 200,
    )


@require_staff
def aggregates(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_get(acting_user(request), pk)
    grades = run.scheme.parsed().grades
    zone = run.summary.get("zone", {})
    return render(
        request,
        "evaluation/aggregates.html",
        {
            "section": "evaluation",
            "run": run,
            "grades": grades,
            "ratio_labels": [(label, unit) for _k, label, _n, _d, unit in analysis.RATIOS],
            "zone": {"firms": zone.get("firms", 0), "ratios": analysis.ratios(zone)},
            "parks": analysis.regions(run, "park"),
            "industries": analysis.regions(run, "industry"),
        },
    )


@require_staff
def run_entitlements(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    run = selectors.run_get(user, pk)
    policies = selectors.active_policies()
    filters = EntitlementFilterSet(request.GET, queryset=selectors.graded_results(user, run))
    results = filters.qs
    if request.GET.get("export") == "xlsx":
        return download_response(
            exports.entitlements_xlsx(run, results, policies, selectors.escalation_streaks(run, policies)),
            f"分类政策-{run.year}.xlsx",
        )
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    streaks = selectors.escalation_streaks(run, policies, [result.enterprise_id for result in shown])
    table = entitlements(shown, policies, streaks)
    rows = [(result, table[result.pk]) for result in shown]
    return render(
        request,
        "evaluation/entitlements.html",
        {
            "section": "evaluation",
            "run": run,
            "policies": policies,
            "page": page,
            "rows": rows,
            "grade": filters.form["grade"].value() or "",
            "grades": run.scheme.parsed().grades,
            "can_act": can_act(request),
        },
    )
