"""One scoping rule for the module (``Model.objects.for_user``: committee staff read everything, no one else
anything), and the lists' FilterSets shared by the pages, their exports and the API, whose schema documents
every filter."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from drf_spectacular.generators import SchemaGenerator

from gaoxin.projects.filters import CheckFilterSet, IssueFilterSet, ProjectFilterSet
from gaoxin.projects.models import AdmissionReview, ObligationCheck, Project, ProjectIssue
from gaoxin.projects.models.projects import StaffReadQuerySet
from gaoxin.testing.personas import NAMES

pytestmark = pytest.mark.django_db

STAFF = {"administrator", "leader", "officer_a", "officer_b"}


@pytest.mark.parametrize("persona", NAMES)
def test_staff_read_every_project_and_problem_and_no_one_else_any(personas, make_project, persona):
    project = make_project()
    ProjectIssue.objects.create(
        project=project,
        title="环评",
        raised_on=dt.date(2026, 3, 1),
        deadline=dt.date(2026, 3, 31),
        unit=personas.department_a,
    )
    user = personas.by_name(persona) or AnonymousUser()
    assert Project.objects.for_user(user).count() == int(persona in STAFF)
    assert ProjectIssue.objects.for_user(user).count() == int(persona in STAFF)


@pytest.mark.parametrize("model", [Project, ProjectIssue, AdmissionReview, ObligationCheck])
def test_every_model_read_on_its_own_has_the_one_rule(model):
    assert isinstance(model.objects.all(), StaffReadQuerySet)


def _parameters(path: str) -> set[str]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {p["name"] for p in schema["paths"][path]["get"]["parameters"]}


def test_the_schema_documents_the_filters_of_the_project_list():
    assert _parameters("/api/v1/projects/") >= {
        "q",
        "stage",
        "unit",
        "light",
        "park",
        "chain",
        "level",
        "sort",
    }


def test_the_api_filters_and_refuses_an_unknown_value(client_as, make_project):
    solar = make_project(name="光伏组件项目")
    make_project(name="汽车部件项目", level="province")
    client = client_as("leader")
    assert [p["name"] for p in client.get("/api/v1/projects/", {"q": solar.code}).json()["results"]] == [
        "光伏组件项目"
    ]
    assert client.get("/api/v1/projects/", {"level": "province"}).json()["count"] == 1
    assert client.get("/api/v1/projects/", {"level": "galaxy"}).status_code == 400
    names = [p["name"] for p in client.get("/api/v1/projects/", {"sort": "-name"}).json()["results"]]
    assert names == sorted(names, reverse=True)


def test_the_list_sorts_by_a_whitelisted_column_only():
    queryset = Project.objects.all()
    assert ProjectFilterSet(QueryDict("sort=-total_investment"), queryset=queryset).qs.query.order_by == (
        "-total_investment",
        "code",
    )
    refused = ProjectFilterSet(QueryDict("sort=owner__credit_code"), queryset=queryset)
    assert refused.qs.query.order_by == ("code", "code")
    assert refused.current_sort == "code"
    issues = IssueFilterSet(QueryDict("sort=-raised_on"), queryset=ProjectIssue.objects.all())
    assert issues.qs.query.order_by == ("-raised_on", "id")


@pytest.mark.parametrize(
    ("query", "year", "status"),
    [("", 2024, "failed"), ("year=2023&status=all", 2023, "all"), ("year=1&status=bogus", 2024, "failed")],
)
def test_the_checks_default_to_the_latest_year_and_the_shortfalls(query, year, status):
    filters = CheckFilterSet(QueryDict(query), queryset=ObligationCheck.objects.all(), default_year=2024)
    assert (filters.chosen_year, filters.data["status"]) == (year, status)
