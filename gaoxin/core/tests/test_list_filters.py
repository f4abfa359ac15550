"""core.list_filters: a list's query string read into its filters."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict

from gaoxin.core.list_filters import ListFilters


@dataclass(frozen=True)
class Filters(ListFilters):
    q: str = ""
    park: str = ""
    sort: str = "-area"

    SORTS = ("name", "area")


def test_fields_are_read_stripped_and_absent_ones_empty() -> None:
    filters = Filters.from_query(QueryDict("q=%20%E5%85%89%E4%BC%8F%20&sort=-name&other=1"))
    assert filters == Filters(q="光伏", park="", sort="-name")


def test_an_unknown_sort_gives_the_default_sort() -> None:
    assert Filters.from_query(QueryDict("sort=password")).sort == "-area"
    assert Filters.from_query(QueryDict("sort=--name")).sort == "-area"
    assert Filters.from_query(QueryDict("")).sort == "-area"
    assert Filters.from_query(QueryDict("sort=area")).sort == "area"
