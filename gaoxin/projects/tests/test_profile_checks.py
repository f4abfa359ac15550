"""A project's data is checked: planned dates in order, fixed-asset investment within the total, the location
inside the zone's boundary (a warning), no spending before construction started (warning or refusal, as the
project office configures)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gaoxin.projects import profile_checks
from gaoxin.projects.selectors import battle_map
from gaoxin.projects.selectors.rules import current_office_settings
from gaoxin.projects.services import office as office_services
from gaoxin.projects.services import progress
from gaoxin.projects.services import projects as services

SQUARE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
                    [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]],
                ],
            },
        }
    ],
}


@pytest.mark.parametrize(
    ("x", "y", "inside"), [(1, 1, True), (5, 5, False), (11, 5, False), (9.9, 9.9, True)]
)
def test_inside_zone(x: float, y: float, inside: bool) -> None:
    assert profile_checks.inside_zone(x, y, SQUARE) is inside


def test_spending_before_start() -> None:
    reports = [(2026, 1, D(5)), (2026, 2, D(0)), (2026, 3, D(7)), (2026, 4, None)]
    assert profile_checks.spending_before_start(reports, dt.date(2026, 3, 20)) == [(2026, 1)]
    assert profile_checks.spending_before_start(reports, None) == [(2026, 1), (2026, 3)]


@pytest.mark.django_db
def test_planned_dates_out_of_order_are_refused(make_project: Any, personas: Any) -> None:
    project = make_project(planned_start_on=dt.date(2026, 5, 1))
    with pytest.raises(ValidationError) as refused:
        services.project_update(
            project=project,
            data={"planned_completion_on": dt.date(2026, 4, 1), "planned_production_on": dt.date(2026, 3, 1)},
            by=personas.officer_a,
        )
    errors = refused.value.message_dict
    assert "计划竣工" in errors["planned_completion_on"][0]
    assert "计划开工" in errors["planned_completion_on"][0]
    assert "planned_production_on" in errors


@pytest.mark.django_db
def test_fixed_asset_investment_above_the_total_is_refused(make_project: Any, personas: Any) -> None:
    project = make_project()
    with pytest.raises(ValidationError) as refused:
        services.project_update(
            project=project, data={"fixed_asset_investment": D(60000)}, by=personas.officer_a
        )
    assert "fixed_asset_investment" in refused.value.message_dict


@pytest.mark.django_db
def test_a_location_outside_the_zone_is_warned_of(make_project: Any, client_for: Any) -> None:
    name, boundary = battle_map.zone_geojson()
    x, y = boundary["features"][0]["geometry"]["coordinates"][0][0]
    outside = make_project(longitude=D(str(x)) - 5, latitude=D(str(y)))
    page = client_for("leader").get(reverse("projects:detail", args=[outside.pk])).content.decode()
    assert 'id="location-warning"' in page
    assert name in page
    assert services.location_warning(make_project()) == ""  # no coordinates: nothing to say


@pytest.mark.django_db
def test_spending_before_the_start_is_warned_of_by_default(make_project: Any, personas: Any) -> None:
    project = make_project(started_on=dt.date(2026, 3, 10))
    rows = [progress.ReportRow(project.pk, 2026, 2, {"completed": D(100)})]
    counts = progress.store_reports(rows, by=personas.officer_a, today=dt.date(2026, 5, 1))
    assert counts.created == 1
    assert counts.warnings
    assert "2026-02" in counts.warnings[0]
    assert "2026年3月10日" in counts.warnings[0]
    (warning,) = progress.early_spending(project)  # once for the project, the months listed
    assert "2026-02" in warning
    assert "2026年3月10日" in warning


@pytest.mark.django_db
def test_spending_before_the_start_is_refused_when_configured(
    make_project: Any, personas: Any, office: Any
) -> None:
    office_services.office_settings_save(
        data={"issuing_body": "高新区重大项目推进办", "spending_before_start": "refuse"}, by=office.officer
    )
    project = make_project()  # not started
    rows = [progress.ReportRow(project.pk, 2026, 2, {"completed": D(100)})]
    with pytest.raises(ValidationError):
        progress.store_reports(rows, by=personas.officer_a, today=dt.date(2026, 5, 1))
    assert not project.monthly_reports.exists()
    zero = [progress.ReportRow(project.pk, 2026, 2, {"completed": D(0)})]
    assert progress.store_reports(zero, by=personas.officer_a, today=dt.date(2026, 5, 1)).created == 1


@pytest.mark.django_db
def test_only_the_project_office_configures(personas: Any, client_as: Any) -> None:
    with pytest.raises(PermissionDenied):
        office_services.office_settings_save(data={"issuing_body": "x"}, by=personas.officer_a)
    url = reverse("projects:office_settings")
    data = {"issuing_body": "高新区重大项目推进办", "spending_before_start": "warn"}
    assert client_as("officer_a").post(url, data).status_code == 403
    assert client_as("office").post(url, data).status_code == 302
    assert current_office_settings().issuing_body == "高新区重大项目推进办"


def test_dates_in_order_and_investment_within_the_total_are_no_problem() -> None:
    values = {
        "planned_start_on": dt.date(2026, 1, 1),
        "planned_completion_on": dt.date(2026, 1, 1),
        "planned_production_on": dt.date(2027, 1, 1),
        "total_investment": D(10),
        "fixed_asset_investment": D(10),
    }
    assert profile_checks.profile_problems(values) == []
    late = profile_checks.profile_problems({**values, "planned_completion_on": dt.date(2025, 1, 1)})
    assert [field for field, _message in late] == ["planned_completion_on"]


def test_inside_a_multipolygon_with_a_hole() -> None:
    ring = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    hole = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]
    far = [[[20, 20], [30, 20], [30, 30], [20, 30], [20, 20]]]
    zone = {"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": [[ring, hole], far]}}
    assert profile_checks.inside_zone(1, 1, zone)
    assert profile_checks.inside_zone(25, 25, zone)
    assert not profile_checks.inside_zone(5, 5, zone)
    assert not profile_checks.inside_zone(1, 1, {"type": "Feature", "geometry": {"type": "Point"}})
