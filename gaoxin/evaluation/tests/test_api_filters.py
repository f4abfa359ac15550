"""The evaluation's API lists take the filters of one FilterSet each, and the OpenAPI schema names them."""

from __future__ import annotations

from typing import Any

import pytest

from gaoxin.evaluation.tests.zone import YEAR, Zone

LIST_PARAMETERS = {
    "/api/v1/evaluation/schemes/": {"page"},
    "/api/v1/evaluation/runs/": {"year", "page"},
    "/api/v1/evaluation/results/": {"run", "grade", "credit_code", "page"},
    "/api/v1/evaluation/objections/": {"run", "status", "page"},
}


@pytest.mark.parametrize("path", LIST_PARAMETERS)
def test_the_schema_lists_the_filters_of_each_evaluation_list(client_for: Any, path: str) -> None:
    schema = client_for("leader").get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"][path]["get"]
    assert {p["name"] for p in operation["parameters"] if p["in"] == "query"} == LIST_PARAMETERS[path]


def test_the_api_filters_results_by_run_grade_and_credit_code(zone: Zone, client_for: Any) -> None:
    first, second = zone.run(), zone.run()
    client = client_for("leader")
    rows = client.get("/api/v1/evaluation/results/", {"run": second.pk}).json()["results"]
    assert {row["run"] for row in rows} == {second.pk}
    assert len(rows) == 3
    rows = client.get("/api/v1/evaluation/results/", {"grade": "A"}).json()["results"]
    assert {(row["run"], row["grade"]) for row in rows} == {(first.pk, "A"), (second.pk, "A")}
    code = zone.f2.credit_code.lower()
    rows = client.get("/api/v1/evaluation/results/", {"credit_code": code, "run": first.pk}).json()["results"]
    assert [row["credit_code"] for row in rows] == [zone.f2.credit_code]
    assert client.get("/api/v1/evaluation/results/", {"run": "latest"}).status_code == 400


def test_the_api_filters_runs_by_year(zone: Zone, client_for: Any) -> None:
    run = zone.run()
    client = client_for("leader")
    assert [
        row["id"] for row in client.get("/api/v1/evaluation/runs/", {"year": YEAR}).json()["results"]
    ] == [run.pk]
    assert client.get("/api/v1/evaluation/runs/", {"year": YEAR - 1}).json()["results"] == []
