"""The project list to Excel, with the Chinese headers officials use."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from gaoxin.core.tabular.columns import Column, TableSpec
from gaoxin.core.tabular.converters import Date, Number, Text
from gaoxin.core.tabular.writing import write_xlsx
from gaoxin.projects.models import Project


def _money(key: str, label: str, unit: str = "万元") -> Column:
    return Column(key, label, converter=Number(min_value=0, places=4), unit=unit)


PROJECT_LIST = TableSpec(
    [
        Column("code", "项目编号", converter=Text(40)),
        Column("name", "项目名称", converter=Text(200)),
        Column("owner", "业主单位", converter=Text(200)),
        Column("stage", "所处阶段", converter=Text(40)),
        Column("kind", "新建/续建", converter=Text(20)),
        Column("level", "项目层级", converter=Text(20)),
        Column("industry_code", "行业代码", converter=Text(4)),
        Column("park", "所在园区", converter=Text(100)),
        _money("total_investment", "总投资"),
        _money("fixed_asset_investment", "固定资产投资"),
        _money("foreign_investment_usd", "外资", "万美元"),
        Column("land_mu", "用地面积（亩）", converter=Number(min_value=0, places=4)),
        Column("planned_start_on", "计划开工日期", converter=Date()),
        Column("planned_completion_on", "计划竣工日期", converter=Date()),
        Column("planned_production_on", "计划投产日期", converter=Date()),
        Column("started_on", "实际开工日期", converter=Date()),
        Column("completed_on", "实际竣工日期", converter=Date()),
        Column("production_on", "实际投产日期", converter=Date()),
        Column("lead_official", "包联领导", converter=Text(60)),
        Column("responsible_unit", "责任单位", converter=Text(100)),
        Column("contact", "联系人", converter=Text(100)),
        Column("light", "亮灯", converter=Text(10)),
        Column("physical_progress", "形象进度", converter=Text(2000)),
    ]
)


def project_rows(projects: QuerySet[Project]) -> Iterator[dict[str, Any]]:
    """The spreadsheet's rows of ``projects`` (``selectors.project_export``: with their owners, stages, parks and
    responsible units)."""
    for p in projects.iterator(chunk_size=2000):
        yield {
            "code": p.code,
            "name": p.name,
            "owner": p.owner.name if p.owner else None,
            "stage": p.stage.name,
            "kind": p.get_kind_display(),
            "level": p.get_level_display(),
            "industry_code": p.industry_code or None,
            "park": p.park.name if p.park else None,
            "total_investment": p.total_investment,
            "fixed_asset_investment": p.fixed_asset_investment,
            "foreign_investment_usd": p.foreign_investment_usd,
            "land_mu": p.land_mu,
            "planned_start_on": p.planned_start_on,
            "planned_completion_on": p.planned_completion_on,
            "planned_production_on": p.planned_production_on,
            "started_on": p.started_on,
            "completed_on": p.completed_on,
            "production_on": p.production_on,
            "lead_official": p.lead_official or None,
            "responsible_unit": p.responsible_unit.name,
            "contact": " ".join(x for x in (p.contact_name, p.contact_phone) if x) or None,
            "light": p.get_light_display(),
            "physical_progress": p.physical_progress or None,
        }


def projects_xlsx(projects: QuerySet[Project]) -> bytes:
    return write_xlsx(PROJECT_LIST, project_rows(projects), "重大项目", title="重大项目清单")
