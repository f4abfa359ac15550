"""What the investment bureau of the demo did with its leads (``demo.investment``): the admission review that
admitted every signed lead (and the reviews still waiting), the agreements of the signed leads — some with a
second, increasing agreement — with their incentives and clauses, checked once against the demo firms' real yearly
data and the projects' reports so that some are breached and some at risk; a few referrals by firms of the zone
(one from the portal by the demo's enterprise contact), one duplicate claim disputed and settled, one duplicate
merged, and this year's targets per team and unit.

Decided reviews, agreements, incentives, clauses and targets are written in bulk (their "created" entries from ``demo.history``);
pending reviews, referrals, the dispute and the merge go through the services, whose rules they show.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from decimal import Decimal

from django.utils import timezone

from gaoxin.accounts.models import Department, User
from gaoxin.demo import history
from gaoxin.demo.catalogue import YEARS
from gaoxin.demo.zone import ADMINISTRATOR
from gaoxin.enterprises.models import Enterprise, EnterpriseYear
from gaoxin.investment import preevaluation
from gaoxin.investment.choices import DisputeDecision, LeadStatus, ReferrerKind, StageMilestone, TargetMeasure
from gaoxin.investment.models import (
    Agreement,
    AgreementClause,
    Incentive,
    InvestmentTarget,
    InvestmentTeam,
    Lead,
    LeadAdmission,
    LeadMove,
)
from gaoxin.investment.services import admission, claims, referrals
from gaoxin.investment.services.agreements import check_obligations
from gaoxin.projects import commitment_check
from gaoxin.projects.choices import ReviewDecision
from gaoxin.projects.models import AdmissionOpinion, AdmissionReview, AdmissionScorecard, Obligation
from gaoxin.projects.models.commitments import Consequence
from gaoxin.projects.services import admission as reviews

ZONE = "示例高新区管理委员会"
LARGE = Decimal(10_000)  # 万元: a signing of 1 亿元 or more
CONDITIONS = "须在签约后一年内完成注册落地，亩均税收不低于园区准入标准。"
MINUTES = "经济发展局、项目推进办等部门参会，一致同意该项目准入。"
OPINIONS = (
    ("jingfa", True, "符合园区产业导向，同意准入。"),
    ("xiangmu", True, "用地需求与拟选地块匹配，同意。"),
)
INCENTIVES = (
    ("固定资产投资补助", Decimal("0.03"), "未按期开工或达产的，按未完成比例收回补助。"),
    ("厂房租金减免（三年）", Decimal("0.01"), "五年内迁出园区的，全额退还减免租金。"),
)
REFERRERS = 5  # referrals registered by staff, each naming a firm of the zone


def load_work(
    rng: random.Random,
    size: str,
    users: dict[str, User],
    teams: list[InvestmentTeam],
    units: dict[str, Department],
) -> None:
    bureau = users["zhaoshang"]
    today = timezone.localdate()
    leads = list(Lead.objects.select_related("stage", "officer", "enterprise", "project").order_by("code"))
    reached = _reached(leads)
    _admissions(rng, leads, reached, bureau)
    agreements = _agreements(rng, leads, reached, users, today)
    _targets(rng, agreements, teams, units, today)
    history.record_demo_history(history.INVESTMENT_WORK, by=User.objects.get(username=ADMINISTRATOR))
    _referrals(rng, leads, bureau, today)
    _claims(leads, bureau, today)
    check_obligations(today=today, by=bureau)


def _reached(leads: list[Lead]) -> dict[int, dict[str, dt.date]]:
    """When each lead reached each milestone (admission, signing, landing, conversion)."""
    reached: dict[int, dict[str, dt.date]] = {}
    moves = LeadMove.objects.filter(lead__in=leads, status=LeadStatus.ACTIVE).exclude(to_stage__milestone="")
    for lead_id, milestone, on in moves.values_list("lead_id", "to_stage__milestone", "on"):
        reached.setdefault(lead_id, {})[milestone] = on
    return reached


def _admissions(
    rng: random.Random, leads: list[Lead], reached: dict[int, dict[str, dt.date]], bureau: User
) -> None:
    """Every lead that reached the admission review has one, scored on the scorecard (the lead's figures where
    its criteria match) with its pre-evaluation: admitted (some on conditions) when it went on to the signing —
    written in bulk, their "created" entries from ``demo.history`` — or opened through the service and waiting
    for the departments' opinions or the meeting when it stands there still."""
    scorecard = AdmissionScorecard.objects.filter(is_active=True).first()
    if scorecard is None:
        return
    reviewers = {u.username: u for u in User.objects.filter(username__in=[name for name, _a, _o in OPINIONS])}
    decided: list[tuple[Lead, AdmissionReview]] = []
    for lead in leads:
        dates = reached.get(lead.pk, {})
        if StageMilestone.ADMISSION not in dates:
            continue
        values = {
            "investment_intensity": str(round(rng.uniform(320, 520), 2)),
            "tax_per_mu": str(round(rng.uniform(25, 55), 2)),
            "plot_ratio": str(round(rng.uniform(1.2, 2.2), 2)),
            "energy_per_value_added": str(round(rng.uniform(0.2, 0.5), 2)),
            "environment": "yes",
            "industry_fit": "yes",
            **admission.prefilled_values(lead, scorecard),
        }
        signed = dates.get(StageMilestone.SIGNING)
        if signed is None:
            link = admission.admission_open(lead=lead, scorecard=scorecard, values=values, by=bureau)
            for username, agrees, opinion in OPINIONS[: rng.randint(0, len(OPINIONS))]:
                admission.opinion_add(admission=link, agrees=agrees, opinion=opinion, by=reviewers[username])
            continue
        on = max(dates[StageMilestone.ADMISSION], signed - dt.timedelta(days=rng.randint(2, 7)))
        conditional = rng.random() < 0.25
        stored, result = reviews.scored(scorecard, values)
        decided.append(
            (
                lead,
                AdmissionReview(
                    scorecard=scorecard,
                    values=stored,
                    score=result.score,
                    breakdown=reviews.breakdown_json(result),
                    decision=ReviewDecision.ADMITTED_WITH_CONDITIONS
                    if conditional
                    else ReviewDecision.ADMITTED,
                    decision_note=CONDITIONS if conditional else "项目联审会审议通过，同意准入。",
                    decided_by=bureau,
                    decided_on=on,
                    meeting_on=on,
                    minutes=MINUTES,
                ),
            )
        )
    made = AdmissionReview.objects.bulk_create([review for _lead, review in decided])
    AdmissionOpinion.objects.bulk_create(
        AdmissionOpinion(
            review=review,
            department_id=reviewers[username].department_id,
            author=reviewers[username],
            agrees=agrees,
            opinion=opinion,
        )
        for review in made
        for username, agrees, opinion in OPINIONS
    )
    LeadAdmission.objects.bulk_create(
        LeadAdmission(lead=lead, review=review, preevaluation=preevaluation.preevaluate(lead))
        for (lead, _review), review in zip(decided, made, strict=True)
    )


