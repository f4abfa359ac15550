"""Reads of the enterprise registry, already scoped to what the user may see (``Model.objects.for_user``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Max, Prefetch, QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404

from gaoxin.accounts.models import User
from gaoxin.core import upload_imports
from gaoxin.core.models import Job
from gaoxin.enterprises.choices import EnterpriseStatus
from gaoxin.enterprises.imports.pipeline import KINDS
from gaoxin.enterprises.models import Chain, Enterprise, EnterpriseYear, LandParcel, Lease, Park


def enterprise_list(user: User | AnonymousUser) -> QuerySet[Enterprise]:
    """The registry list (``filters.EnterpriseFilterSet`` filters and orders it)."""
    return Enterprise.objects.for_user(user).select_related("park")


SUGGESTIONS = 10


def suggestions(user: User | AnonymousUser, text: str) -> list[Enterprise]:
    """Enterprises to pick from as a name or a part of a credit code is typed (the enterprise search): a few,
    by name; nothing before two characters (one Chinese character)."""
    text = text.strip()
    if len(text) < 2 and text.isascii():
        return []
    found = Enterprise.objects.for_user(user).search(text).only("name", "credit_code")
    return list(found.order_by("name_sort", "credit_code")[:SUGGESTIONS])


def enterprise_records(user: User | AnonymousUser) -> QuerySet[Enterprise]:
    """The registry as the API gives it: the list with each enterprise's chains."""
    return enterprise_list(user).prefetch_related("chains")


def registry_export() -> QuerySet[Enterprise]:
    """The whole registry as ``gaoxin export enterprises`` writes it: by credit code, with the parks."""
    return Enterprise.objects.select_related("park").order_by("credit_code")


def chain_names(enterprises: QuerySet[Enterprise]) -> dict[int, list[str]]:
    """The names of the chains of each of ``enterprises`` (by id), in the chains' order, in one query."""
    through = Enterprise.chains.through.objects.filter(enterprise__in=enterprises.order_by())
    names: dict[int, list[str]] = {}
    rows = through.order_by("chain__sort_order", "chain__code").values_list("enterprise_id", "chain__name")
    for enterprise_id, name in rows:
        names.setdefault(enterprise_id, []).append(name)
    return names


def latest_years(enterprises: list[Enterprise]) -> dict[int, EnterpriseYear]:
    """The newest yearly row of each enterprise on a page, in one query."""
    rows = EnterpriseYear.objects.filter(enterprise_id__in=[e.pk for e in enterprises]).order_by(
        "enterprise_id", "-year"
    )
    latest: dict[int, EnterpriseYear] = {}
    for row in rows.only("enterprise_id", "year", "tax", "land_mu", "revenue"):
        latest.setdefault(row.enterprise_id, row)
    return latest


def enterprise_get(user: User | AnonymousUser, pk: int) -> Enterprise:
    """One enterprise the user sees; Http404 otherwise."""
    return get_object_or_404(Enterprise.objects.for_user(user), pk=pk)


def enterprise_detail(user: User | AnonymousUser, pk: int) -> Enterprise:
    """One enterprise with what its page shows; Http404 when out of the user's scope."""
    enterprise = (
        Enterprise.objects.for_user(user)
        .select_related("park")
        .prefetch_related(
            "chains",
            Prefetch("parcels", queryset=LandParcel.objects.select_related("park")),
            Prefetch("leases_taken", queryset=Lease.objects.select_related("lessor", "parcel")),
            Prefetch("leases_given", queryset=Lease.objects.select_related("lessee", "parcel")),
            Prefetch("years", queryset=EnterpriseYear.objects.order_by("year")),
        )
        .filter(pk=pk)
        .first()
    )
    if enterprise is None:
        raise Http404
    return enterprise


def year_get(enterprise: Enterprise, year: int) -> EnterpriseYear:
    """One year of an enterprise the caller has already found in the user's scope; Http404 when it has none."""
    return get_object_or_404(enterprise.years, year=year)


