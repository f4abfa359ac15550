"""The demo's investment leads: three teams (招商一组, 招商二组, 新能源专班) and some 200 fictional leads across every
stage and outcome, registered and moved through the year (paused and ended ones with their reasons), with
activities, a few confidential ones under code names and a few possible duplicates (the same investor written
another way). The leads that landed registered a firm of the zone; those that became projects are existing demo
projects (``Lead.project``), their investor the project's owner. What the bureau then did with them — reviews,
agreements, referrals, disputes, targets — is ``demo.investment_work``.

Written in bulk, deterministically (a fixed seed); the "created" change-log entries come from ``demo.history``,
written before the services of ``demo.investment_work`` change the leads."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from gaoxin.accounts.models import Department, User
from gaoxin.demo import history, investment_work
from gaoxin.demo.catalogue import YEARS
from gaoxin.demo.names import brands
from gaoxin.demo.zone import ADMINISTRATOR
from gaoxin.enterprises.models import Enterprise
from gaoxin.investment import duplicates, seeds
from gaoxin.investment.choices import ActivityKind, LeadStatus, Source, StageMilestone, StopKind, TeamKind
from gaoxin.investment.models import (
    Agreement,
    InvestmentTarget,
    InvestmentTeam,
    Lead,
    LeadActivity,
    LeadMove,
    LeadStage,
    StopReason,
)
from gaoxin.projects.models import AdmissionReview, Obligation, Project

SEED = 2026
LEADS = {"tiny": 60, "small": 200, "large": 200}
# industry code, what the project makes, manufacturing
PRODUCTS: tuple[tuple[str, str, bool], ...] = (
    ("3825", "高效光伏组件", True),
    ("3841", "动力锂电池", True),
    ("3670", "新能源汽车零部件", True),
    ("3985", "电子专用材料", True),
    ("3562", "半导体封装设备", True),
    ("2710", "创新药原料药", True),
    ("3581", "高端医疗器械", True),
    ("3491", "工业机器人", True),
    ("6513", "工业软件研发中心", False),
    ("7320", "新材料研究院", False),
    ("5990", "供应链总部", False),
)
SUFFIXES = ("科技有限公司", "股份有限公司", "集团有限公司", "新材料有限公司", "智能装备有限公司")
REGIONS = ("江苏", "浙江", "广东", "上海", "北京", "山东", "德国", "日本", "新加坡", "中国香港")
CODE_NAMES = ("鲲鹏项目", "星火项目", "远航项目", "磐石项目", "青鸾项目", "北辰项目", "启明项目", "擎天项目")
SUMMARIES = {
    ActivityKind.CALL: "电话沟通投资意向与用地需求",
    ActivityKind.VISIT: "赴企业总部拜访，介绍园区产业政策",
    ActivityKind.INSPECTION: "企业来园区实地考察，查看拟选地块",
    ActivityKind.MEETING: "召开项目洽谈会，商谈投资协议条款",
}
TEAMS = (
    ("招商一组", TeamKind.SQUAD, ("zhaoshang", "kechuang")),
    ("招商二组", TeamKind.SQUAD, ("jingfa",)),
    ("新能源专班", TeamKind.TASK_FORCE, ("zhaoshang", "xiangmu")),
)


def _teams(bureau: Department, users: dict[str, User]) -> list[InvestmentTeam]:
    teams = InvestmentTeam.objects.bulk_create(
        [
            InvestmentTeam(name=name, kind=kind, department=bureau, head=users.get(members[0]))
            for name, kind, members in TEAMS
        ]
    )
    through = InvestmentTeam.members.through
    through.objects.bulk_create(
        [
            through(investmentteam_id=team.pk, user_id=users[username].pk)
            for team, (_name, _kind, members) in zip(teams, TEAMS, strict=True)
            for username in members
            if username in users
        ]
    )
    return teams


def _investor(rng: random.Random, brand: str) -> tuple[str, str]:
    region = rng.choice(REGIONS)
    name = (
        f"{region}{brand}{rng.choice(SUFFIXES)}"
        if region in REGIONS[:6]
        else f"{brand}{rng.choice(SUFFIXES)}"
    )
    return name, region


def _days_later(rng: random.Random, day: dt.date, low: int, high: int) -> dt.date:
    return day + dt.timedelta(days=rng.randint(low, high))


def _landing_firms(rng: random.Random) -> tuple[list[Project], list[Enterprise]]:
    """The projects a lead of this year may have become (registered this year, owned by a firm of the zone), and
    the firms with last year's data the other landed leads registered (their agreements are checked on it)."""
    today = timezone.localdate()
    projects = list(
        Project.objects.filter(
            owner__isnull=False, transitions__on__year=today.year, transitions__from_stage=None
        )
        .select_related("owner")
        .order_by("code")
    )
    owners = {p.owner_id for p in Project.objects.filter(owner__isnull=False)}
    firms = [
        firm
        for firm in Enterprise.objects.filter(years__year=YEARS[-1], years__tax__gt=0).order_by("credit_code")
        if firm.pk not in owners
    ]
    rng.shuffle(firms)
    return projects, firms


