"""Write a planned demo registry into the database: enterprises, chain tags, parcels, leases, yearly data.

Bulk inserts in batches with every derived field computed here (pinyin initials, normalised codes), no
per-object ``save()``; their "created" change-log entries are written afterwards, in bulk (``demo.history``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import numpy as np
from django.db import connection
from django.utils import timezone

from gaoxin.demo.figures import SOURCES_ABOVE_SCALE, SOURCES_BELOW_SCALE, FloatArray
from gaoxin.demo.plan import CONFIRMED_ALL, CONFIRMED_SOME, CONFIRMED_SOME_FIELDS, RegistryPlan
from gaoxin.enterprises.models import Chain, Enterprise, EnterpriseYear, LandParcel, Lease, Park
from gaoxin.enterprises.pinyin import initials, sort_key
from gaoxin.enterprises.year_fields import YEAR_FIELDS

BATCH_SIZE = 2000
CHUNK = 10_000  # firms (or parcels) whose rows are built and inserted together: bounds the memory used

Report = Callable[[str, int], None]


def _chunks(count: int) -> Iterator[range]:
    """Index ranges of CHUNK items: model instances are built and inserted a chunk at a time."""
    for start in range(0, count, CHUNK):
        yield range(start, min(start + CHUNK, count))


def store_enterprises(plan: RegistryPlan, *, parks: dict[str, Park], chains: dict[str, Chain]) -> list[int]:
    """The enterprises and their chain tags; returns the enterprises' ids in the order of the plan."""
    ids: list[int] = []
    through = Enterprise.chains.through
    for chunk in _chunks(len(plan.firms)):
        enterprises = [
            Enterprise(
                credit_code=firm.credit_code,
                name=firm.name,
                former_names=list(firm.former_names),
                name_initials=initials(firm.name),
                name_sort=sort_key(firm.name),
                legal_representative=firm.legal_representative,
                address=firm.address,
                industry_code=firm.industry_code,
                scale=firm.scale,
                registered_on=firm.registered_on,
                park_id=parks[firm.park].pk,
                status=firm.status,
                contact_name=firm.contact_name,
                contact_phone=firm.contact_phone,
                contact_email=firm.contact_email,
            )
            for firm in (plan.firms[i] for i in chunk)
        ]
        Enterprise.objects.bulk_create(enterprises, batch_size=BATCH_SIZE)
        tags = [
            through(enterprise_id=enterprise.pk, chain_id=chains[code].pk)
            for enterprise, i in zip(enterprises, chunk, strict=True)
            for code in plan.firms[i].chains
        ]
        through.objects.bulk_create(tags, batch_size=BATCH_SIZE)
        ids.extend(enterprise.pk for enterprise in enterprises)
    return ids


def store_land(plan: RegistryPlan, enterprise_ids: list[int], *, parks: dict[str, Park]) -> tuple[int, int]:
    """Parcels and leases; returns how many of each."""
    parcel_ids: list[int] = []
    for chunk in _chunks(len(plan.parcels)):
        parcels = [
            LandParcel(
                certificate_no=p.certificate_no,
                location=p.location,
                area_mu=p.area_mu,
                use=p.use,
                owner_id=None if p.owner is None else enterprise_ids[p.owner],
                park_id=parks[p.park].pk,
                longitude=p.longitude,
                latitude=p.latitude,
                acquired_on=p.acquired_on,
            )
            for p in (plan.parcels[k] for k in chunk)
        ]
        LandParcel.objects.bulk_create(parcels, batch_size=BATCH_SIZE)
        parcel_ids.extend(parcel.pk for parcel in parcels)
    leases = [
        Lease(
            lessee_id=enterprise_ids[lease.lessee],
            lessor_id=enterprise_ids[lease.lessor],
            parcel_id=parcel_ids[lease.parcel],
            floor_area_m2=lease.floor_area_m2,
            land_mu=lease.land_mu,
            starts_on=lease.starts_on,
            ends_on=lease.ends_on,
        )
        for lease in plan.leases
    ]
    Lease.objects.bulk_create(leases, batch_size=BATCH_SIZE)
    return len(parcel_ids), len(leases)


