"""core.bulk: batched insert, upsert and update from plain values (on PostgreSQL through COPY)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from gaoxin.core import bulk
from gaoxin.enterprises.models import Park

pytestmark = pytest.mark.django_db

FIELDS = ["code", "name", "sort_order", "created_at", "updated_at"]


def parks() -> dict[str, tuple[str, int]]:
    return {
        code: (name, order) for code, name, order in Park.objects.values_list("code", "name", "sort_order")
    }


def test_insert_reports_progress_between_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "BATCH", 2)
    now = timezone.now()
    written: list[int] = []
    bulk.insert(Park, FIELDS, [(f"p{i}", f"园区{i}", i, now, now) for i in range(5)], progress=written.append)
    assert written == [2, 4, 5]
    assert parks() == {f"p{i}": (f"园区{i}", i) for i in range(5)}


def test_upsert_updates_only_the_named_fields_of_existing_rows() -> None:
    now = timezone.now()
    bulk.insert(Park, FIELDS, [("a", "甲园", 1, now, now)])
    bulk.upsert(
        Park,
        FIELDS,
        [("a", "甲园区", 7, now, now), ("b", "乙园", 2, now, now)],
        unique_fields=["code"],
        update_fields=["name"],
    )
    assert parks() == {"a": ("甲园区", 1), "b": ("乙园", 2)}


def test_update_sets_fields_by_primary_key_and_leaves_other_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "BATCH", 2)
    now = timezone.now()
    bulk.insert(Park, FIELDS, [(f"p{i}", f"园区{i}", i, now, now) for i in range(5)])
    ids = dict(Park.objects.values_list("code", "pk"))
    bulk.update(
        Park,
        ["name", "sort_order"],
        [(ids["p1"], "乙园", 21), (ids["p2"], "丙园", 22), (ids["p4"], "戊园", 0)],
    )
    assert parks() == {
        "p0": ("园区0", 0),
        "p1": ("乙园", 21),
        "p2": ("丙园", 22),
        "p3": ("园区3", 3),
        "p4": ("戊园", 0),
    }
    bulk.update(Park, ["name"], [])  # nothing to write
    assert len(parks()) == 5
