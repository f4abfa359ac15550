"""Reads of projects, already scoped to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from gaoxin.accounts.models import Department
from gaoxin.core.list_filters import ListFilters
from gaoxin.enterprises.models import Chain, Park
from gaoxin.projects import permissions
from gaoxin.projects.choices import Light, ProjectLevel
from gaoxin.projects.models import Project, Stage


def projects_for(user: Any) -> QuerySet[Project]:
    """Committee staff see every project; anyone else sees none."""
    if not permissions.may_read(user):
        return Project.objects.none()
    return Project.objects.all()


def project_for(user: Any, pk: int) -> Project:
    """One project with its header's relations; 404 when out of scope."""
    return get_object_or_404(
        projects_for(user).select_related("stage", "responsible_unit", "owner", "park", "chain", "parcel"),
        pk=pk,
    )


@dataclass(frozen=True)
class ProjectFilters(ListFilters):
    q: str = ""
    stage: str = ""
    unit: str = ""
    light: str = ""
    park: str = ""
    chain: str = ""
    level: str = ""
    sort: str = "code"

    SORTS = (
        "code",
        "name",
        "stage__sort_order",
        "responsible_unit__sort_order",
        "total_investment",
        "planned_start_on",
        "planned_production_on",
        "light",
    )

    def apply(self, projects: QuerySet[Project]) -> QuerySet[Project]:
        if self.q:
            projects = projects.filter(
                Q(name__icontains=self.q) | Q(code__icontains=self.q) | Q(owner__name__icontains=self.q)
            )
        if self.stage:
            projects = projects.filter(stage__code=self.stage)
        if self.unit.isdigit():
            projects = projects.filter(responsible_unit_id=int(self.unit))
        if self.light in Light.values:
            projects = projects.filter(light=self.light)
        if self.park:
            projects = projects.filter(park__code=self.park)
        if self.chain:
            projects = projects.filter(chain__code=self.chain)
        if self.level in ProjectLevel.values:
            projects = projects.filter(level=self.level)
        return projects.order_by(self.sort, "code")


def project_list(user: Any, filters: ProjectFilters) -> QuerySet[Project]:
    return filters.apply(projects_for(user).filter(is_active=True)).select_related(
        "stage", "responsible_unit", "owner"
    )


def filter_choices() -> dict[str, Any]:
    """The choices of the list's filters (stages, responsible units, parks, chains)."""
    return {
        "stages": list(Stage.objects.filter(is_active=True)),
        "units": list(
            Department.objects.filter(projects__isnull=False).distinct().order_by("sort_order", "code")
        ),
        "parks": list(Park.objects.all()),
        "chains": list(Chain.objects.all()),
        "lights": Light.choices,
        "levels": ProjectLevel.choices,
    }
