"""The metrics dashboard: rates, handling time and backlog by department, category and month; drill down to the
requests behind each figure; export to Excel."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.accounts.permissions import acting_user, require_staff
from gaoxin.core.charts import bar_chart, line_chart
from gaoxin.core.downloads import download_response
from gaoxin.core.filters import refused
from gaoxin.servicedesk import exports, metrics, selectors
from gaoxin.servicedesk.filters import MetricsFilterSet


def _charts(
    months: list[metrics.MetricRow], departments: list[metrics.MetricRow], backlog: metrics.Backlog
) -> dict[str, Any]:
    trend = line_chart(
        categories=[m.key for m in months],
        series=[
            (_("On-time signing rate"), metrics.rate_series(months, "sign_rate")),
            (_("On-time resolution rate"), metrics.rate_series(months, "on_time_rate")),
            (_("Satisfaction rate"), metrics.rate_series(months, "satisfaction_rate")),
        ],
        unit="%",
    )
    by_department = bar_chart(
        categories=[d.label or _("Not dispatched") for d in departments],
        series=[
            (_("Received"), [d.received for d in departments]),
            (_("Open"), [d.open for d in departments]),
        ],
        unit=_("requests"),
        counts=True,
    )
    ages = bar_chart(
        categories=[
            f"{b['low']}–{b['high']}" if b["high"] is not None else f"≥{b['low']}" for b in backlog.buckets
        ],
        series=[(_("Open requests"), [b["count"] for b in backlog.buckets])],
        unit=_("requests"),
        counts=True,
    )
    return {"trend_chart": trend, "department_chart": by_department, "backlog_chart": ages}


@require_staff
def dashboard(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filters = MetricsFilterSet(request.GET, queryset=selectors.metrics_requests(user))
    exporting = request.GET.get("export") == "xlsx"
    if exporting and filters.problems:
        return refused(request, filters)
    requests, year = filters.qs, filters.chosen_year
    now = timezone.now()
    total = selectors.metrics_summary(requests, now)
    departments = selectors.metrics_grouped(requests, "department", now)
    categories = selectors.metrics_grouped(requests, "category", now)
    months = selectors.metrics_grouped(requests, "month", now)
    backlog = metrics.backlog(selectors.open_received(requests), now)
    if exporting:
        title = _("Enterprise service metrics %(year)s") % {"year": year}
        content = exports.metrics_xlsx(
            total=total,
            sheets=[
                (_("By department"), _("Department"), departments),
                (_("By category"), _("Category"), categories),
                (_("By month"), _("Month"), months),
            ],
            backlog=backlog,
            title=title,
        )
        return download_response(content, f"{title}.xlsx")
    choices = selectors.filter_choices()
    return render(
        request,
        "servicedesk/metrics.html",
        {
            "section": "servicedesk",
            "filters": filters,
            "year": year,
            "total": total,
            "departments": departments,
            "categories": categories,
            "months": months,
            "backlog": backlog,
            "years": selectors.received_years(user),
            "basic_counts": metrics.basic_satisfied_counts(),
            "department_choices": choices["departments"],
            "category_choices": choices["categories"],
            **_charts(months, departments, backlog),
        },
        status=400 if filters.problems else 200,
    )
