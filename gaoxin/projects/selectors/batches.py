"""The "N个一批" view: per stage, the projects that reached it in a year (count and total investment), where
the projects stand now, and the lists of 当年开工 / 当年竣工 / 当年投产."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from gaoxin.projects.models import Project, Stage, StageTransition


@dataclass
class StageBatch:
    stage: Stage
    reached: int = 0
    reached_investment: Decimal = Decimal(0)
    current: int = 0
    current_investment: Decimal = Decimal(0)


@dataclass
class Batches:
    year: int
    stages: list[StageBatch]
    started: list[Project] = field(default_factory=list)
    completed: list[Project] = field(default_factory=list)
    producing: list[Project] = field(default_factory=list)

    @property
    def started_and_producing(self) -> list[Project]:
        """当年开工、当年投产: started and producing within the year."""
        return [p for p in self.producing if p.started_on is not None and p.started_on.year == self.year]


def batches(projects: QuerySet[Project], year: int) -> Batches:
    """Four queries: stages, transitions of the year, the current distribution, the year's milestone lists."""
    rows = {s.pk: StageBatch(s) for s in Stage.objects.filter(is_active=True)}
    reached: dict[int, dict[int, Decimal]] = {}
    moves = StageTransition.objects.filter(on__year=year, project__in=projects.order_by().values("pk"))
    for stage_id, project_id, investment in moves.values_list(
        "to_stage_id", "project_id", "project__total_investment"
    ):
        reached.setdefault(stage_id, {})[project_id] = investment or Decimal(0)
    for stage_id, by_project in reached.items():
        if stage_id in rows:
            rows[stage_id].reached = len(by_project)
            rows[stage_id].reached_investment = sum(by_project.values(), Decimal(0))
    for stage_id, count, total in (
        projects.order_by().values_list("stage_id").annotate(Count("pk"), Sum("total_investment"))
    ):
        if stage_id in rows:
            rows[stage_id].current = count
            rows[stage_id].current_investment = total or Decimal(0)
    milestones = list(
        projects.filter(Q(started_on__year=year) | Q(completed_on__year=year) | Q(production_on__year=year))
        .select_related("stage", "responsible_unit", "owner")
        .order_by("code")
    )
    return Batches(
        year=year,
        stages=list(rows.values()),
        started=[p for p in milestones if p.started_on and p.started_on.year == year],
        completed=[p for p in milestones if p.completed_on and p.completed_on.year == year],
        producing=[p for p in milestones if p.production_on and p.production_on.year == year],
    )
