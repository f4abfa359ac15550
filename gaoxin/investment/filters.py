"""The investment module's filters: the leads list's, read alike by the list page, its export, the kanban's "more"
links and the API, and the agreements list's, read alike by the page and its export.

A bad value (an unknown stage, a date that is not one, a start after the end) is reported on the page in the
user's language (``LeadFilterSet.problems``) and the list shows unfiltered by it; the API answers 400."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import ListFilterSet, SortFilter
from gaoxin.investment import permissions
from gaoxin.investment.choices import LeadStatus, Source
from gaoxin.investment.models import Agreement, Lead
from gaoxin.investment.selectors import pipeline

# 签约 size bands as the zone reports them (counting.DEFAULT_BANDS): key → (label, field, threshold)
SIZE_BANDS: dict[str, tuple[Any, str, Decimal]] = {
    "100m": (_("100 million yuan and above"), "total_investment", Decimal(10_000)),
    "1bn": (_("1 billion yuan and above"), "total_investment", Decimal(100_000)),
    "3bn": (_("3 billion yuan and above"), "total_investment", Decimal(300_000)),
    "5bn": (_("5 billion yuan and above"), "total_investment", Decimal(500_000)),
    "100m_usd": (_("100 million US dollars and above"), "foreign_investment_usd", Decimal(10_000)),
}
SIZE_BAND_CHOICES = [(key, label) for key, (label, _field, _threshold) in SIZE_BANDS.items()]


class LeadFilterSet(ListFilterSet):
    """Leads: text (name, investor, number, code name), stage by code, status, source, responsible unit, officer
    and team by id, industry (a GB/T 4754 code or its prefix), chain by code, size band, stale only, registered
    between two dates."""

    q = django_filters.CharFilter(method="search", label=_("Name, investor or number"))
    stage = django_filters.CharFilter(field_name="stage__code", label=_("Stage"))
    status = django_filters.ChoiceFilter(choices=LeadStatus.choices, label=_("Status"))
    source = django_filters.ChoiceFilter(choices=Source.choices, label=_("Source"))
    unit = django_filters.NumberFilter(field_name="responsible_unit_id", label=_("Responsible unit"))
    officer = django_filters.NumberFilter(field_name="officer_id", label=_("Responsible officer"))
    team = django_filters.NumberFilter(field_name="team_id", label=_("Responsible team"))
    industry = django_filters.CharFilter(method="by_industry", label=_("Industry code"))
    chain = django_filters.CharFilter(field_name="chain__code", label=_("Chain"))
    size = django_filters.ChoiceFilter(
        choices=SIZE_BAND_CHOICES,
        method="by_size",
        label=_("Size band"),
    )
    stale = django_filters.BooleanFilter(
        method="only_stale", label=_("Stale only"), widget=forms.CheckboxInput
    )
    registered_from = django_filters.DateFilter(
        field_name="registered_on", lookup_expr="gte", label=_("Registered from")
    )
    registered_to = django_filters.DateFilter(
        field_name="registered_on", lookup_expr="lte", label=_("Registered until")
    )
    sort = SortFilter(
        fields=(
            "code",
            "name",
            "stage__sort_order",
            "status",
            "total_investment",
            "registered_on",
            "stage_since",
            "next_action_on",
        ),
        default="-registered_on",
        tiebreak=("-id",),
        nulls_last=True,
    )

    class Meta:
        model = Lead
        fields: list[str] = []

    @property
    def problems(self) -> list[str]:
        """What was wrong with the asked filters, one sentence each ("阶段：…")."""
        found = []
        for name, errors in self.errors.items():
            field = self.form.fields.get(name)
            label = field.label if field is not None and name != "__all__" else ""
            found += [f"{label}：{error}" if label else str(error) for error in errors]
        return found

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        start = self.form.cleaned_data.get("registered_from")
        end = self.form.cleaned_data.get("registered_to")
        if start and end and start > end:
            self.form.add_error("registered_to", _("The end date cannot be before the start date."))
            self.form.cleaned_data.pop("registered_to", None)
        return super().filter_queryset(queryset)

    def search(self, leads: QuerySet[Lead], name: str, value: str) -> QuerySet[Lead]:
        """Number and code name always; the name and investor of a confidential lead only for those who see it
        (the bureau; owners find theirs by the number or code name)."""
        by_code = Q(code__icontains=value) | Q(code_name__icontains=value)
        by_name = Q(name__icontains=value) | Q(investor_name__icontains=value)
        user = getattr(self.request, "user", None)
        if permissions.is_bureau(user):
            return leads.filter(by_code | by_name)
        return leads.filter(by_code | (by_name & Q(is_confidential=False)))

    def by_industry(self, leads: QuerySet[Lead], name: str, value: str) -> QuerySet[Lead]:
        return leads.filter(industry_code__startswith=value.strip().upper())

    def by_size(self, leads: QuerySet[Lead], name: str, value: str) -> QuerySet[Lead]:
        _label, field, threshold = SIZE_BANDS[value]
        return leads.filter(**{f"{field}__gte": threshold})

    def only_stale(self, leads: QuerySet[Lead], name: str, value: bool | None) -> QuerySet[Lead]:
        if not value:
            return leads
        return leads.filter(pipeline.stale_condition(timezone.localdate()))


MANUFACTURING = (("manufacturing", _("Manufacturing")), ("services", _("Services")))


class AgreementFilterSet(ListFilterSet):
    year = django_filters.NumberFilter(field_name="signed_on__year", label=_("Year signed"))
    unit = django_filters.NumberFilter(field_name="lead__responsible_unit_id", label=_("Responsible unit"))
    officer = django_filters.NumberFilter(field_name="service_officer_id", label=_("Service officer"))
    sector = django_filters.ChoiceFilter(choices=MANUFACTURING, method="by_sector", label=_("Sector"))
    q = django_filters.CharFilter(method="search", label=_("Title, number or investor"))
    sort = SortFilter(
        fields=("signed_on", "title", "total_investment", "filed_on"), default="-signed_on", nulls_last=True
    )

    class Meta:
        model = Agreement
        fields: list[str] = []

    def by_sector(self, agreements: QuerySet[Agreement], name: str, value: str) -> QuerySet[Agreement]:
        return agreements.filter(is_manufacturing=value == "manufacturing")

    def search(self, agreements: QuerySet[Agreement], name: str, value: str) -> QuerySet[Agreement]:
        return agreements.filter(
            Q(title__icontains=value) | Q(number__icontains=value) | Q(investor_name__icontains=value)
        )