def store_years(plan: RegistryPlan, enterprise_ids: list[int], *, report: Report) -> int:
    """Every firm's yearly rows, inserted a block of firms at a time; ``report`` gets the running count.

    Half a million rows are too many for ``bulk_create``'s per-value preparation (three quarters of the
    load time of the large demo), so they go in with one prepared INSERT executed for many rows, the values
    already in the form the field would give the driver: Decimals as they are, foreign keys as ids, and the
    few distinct timestamps and JSON values prepared by their fields once.
    """
    by_name = {field.name: field for field in EnterpriseYear._meta.concrete_fields}
    fields = [by_name[name] for name in YEAR_COLUMNS]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(EnterpriseYear._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    now = by_name["created_at"].get_db_prep_save(timezone.now(), connection)
    json_field = by_name["sources"]
    prepared: dict[str, Any] = {}

    def as_json(value: dict[str, str] | list[str]) -> Any:
        key = json.dumps(value, sort_keys=True)
        if key not in prepared:
            prepared[key] = json_field.get_db_prep_save(value, connection)
        return prepared[key]

    stored = 0
    with connection.cursor() as cursor:
        for chunk in _chunks(len(plan.firms)):
            rows = list(_year_rows(plan, enterprise_ids, chunk, now, as_json))
            cursor.executemany(sql, rows)
            stored += len(rows)
            report("Yearly data rows", stored)
    return stored


DECIMAL_FIELDS = tuple(name for name in YEAR_FIELDS if name != "employees")
YEAR_COLUMNS = (
    "created_at",
    "updated_at",
    "enterprise",
    "year",
    *DECIMAL_FIELDS,
    "employees",
    "sources",
    "confirmed_fields",
)


def _decimals(values: FloatArray) -> list[list[Decimal | None]]:
    """A [firm, year] block of figures (already rounded to 4 places) as Decimals, None for NaN."""
    return [
        [None if v != v else Decimal(f"{v:.4f}") for v in row]  # v != v: NaN
        for row in values.tolist()
    ]


def _year_rows(
    plan: RegistryPlan, enterprise_ids: list[int], chunk: range, now: Any, as_json: Callable[[Any], Any]
) -> Iterator[tuple[Any, ...]]:
    """The rows of the firms in ``chunk``, in the order of YEAR_COLUMNS."""
    start, stop = chunk.start, chunk.stop
    columns = [_decimals(plan.figures[name][start:stop]) for name in DECIMAL_FIELDS]
    employees = plan.figures["employees"][start:stop].tolist()
    present = ~np.isnan(np.stack([plan.figures[name][start:stop] for name in YEAR_FIELDS], axis=2))
    latest = len(plan.years) - 1
    sources: dict[tuple[bool, tuple[bool, ...]], Any] = {}
    confirmed: dict[tuple[int, tuple[bool, ...]], Any] = {}
    for i in range(start, stop):
        enterprise_id, k = enterprise_ids[i], i - start
        above = plan.firms[i].scale == "above_scale"
        for t in range(int(plan.first[i]), int(plan.last[i]) + 1):
            mask = tuple(present[k, t].tolist())
            if (above, mask) not in sources:
                table = SOURCES_ABOVE_SCALE if above else SOURCES_BELOW_SCALE
                sources[(above, mask)] = as_json(
                    {name: table[name] for name, has in zip(YEAR_FIELDS, mask, strict=True) if has}
                )
            confirmation = CONFIRMED_ALL if t < latest else int(plan.confirmation[i])
            if (confirmation, mask) not in confirmed:
                confirmed[(confirmation, mask)] = as_json(_confirmed(confirmation, mask))
            yield (
                now,
                now,
                enterprise_id,
                plan.years[t],
                *(column[k][t] for column in columns),
                int(employees[k][t]),
                sources[(above, mask)],
                confirmed[(confirmation, mask)],
            )


def _confirmed(confirmation: int, mask: tuple[bool, ...]) -> list[str]:
    fields = [name for name, has in zip(YEAR_FIELDS, mask, strict=True) if has]
    if confirmation == CONFIRMED_ALL:
        return fields
    if confirmation == CONFIRMED_SOME:
        return [name for name in fields if name in CONFIRMED_SOME_FIELDS]
    return []
