"""The zone map of the battle map: uploading a GeoJSON boundary (validated), and choosing which map is in use.

A map is a FeatureCollection of Polygon / MultiPolygon features in longitude/latitude (WGS-84 or GCJ-02 degrees,
as ECharts draws them); a single Feature or a bare Polygon / MultiPolygon is accepted and wrapped. The map in
use is the one active; uploading activates the new map and keeps the previous ones, inactive.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gaoxin.accounts.models import User
from gaoxin.core import changelog
from gaoxin.projects import permissions
from gaoxin.projects.models import ZoneMap

MAX_BYTES = 5 * 1024 * 1024
AREA_TYPES = ("Polygon", "MultiPolygon")
MAX_PROBLEMS = 10


def _position_problem(position: Any) -> str | None:
    if (
        not isinstance(position, list)
        or len(position) < 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in position[:2])
    ):
        return _("a position is not a pair of numbers")
    longitude, latitude = position[0], position[1]
    if not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
        return _(
            "the position (%(x)s, %(y)s) is not a longitude/latitude in degrees (projected coordinates are not "
            "supported)"
        ) % {"x": longitude, "y": latitude}
    return None


def _ring_problem(ring: Any) -> str | None:
    if not isinstance(ring, list) or len(ring) < 4:
        return _("a ring needs at least four positions")
    for position in ring:
        problem = _position_problem(position)
        if problem:
            return problem
    if ring[0][:2] != ring[-1][:2]:
        return _("a ring does not end where it starts")
    return None


def _geometry_problem(geometry: Any) -> str | None:
    if not isinstance(geometry, dict) or geometry.get("type") not in AREA_TYPES:
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        return _("its geometry is %(type)s, not a Polygon or MultiPolygon") % {"type": kind or _("missing")}
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    if not isinstance(polygons, list) or not polygons:
        return _("it has no coordinates")
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return _("a polygon has no rings")
        for ring in polygon:
            problem = _ring_problem(ring)
            if problem:
                return problem
    return None


def _as_collection(data: Any) -> dict[str, Any] | None:
    kind = data.get("type") if isinstance(data, dict) else None
    if kind == "FeatureCollection":
        return data
    if kind == "Feature":
        return {"type": "FeatureCollection", "features": [data]}
    if kind in AREA_TYPES:
        return {
            "type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": {}, "geometry": data}],
        }
    return None


def parse_zone_geojson(content: bytes) -> dict[str, Any]:
    """The FeatureCollection in ``content``; ``ValidationError`` with every problem (up to ten) in Chinese."""
    if len(content) > MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; a zone map may be at most %(limit)s MB.")
            % {"size": round(len(content) / 1024 / 1024, 1), "limit": MAX_BYTES // 1024 // 1024}
        )
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValidationError(_("The file is not JSON: %(error)s") % {"error": error}) from error
    except RecursionError as error:  # thousands of nested brackets: no map is built like that
        raise ValidationError(
            _("The file nests brackets thousands of levels deep; a GeoJSON map needs no more than a few.")
        ) from error
    collection = _as_collection(data)
    if collection is None:
        raise ValidationError(
            _(
                "The file is not GeoJSON of areas: expected a FeatureCollection, a Feature, a Polygon or a "
                "MultiPolygon."
            )
        )
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise ValidationError(_("The map has no features."))
    problems = []
    for number, feature in enumerate(features, start=1):
        problem = (
            _("it is not a Feature")
            if not isinstance(feature, dict) or feature.get("type") != "Feature"
            else _geometry_problem(feature.get("geometry"))
        )
        if problem:
            problems.append(_("Feature %(n)s: %(problem)s.") % {"n": number, "problem": problem})
    if problems:
        more = len(problems) - MAX_PROBLEMS
        shown = problems[:MAX_PROBLEMS]
        if more > 0:
            shown.append(_("… and %(n)s more features with problems.") % {"n": more})
        raise ValidationError(shown)
    for feature in features:
        if not isinstance(feature.get("properties"), dict):
            feature["properties"] = {}
    return {"type": "FeatureCollection", "features": features}


def _deactivate_others(keep: ZoneMap, by: User) -> None:
    with changelog.acting(by=by):
        for other in ZoneMap.objects.filter(is_active=True).exclude(pk=keep.pk):
            other.is_active = False
            other.save(update_fields=["is_active", "updated_at"])


@transaction.atomic
def zone_map_upload(*, name: str, content: bytes, by: User) -> ZoneMap:
    """Store an uploaded zone map and put it in use; the previous map is kept, inactive."""
    if not permissions.may_configure(by):
        raise PermissionDenied
    geojson = parse_zone_geojson(content)
    count = len(geojson["features"])
    with changelog.acting(
        by=by, note=ngettext("%(count)d feature", "%(count)d features", count) % {"count": count}
    ):
        zone_map = ZoneMap.objects.create(name=name, geojson=geojson, uploaded_by=by, is_active=True)
    _deactivate_others(zone_map, by)
    return zone_map


@transaction.atomic
def zone_map_activate(*, zone_map: ZoneMap, by: User) -> ZoneMap:
    """Put an earlier map back in use."""
    if not permissions.may_configure(by):
        raise PermissionDenied
    if not zone_map.is_active:
        zone_map.is_active = True
        with changelog.acting(by=by):
            zone_map.save(update_fields=["is_active", "updated_at"])
    _deactivate_others(zone_map, by)
    return zone_map