def sheet_of(enterprise_id: int, year: int) -> EnterpriseYear | None:
    """An enterprise's yearly data (its data sheet) for a year, with the enterprise (None: none)."""
    return (
        EnterpriseYear.objects.select_related("enterprise")
        .filter(enterprise_id=enterprise_id, year=year)
        .first()
    )


def sheet_holders(year: int) -> dict[str, int]:
    """Credit code → id of the enterprises with a data sheet for ``year``."""
    return dict(
        EnterpriseYear.objects.filter(year=year).values_list("enterprise__credit_code", "enterprise_id")
    )


def sheets_of(enterprise: Enterprise) -> list[EnterpriseYear]:
    """An enterprise's yearly data, newest year first."""
    return list(enterprise.years.order_by("-year"))


def year_records(user: User | AnonymousUser) -> QuerySet[EnterpriseYear]:
    """The yearly data the user sees, with their enterprises (``filters.YearFilterSet`` orders it)."""
    return EnterpriseYear.objects.for_user(user).select_related("enterprise")


def year_export(year: int | None = None) -> QuerySet[EnterpriseYear]:
    """The yearly data as ``gaoxin export years`` writes it (one year, or all): by credit code and year, with
    the enterprises."""
    years = EnterpriseYear.objects.select_related("enterprise").order_by("enterprise__credit_code", "year")
    return years if year is None else years.filter(year=year)


def parks() -> list[Park]:
    return list(Park.objects.all())


def park_names() -> dict[str, str]:
    """Park names by code."""
    return dict(Park.objects.values_list("code", "name"))


def filter_choices() -> dict[str, Any]:
    """What the registry list's filter bar offers."""
    return {"parks": parks(), "chains": list(Chain.objects.all())}


def parcel_list(user: User | AnonymousUser) -> QuerySet[LandParcel]:
    """The land-parcel list (``filters.ParcelFilterSet`` filters and orders it)."""
    return LandParcel.objects.for_user(user).select_related("owner", "park")


def parcel_get(user: User | AnonymousUser, pk: int) -> LandParcel:
    """One parcel the user sees; Http404 otherwise."""
    return get_object_or_404(LandParcel.objects.for_user(user), pk=pk)


def parcel_detail(user: User | AnonymousUser, pk: int) -> LandParcel:
    """One parcel with its owner, park and leases; Http404 when out of the user's scope."""
    parcel = (
        parcel_list(user)
        .prefetch_related(Prefetch("leases", queryset=Lease.objects.select_related("lessee", "lessor")))
        .filter(pk=pk)
        .first()
    )
    if parcel is None:
        raise Http404
    return parcel


def import_jobs(user: User | AnonymousUser) -> QuerySet[Job]:
    """The registry imports the user may follow, newest first."""
    return upload_imports.visible(user, KINDS)


def import_job(user: User | AnonymousUser, job_id: UUID) -> Job:
    """One registry import the user may follow; Http404 otherwise."""
    return get_object_or_404(import_jobs(user), pk=job_id)


def registry_summary(user: User | AnonymousUser) -> dict[str, Any]:
    enterprises = Enterprise.objects.for_user(user)
    latest_year = EnterpriseYear.objects.aggregate(y=Max("year"))["y"]
    tax = (
        EnterpriseYear.objects.for_user(user).filter(year=latest_year).aggregate(t=Sum("tax"))["t"]
        if latest_year
        else None
    ) or Decimal(0)
    parcels = LandParcel.objects.for_user(user)
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


def operating_without_sheet(year: int) -> int:
    """How many operating enterprises of the registry have no data sheet for ``year``."""
    sheets = EnterpriseYear.objects.filter(year=year).values("enterprise_id")
    return Enterprise.objects.filter(status=EnterpriseStatus.OPERATING).exclude(pk__in=sheets).count()
