"""Projects fixtures: the working-day calendar, the project office and a responsible unit, projects, and the
check of who may open or post what.

Personas (see ``gaoxin/testing/personas``) plus two people of this module: ``office`` — an officer of the project
office (项目办, holds the projects capability) — and ``officer_a`` of 经济发展局 acting as a responsible unit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.test import Client

from gaoxin.accounts.choices import Capability, Role
from gaoxin.accounts.models import Department, User
from gaoxin.core.workcalendar import WorkCalendar, arrangement_from_chinesecalendar
from gaoxin.testing.personas import PASSWORD, Personas


@pytest.fixture(scope="session")
def calendar() -> WorkCalendar:
    """The State Council arrangements 2020–2026, as chinesecalendar records them."""
    return WorkCalendar(arrangement_from_chinesecalendar(year) for year in range(2020, 2027))


@dataclass
class Office:
    department: Department
    officer: User


@pytest.fixture
def office(personas: Personas) -> Office:
    department = Department.objects.create(
        code="xiangmu", name="项目推进办公室", short_name="项目办", capabilities=[Capability.PROJECTS]
    )
    officer = User(username="p_office", role=Role.OFFICER, display_name="项目办干部", department=department)
    officer.set_password(PASSWORD)
    officer.save()
    return Office(department, officer)


@pytest.fixture
def client_as(client_for: Callable[[str], Client], office: Office) -> Callable[[str], Client]:
    """Like ``client_for``, also for ``office`` (the project office's officer)."""

    def make(name: str) -> Client:
        if name != "office":
            return client_for(name)
        client = Client()
        client.force_login(office.officer)
        return client

    return make


Outcome = int | str
LOGIN: Outcome = "login"  # the outcome of a request sent to the login page (anonymous visitors)


def outcome(response: HttpResponse) -> Outcome:
    """The status code of a response, or ``LOGIN`` when it sends the visitor to the login page."""
    if response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL)):
        return LOGIN
    return response.status_code


class ExpectAccess(Protocol):
    def __call__(
        self, method: str, url: str, expected: Mapping[str, Outcome], data: Mapping[str, Any] | None = None
    ) -> None: ...


@pytest.fixture
def expect_access(client_as: Callable[[str], Client]) -> ExpectAccess:
    """``expect_access("post", url, {"office": 302, "leader": 403, "anonymous": LOGIN}, data)``: each persona in
    turn (in the mapping's order) opens or posts to ``url``; every outcome must be the expected one. A 302 that
    is not the login page is a redirect after success."""

    def check(
        method: str, url: str, expected: Mapping[str, Outcome], data: Mapping[str, Any] | None = None
    ) -> None:
        got = {}
        for name in expected:
            client = client_as(name)
            got[name] = outcome(client.get(url) if method == "get" else client.post(url, data or {}))
        assert got == dict(expected), url

    return check


@pytest.fixture
def make_project(personas: Personas) -> Callable[..., Any]:
    """``make_project(**fields)`` → a saved project of officer_a's unit in stage 签约 unless told otherwise."""
    from gaoxin.projects import seeds
    from gaoxin.projects.models import Project, Stage

    seeds.ensure_defaults()  # a transactional test before may have flushed the migrations' stages
    counter = iter(range(1, 1_000_000))

    def make(**fields: Any) -> Project:
        n = next(counter)
        values: dict[str, Any] = {
            "code": f"XM-T{n:04d}",
            "name": f"测试项目{n}",
            "stage": Stage.objects.get(code=fields.pop("stage_code", "signed")),
            "responsible_unit": personas.department_a,
            "owner": personas.own_enterprise,
            "total_investment": Decimal("50000"),
            "fixed_asset_investment": Decimal("40000"),
        }
        values.update(fields)
        return Project.objects.create(**values)

    return make
