"""Reads of the enterprise registry, already scoped to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F, Max, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Replace
from django.db.models.lookups import Contains

from gaoxin.core.list_filters import ListFilters
from gaoxin.enterprises.choices import LandUse
from gaoxin.enterprises.models import Chain, Enterprise, EnterpriseYear, LandParcel, Lease, Park


def enterprises_for(user: Any) -> QuerySet[Enterprise]:
    """Committee staff see the whole registry; an enterprise contact sees only their own enterprise."""
    if not getattr(user, "is_authenticated", False):
        return Enterprise.objects.none()
    if user.is_staff_member:
        return Enterprise.objects.all()
    if user.is_enterprise_contact:
        return Enterprise.objects.filter(pk=user.enterprise_id)
    return Enterprise.objects.none()


def parcels_for(user: Any) -> QuerySet[LandParcel]:
    if not getattr(user, "is_authenticated", False):
        return LandParcel.objects.none()
    if user.is_staff_member:
        return LandParcel.objects.all()
    if user.is_enterprise_contact:
        return LandParcel.objects.filter(
            Q(owner_id=user.enterprise_id) | Q(leases__lessee_id=user.enterprise_id)
        ).distinct()
    return LandParcel.objects.none()


def years_for(user: Any) -> QuerySet[EnterpriseYear]:
    return EnterpriseYear.objects.filter(enterprise__in=enterprises_for(user))


SPACES = (" ", "\u3000")  # the ASCII and the full-width (ideographic) space


def _name_without_spaces() -> Any:
    name: Any = F("name")
    for space in SPACES:
        name = Replace(name, Value(space), Value(""))
    return name


def _term_query(term: str) -> Q:
    """One term: Chinese → the name, spaces in it ignored; letters → name or pinyin initials; letters and
    digits → anywhere in the credit code (any case), or the name."""
    if not term.isascii():
        return Q(name__contains=term) | Q(Contains(_name_without_spaces(), term))
    if term.isalpha():
        return Q(name_initials__contains=term.lower()) | Q(name__icontains=term)
    if term.isalnum():
        return Q(credit_code__contains=term.upper()) | Q(name__icontains=term)
    return Q(name__icontains=term)


def search_query(text: str) -> Q:
    """Enterprises matching every whitespace-separated term of ``text`` ("嘉兴 光伏" finds 嘉兴光伏科技, and
    "嘉兴光伏" finds "嘉兴 光伏科技"); no term matches everything."""
    query = Q()
    for term in text.split():
        query &= _term_query(term)
    return query


SUGGESTIONS = 10


def suggestions(user: Any, text: str) -> list[Enterprise]:
    """Enterprises to pick from as a name or a part of a credit code is typed (the enterprise search): a few,
    by name; nothing before two characters (one Chinese character)."""
    text = text.strip()
    if len(text) < 2 and text.isascii():
        return []
    found = enterprises_for(user).filter(search_query(text)).only("name", "credit_code")
    return list(found.order_by("name_sort", "credit_code")[:SUGGESTIONS])


@dataclass(frozen=True)
class EnterpriseFilters(ListFilters):
    q: str = ""
    industry: str = ""
    scale: str = ""
    park: str = ""
    chain: str = ""
    status: str = ""
    sort: str = "name"

    SORTS = ("name", "credit_code", "industry_code", "scale", "park__name", "registered_on", "status")
    SORT_KEYS = {"name": "name_sort"}

    def apply(self, enterprises: QuerySet[Enterprise]) -> QuerySet[Enterprise]:
        if self.q:
            enterprises = enterprises.filter(search_query(self.q))
        if self.industry:
            enterprises = enterprises.filter(industry_code__startswith=self.industry)
        if self.scale:
            enterprises = enterprises.filter(scale=self.scale)
        if self.park:
            enterprises = enterprises.filter(park__code=self.park)
        if self.chain:
            enterprises = enterprises.filter(chains__code=self.chain)
        if self.status:
            enterprises = enterprises.filter(status=self.status)
        return enterprises.order_by(self.sort_field, "credit_code")


def enterprise_list(user: Any, filters: EnterpriseFilters) -> QuerySet[Enterprise]:
    return filters.apply(enterprises_for(user)).select_related("park")


@dataclass(frozen=True)
class ParcelFilters(ListFilters):
    q: str = ""
    park: str = ""
    use: str = ""
    sort: str = "certificate_no"

    SORTS = ("certificate_no", "owner__name", "park__name", "use", "area_mu", "acquired_on")
    SORT_KEYS = {"owner__name": "owner__name_sort"}

    def apply(self, parcels: QuerySet[LandParcel]) -> QuerySet[LandParcel]:
        """The text matches the certificate number, or the owner as the enterprise search does.
        Parcels without the sorted value (no owner, park or date) come last in either direction."""
        if self.q:
            parcels = parcels.filter(
                Q(certificate_no__icontains=self.q)
                | Q(owner__in=Enterprise.objects.filter(search_query(self.q)))
            )
        if self.park:
            parcels = parcels.filter(park__code=self.park)
        if self.use in LandUse.values:
            parcels = parcels.filter(use=self.use)
        field = F(self.sort_field.lstrip("-"))
        order = field.desc(nulls_last=True) if self.sort.startswith("-") else field.asc(nulls_last=True)
        return parcels.order_by(order, "certificate_no")


def parcel_list(user: Any, filters: ParcelFilters) -> QuerySet[LandParcel]:
    return filters.apply(parcels_for(user)).select_related("owner", "park")


def latest_years(enterprises: list[Enterprise]) -> dict[int, EnterpriseYear]:
    """The newest yearly row of each enterprise on a page, in one query."""
    rows = EnterpriseYear.objects.filter(enterprise_id__in=[e.pk for e in enterprises]).order_by(
        "enterprise_id", "-year"
    )
    latest: dict[int, EnterpriseYear] = {}
    for row in rows.only("enterprise_id", "year", "tax", "land_mu", "revenue"):
        latest.setdefault(row.enterprise_id, row)
    return latest


def enterprise_detail(user: Any, pk: int) -> Enterprise:
    """One enterprise with what its page shows; raises Enterprise.DoesNotExist when out of the user's scope."""
    return (
        enterprises_for(user)
        .select_related("park")
        .prefetch_related(
            "chains",
            Prefetch("parcels", queryset=LandParcel.objects.select_related("park")),
            Prefetch("leases_taken", queryset=Lease.objects.select_related("lessor", "parcel")),
            Prefetch("leases_given", queryset=Lease.objects.select_related("lessee", "parcel")),
            Prefetch("years", queryset=EnterpriseYear.objects.order_by("year")),
        )
        .get(pk=pk)
    )


def filter_choices() -> dict[str, Any]:
    return {"parks": list(Park.objects.all()), "chains": list(Chain.objects.all())}


def registry_summary(user: Any) -> dict[str, Any]:
    enterprises = enterprises_for(user)
    latest_year = EnterpriseYear.objects.aggregate(y=Max("year"))["y"]
    tax = (
        years_for(user).filter(year=latest_year).aggregate(t=Sum("tax"))["t"] if latest_year else None
    ) or Decimal(0)
    parcels = parcels_for(user)
    return {
        "enterprises": enterprises.count(),
        "above_scale": enterprises.filter(scale="above_scale").count(),
        "parcels": parcels.count(),
        "parcel_mu": parcels.aggregate(m=Sum("area_mu"))["m"] or Decimal(0),
        "latest_year": latest_year,
        "latest_tax": tax,
    }


def operating_count() -> int:
    """How many enterprises of the zone are operating (the base of the visit coverage)."""
    return Enterprise.objects.filter(status="operating").count()
