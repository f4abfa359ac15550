"""Project pages: 赛马比拼 — the monthly or quarterly ranking of responsible units, red and black lists, the chart,
the export, and the ranking rule."""

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
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from gaoxin.accounts.permissions import acting_user, require_staff
from gaoxin.core import changelog
from gaoxin.core.charts import bar_chart
from gaoxin.core.downloads import download_response
from gaoxin.core.filters import refused
from gaoxin.core.form_errors import add_service_errors
from gaoxin.core.tabular.columns import Column, TableSpec
from gaoxin.core.tabular.converters import Number, Text
from gaoxin.core.tabular.writing import write_xlsx
from gaoxin.projects import permissions
from gaoxin.projects.choices import RankingList, RankingPeriod
from gaoxin.projects.filters import UnitRankingFilterSet
from gaoxin.projects.forms.rankings import RankingRuleForm
from gaoxin.projects.models import UnitRanking
from gaoxin.projects.services import rankings as services
from gaoxin.projects.unit_ranking import COMPONENT_LABELS, COMPONENTS, Period

LIST_COLOURS: dict[str, str] = {RankingList.RED: "#b71c1c", RankingList.BLACK: "#111827"}
PLAIN_COLOUR = "#1d4ed8"


def period_label(period: Period) -> str:
    if period.kind == RankingPeriod.MONTH:
        return _("%(year)s-%(number)02d") % {"year": period.year, "number": period.number}
    return _("%(year)s Q%(number)s") % {"year": period.year, "number": period.number}


def unit_name(row: UnitRanking) -> str:
    return row.department.short_name or row.department.name


def chart_of(rows: list[UnitRanking]) -> dict[str, Any]:
    """The scores as bars, one series per list (red list, neither, black list) so that the legend shows the
    colours the bars have; each unit's bar is in its list's series (the others have no value at its place)."""
    groups = [
        (RankingList.RED, _("Red list")),
        (RankingList.NONE, pgettext("ranking list", "Not on a list")),
        (RankingList.BLACK, _("Black list")),
    ]
    shown = [(listed, name) for listed, name in groups if any(r.listed == listed for r in rows)]
    chart = bar_chart(
        categories=[unit_name(r) for r in rows],
        series=[(name, [r.score if r.listed == listed else None for r in rows]) for listed, name in shown],
        unit=pgettext("score unit", "points"),
    )
    chart["color"] = [LIST_COLOURS.get(listed, PLAIN_COLOUR) for listed, _name in shown]
    chart["tooltip"] = {"trigger": "item"}
    for series in chart["series"]:
        series.update(stack="score", barMaxWidth=48, label={"show": True, "position": "top"})
    return chart


def table_rows(rows: list[UnitRanking]) -> list[dict[str, Any]]:
    return [
        {
            "ranking": r,
            "unit": unit_name(r),
            "components": [
                (
                    None
                    if r.components.get(c, {}).get("value") is None
                    else Decimal(r.components[c]["value"]) * 100,
                    r.components.get(c, {}).get("done"),
                    r.components.get(c, {}).get("due"),
                )
                for c in COMPONENTS
            ],
        }
        for r in rows
    ]


@require_staff
def rankings(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filters = UnitRankingFilterSet(request.GET)
    period = filters.chosen_period
    rows = services.rankings_of(period.kind, period.year, period.number)
    rule = services.current_ranking_rule()
    may_configure = permissions.may_configure(user)
    this_year = timezone.localdate().year
    return render(
        request,
        "projects/rankings.html",
        {
            "section": "projects",
            "tab": "rankings",
            "filters": filters,
            "period": period,
            "period_label": period_label(period),
            "periods": RankingPeriod.choices,
            "years": list(range(this_year, this_year - 5, -1)),
            "numbers": range(1, 13 if period.kind == RankingPeriod.MONTH else 5),
            "rows": table_rows(rows),
            "red": [unit_name(r) for r in rows if r.listed == RankingList.RED],
            "black": [unit_name(r) for r in rows if r.listed == RankingList.BLACK],
            "chart": chart_of(rows) if rows else None,
            "component_labels": [_(COMPONENT_LABELS[c]) for c in COMPONENTS],
            "rule": rule,
            "rule_weights": [(_(COMPONENT_LABELS[c]), rule.weights.get(c, 0)) for c in COMPONENTS],
            "rule_form": RankingRuleForm(rule=rule) if may_configure else None,
            "rule_history": changelog.history(rule)[:10] if may_configure and rule.pk else [],
            "may_compute": permissions.is_project_office(user),
            "may_configure": may_configure,
        },
        status=400 if filters.problems else 200,
    )


def _back(period: Period) -> HttpResponse:
    return redirect(
        f"{reverse('projects:rankings')}?period={period.kind}&year={period.year}&number={period.number}"
    )


@require_staff
@require_POST
def rankings_compute(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filters = UnitRankingFilterSet(request.POST)
    period = filters.chosen_period
    if filters.problems:
        for problem in filters.problems:
            messages.error(request, problem)
        return _back(period)
    rows = services.rankings_compute(kind=period.kind, year=period.year, number=period.number, by=user)
    messages.success(request, _("%(count)s units ranked.") % {"count": len(rows)})
    return _back(period)


@require_staff
@require_POST
def ranking_rule(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.may_configure(user):
        raise PermissionDenied
    form = RankingRuleForm(request.POST, rule=services.current_ranking_rule())
    if form.is_valid():
        try:
            services.ranking_rule_save(
                weights=form.weights(),
                red_count=form.cleaned_data["red_count"],
                black_count=form.cleaned_data["black_count"],
                by=user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
    if form.errors:
        for problems in form.errors.values():
            messages.error(request, " ".join(str(p) for p in problems))
    else:
        messages.success(request, _("Ranking rule saved; it applies to rankings computed from now on."))
    return _back(UnitRankingFilterSet(request.POST).chosen_period)


def export_spec() -> TableSpec:
    return TableSpec(
        [
            Column("rank", _("Rank"), converter=Number()),
            Column("unit", _("Responsible unit"), converter=Text()),
            Column("score", _("Score"), converter=Number()),
            *[Column(c, f"{_(COMPONENT_LABELS[c])}（%）", converter=Number()) for c in COMPONENTS],
            Column("listed", _("List"), converter=Text()),
        ]
    )


@require_staff
def rankings_export(request: HttpRequest) -> HttpResponse:
    filters = UnitRankingFilterSet(request.GET)
    if filters.problems:
        return refused(request, filters)
    period = filters.chosen_period
    rows = services.rankings_of(period.kind, period.year, period.number)
    data = (
        {
            "rank": row["ranking"].rank,
            "unit": row["unit"],
            "score": row["ranking"].score,
            **{c: values[0] for c, values in zip(COMPONENTS, row["components"], strict=True)},
            "listed": row["ranking"].get_listed_display() if row["ranking"].listed else None,
        }
        for row in table_rows(rows)
    )
    label = period_label(period)
    content = write_xlsx(
        export_spec(),
        data,
        sheet_name=_("Unit rankings"),
        title=_("Unit rankings %(period)s") % {"period": label},
    )
    return download_response(content, f"赛马排名-{label}.xlsx")


urlpatterns: list[URLPattern] = [
    path("rankings/", rankings, name="rankings"),
    path("rankings/compute/", rankings_compute, name="rankings_compute"),
    path("rankings/rule/", ranking_rule, name="ranking_rule"),
    path("rankings/export/", rankings_export, name="rankings_export"),
]
