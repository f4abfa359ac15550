"""changelog.save_with_log: secret fields reach the log only masked; before_save sees the pending changes."""

from __future__ import annotations

from typing import Any

import pytest

from gaoxin.core import changelog
from gaoxin.core.models import ChangeLogEntry
from gaoxin.enterprises.models import Park

pytestmark = pytest.mark.django_db


def logged(action: str) -> dict[str, Any]:
    changes: dict[str, Any] = ChangeLogEntry.objects.get(action=action).changes
    return changes


def test_secret_fields_are_logged_masked_and_saved_in_full() -> None:
    park = changelog.save_with_log(
        Park(), {"code": "a", "name": "秘密园", "sort_order": 1}, by=None, secret_fields=("name",)
    )
    assert logged("create") == {"code": [None, "a"], "name": [None, "******"], "sort_order": [None, 1]}

    changelog.save_with_log(park, {"name": "另一园", "sort_order": 2}, by=None, secret_fields=("name",))
    assert logged("update") == {"name": ["******", "******"], "sort_order": [1, 2]}
    assert Park.objects.get().name == "另一园"
    assert not any("园" in str(entry.changes) for entry in ChangeLogEntry.objects.all())


def test_without_secret_fields_values_are_logged_as_they_are() -> None:
    park = changelog.save_with_log(Park(), {"code": "a", "name": "甲园"}, by=None)
    changelog.save_with_log(park, {"name": "乙园"}, by=None)
    assert logged("create")["name"] == [None, "甲园"]
    assert logged("update") == {"name": ["甲园", "乙园"]}


def test_before_save_gets_the_pending_changes_and_its_edits_are_saved() -> None:
    seen: list[dict[str, list[Any]]] = []

    def note(park: Park, changes: dict[str, list[Any]]) -> None:
        seen.append(changes)
        park.sort_order = 9

    park = changelog.save_with_log(Park(), {"code": "a", "name": "甲园"}, by=None, before_save=note)
    changelog.save_with_log(park, {"name": "乙园"}, by=None, before_save=note)
    assert seen == [
        {"code": [None, "a"], "name": [None, "甲园"], "sort_order": [None, 0]},
        {"name": ["甲园", "乙园"]},
    ]
    assert Park.objects.get().sort_order == 9
