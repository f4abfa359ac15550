"""The demo zone's major projects: about 120 projects across every stage, with their stage history, plans and
approvals, this year's investment plans and monthly reports, problems, 标准地 commitments, admission reviews,
and the lights and rankings computed from all that.

Dates are laid out backwards from today, so the pipeline always looks current: a project reached its stage some
weeks ago, its earlier stages before that; monthly reports run to the last complete month. Most projects keep to
their plan, some lag (yellow), a few lag badly or missed their start (red). Rows are written directly (demo data
is loaded, not edited); plans, reviews, checks, lights and rankings go through the module's services, as the
project office would run them. Deterministic for a given day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from django.utils import timezone

from gaoxin.accounts.models import Department, User
from gaoxin.demo import history
from gaoxin.demo.catalogue import PARKS
from gaoxin.demo.zone import ADMINISTRATOR
from gaoxin.enterprises.models import Enterprise, EnterpriseYear, LandParcel
from gaoxin.projects import lights, seeds
from gaoxin.projects.choices import (
    ConstructionKind,
    IssueStatus,
    ProjectLevel,
    ReviewDecision,
    TransitionKind,
)
from gaoxin.projects.models import (
    AdmissionScorecard,
    ApprovalItem,
    ClockStop,
    InvestmentPlan,
    MonthlyReport,
    OfficeSettings,
    PlanStep,
    Project,
    ProjectIssue,
    Stage,
    StageTransition,
    UnitRanking,
)
from gaoxin.projects.scheduling import LAND_TO_START, MAX_90_DAYS
from gaoxin.projects.services import admission, commitments, plans, progress, rankings
from gaoxin.projects.services.office import office_settings_save

SEED = 20260415
COUNTS = {"tiny": 24, "small": 120, "large": 120}
# How many projects stand in each stage, per 120.
STAGE_SHARES = {
    "reserve": 12,
    "negotiation": 10,
    "signed": 12,
    "registered": 8,
    "land_granted": 10,
    "started": 10,
    "under_construction": 30,
    "completed": 10,
    "production": 12,
    "full_production": 6,
}
UNITS = (("xiangmu", 4), ("zhaoshang", 3), ("jianshe", 2), ("kechuang", 2), ("jingfa", 1), ("ziranziyuan", 1))
LEADERS = ("陈主任", "李副主任", "张副主任", "王副主任", "赵副主任")
PRODUCTS = {
    "photovoltaic": ("年产5GW高效光伏组件", "N型TOPCon电池片", "光伏玻璃深加工", "储能电池系统集成"),
    "auto_parts": ("新能源汽车电驱系统", "轻量化铝合金底盘件", "汽车智能座舱模组", "动力电池壳体"),
    "smart_equipment": ("工业机器人减速器", "高端数控机床", "智能仓储装备", "精密伺服电机"),
    "digital_economy": ("工业互联网平台", "智算中心", "车规级芯片封测", "软件研发总部"),
    "life_sciences": ("高端医疗器械", "生物医药中试基地", "体外诊断试剂", "创新药制剂"),
    "textiles": ("功能性纤维新材料", "智能化印染改造", "高端面料研发", "产业用纺织品"),
}
EVIDENCE = {
    "negotiation": "招商洽谈会议纪要",
    "signed": "投资协议书",
    "registered": "营业执照",
    "land_granted": "国有建设用地使用权出让合同",
    "started": "建筑工程施工许可证",
    "under_construction": "桩基工程完成验收记录",
    "completed": "竣工联合验收意见书",
    "production": "试生产备案及首批产品出库单",
    "full_production": "达产核查报告",
}
# Days from the previous stage to this one (others: 20–80): building takes most of a year, reaching full
# production another half year or more.
STAGE_GAPS = {"completed": (240, 420), "production": (30, 90), "full_production": (180, 360)}
PROGRESS_TEXT = {
    "started": "场地平整完成，桩基施工中",
    "under_construction": "主体结构施工中，完成形象进度约{percent}%",
    "completed": "厂房竣工，设备安装调试中",
    "production": "一期产线投产，产能爬坡中",
    "full_production": "全面达产",
}
PROBLEMS = (
    ("施工用电接入滞后", "gongdian"),
    ("环评批复待办", "shengtai"),
    ("用地报批进度滞后", "ziranziyuan"),
    ("规划方案调整待审", "jianshe"),
    ("施工许可要件补正", "jianshe"),
    ("配套道路未建成", "jianshe"),
    ("产业扶持资金兑现", "caizheng"),
    ("设备进口通关", "jingfa"),
    ("高层次人才落户", "kechuang"),
    ("消防验收排期", "yingji"),
)


@dataclass
class DemoProject:
    project: Project
    stage_index: int
    pace: float  # completed investment ÷ plan: about 1 on track, below 0.85 yellow, below 0.5 red


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def load_projects(size: str) -> int:
    """Load the demo projects; returns how many."""
    rng = np.random.default_rng(SEED)
    today = timezone.localdate()
    seeds.ensure_defaults()
    office = User.objects.get(username="xiangmu")
    if not OfficeSettings.objects.exists():
        office_settings_save(data={"issuing_body": "高新区重大项目推进办公室"}, by=office)
    stages = list(Stage.objects.filter(is_active=True).order_by("sort_order"))
    by_code = {s.code: i for i, s in enumerate(stages)}
    units = {d.code: d for d in Department.objects.filter(code__in=[c for c, _w in UNITS])}
    unit_codes = [c for c, _w in UNITS]
    unit_weights = np.array([w for _c, w in UNITS], dtype=float)
    count = COUNTS[size]
    stage_plan = [code for code, share in STAGE_SHARES.items() for _ in range(round(share * count / 120))]
    projects = _create_projects(rng, today, stages, by_code, stage_plan, units, unit_codes, unit_weights)
    _stage_history(rng, today, stages, projects)
    _investment(rng, today, projects, office)
    history.record_demo_history(history.PROJECTS, by=User.objects.get(username=ADMINISTRATOR))
    _plans(rng, today, projects, office)
    _problems(rng, today, projects)
    _commitments(rng, today, projects, office)
    _reviews(rng, projects, office)
    progress.recompute_lights(on=today, by=None)
    year, month = lights.report_month(today)
    rankings.rankings_compute(kind="month", year=year, number=month, by=office)
    if month >= 3:
        rankings.rankings_compute(kind="quarter", year=year, number=month // 3, by=office)
    return len(projects)


def _create_projects(
    rng: np.random.Generator,
    today: dt.date,
    stages: list[Stage],
    by_code: dict[str, int],
    stage_plan: list[str],
    units: dict[str, Department],
    unit_codes: list[str],
    unit_weights: np.ndarray,
) -> list[DemoProject]:
    owners_by_chain: dict[str, list[Enterprise]] = {}
    for chain_code in PRODUCTS:
        owners_by_chain[chain_code] = list(
            Enterprise.objects.filter(chains__code=chain_code, scale="above_scale")
            .select_related("park")
            .order_by("credit_code")[:60]
        )
    parcels = {p.owner_id: p for p in LandParcel.objects.filter(owner__isnull=False).order_by("id")}
    start_index = by_code["started"]
    made: list[DemoProject] = []
    chain_codes = [c for c in PRODUCTS if owners_by_chain[c]]
    for n, stage_code in enumerate(stage_plan, start=1):
        chain_code = chain_codes[int(rng.integers(len(chain_codes)))]
        owners = owners_by_chain[chain_code]
        owner = owners[int(rng.integers(len(owners)))]
        product = PRODUCTS[chain_code][int(rng.integers(4))]
        stage_index = by_code[stage_code]
        total = float(rng.lognormal(10.3, 0.7))  # 万元: most between 1 and 10 亿元
        land = max(20.0, total / float(rng.uniform(280, 480)))
        registered = stage_index >= by_code["registered"]
        park = owner.park
        if stage_index >= start_index:
            planned_start = today - dt.timedelta(days=int(rng.integers(60, 700)))
        else:  # not started: a planned start ahead, or missed by some weeks or months
            planned_start = today + dt.timedelta(days=int(rng.integers(-140, 260)))
        planned_completion = planned_start + dt.timedelta(days=int(rng.integers(240, 480)))
        # plans are scheduled on the working-day calendar, which goes no further than next year
        planned_completion = min(planned_completion, dt.date(today.year + 1, 11, 15))
        pace_draw = rng.random()
        pace = (
            float(rng.uniform(0.9, 1.2))
            if pace_draw < 0.72
            else float(rng.uniform(0.6, 0.86))
            if pace_draw < 0.9
            else float(rng.uniform(0.2, 0.5))
        )
        unit_code = unit_codes[int(rng.choice(len(unit_codes), p=unit_weights / unit_weights.sum()))]
        longitude = latitude = None
        if park is not None:
            centre = next(p for p in PARKS if p.code == park.code)
            # spread over the middle of the park (every park's polygon holds this rectangle), not in one heap
            longitude = _coordinate(centre.longitude + float(rng.uniform(-0.009, 0.009)))
            latitude = _coordinate(centre.latitude + float(rng.uniform(-0.005, 0.005)))
        project = Project.objects.create(
            code=f"XM{today.year - 1 if stage_index >= start_index else today.year}-{n:03d}",
            name=f"{owner.name.removesuffix('有限公司').removesuffix('股份')}{product}项目",
            owner=owner if registered else None,
            industry_code=owner.industry_code,
            chain_id=owner.chains.filter(code=chain_code).values_list("id", flat=True).first(),
            park=park,
            address=owner.address,
            longitude=longitude,
            latitude=latitude,
            kind=ConstructionKind.CONTINUING if stage_index > start_index else ConstructionKind.NEW,
            level=[ProjectLevel.PROVINCE, ProjectLevel.CITY, ProjectLevel.ZONE][
                0 if total > 80000 else 1 if total > 30000 else 2
            ],
            total_investment=_money(total),
            fixed_asset_investment=_money(total * float(rng.uniform(0.7, 0.9))),
            foreign_investment_usd=_money(total / 7.1 * 0.3) if rng.random() < 0.12 else None,
            land_mu=_money(land),
            parcel=parcels.get(owner.pk) if stage_index >= by_code["land_granted"] else None,
            planned_start_on=planned_start,
            planned_completion_on=planned_completion,
            planned_production_on=planned_completion + dt.timedelta(days=int(rng.integers(20, 40))),
            stage=stages[stage_index],
            lead_official=LEADERS[int(rng.integers(len(LEADERS)))],
            responsible_unit=units[unit_code],
            contact_name=owner.contact_name,
            contact_phone=owner.contact_phone,
            in_statistics=stage_index >= start_index,
            description=f"{'' if registered else '拟由' + owner.name + '投资，'}建设{product}生产线及配套设施。",
        )
        made.append(DemoProject(project, stage_index, pace))
    return made


def _coordinate(value: float) -> Decimal:
    return Decimal(str(round(value, 6)))


def _stage_history(
    rng: np.random.Generator, today: dt.date, stages: list[Stage], projects: list[DemoProject]
) -> None:
    """Transitions through every stage up to the current one, the latest some weeks ago."""
    rows = []
    for item in projects:
        p = item.project
        day = today - dt.timedelta(days=int(rng.integers(7, 100)))
        dates = [day]
        for index in range(item.stage_index, 0, -1):
            low, high = STAGE_GAPS.get(stages[index].code, (20, 80))
            day -= dt.timedelta(days=int(rng.integers(low, high)))
            dates.append(day)
        dates.reverse()  # dates[i] = when stage i was reached
        previous = None
        for index in range(item.stage_index + 1):
            stage = stages[index]
            rows.append(
                StageTransition(
                    project=p,
                    from_stage=previous,
                    to_stage=stage,
                    on=dates[index],
                    kind=TransitionKind.ENTRY if previous is None else TransitionKind.FORWARD,
                    evidence=EVIDENCE.get(stage.code, "入库登记") + f"（{p.code}-{index + 1:02d}）",
                )
            )
            if stage.milestone:
                setattr(
                    p,
                    {"start": "started_on", "completion": "completed_on", "production": "production_on"}[
                        stage.milestone
                    ],
                    dates[index],
                )
            previous = stage
        p.stage_since = dates[-1]
        if p.started_on is not None:
            planned_start = p.started_on + dt.timedelta(days=int(rng.integers(-20, 35)))
            if p.planned_start_on is not None:  # the plan moves as a whole: 开工 ≤ 竣工 ≤ 投产 stays true
                shift = planned_start - p.planned_start_on
                for name in ("planned_completion_on", "planned_production_on"):
                    if getattr(p, name) is not None:
                        setattr(p, name, getattr(p, name) + shift)
            p.planned_start_on = planned_start
        text = PROGRESS_TEXT.get(p.stage.code)
        if text:
            p.physical_progress = text.format(percent=int(rng.integers(30, 90)))
    StageTransition.objects.bulk_create(rows)
    Project.objects.bulk_update(
        [i.project for i in projects],
        [
            "stage_since",
            "started_on",
            "completed_on",
            "production_on",
            "planned_start_on",
            "planned_completion_on",
            "planned_production_on",
            "physical_progress",
        ],
    )


def _investment(rng: np.random.Generator, today: dt.date, projects: list[DemoProject], office: User) -> None:
    """This year's plan for the projects building (or producing since this year), spread over its months so that
    the monthly plans add up to the annual plan exactly; completed investment reported to the last complete month,
    from the month construction started (investment is counted from the start: 开工入库)."""
    year, last_month = lights.report_month(today)
    plans_, reports = [], []
    for item in projects:
        p = item.project
        if p.started_on is None or (p.production_on is not None and p.production_on.year < year):
            continue
        first_month = p.started_on.month if p.started_on.year == year else 1
        if first_month > last_month:
            continue
        share = (12 - first_month + 1) / 12  # a project starting this year plans for its remaining months
        annual = _money(float(p.fixed_asset_investment or 0) * float(rng.uniform(0.25, 0.5)) * share)
        plans_.append(InvestmentPlan(project=p, year=year, amount=annual))
        for month, planned in zip(
            range(first_month, 13), split_evenly(annual, 12 - first_month + 1), strict=True
        ):
            reported = month <= last_month
            month_end = lights.month_end(year, month)
            completed = float(planned) * item.pace * float(rng.uniform(0.8, 1.2)) if reported else None
            reports.append(
                MonthlyReport(
                    project=p,
                    year=year,
                    month=month,
                    planned=planned,
                    completed=None if completed is None else _money(completed),
                    physical_progress=p.physical_progress if month == last_month else "",
                    reported_by=office if reported else None,
                    reported_at=timezone.make_aware(dt.datetime.combine(month_end, dt.time(17)))
                    if reported
                    else None,
                )
            )
    InvestmentPlan.objects.bulk_create(plans_)
    MonthlyReport.objects.bulk_create(reports)
    progress.refresh_running_totals()


def split_evenly(total: Decimal, parts: int) -> list[Decimal]:
    """``total`` (万元, two decimals) in ``parts`` amounts of two decimals that add up to it exactly: equal
    shares, the cents left over by the rounding going one each to the last months."""
    cents = int(total * 100)
    share, left = divmod(cents, parts)
    return [Decimal(share + (1 if k >= parts - left else 0)) / 100 for k in range(parts)]


def _plans(rng: np.random.Generator, today: dt.date, projects: list[DemoProject], office: User) -> None:
    """Backward plans for the projects between land and production; the steps already behind marked done."""
    for item in projects:
        p = item.project
        if (
            p.stage.code not in ("land_granted", "started", "under_construction")
            or p.planned_production_on is None
        ):
            continue
        template = LAND_TO_START if p.stage.code == "land_granted" else MAX_90_DAYS
        plans.plan_apply_template(
            project=p, template_key=template.key, target_on=p.planned_production_on, by=office
        )
        done_steps = []
        for step in PlanStep.objects.filter(project=p, latest_finish__isnull=False).order_by("sort_order"):
            slip = int(rng.integers(-5, 12)) if item.pace > 0.85 else int(rng.integers(5, 40))
            if step.latest_start is None or step.latest_finish is None:
                continue
            start = step.latest_start + dt.timedelta(days=slip)
            finish = step.latest_finish + dt.timedelta(days=slip)
            if finish < today:
                step.actual_start, step.actual_finish = start, finish
                done_steps.append(step)
            elif start < today:
                step.actual_start = start
                done_steps.append(step)
        PlanStep.objects.bulk_update(done_steps, ["actual_start", "actual_finish"])
        plans.plan_recompute(project=p)
        for approval in ApprovalItem.objects.filter(project=p).select_related("plan_step"):
            linked = approval.plan_step
            if linked is None or linked.actual_start is None:
                continue
            approval.started_on, approval.finished_on = linked.actual_start, linked.actual_finish
            approval.authority = "规划建设局" if "许可" in approval.name else "行政审批局"
            approval.save()
            if rng.random() < 0.4 and linked.actual_finish is not None:
                ClockStop.objects.create(
                    approval=approval,
                    starts_on=linked.actual_start + dt.timedelta(days=3),
                    ends_on=linked.actual_start + dt.timedelta(days=3 + int(rng.integers(3, 12))),
                    party="owner" if rng.random() < 0.6 else "intermediary",
                    reason="补正申报材料" if rng.random() < 0.5 else "第三方图审",
                )


def _problems(rng: np.random.Generator, today: dt.date, projects: list[DemoProject]) -> None:
    departments = {d.code: d for d in Department.objects.filter(code__in=[c for _t, c in PROBLEMS])}
    rows = []
    for item in projects:
        if item.stage_index < 3 or rng.random() > (0.9 if item.pace < 0.86 else 0.35):
            continue
        for _ in range(1 + int(rng.integers(2))):
            title, unit_code = PROBLEMS[int(rng.integers(len(PROBLEMS)))]
            raised = today - dt.timedelta(days=int(rng.integers(3, 150)))
            deadline = raised + dt.timedelta(days=int(rng.integers(10, 45)))
            closed = deadline < today and rng.random() < 0.7
            rows.append(
                ProjectIssue(
                    project=item.project,
                    title=title,
                    description=f"{item.project.name}：{title}，影响项目推进，需协调解决。",
                    raised_on=raised,
                    unit=departments[unit_code],
                    deadline=deadline,
                    status=IssueStatus.CLOSED if closed else IssueStatus.OPEN,
                    meeting_on=raised + dt.timedelta(days=int(rng.integers(0, 7))),
                    resolution="经专题会商协调，已落实解决" if closed else "",
                    closed_on=min(deadline + dt.timedelta(days=int(rng.integers(-8, 6))), today)
                    if closed
                    else None,
                )
            )
    ProjectIssue.objects.bulk_create(rows)


def _commitments(rng: np.random.Generator, today: dt.date, projects: list[DemoProject], office: User) -> None:
    """标准地 commitments of the producing projects (five control indicators each), checked today."""
    actual = {
        row.enterprise_id: row
        for row in EnterpriseYear.objects.filter(
            year=today.year - 1, enterprise__in=[i.project.owner_id for i in projects if i.project.owner_id]
        )
    }

    def committed(
        value: Decimal | None, denominator: Decimal | None, fallback: tuple[float, float]
    ) -> Decimal:
        """Most investors commit a little below what they then achieve; some overpromise."""
        if value is not None and denominator:
            return _money(float(value / denominator) * float(rng.uniform(0.6, 1.05)))
        return _money(float(rng.uniform(*fallback)))

    for item in projects:
        p = item.project
        if p.production_on is None or p.owner is None:
            continue
        year = actual.get(p.owner.pk)
        value_added = year.value_added if year else None
        plot_ratio = _money(float(rng.uniform(1.2, 2.0)))
        due_on = p.completed_on or p.production_on
        common = {"parcel": p.parcel, "starts_on": p.started_on}
        yearly = {"first_year": p.production_on.year}
        for values in (
            {
                "measure": "investment_intensity",
                "threshold": committed(p.fixed_asset_investment, p.land_mu, (300, 450)),
                "due_on": due_on,
            },
            {
                "measure": "plot_ratio",
                "threshold": plot_ratio,
                "due_on": due_on,
                "recorded_value": _money(float(plot_ratio) * float(rng.uniform(0.92, 1.2))),
            },
            {
                "measure": "value_added_per_tce",
                "threshold": committed(value_added, year.energy_tce if year else None, (1.5, 4)),
                **yearly,
            },
            {
                "measure": "value_added_per_emission_t",
                "threshold": committed(value_added, year.emissions_t if year else None, (50, 200)),
                **yearly,
            },
            {
                "measure": "tax_per_mu",
                "threshold": committed(year.tax if year else None, year.land_mu if year else None, (20, 45)),
                **yearly,
            },
        ):
            commitments.commitment_save(project=p, by=office, data={**common, **values})
    commitments.run_obligation_checks(today=today, by=office, standard_parcel=True)


def _reviews(rng: np.random.Generator, projects: list[DemoProject], office: User) -> None:
    """Admission reviews of projects in negotiation and just signed: some decided, some waiting for opinions."""
    scorecard = AdmissionScorecard.objects.filter(is_active=True).first()
    if scorecard is None:
        return
    reviewers = list(User.objects.filter(username__in=["jingfa", "zhaoshang"]).order_by("username"))
    for item in projects:
        if item.project.stage.code not in ("negotiation", "signed"):
            continue
        values = {
            "investment_intensity": str(_money(float(rng.uniform(220, 480)))),
            "tax_per_mu": str(_money(float(rng.uniform(18, 50)))),
            "plot_ratio": str(_money(float(rng.uniform(0.9, 2.2)))),
            "energy_per_value_added": str(_money(float(rng.uniform(0.2, 0.8)))),
            "environment": "yes" if rng.random() < 0.9 else "no",
            "industry_fit": "yes",
        }
        review = admission.review_open(project=item.project, scorecard=scorecard, values=values, by=office)
        for reviewer in reviewers:
            admission.opinion_add(
                review=review, agrees=True, opinion="符合园区产业导向，同意准入。", by=reviewer
            )
        if item.project.stage.code == "signed":
            passed = admission.has_passed(review)
            admission.review_decide(
                review=review,
                decision=ReviewDecision.ADMITTED if passed else ReviewDecision.REJECTED,
                note="部门联审通过，同意供地。" if passed else "亩均税收等指标未达准入要求。",
                by=office,
            )


def wipe_projects() -> None:
    """Projects with everything hanging on them, and the rankings of their units."""
    UnitRanking.objects.all().delete()
    Project.objects.all().delete()
