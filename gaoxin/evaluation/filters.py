"""The evaluation's lists and their filters, read alike by the page, its Excel export and the API."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import django_filters
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import ListFilterSet, OfferedFilter, SortFilter, WholeNumberFilter
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.evaluation import selectors
from gaoxin.evaluation.choices import ConfirmationStatus, ObjectionStatus
from gaoxin.evaluation.models import EvaluationResult, EvaluationRun, Objection

# ranks and top percents read best first (1 before 2), totals best first (the highest); empty ones last
BEST_FIRST_ASCENDING = ("rank", "top_percent")


def _name_or_code(value: str) -> Q:
    return Q(enterprise__name__icontains=value) | Q(enterprise__credit_code__istartswith=value.upper())


class RankingSort(SortFilter):
    """The ranking's order. Ranks and top percents are read group by group, in the scheme's order (the
    FilterSet's ``group_order``), firms in no group last; ranks, top percents and totals best first."""

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        param = (list(value or [])[:1] or [self.default])[0]
        field, reverse = param.removeprefix("-"), param.startswith("-")
        if field in BEST_FIRST_ASCENDING:
            column = F(field).desc(nulls_last=True) if reverse else F(field).asc(nulls_last=True)
            group_order: Sequence[str] = getattr(self.parent, "group_order", ())
            groups = Case(
                *(When(group=key, then=Value(position)) for position, key in enumerate(group_order)),
                default=Value(len(group_order)),
            )
            return qs.order_by(groups, "group", column, *self.tiebreak)
        if field == "total":
            column = F(field).asc(nulls_last=True) if reverse else F(field).desc(nulls_last=True)
            return qs.order_by(column, *self.tiebreak)
        return super().filter(qs, value)


class RankingFilterSet(ListFilterSet):
    """A run's ranking; ``group_order`` is the order of its scheme's groups."""

    q = django_filters.CharFilter(method="search", label=_("Name or credit code"))
    group = django_filters.CharFilter(label=_("Group"))
    industry = django_filters.CharFilter(
        field_name="enterprise__industry_code", lookup_expr="startswith", label=_("Industry code")
    )
    park = django_filters.CharFilter(field_name="enterprise__park__code", label=_("Park"))
    grade = django_filters.CharFilter(label=_("Grade"))
    status = django_filters.CharFilter(label=_("Status"))
    sort = RankingSort(
        fields=("rank", "total", "grade", "enterprise__name", "enterprise__credit_code", "top_percent"),
        keys={"enterprise__name": "enterprise__name_sort"},
        default="rank",
        tiebreak=("enterprise__credit_code",),
    )

    class Meta:
        model = EvaluationResult
        fields: list[str] = []

    def __init__(self, *args: Any, group_order: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.group_order = tuple(group_order)

    def search(
        self, results: QuerySet[EvaluationResult], name: str, value: str
    ) -> QuerySet[EvaluationResult]:
        return results.filter(_name_or_code(value))


class EntitlementFilterSet(ListFilterSet):
    """What each graded enterprise of a run gets under the grade policies, of one grade."""

    grade = django_filters.CharFilter(label=_("Grade"))

    class Meta:
        model = EvaluationResult
        fields: list[str] = []


CONFIRMATION_ANSWERS = [
    ("none", _("Not yet")),
    *ConfirmationStatus.choices,
    ("open", _("Objections without answer")),
]


class ConfirmationFilterSet(ListFilterSet):
    """The data sheets of a year (``selectors.confirmation_board``) by their enterprise's answer: the year is
    one of ``years`` (those with data, newest first), the newest unless another is asked."""

    year = OfferedFilter(label=_("Year"))
    status = django_filters.ChoiceFilter(choices=CONFIRMATION_ANSWERS, method="answered", label=_("Answer"))
    q = django_filters.CharFilter(method="search", label=_("Name or credit code"))

    class Meta:
        model = EnterpriseYear
        fields: list[str] = []

    def __init__(self, data: QueryDict | None = None, *, years: Sequence[int], **kwargs: Any) -> None:
        super().__init__(data, queryset=EnterpriseYear.objects.none(), **kwargs)
        self.offer("year", years)
        self.default_year = years[0]
        self.queryset = selectors.confirmation_board(self.chosen_year)

    @property
    def chosen_year(self) -> int:
        return int(self.chosen("year", self.default_year))

    def answered(self, rows: QuerySet[EnterpriseYear], name: str, value: str) -> QuerySet[EnterpriseYear]:
        # answer and replied_at are annotations of the board
        if value == "none":
            return rows.filter(Q(answer__isnull=True))
        if value == "open":
            return rows.filter(Q(answer=ConfirmationStatus.OBJECTED, replied_at__isnull=True))
        return rows.filter(Q(answer=value))

    def search(self, rows: QuerySet[EnterpriseYear], name: str, value: str) -> QuerySet[EnterpriseYear]:
        return rows.filter(_name_or_code(value))


class HistoryFilterSet(ListFilterSet):
    """The two years of the grade history's migration matrix (``?from=&to=``), each one of the published
    ``runs`` (oldest first): by default the last two."""

    # "from" is a Python word: the two filters are declared by name
    locals().update({"from": OfferedFilter(label=_("From")), "to": OfferedFilter(label=_("To"))})

    class Meta:
        model = EvaluationRun
        fields: list[str] = []

    def __init__(
        self, data: QueryDict | None = None, *, runs: Sequence[EvaluationRun], **kwargs: Any
    ) -> None:
        super().__init__(data, queryset=EvaluationRun.objects.none(), **kwargs)
        self.by_year = {run.year: run for run in runs}
        for name in ("from", "to"):
            self.offer(name, self.by_year)
        self.default_from = runs[-2] if len(runs) > 1 else None
        self.default_to = runs[-1] if runs else None

    @property
    def chosen_runs(self) -> tuple[EvaluationRun | None, EvaluationRun | None]:
        year_from, year_to = self.chosen("from"), self.chosen("to")
        return (
            self.default_from if year_from is None else self.by_year[year_from],
            self.default_to if year_to is None else self.by_year[year_to],
        )


class ComparisonFilterSet(ListFilterSet):
    """The two runs put side by side (``?a=&b=``), each one of ``runs`` (those the user may compare)."""

    a = OfferedFilter(label=_("First run"))
    b = OfferedFilter(label=_("Second run"))

    class Meta:
        model = EvaluationRun
        fields: list[str] = []

    def __init__(
        self, data: QueryDict | None = None, *, runs: Sequence[EvaluationRun], **kwargs: Any
    ) -> None:
        super().__init__(data, queryset=EvaluationRun.objects.none(), **kwargs)
        self.by_pk = {run.pk: run for run in runs}
        for name in ("a", "b"):
            self.offer(name, self.by_pk)

    def chosen_run(self, name: str) -> EvaluationRun | None:
        pk = self.chosen(name)
        return None if pk is None else self.by_pk[pk]


class SheetYearFilterSet(ListFilterSet):
    """The year of an enterprise's own data sheet on its page (``?year=``): one of ``years`` (those of its
    sheets, newest first), the newest unless another is asked."""

    year = OfferedFilter(label=_("Year"))

    class Meta:
        model = EnterpriseYear
        fields: list[str] = []

    def __init__(self, data: QueryDict | None = None, *, years: Sequence[int], **kwargs: Any) -> None:
        super().__init__(data, queryset=EnterpriseYear.objects.none(), **kwargs)
        self.offer("year", years)
        self.default_year = years[0] if years else None

    @property
    def chosen_year(self) -> int | None:
        return self.chosen("year", self.default_year)


class RunFilterSet(ListFilterSet):
    year = WholeNumberFilter(label=_("Year"), min_value=0, max_value=9999)

    class Meta:
        model = EvaluationRun
        fields: list[str] = []


class ResultFilterSet(ListFilterSet):
    """Results of the API (in the model's order: by run, then as ranked)."""

    run = WholeNumberFilter(field_name="run_id", label=_("evaluation run"), min_value=0)
    grade = django_filters.CharFilter(label=_("Grade"))
    credit_code = django_filters.CharFilter(method="of_enterprise", label=_("Credit code"))

    class Meta:
        model = EvaluationResult
        fields: list[str] = []

    def of_enterprise(
        self, results: QuerySet[EvaluationResult], name: str, value: str
    ) -> QuerySet[EvaluationResult]:
        return results.filter(enterprise__credit_code=value.upper())


class ObjectionFilterSet(ListFilterSet):
    run = WholeNumberFilter(field_name="run_id", label=_("evaluation run"), min_value=0)
    status = django_filters.ChoiceFilter(choices=ObjectionStatus.choices, label=_("Status"))

    class Meta:
        model = Objection
        fields: list[str] = []
