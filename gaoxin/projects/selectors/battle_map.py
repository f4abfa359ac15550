"""What the battle map (挂图作战) shows: the zone map in use (or the synthetic demo boundary), and the filtered
projects as points coloured by their light, with the card each point opens and the legend's counts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from gaoxin.accounts.models import User
from gaoxin.projects import permissions
from gaoxin.projects.choices import Light
from gaoxin.projects.display import describe_reasons
from gaoxin.projects.models import Project, ZoneMap

DEMO_ZONE = Path(__file__).resolve().parent.parent / "data" / "demo_zone.geojson"
LIGHT_COLOURS = {
    Light.GREEN: "#15803d",
    Light.YELLOW: "#d97706",
    Light.RED: "#b91c1c",
    Light.GREY: "#6b7280",
}


@cache
def demo_zone() -> dict[str, Any]:
    """The synthetic boundary shipped for the demo (a fictional zone with the demo's parks)."""
    data: dict[str, Any] = json.loads(DEMO_ZONE.read_text(encoding="utf-8"))
    return data


def zone_maps() -> QuerySet[ZoneMap]:
    """The uploaded zone maps, without their GeoJSON."""
    return ZoneMap.objects.select_related("uploaded_by").defer("geojson")


def zone_map(pk: int) -> ZoneMap:
    return get_object_or_404(ZoneMap.objects, pk=pk)


def active_zone_map() -> ZoneMap | None:
    return ZoneMap.objects.filter(is_active=True).order_by("-id").first()


def zone_map_name() -> str:
    """The name of the map in use, without loading its GeoJSON."""
    name = ZoneMap.objects.filter(is_active=True).order_by("-id").values_list("name", flat=True).first()
    return name if name is not None else _("Demo zone (fictional)")


def zone_geojson() -> tuple[str, dict[str, Any]]:
    """The name and GeoJSON of the map in use: the active uploaded map, else the demo boundary."""
    zone_map = active_zone_map()
    if zone_map is not None:
        return zone_map.name, zone_map.geojson
    return _("Demo zone (fictional)"), demo_zone()


def project_url(project_id: int) -> str:
    return reverse("projects:detail", args=[project_id])


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


@dataclass(frozen=True)
class LegendEntry:
    light: str
    label: str
    colour: str
    count: int


@dataclass(frozen=True)
class BattleMap:
    projects: list[Project]
    points: list[dict[str, Any]]  # every filtered project, with its card; ``value`` None when not located
    legend: list[LegendEntry]
    unlocated: int

    def data(self) -> dict[str, Any]:
        """What ``projects/battle_map.js`` reads."""
        return {
            "points": self.points,
            "legend": [
                {"light": e.light, "label": e.label, "colour": e.colour, "count": e.count}
                for e in self.legend
            ],
        }


def _point(project: Project, *, may_report: bool) -> dict[str, Any]:
    """A project on the map, with its card; the monthly report link only for those who may file it."""
    located = project.longitude is not None and project.latitude is not None
    return {
        "id": project.pk,
        "code": project.code,
        "name": project.name,
        "value": [float(project.longitude), float(project.latitude)] if located else None,  # type: ignore[arg-type]
        "light": project.light,
        "light_label": project.get_light_display(),
        "colour": LIGHT_COLOURS[Light(project.light)],
        "stage": project.stage.name,
        "unit": project.responsible_unit.short_name or project.responsible_unit.name,
        "owner": project.owner.name if project.owner else "",
        "total_investment": _number(project.total_investment),
        "reasons": describe_reasons(project.light_reasons),
        "url": project_url(project.pk),
        "report_url": reverse("projects:report", args=[project.pk]) if may_report else "",
    }


def battle_map(user: User, shown: QuerySet[Project]) -> BattleMap:
    """The projects shown (those of ``selectors.project_list`` the filters keep: stage, responsible unit,
    light …), as points and a legend."""
    projects = list(shown)
    points = [_point(project, may_report=permissions.may_edit(user, project)) for project in projects]
    counts = dict.fromkeys(Light.values, 0)
    for project in projects:
        counts[project.light] += 1
    legend = [
        LegendEntry(light.value, str(light.label), LIGHT_COLOURS[light], counts[light.value])
        for light in (Light.RED, Light.YELLOW, Light.GREEN, Light.GREY)
    ]
    return BattleMap(
        projects=projects,
        points=points,
        legend=legend,
        unlocated=sum(point["value"] is None for point in points),
    )