def _agreements(
    rng: random.Random,
    leads: list[Lead],
    reached: dict[int, dict[str, dt.date]],
    users: dict[str, User],
    today: dt.date,
) -> list[Agreement]:
    """An agreement for each signed lead — a second, increasing one for some — with incentives and clauses."""
    last_year = {
        row.enterprise_id: row
        for row in EnterpriseYear.objects.filter(
            year=YEARS[-1], enterprise__in=[lead.enterprise_id for lead in leads if lead.enterprise_id]
        )
    }
    agreements: list[Agreement] = []
    terms: list[list[Obligation]] = []
    for lead in leads:
        signed = reached.get(lead.pk, {}).get(StageMilestone.SIGNING)
        if signed is None:
            continue
        title = lead.code_name if lead.is_confidential else lead.name
        filed = signed + dt.timedelta(days=rng.choice((1, 2, 3, 4, 4, 12, 20)))
        agreements.append(
            _agreement(lead, f"{title}投资协议", signed, filed if filed <= today else None, users, Decimal(1))
        )
        terms.append(_clauses(rng, lead, signed, last_year.get(lead.enterprise_id or 0)))
        if rng.random() < 0.4 and (today - signed).days > 30:  # the investor signs for more (增资)
            later = signed + dt.timedelta(days=rng.randint(20, (today - signed).days))
            share = Decimal(rng.choice(("0.3", "0.5", "0.8")))
            agreements.append(_agreement(lead, f"{title}增资扩产补充协议", later, None, users, share))
            terms.append([])
    for number, agreement in enumerate(sorted(agreements, key=lambda a: (a.signed_on, a.lead.code)), 1):
        agreement.number = f"示高招协〔{agreement.signed_on.year}〕{number}号"
    Agreement.objects.bulk_create(agreements)
    Incentive.objects.bulk_create(
        Incentive(
            agreement=agreement,
            what=what,
            amount=(agreement.fixed_asset_investment * rate).quantize(1),
            clawback_conditions=clawback,
        )
        for k, agreement in enumerate(agreements)
        if agreement.fixed_asset_investment and k % 2 == 0
        for what, rate, clawback in INCENTIVES[: 1 + (k % 4 == 0)]  # some with a second incentive
    )
    obligations = Obligation.objects.bulk_create([o for clauses in terms for o in clauses])
    made = iter(obligations)
    AgreementClause.objects.bulk_create(
        AgreementClause(agreement=agreement, obligation=next(made))
        for agreement, clauses in zip(agreements, terms, strict=True)
        for _clause in clauses
    )
    return agreements


