"""The battle map: who sees it, what its data holds (points, colours, filters, legend, card), the zone GeoJSON
endpoint, and the zone map upload."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gaoxin.core.models import ChangeLogEntry
from gaoxin.projects import lights
from gaoxin.projects.models import Project, ZoneMap
from gaoxin.projects.selectors.battle_map import demo_zone

pytestmark = pytest.mark.django_db

READERS = ["administrator", "leader", "officer_a", "office", "officer_b"]
CONFIGURATORS = ["administrator", "office"]

SQUARE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "真实园区"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[120, 30], [121, 30], [121, 31], [120, 31], [120, 30]]],
            },
        }
    ],
}
LATE_START = {"light": "red", "msgid": lights.START_LATE, "params": {"date": "2026-01-10", "months": 3}}


def lit(project: Project, light: str, reasons: list[object]) -> Project:
    Project.objects.filter(pk=project.pk).update(light=light, light_reasons=reasons)
    project.refresh_from_db()
    return project


@pytest.fixture
def projects(make_project, personas):  # type: ignore[no-untyped-def]
    red = lit(
        make_project(name="红灯项目", longitude=Decimal("120.745"), latitude=Decimal("30.798")),
        "red",
        [LATE_START],
    )
    green = lit(
        make_project(
            name="绿灯项目", longitude=Decimal("120.712"), latitude=Decimal("30.812"), stage_code="started"
        ),
        "green",
        [],
    )
    unplaced = make_project(name="未定位项目", responsible_unit=personas.department_b)
    return red, green, unplaced


@pytest.mark.parametrize("name", READERS)
def test_staff_see_the_battle_map(client_as, projects, name):
    response = client_as(name).get(reverse("projects:battle_map"))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="project-card"' in content
    assert 'role="dialog"' in content
    assert 'id="battle-map-list"' in content
    assert "vendor/echarts-5.6.0.min.js" in content
    assert 'src="http' not in content


@pytest.mark.parametrize("name", ["contact", "anonymous"])
def test_others_are_kept_out(client_as, name):
    for url in (reverse("projects:battle_map"), reverse("projects:battle_map_geojson")):
        response = client_as(name).get(url)
        assert response.status_code == (403 if name == "contact" else 302)


def test_the_data_holds_every_point_with_its_card(client_as, projects):
    red, green, unplaced = projects
    response = client_as("leader").get(reverse("projects:battle_map"))
    points = {p["id"]: p for p in response.context["map_data"]["points"]}
    assert set(points) == {red.pk, green.pk, unplaced.pk}
    assert points[red.pk]["value"] == [120.745, 30.798]
    assert (points[red.pk]["light"], points[red.pk]["colour"]) == ("red", "#b91c1c")
    assert points[red.pk]["reasons"] == ["计划于2026年1月10日开工，已逾期3个月未开工"]
    assert points[red.pk]["stage"] == "签约"
    assert points[red.pk]["unit"] == "经发局"
    assert points[red.pk]["total_investment"] == 50000.0
    assert points[red.pk]["url"]
    assert points[green.pk]["colour"] == "#15803d"
    assert points[unplaced.pk]["value"] is None
    legend = {e["light"]: e["count"] for e in response.context["map_data"]["legend"]}
    assert legend == {"red": 1, "yellow": 0, "green": 1, "grey": 1}
    content = response.content.decode()
    # The list fallback links each project to the same card.
    assert f'data-project-id="{red.pk}" data-open-card' in content
    assert response.context["map"].unlocated == 1


def test_filters_by_light_stage_and_unit(client_as, projects, personas):
    red, green, unplaced = projects
    client = client_as("leader")
    url = reverse("projects:battle_map")

    def ids(**query: str) -> set[int]:
        return {p["id"] for p in client.get(url, query).context["map_data"]["points"]}

    assert ids(light="red") == {red.pk}
    assert ids(stage="started") == {green.pk}
    assert ids(unit=str(personas.department_b.pk)) == {unplaced.pk}
    legend = {e["light"]: e["count"] for e in client.get(url, {"light": "red"}).context["map_data"]["legend"]}
    assert legend == {"red": 1, "yellow": 0, "green": 0, "grey": 0}


def test_light_reasons_are_translated(client_as, make_project):
    reason = {"light": "yellow", "msgid": "no annual investment plan", "params": {}}
    project = lit(make_project(), "yellow", [reason])
    points = client_as("leader").get(reverse("projects:battle_map")).context["map_data"]["points"]
    (text,) = next(p for p in points if p["id"] == project.pk)["reasons"]
    assert text != "no annual investment plan"  # the Chinese of the light service's message


@pytest.mark.parametrize(
    ("persona", "offered"), [("officer_a", True), ("leader", False), ("officer_b", False)]
)
def test_the_card_offers_the_monthly_report_to_those_who_file_it(client_as, make_project, persona, offered):
    project = make_project()
    points = client_as(persona).get(reverse("projects:battle_map")).context["map_data"]["points"]
    (point,) = [p for p in points if p["id"] == project.pk]
    assert bool(point["report_url"]) is offered


def test_the_demo_zone_is_served_until_a_map_is_uploaded(client_as, office):
    client = client_as("leader")
    served = json.loads(client.get(reverse("projects:battle_map_geojson")).content)
    assert served == demo_zone()
    names = {f["properties"]["name"] for f in served["features"]}
    assert {"光伏产业园", "汽车零部件产业园", "智能装备产业园", "科创园", "综合片区"} <= names
    ZoneMap.objects.create(name="真实地图", geojson=SQUARE, uploaded_by=office.officer)
    assert json.loads(client.get(reverse("projects:battle_map_geojson")).content) == SQUARE


def upload(client: Client, content: bytes, name: str = "真实边界") -> object:
    return client.post(
        reverse("projects:map_upload"),
        {
            "name": name,
            "file": SimpleUploadedFile("zone.geojson", content, content_type="application/geo+json"),
        },
    )


@pytest.mark.parametrize("name", CONFIGURATORS)
def test_configurators_upload_and_activate_maps(client_as, name):
    client = client_as(name)
    assert client.get(reverse("projects:map_upload")).status_code == 200
    response = upload(client, json.dumps(SQUARE).encode(), "第一版")
    assert response.status_code == 302
    response = upload(client, json.dumps(SQUARE).encode(), "第二版")
    first, second = ZoneMap.objects.get(name="第一版"), ZoneMap.objects.get(name="第二版")
    assert (first.is_active, second.is_active) == (False, True)
    assert client.post(reverse("projects:map_activate", args=[first.pk])).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_active, second.is_active) == (True, False)
    entries = ChangeLogEntry.objects.filter(object_repr__in=["第一版", "第二版"])
    assert entries.filter(action="create").count() == 2
    assert entries.filter(action="update").count() == 3  # first off, second off, first on
    assert all("geojson" not in entry.changes for entry in entries)


@pytest.mark.parametrize("name", ["leader", "officer_a", "officer_b", "contact"])
def test_others_cannot_upload_maps(client_as, name):
    client = client_as(name)
    assert client.get(reverse("projects:map_upload")).status_code == 403
    assert upload(client, json.dumps(SQUARE).encode()).status_code == 403
    zone_map = ZoneMap.objects.create(name="旧图", geojson=SQUARE, is_active=False)
    assert client.post(reverse("projects:map_activate", args=[zone_map.pk])).status_code == 403
    assert not ZoneMap.objects.filter(is_active=True).exists()


def test_anonymous_upload_goes_to_login(client_as):
    response = upload(client_as("anonymous"), json.dumps(SQUARE).encode())
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_bad_upload_is_refused_in_chinese(client_as):
    response = upload(client_as("office"), b"not json at all")
    assert response.status_code == 400
    assert "不是 JSON" in response.content.decode()
    assert not ZoneMap.objects.exists()


def test_deeply_nested_and_oversized_maps_are_refused_in_chinese(client_as):
    client = client_as("office")
    nested = upload(client, b'{"type": "Polygon", "coordinates": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    assert nested.status_code == 400
    assert "嵌套达数千层" in nested.content.decode()
    oversized = upload(client, b" " * (5 * 1024 * 1024 + 1) + json.dumps(SQUARE).encode())
    assert oversized.status_code == 400
    assert "此处最多可上传 5 MB" in oversized.content.decode()
    assert not ZoneMap.objects.exists()


def test_the_map_page_says_which_map_is_in_use(client_as, office):
    client = client_as("leader")
    assert client.get(reverse("projects:battle_map")).context["map_name"] == "示例高新区（虚构）"
    ZoneMap.objects.create(name="真实地图", geojson=SQUARE)
    assert client.get(reverse("projects:battle_map")).context["map_name"] == "真实地图"


def test_the_card_closes_with_a_close_button_not_a_case_closure(client_for, make_project) -> None:
    make_project()
    page = client_for("leader").get(reverse("projects:battle_map")).content.decode()
    assert "data-close>关闭</button>" in page
    assert "data-close>办结</button>" not in page
