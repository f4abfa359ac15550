"""Writing validated import rows: only what changed is written, in one transaction, with its change log.

Idempotent: importing the same rows twice changes nothing the second time. An empty cell never erases a stored
value; a column absent from the file is left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from gaoxin.accounts.models import User
from gaoxin.core import bulk, changelog
from gaoxin.core.models import ChangeAction
from gaoxin.enterprises.models import Chain, Enterprise, EnterpriseYear, Park
from gaoxin.enterprises.year_fields import YEAR_FIELDS

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 5000
IN_LIST_LIMIT = 5000  # above this, read the whole registry rather than an IN list the database may refuse


@dataclass
class StoreCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def no_progress(done: int, total: int) -> None:
    return None


def enterprise_index(codes: set[str]) -> dict[str, tuple[int, str]]:
    """credit code → (id, name) for those of the given codes that are in the registry."""
    enterprises = Enterprise.objects.all()
    if len(codes) <= IN_LIST_LIMIT:
        enterprises = enterprises.filter(credit_code__in=codes)
    return {
        code: (pk, name)
        for code, pk, name in enterprises.values_list("credit_code", "id", "name").iterator(chunk_size=20000)
        if code in codes
    }


def _present(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None and v != ""}


YEAR_COLUMNS = ("enterprise", "year", *YEAR_FIELDS, "sources", "confirmed_fields", "created_at", "updated_at")
YEAR_UPDATES = (*YEAR_FIELDS, "sources", "confirmed_fields", "updated_at")
YEAR_READ = ("id", "enterprise_id", "year", *YEAR_FIELDS, "sources", "confirmed_fields", "created_at")
NO_CONFIRMATIONS: list[str] = []  # shared by every new row; never mutated


@dataclass
class LoggedYear:
    """What the change log gets for one written row; ``pk`` is known after the write for new rows."""

    enterprise_id: int
    year: int
    changes: dict[str, list[Any]] | bulk.EncodedJSON
    pk: int | None = None


def log_text(value: Any) -> Any:
    """A number as the change log shows it: exact, without trailing zeros (Decimal("32.5100") → "32.51")."""
    if isinstance(value, Decimal):
        text = str(value)
        return (
            text.rstrip("0").rstrip(".") if "." in text and "E" not in text else changelog.json_value(value)
        )
    return value


def _created_log(given: list[tuple[str, Any]]) -> bulk.EncodedJSON:
    """The log of a new row, encoded directly: keys are field names, values numbers (no escaping needed)."""
    parts = [f'"{k}": [null, {v}]' if type(v) is int else f'"{k}": [null, "{log_text(v)}"]' for k, v in given]
    return bulk.EncodedJSON("{" + ", ".join(parts) + "}")


@transaction.atomic
def store_years(
    rows: Sequence[Mapping[str, Any]], *, source: str, by: User | None, progress: Progress = no_progress
) -> StoreCounts:
    """Rows carry ``credit_code``, ``year`` and any of YEAR_FIELDS (already converted to Decimal / int)."""
    counts = StoreCounts()
    now = timezone.now()
    index = enterprise_index({r["credit_code"] for r in rows})
    names = dict(index.values())
    existing = {
        (row["enterprise_id"], row["year"]): row
        for row in EnterpriseYear.objects.filter(year__in={r["year"] for r in rows})
        .values(*YEAR_READ)
        .iterator(chunk_size=20000)
        if row["enterprise_id"] in names
    }
    written: list[tuple[Any, ...]] = []  # in YEAR_COLUMNS order
    logged: list[LoggedYear] = []
    # Rows with the same fields share one sources dict, so the bulk writer encodes it once per run.
    sources_by_fields: dict[tuple[str, ...], dict[str, str]] = {}
    for done, values in enumerate(rows, start=1):
        enterprise_id, year = index[values["credit_code"]][0], values["year"]
        given = [(k, v) for k in YEAR_FIELDS if (v := values.get(k)) is not None]
        stored = existing.get((enterprise_id, year))
        if stored is None:
            fields = tuple(k for k, _ in given)
            sources = sources_by_fields.get(fields) or sources_by_fields.setdefault(
                fields, dict.fromkeys(fields, source)
            )
            written.append(
                (
                    enterprise_id,
                    year,
                    *[values.get(k) for k in YEAR_FIELDS],
                    sources,
                    NO_CONFIRMATIONS,
                    now,
                    now,
                )
            )
            logged.append(LoggedYear(enterprise_id, year, _created_log(given)))
            counts.created += 1
        else:
            # Numbers compare as numbers (Decimal("100.0000") == Decimal("100")) and enter the log as text.
            changed = {k: [log_text(stored[k]), log_text(v)] for k, v in given if stored[k] != v}
            if not changed:
                counts.unchanged += 1
                continue
            merged = {name: stored[name] for name in YEAR_FIELDS} | dict(given)
            written.append(
                (
                    enterprise_id,
                    year,
                    *[merged[k] for k in YEAR_FIELDS],
                    {**stored["sources"], **dict.fromkeys(changed, source)},
                    [f for f in stored["confirmed_fields"] if f not in changed],
                    stored["created_at"],
                    now,
                )
            )
            logged.append(LoggedYear(enterprise_id, year, changed, stored["id"]))
            counts.updated += 1
        if done % PROGRESS_EVERY == 0:
            progress(done, len(rows))
    _write_years(written, logged, by, names)
    progress(len(rows), len(rows))
    return counts


def _write_years(
    written: list[tuple[Any, ...]], logged: list[LoggedYear], by: User | None, names: dict[int, str]
) -> None:
    if not written:
        return
    bulk.upsert(
        EnterpriseYear,
        YEAR_COLUMNS,
        written,
        unique_fields=("enterprise", "year"),
        update_fields=YEAR_UPDATES,
    )
    new_years = {entry.year for entry in logged if entry.pk is None}
    if new_years:
        ids = {
            (e, y): pk
            for e, y, pk in EnterpriseYear.objects.filter(year__in=new_years)
            .values_list("enterprise_id", "year", "id")
            .iterator(chunk_size=20000)
        }
        for entry in logged:
            if entry.pk is None:
                entry.pk = ids[(entry.enterprise_id, entry.year)]
    changelog.record(  # written in bulk, past the signals: logged through the mechanism's bulk entry
        (
            changelog.Change(
                EnterpriseYear,
                entry.pk,
                ChangeAction.UPDATE if isinstance(entry.changes, dict) else ChangeAction.CREATE,
                entry.changes,
                "import",
                f"{names[entry.enterprise_id]} {entry.year}",
            )
            for entry in logged
        ),
        by=by,
    )


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
    rows: Sequence[Mapping[str, Any]], *, by: User | None, progress: Progress = no_progress
) -> StoreCounts:
    """Rows carry ``credit_code`` and any registry field; ``park`` and ``chains`` as names (created if new)."""
    counts = StoreCounts()
    parks = {p.name: p for p in Park.objects.all()}
    chains = {c.name: c for c in Chain.objects.all()}
    known = enterprise_index({r["credit_code"] for r in rows})
    existing = {
        e.credit_code: e
        for e in Enterprise.objects.filter(pk__in=[pk for pk, _name in known.values()]).prefetch_related(
            "chains"
        )
    }
    with changelog.acting(by=by, note="import"):  # each enterprise saved is logged by the mechanism
        for done, values in enumerate(rows, start=1):
            given = _present(values)
            enterprise = existing.get(values["credit_code"])
            creating = enterprise is None
            if enterprise is None:
                enterprise = Enterprise(credit_code=values["credit_code"])
            for name in ENTERPRISE_SCALARS:
                if name in given:
                    setattr(enterprise, name, given[name])
            if "park" in given:
                enterprise.park = parks.get(given["park"]) or _new_park(given["park"], parks)
            chain_names = given.get("chains")
            old_chains = [] if creating else sorted(c.name for c in enterprise.chains.all())
            new_chains = chain_names is not None and sorted(chain_names) != old_chains
            if not creating and not new_chains and not changelog.unsaved_changes(enterprise):
                counts.unchanged += 1
                continue
            enterprise.save()
            if chain_names is not None:
                enterprise.chains.set([chains.get(n) or _new_chain(n, chains) for n in chain_names])
            counts.created += creating
            counts.updated += not creating
            if done % 500 == 0:
                progress(done, len(rows))
    progress(len(rows), len(rows))
    return counts


def _new_park(name: str, parks: dict[str, Park]) -> Park:
    park = Park.objects.create(code=f"park-{Park.objects.count() + 1}", name=name, sort_order=len(parks) + 1)
    parks[name] = park
    return park


def _new_chain(name: str, chains: dict[str, Chain]) -> Chain:
    chain = Chain.objects.create(
        code=f"chain-{Chain.objects.count() + 1}", name=name, sort_order=len(chains) + 1
    )
    chains[name] = chain
    return chain
