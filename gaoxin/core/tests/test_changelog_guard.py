"""The test suite's change-log guard (gaoxin.testing.changelog_guard) finds the writes no entry records."""

from __future__ import annotations

import pytest
from django.utils import timezone

from gaoxin.core import bulk, changelog
from gaoxin.core.models import ChangeAction
from gaoxin.enterprises.models import Park
from gaoxin.testing.changelog_guard import ChangeLogGuard, written_by_test_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def guard(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A second guard that takes every write for one of the code under test (the suite's guard takes this
    module's writes for test data)."""
    checking = ChangeLogGuard(is_test_code=lambda: False)
    checking.install(monkeypatch)
    yield checking
    checking.uninstall()


def test_writes_made_here_are_test_data() -> None:
    assert written_by_test_code()


def test_a_save_with_nobody_acting_is_a_problem_and_one_in_an_acting_block_is_not(guard) -> None:
    Park.objects.create(code="a", name="甲园")
    assert guard.problems() == [
        "create of enterprises.Park '甲园' with nobody acting (no changelog.acting block, no web request)"
    ]
    guard.unattributed.clear()
    with changelog.acting(by=None, note="test"):
        Park.objects.create(code="b", name="乙园")
        Park.objects.filter(code="b").delete()
    assert guard.problems() == []


def test_an_update_past_the_signals_needs_its_changes_recorded(guard) -> None:
    with changelog.acting(by=None):
        park = Park.objects.create(code="a", name="甲园")
    Park.objects.filter(pk=park.pk).update(name="乙园")
    (problem,) = guard.problems()
    assert problem.startswith("1 row(s) of enterprises.Park written past the signals")
    changelog.record([changelog.Change.of(park, ChangeAction.UPDATE, {"name": ["甲园", "乙园"]})], by=None)
    assert guard.problems() == []


def test_bulk_writes_count_by_row_and_untracked_fields_are_free(guard) -> None:
    parks = Park.objects.bulk_create([Park(code="a", name="甲园"), Park(code="b", name="乙园")])
    bulk.update(Park, ["name"], [(parks[0].pk, "丙园")])
    changelog.record([changelog.Change.created(park) for park in parks], by=None)
    assert guard.problems() == [
        "3 row(s) of enterprises.Park written past the signals (update, bulk_update, bulk_create, core.bulk) "
        "but 2 change(s) given to changelog.record"
    ]
    guard.past_signals.clear()
    Park.objects.update(updated_at=timezone.now())  # a timestamp, not in the log
    assert guard.problems() == []
