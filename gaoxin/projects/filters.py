"""The filters of the projects module's lists, read alike by the page, its export and the API; and the choices of
the pages whose rows are figures computed after the query (the monthly overview, the unit rankings), declared and
refused the same way."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import (
    ListFilterSet,
    MonthFilter,
    SortFilter,
    ThisYearFilterSet,
    WholeNumberFilter,
    YearFilter,
)
from gaoxin.projects import lights
from gaoxin.projects.choices import IssueStatus, Light, ProjectLevel, RankingPeriod, ReviewDecision
from gaoxin.projects.commitment_check import MET
from gaoxin.projects.models import (
    AdmissionReview,
    ObligationCheck,
    Project,
    ProjectIssue,
    StageTransition,
    UnitRanking,
)
from gaoxin.projects.selectors.commitments import FAILED
from gaoxin.projects.selectors.overview import SORT_KEYS as OVERVIEW_SORTS
from gaoxin.projects.unit_ranking import Period

CHECKED = ("1", "on", "true")  # what a ticked box sends


class ProjectFilterSet(ListFilterSet):
    """Projects (the list, its export, the battle map, the API): text, stage, park and chain by code, the
    responsible unit by id, light and level."""

    q = django_filters.CharFilter(method="search", label=_("Name, code or owner"))
    stage = django_filters.CharFilter(field_name="stage__code", label=_("Stage"))
    unit = django_filters.NumberFilter(field_name="responsible_unit_id", label=_("Responsible unit"))
    light = django_filters.ChoiceFilter(choices=Light.choices, label=_("Light"))
    park = django_filters.CharFilter(field_name="park__code", label=_("Park"))
    chain = django_filters.CharFilter(field_name="chain__code", label=_("Chain"))
    level = django_filters.ChoiceFilter(choices=ProjectLevel.choices, label=_("Level"))
    sort = SortFilter(
        fields=(
            "code",
            "name",
            "stage__sort_order",
            "responsible_unit__sort_order",
            "total_investment",
            "planned_start_on",
            "planned_production_on",
            "light",
        ),
        default="code",
        tiebreak=("code",),
    )

    class Meta:
        model = Project
        fields: list[str] = []

    def search(self, projects: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        return projects.filter(_project_text(value))


def _project_text(value: str) -> Q:
    return Q(name__icontains=value) | Q(code__icontains=value) | Q(owner__name__icontains=value)


class RowSort(SortFilter):
    """The order of rows whose sorted values are computed after the query: checked against ``fields`` and told
    (``current_sort``) like any sort; the caller sorts the rows."""

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        return qs


class ReportMonthFilterSet(ListFilterSet):
    """A month the projects reported of (``?year=&month=``: a project's investment, its report form, the
    bulletin): the last complete one unless asked. A refused value is told and its part stays at the default."""

    year = YearFilter(method="of_rows", label=_("Year"))
    month = MonthFilter(method="of_rows", label=_("Month"))

    class Meta:
        model = Project
        fields: list[str] = []

    def of_rows(self, projects: QuerySet[Project], name: str, value: Any) -> QuerySet[Project]:
        return (
            projects  # the month (and the overview's light) choose among the figures, not among the projects
        )

    @property
    def chosen_month(self) -> tuple[int, int]:
        """The report month (year, month)."""
        default_year, default_month = lights.report_month(timezone.localdate())
        return self.chosen("year", default_year), self.chosen("month", default_month)


class OverviewFilterSet(ReportMonthFilterSet):
    """The monthly overview (月度总览) and its export: the report month (the last complete one unless asked), the
    projects narrowed as the project list narrows them (text, stage, responsible unit), and the light and the
    order, which apply to the rows once their figures are read (``selectors.overview``). A refused value is
    told and its part stays at the default."""

    q = django_filters.CharFilter(method="search", label=_("Name, code or owner"))
    stage = django_filters.CharFilter(field_name="stage__code", label=_("Stage"))
    unit = WholeNumberFilter(field_name="responsible_unit_id", label=_("Responsible unit"))
    light = django_filters.ChoiceFilter(choices=Light.choices, method="of_rows", label=_("Light"))
    sort = RowSort(fields=tuple(OVERVIEW_SORTS), default="code")

    class Meta:
        model = Project
        fields: list[str] = []

    def search(self, projects: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        return projects.filter(_project_text(value))

    @property
    def chosen_light(self) -> str:
        return str(self.chosen("light", ""))


class IssueFilterSet(ListFilterSet):
    """The zone's problems (问题会商): text, assigned unit, status, past deadline only (on a list annotated
    ``is_overdue`` by ``selectors.issue_board.issue_list``), the meeting they were discussed at."""

    q = django_filters.CharFilter(method="search", label=_("Project or problem"))
    unit = django_filters.NumberFilter(field_name="unit_id", label=_("Assigned unit"))
    status = django_filters.ChoiceFilter(choices=IssueStatus.choices, label=_("Status"))
    overdue = django_filters.CharFilter(method="past_deadline", label=_("Past deadline only"))
    meeting_on = django_filters.DateFilter(label=_("Meeting"))
    sort = SortFilter(
        fields=(
            "deadline",
            "raised_on",
            "project__name",
            "unit__sort_order",
            "status",
            "meeting_on",
            "closed_on",
        ),
        default="deadline",
        tiebreak=("id",),
    )

    class Meta:
        model = ProjectIssue
        fields: list[str] = []

    def search(self, issues: QuerySet[ProjectIssue], name: str, value: str) -> QuerySet[ProjectIssue]:
        return issues.filter(
            Q(project__name__icontains=value) | Q(project__code__icontains=value) | Q(title__icontains=value)
        )

    def past_deadline(self, issues: QuerySet[ProjectIssue], name: str, value: str) -> QuerySet[ProjectIssue]:
        return issues.filter(Q(is_overdue=True)) if value in CHECKED else issues


CHECK_STATUSES = [("failed", _("Shortfalls")), ("passed", _("Met")), ("all", _("All"))]


class CheckFilterSet(ListFilterSet):
    """A year's standard-parcel checks (对标验收: the yearly checks of the standard-parcel obligations), the page
    and its export: the year (the latest checked when none or no plausible one is asked for), shortfalls
    (breached or lacking data) / met / all (shortfalls unless asked), the responsible unit, text."""

    year = YearFilter(field_name="year", label=_("Year"))
    status = django_filters.ChoiceFilter(choices=CHECK_STATUSES, method="by_status", label=_("Status"))
    unit = django_filters.NumberFilter(
        field_name="obligation__project__responsible_unit_id", label=_("Responsible unit")
    )
    q = django_filters.CharFilter(method="search", label=_("Name, code or owner"))

    class Meta:
        model = ObligationCheck
        fields: list[str] = []

    def __init__(self, data: QueryDict | None = None, *args: Any, default_year: int, **kwargs: Any) -> None:
        data = (data or QueryDict()).copy()
        year = (data.get("year") or "").strip()
        if not (year.isdigit() and 2000 <= int(year) <= 2100):
            data["year"] = str(default_year)
        if data.get("status") not in dict(CHECK_STATUSES):
            data["status"] = "failed"
        super().__init__(data, *args, **kwargs)

    @property
    def chosen_year(self) -> int:
        return int(self.data["year"])

    def by_status(
        self, checks: QuerySet[ObligationCheck], name: str, value: str
    ) -> QuerySet[ObligationCheck]:
        if value == "all":
            return checks
        if value == "passed":
            return checks.filter(status=MET)
        return checks.filter(status__in=FAILED)

    def search(self, checks: QuerySet[ObligationCheck], name: str, value: str) -> QuerySet[ObligationCheck]:
        return checks.filter(
            Q(obligation__project__name__icontains=value)
            | Q(obligation__project__code__icontains=value)
            | Q(obligation__project__owner__name__icontains=value)
        )


class ReviewFilterSet(ListFilterSet):
    """The zone's admission reviews: the decision, text."""

    decision = django_filters.ChoiceFilter(choices=ReviewDecision.choices, label=_("Decision"))
    q = django_filters.CharFilter(method="search", label=_("Name, code or owner"))

    class Meta:
        model = AdmissionReview
        fields: list[str] = []

    def search(self, reviews: QuerySet[AdmissionReview], name: str, value: str) -> QuerySet[AdmissionReview]:
        return reviews.filter(
            Q(project__name__icontains=value)
            | Q(project__code__icontains=value)
            | Q(project__owner__name__icontains=value)
        )