def _agreement(
    lead: Lead,
    title: str,
    signed: dt.date,
    filed: dt.date | None,
    users: dict[str, User],
    share: Decimal,
) -> Agreement:
    return Agreement(
        lead=lead,
        title=title,
        parties=f"{ZONE}\n{lead.investor_name}",
        signed_on=signed,
        filed_on=filed,
        responsible_leader=users.get("leader"),
        service_officer=lead.officer,
        investor_name=lead.investor_name,
        total_investment=(lead.total_investment * share).quantize(1) if lead.total_investment else None,
        fixed_asset_investment=(lead.fixed_asset_investment * share).quantize(1)
        if lead.fixed_asset_investment
        else None,
        is_manufacturing=lead.is_manufacturing,
    )


def _clauses(
    rng: random.Random, lead: Lead, signed: dt.date, last_year: EnterpriseYear | None
) -> list[Obligation]:
    """Start building by a date, invest so much by a date, and — for a firm of the zone — pay so much tax a year
    from the signing year on (some above what it paid last year)."""
    subject = {"project": lead.project, "enterprise": lead.enterprise}
    clauses = [
        Obligation(
            **subject,
            title="签约后按期开工建设",
            measure=commitment_check.STARTED,
            due_on=signed + dt.timedelta(days=rng.randint(120, 330)),
            consequence=Consequence.CLAWBACK,
            consequence_text="未按期开工的，收回已兑现的投资补助。",
        )
    ]
    if lead.fixed_asset_investment:
        clauses.append(
            Obligation(
                **subject,
                title="按期完成固定资产投资",
                measure=commitment_check.FIXED_ASSET_INVESTMENT,
                threshold=(lead.fixed_asset_investment * Decimal("0.6")).quantize(1),
                starts_on=signed,
                due_on=signed + dt.timedelta(days=rng.randint(420, 720)),
                consequence=Consequence.PENALTY,
                penalty=(lead.fixed_asset_investment * Decimal("0.01")).quantize(1),
                consequence_text="投资未达约定的，按差额的百分之一支付违约金。",
            )
        )
    if last_year is not None and last_year.tax:
        clauses.append(
            Obligation(
                **subject,
                title="年纳税额不低于约定",
                measure=commitment_check.TAX,
                threshold=(last_year.tax * Decimal(str(round(rng.uniform(0.6, 1.4), 2)))).quantize(1),
                first_year=signed.year,  # the years after the signing (the demo's firms have data to 2025)
                years=3,
                consequence=Consequence.CLAWBACK,
                consequence_text="纳税未达约定的，按比例收回奖励。",
            )
        )
    return clauses


def _referrals(rng: random.Random, leads: list[Lead], bureau: User, today: dt.date) -> None:
    """以商引商: firms of the zone referred a few investors (one of them became a project), and the demo's
    enterprise contact referred one from the portal."""
    owners = {lead.enterprise_id for lead in leads}
    firms = list(
        Enterprise.objects.filter(scale="above_scale")
        .exclude(pk__in=owners - {None})
        .order_by("credit_code")[:20]
    )
    converted = [lead for lead in leads if lead.project_id is not None]
    others = [lead for lead in leads if lead.project_id is None and lead.status == LeadStatus.ACTIVE]
    referred = converted[:1] + rng.sample(others, min(REFERRERS - 1, len(others)))
    for lead, firm in zip(referred, rng.sample(firms, min(len(referred), len(firms))), strict=False):
        referrals.referral_register(
            lead=lead,
            data={"kind": ReferrerKind.ENTERPRISE, "enterprise": firm, "referrer_phone": firm.contact_phone},
            by=bureau,
            on=lead.registered_on,
        )
    contact = User.objects.filter(username="qiye").first()
    if contact is not None and contact.enterprise is not None:
        referrals.portal_refer(
            data={
                "investor": "华东精密光学科技有限公司",
                "project": "车载光学镜头生产基地项目",
                "contact": "周经理 13900000000",
                "note": "我司上游供应商，有意在园区新建生产基地，用地约60亩。",
            },
            by=contact,
            on=today - dt.timedelta(days=6),
        )


