"""The leads list to Excel (exactly the rows of the filtered list), with the headers of a 招商台账; a
confidential lead shows its code name to those who may not see its investor."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from gaoxin.accounts.models import User
from gaoxin.core.tabular.columns import Column, TableSpec
from gaoxin.core.tabular.converters import Date, Number, Text
from gaoxin.core.tabular.writing import write_xlsx
from gaoxin.investment.models import Lead
from gaoxin.investment.selectors.pipeline import viewer


def _money(key: str, label: str, unit: str = "万元") -> Column:
    return Column(key, label, converter=Number(min_value=0, places=4), unit=unit)


LEAD_LIST = TableSpec(
    [
        Column("code", "线索编号", converter=Text(20)),
        Column("name", "项目名称", converter=Text(200)),
        Column("investor", "投资方", converter=Text(200)),
        Column("source", "来源", converter=Text(40)),
        Column("industry_code", "行业代码", converter=Text(4)),
        Column("stage", "所处阶段", converter=Text(40)),
        Column("status", "状态", converter=Text(20)),
        Column("stop_reason", "暂停/终止原因", converter=Text(60)),
        _money("total_investment", "总投资"),
        _money("fixed_asset_investment", "固定资产投资"),
        _money("foreign_investment_usd", "外资", "万美元"),
        Column("land_mu", "用地（亩）", converter=Number(min_value=0, places=4)),
        Column("responsible_unit", "责任单位", converter=Text(100)),
        Column("officer", "责任人", converter=Text(60)),
        Column("team", "招商小分队/专班", converter=Text(60)),
        Column("registered_on", "登记日期", converter=Date()),
        Column("stage_since", "进入本阶段日期", converter=Date()),
        Column("next_action_on", "下一步行动日期", converter=Date()),
    ]
)


def lead_rows(leads: QuerySet[Lead], user: User | AnonymousUser) -> Iterator[dict[str, Any]]:
    reader = viewer(user)
    for lead in leads.iterator(chunk_size=2000):
        sees = reader.sees_investor(lead)
        yield {
            "code": lead.code,
            "name": lead.name if sees else lead.code_name,
            "investor": lead.investor_name if sees else None,
            "source": lead.get_source_display(),
            "industry_code": lead.industry_code or None,
            "stage": lead.stage.name,
            "status": lead.get_status_display(),
            "stop_reason": lead.stop_reason.name if lead.stop_reason else None,
            "total_investment": lead.total_investment,
            "fixed_asset_investment": lead.fixed_asset_investment,
            "foreign_investment_usd": lead.foreign_investment_usd,
            "land_mu": lead.land_mu,
            "responsible_unit": lead.responsible_unit.name,
            "officer": str(lead.officer) if lead.officer else None,
            "team": lead.team.name if lead.team else None,
            "registered_on": lead.registered_on,
            "stage_since": lead.stage_since,
            "next_action_on": lead.next_action_on,
        }


def leads_xlsx(leads: QuerySet[Lead], user: User | AnonymousUser) -> bytes:
    return write_xlsx(LEAD_LIST, lead_rows(leads, user), "招商线索", title="招商线索台账")
