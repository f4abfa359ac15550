"""The investment pages as the bureau (招商局), an ordinary officer (全员招商: their own leads), a leader (reads all,
confidential leads by their code name) and an enterprise contact (403) use them: kanban, list with filters and
export, funnel, lead page with its actions, registration with the duplicate warning."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from python_calamine import CalamineWorkbook

from gaoxin.investment.models import Lead, LeadActivity, StopReason
from gaoxin.investment.services import leads as services

pytestmark = pytest.mark.django_db


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def bureau_client(bureau_officer) -> Client:
    return as_user(bureau_officer)


@pytest.fixture
def secret(make_lead) -> Lead:
    return make_lead(
        name="某头部电池企业华东基地项目",
        investor_name="宁远动力电池股份有限公司",
        is_confidential=True,
        code_name="鲲鹏项目",
        total_investment=Decimal(500_000),
        fixed_asset_investment=Decimal(400_000),
    )


@pytest.fixture
def own(make_lead, personas) -> Lead:
    """A lead officer_a registered (全员招商), so owns."""
    return make_lead(
        by=personas.officer_a,
        name="智能传感器封装测试项目",
        investor_name="启明微电子有限公司",
        responsible_unit=personas.department_a,
        officer=None,
        total_investment=Decimal(8_000),
        fixed_asset_investment=Decimal(6_000),
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [("administrator", 200), ("leader", 200), ("officer_a", 200), ("officer_b", 200), ("contact", 403)],
)
@pytest.mark.parametrize(
    "name", ["investment:board", "investment:list", "investment:funnel", "investment:export", "investment:create"]
)
def test_pages_are_for_committee_staff(client_for, make_lead, persona, status, name) -> None:
    make_lead()
    if name == "investment:create" and persona == "leader":
        status = 403  # leaders read; officers register (全员招商)
    assert client_for(persona).get(reverse(name)).status_code == status


def test_the_board_counts_and_sums_each_stage_in_chinese(bureau_client, make_lead, secret) -> None:
    make_lead(name="高端装备制造基地", investor_name="东方重工集团有限公司", total_investment=Decimal(5_000),
              fixed_asset_investment=None)
    page = bureau_client.get(reverse("investment:board")).content.decode()
    assert "线索" in page and "转为项目" in page
    assert "50.50亿元" in page  # 500,000 + 5,000 万元 in the first stage
    assert "某头部电池企业华东基地项目" in page and "宁远动力电池股份有限公司" in page
    assert "个工作日" in page


def test_a_leader_reads_every_lead_but_a_confidential_one_by_its_code_name(client_for, secret, own) -> None:
    for name in ("investment:board", "investment:list"):
        page = client_for("leader").get(reverse(name)).content.decode()
        assert "鲲鹏项目" in page and "智能传感器封装测试项目" in page
        assert "某头部电池企业华东基地项目" not in page and "宁远动力电池" not in page
    detail = client_for("leader").get(reverse("investment:detail", args=[secret.pk])).content.decode()
    assert "鲲鹏项目" in detail and "宁远动力电池" not in detail


def test_an_officer_sees_only_their_own_leads(client_for, secret, own) -> None:
    page = client_for("officer_a").get(reverse("investment:list")).content.decode()
    assert "智能传感器封装测试项目" in page and "鲲鹏项目" not in page
    assert client_for("officer_a").get(reverse("investment:detail", args=[secret.pk])).status_code == 404
    assert client_for("officer_b").get(reverse("investment:detail", args=[own.pk])).status_code == 404
