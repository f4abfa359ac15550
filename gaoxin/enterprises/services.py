"""Changes to the enterprise registry. Each validates and writes in one transaction, acting as ``by`` (logged)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from gaoxin.accounts.models import User
from gaoxin.core import changelog
from gaoxin.enterprises.models import Chain, Enterprise, EnterpriseYear, LandParcel, Lease
from gaoxin.enterprises.year_fields import YEAR_FIELDS


def _assign(obj: Any, data: Mapping[str, Any]) -> None:
    for name, value in data.items():
        setattr(obj, name, value)


def _chain_names(enterprise: Enterprise) -> list[str]:
    return sorted(str(chain) for chain in enterprise.chains.all())


@transaction.atomic
def enterprise_create(
    *, data: Mapping[str, Any], chains: Iterable[Chain] = (), by: User | None
) -> Enterprise:
    enterprise = Enterprise()
    _assign(enterprise, data)
    enterprise.full_clean()
    with changelog.acting(by=by):
        enterprise.save()
        enterprise.chains.set(list(chains))
    return enterprise


@transaction.atomic
def enterprise_update(
    *, enterprise: Enterprise, data: Mapping[str, Any], chains: Iterable[Chain] | None = None, by: User | None
) -> dict[str, list[Any]]:
    """Update fields (and chain tags); returns what changed, as the change log has it
    (chains by their names)."""
    before_chains = _chain_names(enterprise)
    _assign(enterprise, data)
    enterprise.full_clean()
    changed = changelog.unsaved_changes(enterprise)
    with changelog.acting(by=by):
        enterprise.save()
        if chains is not None:
            enterprise.chains.set(list(chains))
    after_chains = _chain_names(enterprise)
    if after_chains != before_chains:
        changed["chains"] = [before_chains, after_chains]
    return changed


@transaction.atomic
def parcel_save(*, parcel: LandParcel | None = None, data: Mapping[str, Any], by: User | None) -> LandParcel:
    return changelog.save_as(parcel or LandParcel(), data, by=by)


@transaction.atomic
def lease_save(*, lease: Lease | None = None, data: Mapping[str, Any], by: User | None) -> Lease:
    return changelog.save_as(lease or Lease(), data, by=by)


@transaction.atomic
def lease_delete(*, lease: Lease, by: User | None) -> None:
    with changelog.acting(by=by):
        lease.delete()


@transaction.atomic
def year_save(
    *,
    enterprise: Enterprise,
    year: int,
    values: Mapping[str, Any],
    sources: Mapping[str, str],
    by: User | None,
) -> EnterpriseYear:
    """Create or update one enterprise's data for one year, with the source of each value entered."""
    row = EnterpriseYear.objects.filter(enterprise=enterprise, year=year).first()
    row = row or EnterpriseYear(enterprise=enterprise, year=year)
    before = {name: changelog.json_value(getattr(row, name)) for name in values}
    _assign(row, values)
    row.sources = {**row.sources, **{k: v for k, v in sources.items() if k in values}}
    # A value changed by staff is no longer the value the enterprise confirmed.
    row.confirmed_fields = [
        f for f in row.confirmed_fields if f not in values or before.get(f) == changelog.json_value(values[f])
    ]
    row.full_clean()
    with changelog.acting(by=by):
        row.save()
    return row


@transaction.atomic
def year_confirm(*, row: EnterpriseYear, confirmed: bool, by: User | None) -> EnterpriseYear:
    """一企一单: the enterprise confirmed its data sheet — every value the year holds is confirmed — or objected to
    it — none is. Logged when it changes which values are confirmed. Who may answer for the enterprise is the
    caller's check (evaluation's confirmation service)."""
    row.confirmed_fields = (
        [name for name in YEAR_FIELDS if getattr(row, name) is not None] if confirmed else []
    )
    if "confirmed_fields" in changelog.unsaved_changes(row):
        with changelog.acting(by=by):
            row.save(update_fields=["confirmed_fields", "updated_at"])
    return row
