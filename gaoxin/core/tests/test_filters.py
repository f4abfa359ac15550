"""core.filters: a list's FilterSet reads the query string, filters and sorts by a whitelist only."""

from __future__ import annotations

import django_filters
import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.http import QueryDict
from django.utils import timezone

from gaoxin.core.filters import ChangeLogFilterSet, ListFilterSet, SortFilter
from gaoxin.core.models import ChangeLogEntry


class EntryFilters(ListFilterSet):
    action = django_filters.CharFilter()
    sort = SortFilter(fields=("object_repr", "time"), keys={"time": "object_id"}, default="-object_repr")

    class Meta:
        model = ChangeLogEntry
        fields: list[str] = []


@pytest.fixture
def entries(db: None) -> list[ChangeLogEntry]:
    kind = ContentType.objects.get_for_model(ChangeLogEntry)
    return [
        ChangeLogEntry.objects.create(
            time=timezone.now(), content_type=kind, object_id=str(n), object_repr=name, action=action
        )
        for n, name, action in [(3, "乙", "create"), (1, "甲", "update"), (2, "丙", "create")]
    ]


def listed(query: str) -> list[str]:
    filters = EntryFilters(QueryDict(query), queryset=ChangeLogEntry.objects.all())
    return [entry.object_repr for entry in filters.qs]


def test_filters_and_sorts_by_the_named_column(entries: list[ChangeLogEntry]) -> None:
    assert listed("action=create&sort=object_repr") == sorted(["乙", "丙"])
    assert listed("sort=-object_repr") == sorted(["乙", "甲", "丙"], reverse=True)


def test_a_sort_name_can_order_by_another_field(entries: list[ChangeLogEntry]) -> None:
    assert listed("sort=time") == ["甲", "丙", "乙"]  # object_id 1, 2, 3
    assert listed("sort=-time") == ["乙", "丙", "甲"]


@pytest.mark.parametrize("query", ["", "sort=", "sort=password", "sort=--time", "sort=user__password"])
def test_an_absent_or_unknown_sort_gives_the_default_order(entries: list[ChangeLogEntry], query: str) -> None:
    assert listed(query) == sorted(["乙", "甲", "丙"], reverse=True)
    assert (
        EntryFilters(QueryDict(query), queryset=ChangeLogEntry.objects.all()).current_sort == "-object_repr"
    )


def test_only_the_first_of_several_sorts_counts(entries: list[ChangeLogEntry]) -> None:
    filters = EntryFilters(QueryDict("sort=time,-object_repr"), queryset=ChangeLogEntry.objects.all())
    assert [entry.object_repr for entry in filters.qs] == ["甲", "丙", "乙"]
    assert filters.current_sort == "time"


class UserFilters(ListFilterSet):
    sort = SortFilter(
        fields=("user",),
        keys={"user": "user__username"},
        default="user",
        tiebreak=("object_id",),
        nulls_last=True,
    )

    class Meta:
        model = ChangeLogEntry
        fields: list[str] = []


@pytest.mark.parametrize("sort", ["user", "-user"])
def test_rows_without_the_sorted_value_can_come_last_in_either_direction(
    entries: list[ChangeLogEntry], sort: str
) -> None:
    users = get_user_model().objects
    ChangeLogEntry.objects.filter(object_id="2").update(user=users.create(username="b"))
    ChangeLogEntry.objects.filter(object_id="3").update(user=users.create(username="a"))
    filters = UserFilters(QueryDict(f"sort={sort}"), queryset=ChangeLogEntry.objects.all())
    expected = ["3", "2"] if sort == "user" else ["2", "3"]
    assert [entry.object_id for entry in filters.qs] == [*expected, "1"]  # entry 1 has no user


def test_a_default_outside_the_whitelist_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="default sort"):
        SortFilter(fields=("name",), default="area")


def test_the_change_log_search_filters_by_object_action_and_model(entries: list[ChangeLogEntry]) -> None:
    def found(query: str) -> list[str]:
        filters = ChangeLogFilterSet(QueryDict(query), queryset=ChangeLogEntry.objects.all())
        return sorted(entry.object_repr for entry in filters.qs)

    assert found("text=乙") == ["乙"]
    assert found("text=3") == ["乙"]  # by object id
    assert found("action=create") == ["丙", "乙"]
    assert found("model=core.changelogentry&action=update") == ["甲"]
    assert found("model=user") == []
