"""The filters of the projects module's lists, read alike by the page, its export and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import ListFilterSet, SortFilter, YearFilter
from gaoxin.projects.choices import IssueStatus, Light, ProjectLevel, ReviewDecision
from gaoxin.projects.models import AdmissionReview, CommitmentCheck, Project, ProjectIssue

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
        return projects.filter(
            Q(name__icontains=value) | Q(code__icontains=value) | Q(owner__name__icontains=value)
        )


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
    """A year's standard-parcel checks (对标验收), the page and its export: the year (the latest checked when
    none or no plausible one is asked for), shortfalls / met / all (shortfalls unless asked), the responsible
    unit, text."""

    year = YearFilter(field_name="year", label=_("Year"))
    status = django_filters.ChoiceFilter(choices=CHECK_STATUSES, method="by_status", label=_("Status"))
    unit = django_filters.NumberFilter(
        field_name="commitment__project__responsible_unit_id", label=_("Responsible unit")
    )
    q = django_filters.CharFilter(method="search", label=_("Name, code or owner"))

    class Meta:
        model = CommitmentCheck
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
        self, checks: QuerySet[CommitmentCheck], name: str, value: str
    ) -> QuerySet[CommitmentCheck]:
        return checks if value == "all" else checks.filter(passed=value == "passed")

    def search(self, checks: QuerySet[CommitmentCheck], name: str, value: str) -> QuerySet[CommitmentCheck]:
        return checks.filter(
            Q(commitment__project__name__icontains=value)
            | Q(commitment__project__code__icontains=value)
            | Q(commitment__project__owner__name__icontains=value)
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
