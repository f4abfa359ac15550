"""A list page's query string as a frozen dataclass of text filters and a sort checked against the sortable names."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any, ClassVar, Self


class ListFilters:
    """Base of a list's filters: a frozen dataclass whose fields are text, one of them ``sort``."""

    SORTS: ClassVar[tuple[str, ...]] = ()  # the names a list sorts by; "-name" sorts descending
    # a sort name ordered by another field: enterprise names by their pinyin key ("enterprise__name_sort")
    SORT_KEYS: ClassVar[Mapping[str, str]] = {}
    sort: str

    @classmethod
    def from_query(cls, params: Any) -> Self:
        """Every field from ``params`` (stripped; absent is empty); an unknown sort gives the default sort."""
        declared = fields(cls)  # type: ignore[arg-type]
        values = {f.name: (params.get(f.name) or "").strip() for f in declared}
        if values["sort"].removeprefix("-") not in cls.SORTS:
            values["sort"] = next(f.default for f in declared if f.name == "sort")
        return cls(**values)

    @property
    def sort_field(self) -> str:
        """The field to order by for ``sort``, with its direction: "-name" → "-name_sort"."""
        name = self.sort.removeprefix("-")
        return self.sort.removesuffix(name) + self.SORT_KEYS.get(name, name)
