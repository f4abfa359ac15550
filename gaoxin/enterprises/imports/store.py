"""Writing validated import rows: only what changed is written, in one transaction, with its change log.

Idempotent: importing the same rows twice changes nothing the second time. An empty cell never erases a stored
value; a column absent from the file is left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from gaoxin.core import changelog
from gaoxin.core.models import ChangeAction
from gaoxin.enterprises.models import YEAR_FIELDS, Chain, Enterprise, EnterpriseYear, Park

Progress = Callable[[int, int], None]
BATCH = 5000


@dataclass
class StoreCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def no_progress(done: int, total: int) -> None:
    return None


def _present(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None and v != ""}


@transaction.atomic
def store_years(
    rows: Sequence[Mapping[str, Any]], *, source: str, by: Any, progress: Progress = no_progress
) -> StoreCounts:
    """Rows carry ``credit_code``, ``year`` and any of YEAR_FIELDS (already converted to Decimal / int)."""
    counts = StoreCounts()
    enterprise_ids = dict(
        Enterprise.objects.filter(credit_code__in={r["credit_code"] for r in rows}).values_list(
            "credit_code", "id"
        )
    )
    years = {r["year"] for r in rows}
    existing = {
        (row.enterprise_id, row.year): row
        for row in EnterpriseYear.objects.filter(year__in=years, enterprise_id__in=enterprise_ids.values())
    }
    pending: list[tuple[EnterpriseYear, dict[str, list[Any]], bool]] = []
    for done, values in enumerate(rows, start=1):
        key = (enterprise_ids[values["credit_code"]], values["year"])
        given = {k: v for k, v in _present(values).items() if k in YEAR_FIELDS}
        row = existing.get(key)
        if row is None:
            row = EnterpriseYear(enterprise_id=key[0], year=key[1], sources={}, confirmed_fields=[])
            before: dict[str, Any] = {}
        else:
            before = {k: changelog.json_value(getattr(row, k)) for k in given}
        after = {k: changelog.json_value(v) for k, v in given.items()}
        changed = changelog.diff(before, after) if row.pk else {k: [None, v] for k, v in after.items()}
        if row.pk and not changed:
            counts.unchanged += 1
        else:
            for name, value in given.items():
                setattr(row, name, value)
            row.sources = {**row.sources, **dict.fromkeys(changed, source)}
            row.confirmed_fields = [f for f in row.confirmed_fields if f not in changed]
            pending.append((row, changed, row.pk is None))
        if done % BATCH == 0:
            progress(done, len(rows))
    _write_years(pending, counts, by)
    progress(len(rows), len(rows))
    return counts


def _write_years(
    pending: list[tuple[EnterpriseYear, dict[str, list[Any]], bool]], counts: StoreCounts, by: Any
) -> None:
    if not pending:
        return
    objs = [p[0] for p in pending]
    EnterpriseYear.objects.bulk_create(
        objs,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["enterprise", "year"],
        update_fields=[*YEAR_FIELDS, "sources", "confirmed_fields", "updated_at"],
    )
    missing = [o for o in objs if o.pk is None]
    if missing:  # engines that do not return ids from an upsert
        ids = {
            (e, y): pk
            for e, y, pk in EnterpriseYear.objects.filter(
                enterprise_id__in={o.enterprise_id for o in missing}, year__in={o.year for o in missing}
            ).values_list("enterprise_id", "year", "id")
        }
        for o in missing:
            o.pk = ids[(o.enterprise_id, o.year)]
    log = []
    for row, changed, created in pending:
        counts.created += created
        counts.updated += not created
        log.append(
            changelog.Change(row, ChangeAction.CREATE if created else ChangeAction.UPDATE, changed, "import")
        )
    changelog.record(log, by=by)


ENTERPRISE_SCALARS = (
    "name",
    "legal_representative",
    "address",
    "industry_code",
    "scale",
    "registered_on",
    "status",
    "contact_name",
    "contact_phone",
    "contact_email",
    "former_names",
)


@transaction.atomic
def store_enterprises(
    rows: Sequence[Mapping[str, Any]], *, by: Any, progress: Progress = no_progress
) -> StoreCounts:
    """Rows carry ``credit_code`` and any registry field; ``park`` and ``chains`` as names (created if new)."""
    counts = StoreCounts()
    parks = {p.name: p for p in Park.objects.all()}
    chains = {c.name: c for c in Chain.objects.all()}
    existing = {
        e.credit_code: e
        for e in Enterprise.objects.filter(credit_code__in=[r["credit_code"] for r in rows]).prefetch_related(
            "chains"
        )
    }
    for done, values in enumerate(rows, start=1):
        given = _present(values)
        enterprise = existing.get(values["credit_code"])
        creating = enterprise is None
        if enterprise is None:
            enterprise = Enterprise(credit_code=values["credit_code"])
        before = changelog.snapshot(enterprise) if not creating else {}
        for name in ENTERPRISE_SCALARS:
            if name in given:
                setattr(enterprise, name, given[name])
        if "park" in given:
            enterprise.park = parks.get(given["park"]) or _new_park(given["park"], parks)
        after = changelog.snapshot(enterprise)
        changed = (
            changelog.diff(before, after)
            if not creating
            else {k: [None, v] for k, v in after.items() if v not in (None, "", [])}
        )
        chain_names = given.get("chains")
        old_chains = sorted(c.name for c in enterprise.chains.all()) if not creating else []
        if chain_names is not None and sorted(chain_names) != old_chains:
            changed["chains"] = [old_chains, sorted(chain_names)]
        if not creating and not changed:
            counts.unchanged += 1
            continue
        enterprise.save()
        if chain_names is not None:
            enterprise.chains.set([chains.get(n) or _new_chain(n, chains) for n in chain_names])
        changelog.record(
            [
                changelog.Change(
                    enterprise, ChangeAction.CREATE if creating else ChangeAction.UPDATE, changed, "import"
                )
            ],
            by=by,
        )
        counts.created += creating
        counts.updated += not creating
        if done % 500 == 0:
            progress(done, len(rows))
    progress(len(rows), len(rows))
    return counts


def _new_park(name: str, parks: dict[str, Park]) -> Park:
    park = Park.objects.create(code=f"park-{len(parks) + 1}", name=name, sort_order=len(parks) + 1)
    parks[name] = park
    return park


def _new_chain(name: str, chains: dict[str, Chain]) -> Chain:
    chain = Chain.objects.create(code=f"chain-{len(chains) + 1}", name=name, sort_order=len(chains) + 1)
    chains[name] = chain
    return chain
