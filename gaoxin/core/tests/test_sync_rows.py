"""changelog.sync_rows: a derived set of rows made equal to what was computed, every difference logged."""

from __future__ import annotations

import pytest

from gaoxin.core import changelog
from gaoxin.core.models import ChangeLogEntry
from gaoxin.enterprises.models import Park

pytestmark = pytest.mark.django_db


def sync(wanted: dict[str, dict[str, object]]) -> int:
    return changelog.sync_rows(
        Park,
        {p.code: p for p in Park.objects.all()},
        wanted,
        lambda code, values: Park(code=code, **values),
        by=None,
    )


def test_creates_changes_and_removes_and_logs_each_once() -> None:
    assert sync({"a": {"name": "甲园", "sort_order": 1}, "b": {"name": "乙园", "sort_order": 2}}) == 2
    assert sync({"a": {"name": "甲园", "sort_order": 1}, "b": {"name": "乙园", "sort_order": 2}}) == 0
    assert sync({"a": {"name": "甲园区", "sort_order": 1}, "c": {"name": "丙园", "sort_order": 3}}) == 3
    assert dict(Park.objects.values_list("code", "name")) == {"a": "甲园区", "c": "丙园"}
    actions = list(ChangeLogEntry.objects.order_by("id").values_list("object_repr", "action"))
    assert actions[2:] == [("甲园区", "update"), ("乙园", "delete"), ("丙园", "create")]
    update = ChangeLogEntry.objects.get(action="update")
    assert update.changes == {"name": ["甲园", "甲园区"]}