class BatchFilterSet(ThisYearFilterSet):
    """The year of the "N个一批" page (this year unless asked): the stage transitions it counts are of it."""

    year = YearFilter(field_name="on", lookup_expr="year", label=_("Year"))

    class Meta:
        model = StageTransition
        fields: list[str] = []


class RankingPeriodForm(forms.Form):
    """A month is numbered 1 to 12 (the filter's bounds), a quarter 1 to 4."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("period") == RankingPeriod.QUARTER and (data.get("number") or 0) > 4:
            self.add_error("number", _("A quarter is numbered 1 to 4."))
        return data


class UnitRankingFilterSet(ListFilterSet):
    """The period of the unit ranking (赛马比拼) its page, export and computing are of: ``period`` (month or
    quarter), ``year``, ``number`` (the month 1–12 or the quarter 1–4); by default the month before this one. A
    refused value is told and its part stays at the default."""

    period = django_filters.ChoiceFilter(choices=RankingPeriod.choices, method="of_period", label=_("Period"))
    year = YearFilter(method="of_period", label=_("Year"))
    number = WholeNumberFilter(method="of_period", min_value=1, max_value=12, label=_("Month or quarter"))

    class Meta:
        model = UnitRanking
        fields: list[str] = []
        form = RankingPeriodForm

    def of_period(self, rankings: QuerySet[UnitRanking], name: str, value: Any) -> QuerySet[UnitRanking]:
        return rankings  # the three values make one period: chosen_period

    @property
    def chosen_period(self) -> Period:
        default_year, default_month = lights.report_month(timezone.localdate())
        kind = self.chosen("period", RankingPeriod.MONTH)
        default_number = default_month if kind == RankingPeriod.MONTH else (default_month + 2) // 3
        return Period(kind, self.chosen("year", default_year), self.chosen("number", default_number))