def _claims(leads: list[Lead], bureau: User, today: dt.date) -> None:
    """One duplicate claim (撞单) raised and decided for the holder, the claimant handed over; one duplicate
    registration (the same investor written another way) merged into the first."""
    active = [
        lead
        for lead in leads
        if lead.status == LeadStatus.ACTIVE and lead.project_id is None and lead.officer
    ]
    investors = Counter(lead.investor_key for lead in leads)
    recent = [
        lead
        for lead in active
        if today - dt.timedelta(days=60) <= lead.registered_on < today and investors[lead.investor_key] == 1
    ]
    if len(recent) >= 2:
        holder, claimant = sorted(recent[:2], key=lambda lead: (lead.registered_on, lead.code))
        claimant.investor_name = holder.investor_name.replace("有限公司", "（中国）有限公司")
        claimant.investor_key, claimant.registered_on = (
            holder.investor_key,
            max(claimant.registered_on, holder.registered_on + dt.timedelta(days=1)),
        )
        Lead.objects.filter(pk=claimant.pk).update(
            investor_name=claimant.investor_name,
            investor_key=claimant.investor_key,
            registered_on=claimant.registered_on,
        )
        dispute = claims.dispute_raise(
            claimant=claimant,
            statement="我方于去年展会即与该投资方接洽，有往来邮件为证。",
            by=claimant.officer or bureau,
            on=today - dt.timedelta(days=5),
        )
        claims.dispute_decide(
            dispute=dispute,
            decision=DisputeDecision.HOLDER_KEEPS,
            note="首报首谈：先登记方已实质接洽并完成考察，投资方由其继续跟进。",
            outcome=claims.Outcome.HAND_OVER,
            by=bureau,
            on=today - dt.timedelta(days=2),
        )
    early = [lead for lead in active if not lead.stage.milestone and lead not in recent[:2]]
    if len(early) >= 2:  # the same investor registered twice by two officers, written two ways
        first, second = sorted(early[-2:], key=lambda lead: (lead.registered_on, lead.code))
        Lead.objects.filter(pk=second.pk).update(
            investor_name=first.investor_name.replace("有限公司", "（集团）有限公司"),
            investor_key=first.investor_key,
        )
        claims.lead_merge(survivor=first, other=second, by=bureau, note="同一投资方重复登记，合并线索。")


def _targets(
    rng: random.Random,
    agreements: list[Agreement],
    teams: list[InvestmentTeam],
    units: dict[str, Department],
    today: dt.date,
) -> None:
    """This year's targets of each team and unit, set so that some are well ahead and some behind."""
    signed: dict[tuple[str, int], list[Agreement]] = {}
    for agreement in agreements:
        if agreement.signed_on.year == today.year:
            signed.setdefault(("team", agreement.lead.team_id or 0), []).append(agreement)
            signed.setdefault(("unit", agreement.lead.responsible_unit_id), []).append(agreement)
    owners = [("team", team.pk) for team in teams] + [("unit", unit.pk) for unit in units.values()]
    rows = []
    for kind, pk in owners:
        done = signed.get((kind, pk), [])
        amount = sum((a.total_investment or Decimal(0) for a in done), Decimal(0))
        ahead = Decimal(str(round(rng.uniform(0.7, 1.4), 2)))  # how far the year's work reaches its target
        investment = max((amount / ahead / 1000).quantize(1) * 1000, Decimal(20_000))
        values = {
            TargetMeasure.SIGNED_INVESTMENT: investment,
            TargetMeasure.LARGE_SIGNINGS: Decimal(
                max(1, len([a for a in done if (a.total_investment or 0) >= LARGE]) + rng.randint(-1, 2))
            ),
            TargetMeasure.LANDED: Decimal(rng.randint(2, 6)),
            TargetMeasure.STARTED: Decimal(rng.randint(1, 4)),
            TargetMeasure.FUNDS_IN_PLACE: (investment * Decimal("0.3")).quantize(1),
        }
        rows += [
            InvestmentTarget(
                year=today.year,
                team_id=pk if kind == "team" else None,
                department_id=pk if kind == "unit" else None,
                measure=measure,
                value=value,
            )
            for measure, value in values.items()
        ]
    InvestmentTarget.objects.bulk_create(rows)
