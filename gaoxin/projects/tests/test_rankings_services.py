"""赛马 rankings computed from the database on hand-computed data; idempotence; the rule; permissions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal as D
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gaoxin.core.models import ChangeLogEntry
from gaoxin.projects.choices import IssueStatus
from gaoxin.projects.models import (
    InvestmentPlan,
    MonthlyReport,
    PlanStep,
    ProjectIssue,
    RankingRule,
    UnitRanking,
)
from gaoxin.projects.services.rankings import current_ranking_rule, ranking_rule_save, rankings_compute
from gaoxin.testing.personas import Personas

pytestmark = pytest.mark.django_db


def reports(project: Any, amounts: dict[int, int]) -> None:
    for month, amount in amounts.items():
        MonthlyReport.objects.create(project=project, year=2025, month=month, completed=D(amount))


@pytest.fixture
def pipeline(make_project: Callable[..., Any], personas: Personas) -> dict[str, Any]:
    """Unit A: start 1/2, investment 600/600, milestones 1/2 → (12.5 + 40 + 10) ÷ 85 × 100 = 73.53.
    Unit B: start 1/1, investment 300/1200, and the problems of A's project assigned to B: 1/2 in June →
    (25 + 10 + 7.5) ÷ 80 × 100 = 53.13; the one due 20 June is still open at the end of June (overdue)."""
    p1 = make_project(planned_start_on=dt.date(2025, 3, 1), started_on=dt.date(2025, 4, 1))
    make_project(planned_start_on=dt.date(2025, 5, 1))
    make_project(planned_start_on=dt.date(2025, 7, 1))  # after the period: not due
    make_project(planned_start_on=dt.date(2025, 1, 1), is_active=False)  # inactive: ignored
    InvestmentPlan.objects.create(project=p1, year=2025, amount=D(1200))  # × 6/12 = 600 due
    reports(p1, dict.fromkeys(range(1, 7), 100) | {7: 500})  # July is after the period
    PlanStep.objects.create(
        project=p1,
        key="s1",
        name="s1",
        duration=5,
        latest_finish=dt.date(2025, 5, 31),
        actual_finish=dt.date(2025, 5, 30),
    )
    PlanStep.objects.create(
        project=p1,
        key="s2",
        name="s2",
        duration=5,
        latest_finish=dt.date(2025, 6, 15),
        actual_finish=dt.date(2025, 6, 20),
    )
    PlanStep.objects.create(project=p1, key="s3", name="s3", duration=5, latest_finish=dt.date(2025, 7, 10))
    issue = {"project": p1, "title": "问题", "raised_on": dt.date(2025, 4, 1), "unit": personas.department_b}
    ProjectIssue.objects.create(
        **issue, deadline=dt.date(2025, 6, 10), status=IssueStatus.CLOSED, closed_on=dt.date(2025, 6, 9)
    )
    ProjectIssue.objects.create(**issue, deadline=dt.date(2025, 6, 20))
    ProjectIssue.objects.create(
        **issue, deadline=dt.date(2025, 5, 10), status=IssueStatus.CLOSED, closed_on=dt.date(2025, 5, 20)
    )
    p3 = make_project(
        responsible_unit=personas.department_b,
        planned_start_on=dt.date(2025, 2, 1),
        started_on=dt.date(2025, 2, 10),
    )
    InvestmentPlan.objects.create(project=p3, year=2025, amount=D(2400))
    reports(p3, {1: 100, 6: 200})
    return {"p1": p1, "p3": p3}  # fmt: skip


def rule(red: int = 1, black: int = 1) -> None:
    RankingRule.objects.create(
        weights={"start_rate": 25, "investment": 40, "milestones": 20, "issues_closed": 15},
        red_count=red,
        black_count=black,
    )


def test_monthly_ranking_by_hand(pipeline: dict[str, Any], office: Any, personas: Personas) -> None:
    rule()
    rows = rankings_compute(kind="month", year=2025, number=6, by=office.officer)
    assert [(r.department, r.score, r.rank, r.listed) for r in rows] == [
        (personas.department_a, D("73.53"), 1, "red"),
        (personas.department_b, D("53.13"), 2, "black"),
    ]
    a = rows[0].components
    assert (a["start_rate"]["done"], a["start_rate"]["due"], a["start_rate"]["value"]) == ("1", "2", "0.5")
    assert (a["investment"]["done"], a["investment"]["due"]) == ("600", "600")
    assert (a["milestones"]["value"], a["issues_closed"]["value"]) == ("0.5", None)
    assert rows[1].components["milestones"]["value"] is None
    assert rows[1].components["investment"]["value"] == "0.25"
    # the problems count for the unit they were assigned to, not for the project's responsible unit
    b = rows[1].components["issues_closed"]
    assert (b["done"], b["due"], b["value"]) == ("1", "2", "0.5")


def test_quarterly_ranking_counts_the_quarters_problems(pipeline: dict[str, Any], office: Any) -> None:
    rule()
    # Q2: problems due 10 May (closed late), 10 June (on time), 20 June (open) → 1/3 for unit B, to which they
    # were assigned: B = (25 + 10 + 15/3) ÷ 80 × 100 = 50.
    rows = rankings_compute(kind="quarter", year=2025, number=2, by=office.officer)
    assert [r.score for r in rows] == [D("73.53"), D("50.00")]
    assert rows[1].components["issues_closed"]["due"] == "3"


def test_recompute_is_idempotent(pipeline: dict[str, Any], office: Any) -> None:
    rule()
    rankings_compute(kind="month", year=2025, number=6, by=office.officer)
    logged = ChangeLogEntry.objects.count()
    rankings_compute(kind="month", year=2025, number=6, by=office.officer)
    assert ChangeLogEntry.objects.count() == logged
    assert UnitRanking.objects.count() == 2
    MonthlyReport.objects.filter(project=pipeline["p3"], month=6).update(
        completed=D(1100)
    )  # 1200/1200 → B = (25 + 40 + 7.5) ÷ 80 × 100 = 90.63
    rows = rankings_compute(kind="month", year=2025, number=6, by=office.officer)
    assert [(r.score, r.rank) for r in rows] == [(D("90.63"), 1), (D("73.53"), 2)]
    assert UnitRanking.objects.count() == 2


def test_the_rule_in_force_is_used(pipeline: dict[str, Any], office: Any) -> None:
    ranking_rule_save(
        weights={"start_rate": 0, "investment": 100, "milestones": 0, "issues_closed": 0},
        red_count=0,
        black_count=0,
        by=office.officer,
    )
    rows = rankings_compute(kind="month", year=2025, number=6, by=office.officer)
    assert [(r.score, r.listed) for r in rows] == [(D("100.00"), ""), (D("25.00"), "")]
    assert rows[0].components["rule"] == current_ranking_rule().pk


def test_rule_validation_and_permissions(personas: Personas, office: Any) -> None:
    with pytest.raises(ValidationError):
        ranking_rule_save(weights={"start_rate": 0}, red_count=3, black_count=3, by=office.officer)
    for name in ("officer_a", "officer_b", "leader"):
        with pytest.raises(PermissionDenied):
            ranking_rule_save(
                weights={"investment": 1}, red_count=3, black_count=3, by=getattr(personas, name)
            )
        with pytest.raises(PermissionDenied):
            rankings_compute(kind="month", year=2025, number=6, by=getattr(personas, name))
    with pytest.raises(ValidationError):
        rankings_compute(kind="month", year=2025, number=13, by=office.officer)


def test_a_unit_with_an_overdue_problem_cannot_top_the_red_list(
    pipeline: dict[str, Any], office: Any, personas: Personas
) -> None:
    rule(red=1, black=0)
    MonthlyReport.objects.filter(project=pipeline["p3"], month=6).update(completed=D(1100))
    rows = rankings_compute(kind="month", year=2025, number=6, by=office.officer)
    # B scores best but a problem assigned to it (due 20 June) is still open at the end of June
    assert [(r.department, r.rank, r.listed) for r in rows] == [
        (personas.department_b, 1, ""),
        (personas.department_a, 2, "red"),
    ]
    ProjectIssue.objects.filter(deadline=dt.date(2025, 6, 20)).update(
        status=IssueStatus.CLOSED, closed_on=dt.date(2025, 6, 25)
    )
    rows = rankings_compute(kind="month", year=2025, number=6, by=office.officer)
    assert [(r.department, r.listed) for r in rows] == [
        (personas.department_b, "red"),
        (personas.department_a, ""),
    ]


def test_a_unit_assessed_only_on_problems_assigned_to_it_is_ranked(
    make_project: Callable[..., Any], office: Any, personas: Personas
) -> None:
    rule()
    project = make_project()  # department A's project, nothing else due
    ProjectIssue.objects.create(
        project=project, title="用电接入", raised_on=dt.date(2025, 5, 1), unit=personas.department_b,
        deadline=dt.date(2025, 6, 10), status=IssueStatus.CLOSED, closed_on=dt.date(2025, 6, 9),
    )  # fmt: skip
    rows = rankings_compute(kind="month", year=2025, number=6, by=office.officer)
    assert [(r.department, r.score) for r in rows] == [(personas.department_b, D("100.00"))]
