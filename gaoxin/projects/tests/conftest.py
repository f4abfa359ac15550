"""Projects fixtures: the working-day calendar, the project office and a responsible unit, and projects.

Personas (see ``core/testing/personas``) plus two people of this module: ``office`` — an officer of the project
office (项目办, holds the projects capability) — and ``officer_a`` of 经济发展局 acting as a responsible unit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from gaoxin.accounts.choices import Capability, Role
from gaoxin.accounts.models import Department, User
from gaoxin.core.testing.personas import PASSWORD, Personas
from gaoxin.core.workcalendar import WorkCalendar, arrangement_from_chinesecalendar


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
