"""赛马比拼: the ranking rule, and the monthly or quarterly ranking of responsible units computed from projects,
investment plans and reports, plan steps and problems, stored as ``UnitRanking`` rows.

The facts are gathered per responsible unit over its active projects (``gaoxin.projects.unit_ranking`` explains
the components and the score):

- start rate: projects whose planned start falls in the year up to the period's end; started = a construction
  start recorded on or before the period's end;
- investment: projects with an annual plan (> 0) for the year; due = Σ plan × 时序进度, done = Σ completed in the
  monthly reports of the year up to the period's last month;
- milestones: plan steps whose latest finish falls in the year up to the period's end; done = finished on or
  before the latest finish;
- problems: problems whose deadline falls in the period, counted for the unit each was assigned to (which need not
  be the project's responsible unit); done = closed (销号) on or before the deadline.

A unit with a problem assigned to it still open past its deadline at the period's end cannot be on the red list.

Computing a period again replaces its rows; unchanged rows are left alone (and nothing is logged for them).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext as _

from gaoxin.accounts.models import Department, User
from gaoxin.core import changelog
from gaoxin.core.message_text import translated
from gaoxin.projects import permissions, unit_ranking
from gaoxin.projects.choices import IssueStatus
from gaoxin.projects.models import (
    InvestmentPlan,
    MonthlyReport,
    PlanStep,
    Project,
    ProjectIssue,
    RankingRule,
    UnitRanking,
)
from gaoxin.projects.selectors.issue_board import overdue_on_q
from gaoxin.projects.unit_ranking import COMPONENTS, Period, RuleError, Tally, UnitFacts, UnitScore


def rule_problems(error: RuleError) -> list[str]:
    return [translated(m) for m in error.messages]


def current_ranking_rule() -> RankingRule:
    """The rule in force: the latest stored, else the defaults (unsaved)."""
    return RankingRule.objects.order_by("-id").first() or RankingRule()


@transaction.atomic
def ranking_rule_save(
    *, weights: Mapping[str, Any], red_count: int, black_count: int, by: User
) -> RankingRule:
    """A new rule in force (earlier rules stay as the record of what earlier rankings used)."""
    if not permissions.may_configure(by):
        raise PermissionDenied
    try:
        parsed = unit_ranking.parse_weights(weights)
    except RuleError as error:
        raise ValidationError(rule_problems(error), code="weights") from error
    rule = RankingRule(
        weights={k: changelog.json_value(v) for k, v in parsed.items()},
        red_count=red_count,
        black_count=black_count,
    )
    rule.full_clean()
    with changelog.acting(by=by):
        rule.save()
    return rule


def _tallies(period: Period) -> dict[int, dict[str, Tally]]:
    """Per responsible unit id: done and due of each component."""
    year_start = dt.date(period.year, 1, 1)
    end = period.ends_on
    active = Project.objects.filter(is_active=True)
    tallies: dict[int, dict[str, Tally]] = defaultdict(dict)

    def put(component: str, rows: Any) -> None:
        for row in rows:
            tallies[row["by_unit"]][component] = Tally(Decimal(row["done"] or 0), Decimal(row["due"] or 0))

    put(
        unit_ranking.START_RATE,
        active.filter(planned_start_on__gte=year_start, planned_start_on__lte=end)
        .values(by_unit=F("responsible_unit_id"))
        .annotate(due=Count("id"), done=Count("id", filter=Q(started_on__lte=end))),
    )
    plans = InvestmentPlan.objects.filter(project__is_active=True, year=period.year, amount__gt=0)
    planned = dict(plans.values_list("project__responsible_unit_id").annotate(total=Sum("amount")).order_by())
    completed = dict(
        MonthlyReport.objects.filter(
            project__in=plans.values("project_id"), year=period.year, month__lte=period.last_month
        )
        .values_list("project__responsible_unit_id")
        .annotate(total=Sum("completed"))
        .order_by()
    )
    for unit, total in planned.items():
        tallies[unit][unit_ranking.INVESTMENT] = Tally(
            Decimal(completed.get(unit) or 0), Decimal(total) * period.time_progress
        )
    put(
        unit_ranking.MILESTONES,
        PlanStep.objects.filter(
            project__is_active=True, latest_finish__gte=year_start, latest_finish__lte=end
        )
        .values(by_unit=F("project__responsible_unit_id"))
        .annotate(due=Count("id"), done=Count("id", filter=Q(actual_finish__lte=F("latest_finish")))),
    )
    put(
        unit_ranking.ISSUES_CLOSED,
        ProjectIssue.objects.filter(
            project__is_active=True, deadline__gte=period.starts_on, deadline__lte=end
        )
        .values(by_unit=F("unit_id"))
        .annotate(
            due=Count("id"),
            done=Count("id", filter=Q(status=IssueStatus.CLOSED, closed_on__lte=F("deadline"))),
        ),
    )
    return tallies


def _overdue_problems(period: Period) -> dict[int, int]:
    """Per unit: the problems assigned to it still open past their deadline at the period's end."""
    return dict(
        ProjectIssue.objects.filter(project__is_active=True)
        .filter(overdue_on_q(period.ends_on))
        .values_list("unit_id")
        .annotate(n=Count("id"))
        .order_by()
    )


