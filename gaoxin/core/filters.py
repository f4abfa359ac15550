"""Lists and their filters: one django-filter FilterSet per list, read alike by the page, its export and the API.

A list's FilterSet derives from ``ListFilterSet`` and declares its whitelisted order as a ``SortFilter`` named
``sort``: ``?sort=name`` ascending, ``?sort=-name`` descending, one column at a time. On a page an unknown value
of any filter is ignored (the list shows unfiltered by it, in the default order) — and said, on the pages that
include ``includes/filter_problems.html``; their exports answer 400 with the same sentences (``refused``); the
API answers 400 for it (``DjangoFilterBackend`` raises), and drf-spectacular documents every parameter from the
same declaration.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import django_filters
from django import forms
from django.db.models import F, OrderBy, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.core.language import LABEL_SUFFIX
from gaoxin.core.models import ChangeAction, ChangeLogEntry


class SortFilter(django_filters.OrderingFilter):
    """The order of a list by one of ``fields`` (the names in the query string).

    ``keys`` orders a name by another field (enterprise names by their pinyin key: ``{"name": "name_sort"}``);
    ``default`` applies when the parameter is absent or not allowed; ``tiebreak`` makes the order total so that
    pages do not overlap; ``nulls_last`` puts the rows without the sorted value last in either direction.
    """

    def __init__(
        self,
        *,
        fields: Sequence[str],
        default: str,
        keys: Mapping[str, str] | None = None,
        tiebreak: Sequence[str] = ("pk",),
        nulls_last: bool = False,
        **kwargs: Any,
    ) -> None:
        keys = dict(keys or {})
        if default.removeprefix("-") not in fields:
            raise ValueError(f"default sort {default!r} is not one of {list(fields)}")
        self.default = default
        self.tiebreak = tuple(tiebreak)
        self.nulls_last = nulls_last
        super().__init__(fields=[(keys.get(name, name), name) for name in fields], **kwargs)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        params = list(value or [])[:1] or [self.default]
        return qs.order_by(*(self._order(param) for param in params), *self.tiebreak)

    def _order(self, param: str) -> str | OrderBy:
        field: str = self.get_ordering_value(param)
        if not self.nulls_last:
            return field
        name = F(field.removeprefix("-"))
        return name.desc(nulls_last=True) if field.startswith("-") else name.asc(nulls_last=True)


class ListFilterSet(django_filters.FilterSet):
    """Base of a list's filters: applies the default order when ``sort`` is absent or refused, and tells the
    page which sort is in force (``current_sort``, what ``includes/sort_th.html`` compares with)."""

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        queryset = super().filter_queryset(queryset)
        sort = self.filters.get("sort")
        if isinstance(sort, SortFilter) and "sort" not in self.form.cleaned_data:
            queryset = sort.filter(queryset, None)
        return queryset

    @property
    def current_sort(self) -> str:
        sort = self.filters.get("sort")
        if not isinstance(sort, SortFilter):
            return ""
        return str(self.chosen("sort", [sort.default])[0])

    def chosen(self, name: str, default: Any = None) -> Any:
        """The value asked for the filter ``name``, or ``default`` when none or a refused one was asked."""
        self.errors  # noqa: B018 - validates the form, which fills cleaned_data
        value = self.form.cleaned_data.get(name)
        return default if value in (None, "", []) else value

    def offer(self, name: str, values: Iterable[Any]) -> None:
        """Gives the ``OfferedFilter`` ``name`` the values it accepts (before the form is read)."""
        self.filters[name].extra["choices"] = [(value, str(value)) for value in values]

    @property
    def problems(self) -> list[str]:
        """The refused values, one sentence each led by the filter's label ("月份：确保该值小于或等于 12。")."""
        suffix = gettext(LABEL_SUFFIX)
        fields = self.form.fields
        return [
            f"{fields[name].label or name}{suffix}{message}" if name in fields else str(message)
            for name, messages in self.errors.items()
            for message in messages
        ]


def refused(request: HttpRequest, filters: ListFilterSet) -> HttpResponse:
    """The answer to an export asked with refused filter values: what was refused, and no file (400)."""
    return render(
        request,
        "core/error.html",
        {"title": gettext("The filters were refused"), "message": " ".join(filters.problems)},
        status=400,
    )


MIN_YEAR, MAX_YEAR = 1900, 2100


class WholeNumberFilter(django_filters.NumberFilter):
    """A whole number (an id, the number of a month or a quarter): "3.5" is refused."""

    field_class = forms.IntegerField


class YearFilter(WholeNumberFilter):
    """A calendar year (``?year=2025``): a whole number the calendar can hold, so that a date lookup never
    overflows; ``lookup_expr="year"`` filters a date or a moment by its year."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", MIN_YEAR)
        kwargs.setdefault("max_value", MAX_YEAR)
        super().__init__(*args, **kwargs)


class MonthFilter(WholeNumberFilter):
    """A month of the year by its number (``?month=3``), 1 to 12."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 12)
        super().__init__(*args, **kwargs)


class OfferedFilter(django_filters.TypedChoiceFilter):
    """One of the values a page offers that are known only when it is asked (the years with data, the runs the
    user may compare), given by its FilterSet with ``ListFilterSet.offer``; any other value is refused. It narrows nothing by
    itself: the page reads its value with ``chosen``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("coerce", int)
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        return qs


class ThisYearFilterSet(ListFilterSet):
    """Base of a list that is always of one year: its ``year`` filter (a ``YearFilter``) applies this year when
    none or a refused one is asked; ``chosen_year`` is the year applied."""

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        queryset = super().filter_queryset(queryset)
        if self.chosen("year") is None:
            queryset = self.filters["year"].filter(queryset, self.chosen_year)
        return queryset

    @property
    def chosen_year(self) -> int:
        return int(self.chosen("year", timezone.localdate().year))


class ChangeLogFilterSet(ListFilterSet):
    """The administrators' search over the whole change log (newest first, the model's order)."""

    text = django_filters.CharFilter(method="about", label=_("Object"))
    user = django_filters.CharFilter(method="by", label=_("User"))
    action = django_filters.ChoiceFilter(choices=ChangeAction.choices, label=_("Action"))
    model = django_filters.CharFilter(method="of_model", label=_("object type"))
    request_id = django_filters.CharFilter(label=_("Request id"))

    class Meta:
        model = ChangeLogEntry
        fields: list[str] = []

    def about(self, entries: QuerySet[ChangeLogEntry], name: str, value: str) -> QuerySet[ChangeLogEntry]:
        return entries.filter(Q(object_repr__icontains=value) | Q(object_id=value) | Q(note__icontains=value))

    def by(self, entries: QuerySet[ChangeLogEntry], name: str, value: str) -> QuerySet[ChangeLogEntry]:
        return entries.filter(Q(user_name__icontains=value) | Q(user__display_name__icontains=value))

    def of_model(self, entries: QuerySet[ChangeLogEntry], name: str, value: str) -> QuerySet[ChangeLogEntry]:
        """A model's name ("visit"), or with its app's ("servicedesk.visit")."""
        app_label, _dot, model = value.rpartition(".")
        entries = entries.filter(content_type__model=model)
        return entries.filter(content_type__app_label=app_label) if app_label else entries