def load_investment(size: str) -> int:
    """The teams and leads of the demo, and the bureau's work on them; returns how many leads."""
    seeds.ensure_defaults()
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["zhaoshang", "jingfa", "kechuang", "xiangmu", "leader"])
    }
    bureau = Department.objects.filter(code="zhaoshang").first()
    if bureau is None or "zhaoshang" not in users:
        return 0
    units = {
        d.code: d for d in Department.objects.filter(code__in=["zhaoshang", "jingfa", "kechuang", "xiangmu"])
    }
    rng = random.Random(SEED)
    today = timezone.localdate()
    start = dt.date(today.year, 1, 5)
    stages = list(LeadStage.objects.filter(is_active=True))
    reasons = list(StopReason.objects.filter(is_active=True))
    pause_reasons = [r for r in reasons if r.applies_to in (StopKind.PAUSE, StopKind.BOTH)]
    end_reasons = [r for r in reasons if r.applies_to in (StopKind.END, StopKind.BOTH)]
    teams = _teams(bureau, users)
    projects, firms = _landing_firms(rng)
    milestones = {stage.milestone: index for index, stage in enumerate(stages) if stage.milestone}
    pool = list(brands())
    rng.shuffle(pool)
    officers = ["zhaoshang"] * 5 + ["jingfa", "kechuang", "xiangmu"]
    leads: list[Lead] = []
    paths: list[list[tuple[LeadStage, dt.date]]] = []
    stops: list[tuple[LeadStatus, StopReason | None, dt.date | None]] = []
    for n in range(LEADS[size]):
        product_code, product, manufacturing = PRODUCTS[n % len(PRODUCTS)]
        brand = pool[n % len(pool)]
        investor, region = _investor(rng, brand)
        if n % 37 == 5 and leads:  # a possible duplicate: an investor already registered, written another way
            earlier = leads[rng.randrange(len(leads))]
            investor = earlier.investor_name.replace("有限公司", "") + "（集团）有限公司"
        # how far it got: most leads early in the pipeline, fewer the further the stage; a lead still at the
        # first stage mostly came in lately (an officer follows a lead up or drops it within weeks)
        reach = min(int(rng.expovariate(0.25)), len(stages) - 1)
        project = None
        if reach == milestones.get(StageMilestone.CONVERSION):
            project = projects.pop(0) if projects else None
            reach -= project is None  # no project left to become: it stays landed
        registered = min(_days_later(rng, start, 0, 280), today)
        if reach == 0 and rng.random() < 0.7:
            registered = max(today - dt.timedelta(days=rng.randint(2, 30)), start)
        path = [(stages[0], registered)]
        day = registered
        for stage in stages[1 : reach + 1]:
            nxt = _days_later(rng, day, 8, 45)
            if nxt > today:
                break
            path.append((stage, nxt))
            day = nxt
        roll = rng.random()
        status, reason, stopped_on = LeadStatus.ACTIVE, None, None
        if path[-1][0].milestone == "" and roll < 0.12:
            status, reason = LeadStatus.PAUSED, rng.choice(pause_reasons)
        elif path[-1][0].milestone == "" and roll < 0.30:
            status, reason = LeadStatus.ENDED, rng.choice(end_reasons)
        if reason is not None:
            stopped_on = min(_days_later(rng, day, 5, 30), today)
        owner = officers[n % len(officers)]
        officer = users.get(owner)
        team = teams[n % len(teams)] if n % 3 == 0 else None
        unit = units.get(owner, bureau) if owner != "zhaoshang" else bureau
        total = Decimal(int(rng.lognormvariate(10.2, 1.0))).quantize(Decimal(1))
        confidential = n % 13 == 7
        name = f"{brand}{product}项目"
        if project is not None and path[-1][0].milestone != StageMilestone.CONVERSION:
            projects.insert(0, project)  # it did not get that far by today
            project = None
        enterprise = None
        if project is not None and project.owner is not None:  # an existing demo project: its owner invested
            enterprise, name = project.owner, project.name
            investor, product_code = enterprise.name, project.industry_code or product_code
            total = project.total_investment or total
        elif len(path) > milestones.get(StageMilestone.LANDING, len(stages)) and firms:
            enterprise = firms.pop()
        leads.append(
            Lead(
                code=f"ZS{registered.year}-{n + 1:04d}",
                name=name,
                is_confidential=confidential,
                code_name=CODE_NAMES[n % len(CODE_NAMES)] if confidential else "",
                investor_name=investor,
                investor_key=duplicates.normalised_investor(investor),
                investor_region=region,
                is_listed=n % 5 == 0,
                is_global_500=n % 41 == 3,
                is_little_giant=n % 9 == 4,
                source=list(Source)[n % len(Source)],
                industry_code=product_code,
                is_manufacturing=manufacturing,
                total_investment=total,
                fixed_asset_investment=(total * Decimal("0.7")).quantize(Decimal(1)),
                land_mu=(total / Decimal(400)).quantize(Decimal("0.1")) if manufacturing else None,
                expected_output_value=(total * Decimal("1.5")).quantize(Decimal(1)),
                expected_tax=(total * Decimal("0.06")).quantize(Decimal(1)),
                expected_employees=int(total / 100) + 20,
                responsible_unit=unit,
                officer=officer,
                team=team,
                lead_official=users.get("leader") if total >= 100_000 else None,
                registered_by=officer,
                registered_on=registered,
                stage=path[-1][0],
                stage_since=path[-1][1],
                status=status,
                stop_reason=reason,
                enterprise=enterprise,
                project=project,
            )
        )
        paths.append(path)
        stops.append((status, reason, stopped_on))
    created = Lead.objects.bulk_create(leads)
    moves, activities = [], []
    for lead, path, (status, reason, stopped_on) in zip(created, paths, stops, strict=True):
        previous = None
        for stage, on in path:
            moves.append(
                LeadMove(
                    lead=lead,
                    from_stage=previous,
                    to_stage=stage,
                    kind="" if previous is None else "forward",
                    on=on,
                    reason="登记" if previous is None else "",
                    by=lead.officer,
                )
            )
            previous = stage
            kind = rng.choice(list(SUMMARIES))
            activities.append(
                LeadActivity(
                    lead=lead,
                    kind=kind,
                    on=min(on + dt.timedelta(days=rng.randint(1, 6)), today),
                    summary=SUMMARIES[kind],
                    next_action="跟进投资方反馈",
                    next_action_on=on + dt.timedelta(days=rng.randint(10, 30)),
                    by=lead.officer,
                )
            )
        if reason is not None and stopped_on is not None:
            moves.append(
                LeadMove(
                    lead=lead,
                    from_stage=previous,
                    to_stage=previous,
                    status=status,
                    on=stopped_on,
                    reason=reason.name,
                    by=lead.officer,
                )
            )
    LeadMove.objects.bulk_create(moves, batch_size=2000)
    LeadActivity.objects.bulk_create(activities, batch_size=2000)
    history.record_demo_history(history.INVESTMENT, by=User.objects.get(username=ADMINISTRATOR))
    investment_work.load_work(rng, size, users, teams, units)
    return Lead.objects.count()


def wipe_investment() -> None:
    """The demo's leads (with their moves, activities, notices, reviews, agreements and their clauses, referrals
    and disputes), targets and teams."""
    Obligation.objects.filter(agreement_clause__isnull=False).delete()
    Agreement.objects.all().delete()
    AdmissionReview.objects.filter(lead_admission__isnull=False).delete()
    InvestmentTarget.objects.all().delete()
    Lead.objects.update(merged_into=None)
    Lead.objects.all().delete()
    InvestmentTeam.objects.all().delete()
