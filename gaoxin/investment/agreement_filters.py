"""The filters of the agreements list, read alike by the page and its export."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import ListFilterSet, SortFilter
from gaoxin.investment.models import Agreement

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
