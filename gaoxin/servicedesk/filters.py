"""The filters of the service desk's lists and dashboards, read alike by the page, its Excel export and the
API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import F, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gaoxin.accounts.permissions import acting_user
from gaoxin.core.filters import ListFilterSet, SortFilter, ThisYearFilterSet, YearFilter
from gaoxin.servicedesk.choices import Channel, Rating, RedFlag, RequestState, Urgency
from gaoxin.servicedesk.models import ServiceRequest, Visit, VisitPlan

FLAG_CHOICES = [
    ("open", _("Open")),
    ("overdue", _("Overdue")),
    ("nearing", _("Due within a day")),
    ("sign_late", _("Signed late")),
    ("resolve_late", _("Resolved late")),
    ("supervised", _("Supervised")),
    ("extended", _("Extended")),
    ("returned", _("Returned")),
    ("reopened", _("Reopened")),
    ("missing_calendar", _("No deadline: calendar year missing")),
]


def _flagged(requests: QuerySet[ServiceRequest], flag: str, now: dt.datetime) -> QuerySet[ServiceRequest]:
    if flag == "overdue":
        return requests.filter(due_at__lt=now)
    if flag == "nearing":
        return requests.filter(due_at__gte=now, due_at__lt=now + dt.timedelta(days=1))
    if flag == "sign_late":
        return requests.filter(Q(signed_at__gt=F("sign_due")) | Q(signed_at__isnull=True, sign_due__lt=now))
    if flag == "resolve_late":
        return requests.filter(
            Q(replied_at__gt=F("resolve_due"))
            | Q(replied_at__isnull=True, resolve_due__lt=now, state=RequestState.IN_PROGRESS)
        )
    if flag == "missing_calendar":
        return requests.filter(calendar_missing_year__isnull=False).exclude(state=RequestState.CLOSED)
    if flag == "supervised":
        return requests.filter(supervision_level__gt=0)
    if flag == "reopened":
        return requests.filter(reopen_count__gt=0)
    if flag == "extended":
        return requests.filter(extension_days__gt=0)
    if flag == "returned":
        return requests.filter(return_count__gt=0)
    return requests.exclude(state=RequestState.CLOSED)  # "open"


class RequestFilterSet(ListFilterSet):
    """Enterprise requests: text, state, department and category (by code), urgency, channel, rating, a flag
    of lateness or handling, the month or year of receipt."""

    q = django_filters.CharFilter(method="search", label=_("Title, number or enterprise"))
    state = django_filters.ChoiceFilter(choices=RequestState.choices)
    department = django_filters.CharFilter(field_name="department__code", label=_("Department"))
    category = django_filters.CharFilter(field_name="category__code", label=_("Category"))
    urgency = django_filters.ChoiceFilter(choices=Urgency.choices)
    channel = django_filters.ChoiceFilter(choices=Channel.choices)
    rating = django_filters.ChoiceFilter(choices=Rating.choices)
    flag = django_filters.ChoiceFilter(choices=FLAG_CHOICES, method="flagged", label=_("Flag"))
    month = django_filters.CharFilter(
        method="received_in_month",
        label=_("Month received"),
        validators=[RegexValidator(r"^\d{4}-(0[1-9]|1[0-2])$")],
    )
    year = YearFilter(field_name="received_at", lookup_expr="year", label=_("Year"))
    sort = SortFilter(
        fields=("received_at", "due_at", "state", "number", "enterprise__name"),
        keys={"enterprise__name": "enterprise__name_sort"},
        default="-received_at",
    )

    class Meta:
        model = ServiceRequest
        fields: list[str] = []

    def search(self, requests: QuerySet[ServiceRequest], name: str, value: str) -> QuerySet[ServiceRequest]:
        return requests.filter(
            Q(title__icontains=value) | Q(number__icontains=value) | Q(enterprise__name__icontains=value)
        )

    def flagged(self, requests: QuerySet[ServiceRequest], name: str, value: str) -> QuerySet[ServiceRequest]:
        return _flagged(requests, value, timezone.now())

    def received_in_month(
        self, requests: QuerySet[ServiceRequest], name: str, value: str
    ) -> QuerySet[ServiceRequest]:
        year, month = value.split("-")
        return requests.filter(received_at__year=int(year), received_at__month=int(month))


class VisitFilterSet(ListFilterSet):
    """Visits: the enterprise's name, the year (the page shows this year when none is asked for), a red flag."""

    q = django_filters.CharFilter(
        field_name="enterprise__name", lookup_expr="icontains", label=_("Enterprise")
    )
    year = YearFilter(field_name="visited_on", lookup_expr="year", label=_("Year"))
    flag = django_filters.ChoiceFilter(choices=RedFlag.choices, method="red_flag", label=_("Red flag"))
    sort = SortFilter(
        fields=("visited_on", "enterprise__name", "department__sort_order"),
        keys={"enterprise__name": "enterprise__name_sort"},
        default="-visited_on",
    )

    class Meta:
        model = Visit
        fields: list[str] = []

    def __init__(self, data: QueryDict | None = None, *args: Any, this_year: bool = False, **kwargs: Any):
        if this_year and data is not None and not data.get("year"):
            data = data.copy()
            data["year"] = str(timezone.localdate().year)
        super().__init__(data, *args, **kwargs)

    def red_flag(self, visits: QuerySet[Visit], name: str, value: str) -> QuerySet[Visit]:
        return visits.filter(red_flags__icontains=f'"{value}"')


class MetricsFilterSet(ThisYearFilterSet):
    """The requests the metrics dashboard counts and exports: received in a year (this year unless asked), of a
    department and a category (by code)."""

    year = YearFilter(field_name="received_at", lookup_expr="year", label=_("Year received"))
    department = django_filters.CharFilter(field_name="department__code", label=_("Department"))
    category = django_filters.CharFilter(field_name="category__code", label=_("Category"))

    class Meta:
        model = ServiceRequest
        fields: list[str] = []


class CoverageFilterSet(ThisYearFilterSet):
    """The visits the coverage counts: of a year (this year unless asked)."""

    year = YearFilter(field_name="visited_on", lookup_expr="year", label=_("Year"))

    class Meta:
        model = Visit
        fields: list[str] = []


class PlanFilterSet(ThisYearFilterSet):
    """Visit plans: of a year (this year unless asked), the acting user's own only when ``mine`` is ticked."""

    year = YearFilter(field_name="planned_on", lookup_expr="year", label=_("Year"))
    mine = django_filters.BooleanFilter(method="own", widget=forms.CheckboxInput, label=_("Mine only"))

    class Meta:
        model = VisitPlan
        fields: list[str] = []

    def own(self, plans: QuerySet[VisitPlan], name: str, value: bool) -> QuerySet[VisitPlan]:
        return plans.filter(officer=acting_user(self.request)) if value else plans
