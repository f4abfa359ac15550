"""Reads of projects, already scoped to what the user may see (``Project.objects.for_user``). The pages' larger
reads live beside: the monthly overview, the plan tab's timeline, the "N个一批" batches, the battle map and the
problems' board."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from gaoxin.accounts.models import Department, User
from gaoxin.enterprises.models import Chain, Park
from gaoxin.projects.choices import Light, ProjectLevel
from gaoxin.projects.models import MonthlyReport, Project, Stage, StageTransition


def project_for(user: User | AnonymousUser, pk: int) -> Project:
    """One project with its header's relations; Http404 when out of scope."""
    found = (
        Project.objects.for_user(user)
        .select_related("stage", "responsible_unit", "owner", "park", "chain", "parcel")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def project_list(user: User | AnonymousUser) -> QuerySet[Project]:
    """The active projects ``user`` sees, with what the list, its export and the battle map show of each."""
    return (
        Project.objects.for_user(user)
        .filter(is_active=True)
        .select_related("stage", "responsible_unit", "owner")
    )


def project_export(user: User | AnonymousUser) -> QuerySet[Project]:
    """The list's projects with the park its spreadsheet shows (``ProjectFilterSet`` filters them)."""
    return project_list(user).select_related("park")


def projects_by_code(codes: Collection[str]) -> dict[str, Project]:
    """The projects with these codes (any user's: an import checks the rows' codes), with only their id, code
    and responsible unit."""
    return {
        p.code: p for p in Project.objects.filter(code__in=codes).only("pk", "code", "responsible_unit_id")
    }


def project_api(user: User | AnonymousUser) -> QuerySet[Project]:
    """The API's projects: the list's, with the chain, park and parcel it shows."""
    return project_list(user).select_related("chain", "park", "parcel")


def monthly_reports(project: Project) -> QuerySet[MonthlyReport]:
    """A project's monthly reports, the latest first."""
    return project.monthly_reports.select_related("reported_by").order_by("-year", "-month")


def active_projects(user: User) -> QuerySet[Project]:
    return Project.objects.for_user(user).filter(is_active=True)


def transitions(project: Project) -> QuerySet[StageTransition]:
    """A project's stage transitions, with who moved it between which stages."""
    return project.transitions.select_related("from_stage", "to_stage", "by")


def transition(project: Project, pk: int) -> StageTransition:
    return get_object_or_404(project.transitions, pk=pk)


def stages_with_counts() -> QuerySet[Stage]:
    """Every stage, in the pipeline's order, with how many projects are in it."""
    return Stage.objects.annotate(project_count=Count("projects")).order_by("sort_order", "code")


def stage(pk: int) -> Stage:
    return get_object_or_404(Stage.objects, pk=pk)


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
