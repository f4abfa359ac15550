"""Standard plan templates for a typical industrial project, with the approval limits of DOMAIN §4.3 as data.

Durations are typical values for a single-storey plant of a few hundred mu, meant to be edited per zone; the
limits are Zhejiang's "最多90天" (project code to completion acceptance: at most 60 government working days
for 立项 + 规划许可 + 施工许可, at most 30 for the completion acceptance) and "拿地即开工" (the permits within
7 working days of the land contract). Only the government's time counts against them (see ``approvals``).
"""

from __future__ import annotations

from gaoxin.projects.scheduling.template import ApprovalLimit, DayUnit, Dependency, Step, Template

WORKING = DayUnit.WORKING


def _construction(after_permit: str) -> tuple[Step, ...]:
    """From the construction permit to production start: the same for both templates."""
    return (
        Step("foundation", "桩基与基础工程", 45, after=(Dependency(after_permit),)),
        Step("main_structure", "主体结构施工", 90, after=(Dependency("foundation"),)),
        Step("equipment_procurement", "设备采购", 120, after=(Dependency(after_permit, lag=30),)),
        # Cladding and services start 20 days before the structure is topped out.
        Step("enclosure_services", "围护与机电安装", 60, after=(Dependency("main_structure", lag=-20),)),
        Step(
            "equipment_installation",
            "设备安装调试",
            45,
            after=(Dependency("enclosure_services", lag=-15), Dependency("equipment_procurement")),
        ),
        Step(
            "completion_acceptance",
            "竣工联合验收",
            20,
            WORKING,
            after=(Dependency("equipment_installation"),),
            legal_limit=30,
        ),
        Step("trial_production", "试生产", 30, after=(Dependency("completion_acceptance"),)),
        Step("production_start", "投产", 0, after=(Dependency("trial_production"),)),
    )


MAX_90_DAYS = Template(
    key="industrial_max_90_days",
    name="工业项目（最多90天）",
    steps=(
        Step("project_code", "项目备案赋码", 1, WORKING, legal_limit=3),
        Step("land_grant", "土地出让（挂牌、签订出让合同）", 30, after=(Dependency("project_code"),)),
        Step("scheme_design", "方案设计", 20, after=(Dependency("land_grant"),)),
        Step(
            "environmental_review",
            "环评审批",
            15,
            WORKING,
            after=(Dependency("project_code"),),
            legal_limit=20,
        ),
        Step(
            "planning_permit",
            "建设工程规划许可",
            10,
            WORKING,
            after=(Dependency("scheme_design"),),
            legal_limit=20,
        ),
        Step("construction_drawings", "施工图设计与审查", 30, after=(Dependency("planning_permit", lag=-5),)),
        Step(
            "construction_permit",
            "施工许可",
            5,
            WORKING,
            after=(Dependency("construction_drawings"), Dependency("environmental_review")),
            legal_limit=10,
        ),
        *_construction("construction_permit"),
    ),
    approval_limits=(
        ApprovalLimit(
            "pre_construction",
            "立项、规划许可、施工许可最多60天",
            ("project_code", "environmental_review", "planning_permit", "construction_permit"),
            60,
        ),
        ApprovalLimit("completion", "竣工验收最多30天", ("completion_acceptance",), 30),
    ),
)

LAND_TO_START = Template(
    key="industrial_land_to_start",
    name="工业项目（拿地即开工）",
    steps=(
        Step("project_code", "项目备案赋码", 1, WORKING, legal_limit=3),
        # 带方案出让: the scheme and the drawings are reviewed before the land is granted.
        Step("scheme_design", "方案设计与预审", 30, after=(Dependency("project_code"),)),
        Step("construction_drawings", "施工图设计与审查", 30, after=(Dependency("scheme_design", lag=-10),)),
        Step("land_grant", "土地挂牌出让", 20, after=(Dependency("scheme_design"),)),
        Step(
            "land_contract",
            "签订土地出让合同",
            0,
            after=(Dependency("land_grant"), Dependency("construction_drawings")),
        ),
        Step(
            "land_certificate", "不动产权证", 2, WORKING, after=(Dependency("land_contract"),), legal_limit=3
        ),
        Step(
            "planning_permit",
            "建设工程规划许可",
            2,
            WORKING,
            after=(Dependency("land_contract"),),
            legal_limit=3,
        ),
        Step(
            "construction_permit",
            "施工许可",
            3,
            WORKING,
            after=(Dependency("planning_permit"), Dependency("land_certificate")),
            legal_limit=4,
        ),
        *_construction("construction_permit"),
    ),
    approval_limits=(
        ApprovalLimit(
            "land_to_start",
            "拿地即开工：出让合同签订后7个工作日内取得许可",
            ("land_certificate", "planning_permit", "construction_permit"),
            7,
        ),
        ApprovalLimit("completion", "竣工验收最多30天", ("completion_acceptance",), 30),
    ),
)

STANDARD_TEMPLATES = (MAX_90_DAYS, LAND_TO_START)
