"""Ranking pages: who may see and do what; the table, lists, chart, export and rule form."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from decimal import Decimal as D
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from python_calamine import CalamineWorkbook

from gaoxin.projects.models import RankingRule, UnitRanking
from gaoxin.projects.tests.conftest import LOGIN, ExpectAccess, Outcome
from gaoxin.testing.personas import Personas

pytestmark = pytest.mark.django_db

OFFICE_ACTS: dict[str, Outcome] = {"administrator": 302, "leader": 403, "officer_a": 403, "office": 302, "officer_b": 403, "contact": 403, "anonymous": LOGIN}  # fmt: skip
PERIOD = {"period": "month", "year": "2025", "number": "6"}


@pytest.fixture
def two_units(make_project: Callable[..., Any], personas: Personas) -> None:
    """Unit A started 1 of 1 (100), unit B 0 of 2 (0)."""
    make_project(planned_start_on=dt.date(2025, 3, 1), started_on=dt.date(2025, 3, 5))
    for _ in range(2):
        make_project(responsible_unit=personas.department_b, planned_start_on=dt.date(2025, 4, 1))
    RankingRule.objects.create(red_count=1, black_count=1)


def test_compute_is_for_the_project_office(expect_access: ExpectAccess, two_units: None) -> None:
    expect_access("post", reverse("projects:rankings_compute"), OFFICE_ACTS, PERIOD)
    assert UnitRanking.objects.count() == 2


def test_rule_is_for_the_project_office(expect_access: ExpectAccess) -> None:
    data = {**PERIOD, "red_count": "2", "black_count": "1", "weight_start_rate": "50", "weight_investment": "50",
            "weight_milestones": "0", "weight_issues_closed": "0"}  # fmt: skip
    expect_access("post", reverse("projects:ranking_rule"), OFFICE_ACTS, data)
    rule = RankingRule.objects.order_by("-id").first()
    assert rule is not None
    assert rule.red_count == 2
    assert rule.weights["start_rate"] == "50"


def test_bad_rule_is_refused(client_as: Callable[[str], Client]) -> None:
    data = {**PERIOD, "red_count": "2", "black_count": "1", "weight_start_rate": "0", "weight_investment": "0",
            "weight_milestones": "0", "weight_issues_closed": "0"}  # fmt: skip
    before = RankingRule.objects.count()
    client_as("office").post(reverse("projects:ranking_rule"), data)
    assert RankingRule.objects.count() == before


def test_page_shows_lists_chart_and_export(
    client_as: Callable[[str], Client], two_units: None, personas: Personas
) -> None:
    client_as("office").post(reverse("projects:rankings_compute"), PERIOD)
    page = client_as("leader").get(reverse("projects:rankings"), PERIOD, HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = page.content.decode()
    assert 'data-listed="red"' in text
    assert 'data-listed="black"' in text
    assert "红榜" in text
    assert 'id="ranking-rule"' in text
    assert "Save the rule" not in text
    assert "保存" not in text.split('id="ranking-rule"')[1]
    chart = json.loads(text.split('id="ranking-chart" type="application/json">')[1].split("</script>")[0])
    # One series per list, coloured as its list: the legend shows the colours of the bars.
    assert [(s["name"], colour) for s, colour in zip(chart["series"], chart["color"], strict=True)] == [
        ("红榜", "#b71c1c"),
        ("黑榜", "#111827"),
    ]
    assert [s["data"] for s in chart["series"]] == [[100.0, None], [None, 0.0]]
    assert chart["yAxis"]["name"] == "分"
    assert chart["xAxis"]["data"] == [personas.department_a.short_name, personas.department_b.short_name]
    office_page = client_as("office").get(reverse("projects:rankings"), PERIOD).content.decode()
    assert 'name="weight_investment"' in office_page
    export = client_as("leader").get(reverse("projects:rankings_export"), PERIOD)
    rows = CalamineWorkbook.from_filelike(io.BytesIO(export.content)).get_sheet_by_index(0).to_python()
    ranked = [row for row in rows if row and row[0] in (1.0, 2.0)]
    assert [(row[0], row[1], row[2]) for row in ranked] == [
        (1.0, personas.department_a.short_name, 100.0),
        (2.0, personas.department_b.short_name, 0.0),
    ]
    assert UnitRanking.objects.get(department=personas.department_b).score == D(0)


@pytest.mark.parametrize(
    ("asked", "told"),
    [
        ({"period": "quarter", "year": "2025", "number": "6"}, "季度只能是 1 至 4。"),
        ({"period": "week", "year": "2025", "number": "6"}, "期间："),
        ({"period": "month", "year": "3000", "number": "6"}, "年度："),
        ({"period": "month", "year": "2025", "number": "6.5"}, "月份或季度："),
    ],
)
def test_a_refused_period_is_told_on_the_page_and_the_export_makes_no_file(
    client_as: Callable[[str], Client], two_units: None, asked: dict[str, str], told: str
) -> None:
    client = client_as("leader")
    page = client.get(reverse("projects:rankings"), asked, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 400
    assert told in page.content.decode().split('id="filter-problems"')[1].split("</ul>")[0]
    export = client.get(reverse("projects:rankings_export"), asked, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert export.status_code == 400
    assert told in export.content.decode()


def test_a_refused_period_is_not_computed(client_as: Callable[[str], Client], two_units: None) -> None:
    response = client_as("office").post(
        reverse("projects:rankings_compute"), {**PERIOD, "period": "quarter"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 302
    assert not UnitRanking.objects.exists()


def test_page_and_export_read_the_same_quarter(client_as: Callable[[str], Client], two_units: None) -> None:
    quarter = {"period": "quarter", "year": "2025", "number": "2"}
    client_as("office").post(reverse("projects:rankings_compute"), quarter)
    client = client_as("leader")
    shown = [row["ranking"].rank for row in client.get(reverse("projects:rankings"), quarter).context["rows"]]
    export = client.get(reverse("projects:rankings_export"), quarter)
    rows = CalamineWorkbook.from_filelike(io.BytesIO(export.content)).get_sheet_by_index(0).to_python()
    assert shown == [1, 2]
    assert [row[0] for row in rows if row and row[0] in (1.0, 2.0)] == [1.0, 2.0]
    assert not client.get(reverse("projects:rankings"), {**quarter, "number": "1"}).context["rows"]
