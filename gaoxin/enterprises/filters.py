"""The registry's lists and their filters, read alike by the page, its Excel export and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import ListFilterSet, SortFilter, YearFilter
from gaoxin.enterprises.choices import EnterpriseStatus, LandUse, Scale
from gaoxin.enterprises.models import Enterprise, EnterpriseQuerySet, EnterpriseYear, LandParcel


class EnterpriseFilterSet(ListFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name, credit code or pinyin initials"))
    industry = django_filters.CharFilter(
        field_name="industry_code", lookup_expr="startswith", label=_("Industry code")
    )
    scale = django_filters.ChoiceFilter(choices=Scale.choices, label=_("Scale"))
    park = django_filters.CharFilter(field_name="park__code", label=_("Park"))
    chain = django_filters.CharFilter(field_name="chains__code", label=_("Chain"))
    status = django_filters.ChoiceFilter(choices=EnterpriseStatus.choices, label=_("Status"))
    sort = SortFilter(
        fields=("name", "credit_code", "industry_code", "scale", "park__name", "registered_on", "status"),
        keys={"name": "name_sort"},
        field_labels={"park__name": _("Park"), "registered_on": _("registration date")},
        default="name",
        tiebreak=("credit_code",),
    )

    class Meta:
        model = Enterprise
        fields: list[str] = []

    def search(self, enterprises: EnterpriseQuerySet, name: str, value: str) -> EnterpriseQuerySet:
        return enterprises.search(value)


class ParcelFilterSet(ListFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Certificate or owner"))
    park = django_filters.CharFilter(field_name="park__code", label=_("Park"))
    use = django_filters.ChoiceFilter(choices=LandUse.choices, label=_("Land use"))
    # parcels without the sorted value (no owner, park or date) come last in either direction
    sort = SortFilter(
        fields=("certificate_no", "owner__name", "park__name", "use", "area_mu", "acquired_on"),
        keys={"owner__name": "owner__name_sort"},
        field_labels={
            "certificate_no": _("Certificate"),
            "owner__name_sort": _("Owner"),
            "park__name": _("Park"),
            "use": _("Land use"),
            "area_mu": _("Area (mu)"),
        },
        default="certificate_no",
        tiebreak=("certificate_no",),
        nulls_last=True,
    )

    class Meta:
        model = LandParcel
        fields: list[str] = []

    def search(self, parcels: QuerySet[LandParcel], name: str, value: str) -> QuerySet[LandParcel]:
        """The text matches the certificate number, or the owner as the enterprise search does."""
        return parcels.filter(
            Q(certificate_no__icontains=value) | Q(owner__in=Enterprise.objects.search(value))
        )


class YearFilterSet(ListFilterSet):
    """The yearly data of the API: of one year, of one enterprise."""

    year = YearFilter(label=_("Year"))
    credit_code = django_filters.CharFilter(field_name="enterprise__credit_code", label=_("Credit code"))
    sort = SortFilter(
        fields=("credit_code", "year"),
        keys={"credit_code": "enterprise__credit_code"},
        default="credit_code",
        tiebreak=("year",),
    )

    class Meta:
        model = EnterpriseYear
        fields: list[str] = []
