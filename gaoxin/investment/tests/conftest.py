"""Fixtures of the investment module: the bureau (招商局) with its officer, and a lead registered by them."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from gaoxin.accounts.choices import Capability, Role
from gaoxin.accounts.models import Department, User
from gaoxin.investment import seeds
from gaoxin.investment.models import Lead, LeadStage
from gaoxin.investment.services import leads
from gaoxin.testing.personas import PASSWORD, Personas

MakeLead = Callable[..., Lead]


@pytest.fixture
def bureau(db: None) -> Department:
    seeds.ensure_defaults()  # a transactional test before may have flushed the migrations' stages
    return Department.objects.create(
        code="zhaoshang", name="投资促进局", short_name="招商局", capabilities=[Capability.INVESTMENT]
    )


@pytest.fixture
def bureau_officer(bureau: Department) -> User:
    user = User(username="p_zhaoshang", role=Role.OFFICER, display_name="招商局干部", department=bureau)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def stages(bureau: Department) -> dict[str, LeadStage]:
    return {stage.code: stage for stage in LeadStage.objects.all()}


@pytest.fixture
def make_lead(bureau_officer: User, personas: Personas) -> MakeLead:
    def make(by: User | None = None, **fields: Any) -> Lead:
        data: dict[str, Any] = {
            "name": "年产10GW高效光伏组件项目",
            "investor_name": "恒达新能源科技有限公司",
            "responsible_unit": bureau_officer.department,
            "officer": bureau_officer,
            "total_investment": Decimal(120_000),
            "fixed_asset_investment": Decimal(100_000),
            "land_mu": Decimal(300),
        }
        data.update(fields)
        on = data.pop("on", None)
        return leads.lead_create(data=data, by=by or bureau_officer, on=on)

    return make
