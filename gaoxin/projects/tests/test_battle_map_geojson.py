"""Zone map validation (with Chinese messages), the upload service, and the shipped demo boundary: every park of
the demo, and every place the demo puts a parcel, lies inside the zone."""

from __future__ import annotations

import itertools
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from gaoxin.demo.catalogue import PARKS
from gaoxin.projects.models import ZoneMap
from gaoxin.projects.selectors.battle_map import demo_zone
from gaoxin.projects.services import maps

RING = [[120.7, 30.8], [120.8, 30.8], [120.8, 30.9], [120.7, 30.8]]


def feature(geometry: object) -> dict[str, object]:
    return {"type": "Feature", "properties": {"name": "片区"}, "geometry": geometry}


def collection(*features: object) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def problems(content: bytes) -> str:
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        maps.parse_zone_geojson(content)
    return " ".join(caught.value.messages)


def test_a_feature_collection_of_polygons_and_multipolygons_is_accepted():
    parsed = maps.parse_zone_geojson(
        collection(
            feature({"type": "Polygon", "coordinates": [RING]}),
            feature({"type": "MultiPolygon", "coordinates": [[RING], [RING]]}),
        )
    )
    assert [f["geometry"]["type"] for f in parsed["features"]] == ["Polygon", "MultiPolygon"]


def test_a_bare_polygon_or_feature_is_wrapped_and_a_bom_is_tolerated():
    bare = maps.parse_zone_geojson(json.dumps({"type": "Polygon", "coordinates": [RING]}).encode())
    assert bare["type"] == "FeatureCollection"
    assert bare["features"][0]["properties"] == {}
    single = maps.parse_zone_geojson(
        b"\xef\xbb\xbf" + json.dumps(feature({"type": "Polygon", "coordinates": [RING]})).encode()
    )
    assert single["features"][0]["properties"] == {"name": "片区"}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{not json", "不是 JSON"),
        ("中文".encode("gbk"), "不是 JSON"),
        (json.dumps({"type": "Point", "coordinates": [120, 30]}).encode(), "不是区域 GeoJSON"),
        (json.dumps([1, 2]).encode(), "不是区域 GeoJSON"),
        (collection(), "没有要素"),
        (
            collection(feature({"type": "LineString", "coordinates": RING})),
            "第 1 个要素：其几何类型为 LineString",
        ),
        (collection(feature(None)), "第 1 个要素：其几何类型为 缺失"),
        (collection({"type": "Polygon"}), "第 1 个要素：不是 Feature"),
        (collection(feature({"type": "Polygon", "coordinates": [RING[:3]]})), "至少需要四个坐标点"),
        (
            collection(feature({"type": "Polygon", "coordinates": [[*RING[:3], [120.9, 30.9]]]})),
            "终点与起点不一致",
        ),
        (collection(feature({"type": "Polygon", "coordinates": [[["a", 1], *RING[1:]]]})), "不是一对数字"),
        (collection(feature({"type": "MultiPolygon", "coordinates": []})), "没有坐标"),
        (collection(feature({"type": "Polygon", "coordinates": []})), "有多边形没有环"),
        (
            collection(feature({"type": "Polygon", "coordinates": [[[13437000.5, 3596000.1], *RING[1:]]]})),
            "不是以度为单位的经纬度",
        ),
        (
            collection(feature({"type": "Polygon", "coordinates": [[[120.7, 95.0], *RING[1:]]]})),
            "(120.7, 95.0)",
        ),
    ],
)
def test_bad_maps_are_refused_with_the_reason_in_chinese(content, expected):
    assert expected in problems(content)


def test_problems_name_each_feature_up_to_ten():
    bad = feature({"type": "Point", "coordinates": [120, 30]})
    good = feature({"type": "Polygon", "coordinates": [RING]})
    text = problems(collection(good, *[bad] * 12))
    assert "第 2 个要素" in text
    assert "第 11 个要素" in text
    assert "第 12 个要素" not in text
    assert "另有 2 个要素存在问题" in text


def test_too_big_a_file_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(maps, "MAX_BYTES", 100)
    assert "不能超过" in problems(b" " * 101)


@pytest.mark.django_db
def test_upload_needs_the_project_office(personas, office):
    content = collection(feature({"type": "Polygon", "coordinates": [RING]}))
    for user in (personas.leader, personas.officer_a, personas.officer_b):
        with pytest.raises(PermissionDenied):
            maps.zone_map_upload(name="边界", content=content, by=user)
    zone_map = maps.zone_map_upload(name="边界", content=content, by=office.officer)
    assert zone_map.is_active
    assert zone_map.uploaded_by == office.officer
    with pytest.raises(ValidationError):
        maps.zone_map_upload(name="坏图", content=b"[]", by=office.officer)
    assert list(ZoneMap.objects.values_list("name", flat=True)) == ["边界"]


def inside(point: tuple[float, float], ring: list[list[float]]) -> bool:
    """Ray casting: does a horizontal ray from the point cross the ring an odd number of times?"""
    x, y = point
    crossings = 0
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            crossings += 1
    return crossings % 2 == 1


def test_inside_itself():
    square = [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0], [0.0, 0.0]]
    assert inside((1, 1), square)
    assert not inside((3, 1), square)
    assert not inside((1, -0.5), square)


def test_the_demo_zone_is_valid_and_holds_every_demo_park():
    zone = demo_zone()
    assert maps.parse_zone_geojson(json.dumps(zone).encode())["features"] == zone["features"]
    outline = next(f for f in zone["features"] if f["properties"]["kind"] == "zone")["geometry"][
        "coordinates"
    ][0]
    parks = {f["properties"]["name"]: f for f in zone["features"] if f["properties"]["kind"] == "park"}
    assert set(parks) == {park.name for park in PARKS}
    for park in PARKS:
        assert inside((park.longitude, park.latitude), parks[park.name]["geometry"]["coordinates"][0])
        # The demo scatters parcels around the park's centre with standard deviations 0.006° and 0.004°
        # (gaoxin/demo/plan.py); four of them either way stay inside the zone.
        for dx in (-0.024, 0, 0.024):
            for dy in (-0.016, 0, 0.016):
                assert inside((park.longitude + dx, park.latitude + dy), outline), (park.name, dx, dy)