def unit_facts(period: Period) -> list[UnitFacts]:
    """The facts of every unit with anything due, in the units' sort order."""
    tallies = _tallies(period)
    overdue = _overdue_problems(period)
    units = (
        Department.objects.filter(pk__in=tallies).order_by("sort_order", "code").values_list("pk", flat=True)
    )
    return [UnitFacts(unit=pk, tallies=tallies[pk], overdue_problems=overdue.get(pk, 0)) for pk in units]


def components_json(score: UnitScore, facts: UnitFacts, rule: RankingRule) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for component in COMPONENTS:
        tally = facts.tallies.get(component, Tally())
        value = score.values[component]
        data[component] = {
            "value": None if value is None else changelog.json_value(value.quantize(Decimal("0.0001"))),
            "done": changelog.json_value(tally.done.quantize(Decimal("0.01"))),
            "due": changelog.json_value(tally.due.quantize(Decimal("0.01"))),
        }
    data["rule"] = rule.pk
    return data


@transaction.atomic
def rankings_compute(*, kind: str, year: int, number: int, by: User) -> list[UnitRanking]:
    """Rank the responsible units for a month or quarter with the rule in force; stores the rows."""
    if not permissions.is_project_office(by):
        raise PermissionDenied
    try:
        period = Period(kind, year, number)
    except ValueError as error:
        raise ValidationError(_("There is no such period."), code="period") from error
    rule = current_ranking_rule()
    try:
        weights = unit_ranking.parse_weights(rule.weights)
    except RuleError as error:
        raise ValidationError(rule_problems(error), code="weights") from error
    facts = unit_facts(period)
    by_unit = {f.unit: f for f in facts}
    scores = unit_ranking.rank_units(facts, weights, rule.red_count, rule.black_count)
    wanted: dict[int, dict[str, Any]] = {}
    for score in scores:
        assert isinstance(score.unit, int)
        wanted[score.unit] = {
            "score": score.score,
            "components": components_json(score, by_unit[score.unit], rule),
            "rank": score.rank,
            "listed": score.listed,
        }
    changelog.sync_rows(
        UnitRanking,
        {row.department_id: row for row in UnitRanking.objects.filter(period=kind, year=year, number=number)},
        wanted,
        lambda unit, values: UnitRanking(period=kind, year=year, number=number, department_id=unit, **values),
        by=by,
    )
    return rankings_of(kind, year, number)


def rankings_of(kind: str, year: int, number: int) -> list[UnitRanking]:
    """The stored ranking of a period, best first (committee staff read it; pages check ``may_read``)."""
    return list(
        UnitRanking.objects.filter(period=kind, year=year, number=number)
        .select_related("department")
        .order_by("rank", "department__sort_order", "department__code")
    )
