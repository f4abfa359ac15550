"""Reads of referrals (以商引商): the reward rule in force, a referral's reward once the project it led to reports
fixed-asset investment formed, the referrer leaderboard, and an enterprise contact's own referrals."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone

from gaoxin.accounts.models import User
from gaoxin.investment import referrals
from gaoxin.investment.models import InvestmentRules, Lead, Referral
from gaoxin.investment.selectors import claims as claim_reads
from gaoxin.investment.selectors.leads import rules
from gaoxin.projects.models import Project
from gaoxin.projects.selectors import figures


def reward_rule(stored: InvestmentRules | None = None) -> referrals.RewardRule:
    """The zone's reward rule as stored (tiers of ``{"up_to", "permille"}``, text or numbers)."""
    stored = stored or rules()
    return referrals.RewardRule(
        tiers=tuple(
            referrals.RewardTier(
                None if tier.get("up_to") in (None, "") else Decimal(str(tier["up_to"])),
                Decimal(str(tier["permille"])),
            )
            for tier in stored.reward_tiers
        ),
        cap=stored.reward_cap,
        marginal=stored.reward_marginal,
        claim_within_days=stored.reward_claim_days,
    )


@dataclass(frozen=True)
class ReferralReward:
    """What a referral earns: nothing yet until the project reports investment formed."""

    project: Project | None
    formed: Decimal | None  # 开工以来累计 completed investment, 万元
    reward: referrals.Reward | None
    claim_deadline: dt.date | None  # once the project is completed


def _formed(projects: QuerySet[Project], today: dt.date) -> dict[int, Decimal]:
    """The investment each project formed since its start, as of its latest report up to this month."""
    if not projects.exists():
        return {}
    return {
        month.pk: month.since_start for month in figures.project_months(projects, today.year, today.month)
    }


def reward_of(
    lead: Lead, *, rule: referrals.RewardRule | None = None, today: dt.date | None = None
) -> ReferralReward:
    today = today or timezone.localdate()
    project = lead.project
    if project is None:
        return ReferralReward(None, None, None, None)
    formed = _formed(Project.objects.filter(pk=project.pk), today).get(project.pk)
    return _reward(project, formed, rule or reward_rule())


def _reward(project: Project, formed: Decimal | None, rule: referrals.RewardRule) -> ReferralReward:
    if not formed:
        return ReferralReward(project, None, None, None)
    deadline = referrals.claim_deadline(project.completed_on, rule) if project.completed_on else None
    return ReferralReward(project, formed, referrals.reward(formed, rule), deadline)


def referral_of(lead: Lead) -> Referral | None:
    return Referral.objects.filter(lead=lead).select_related("enterprise", "submitted_by").first()


@dataclass
class Referrer:
    """One line of the leaderboard."""

    name: str
    kind: str
    enterprise_id: int | None
    referrals: int = 0
    signed: int = 0
    reward: Decimal = Decimal(0)
    leads: list[Lead] = field(default_factory=list)


def leaderboard(user: User | AnonymousUser, *, today: dt.date | None = None) -> list[Referrer]:
    """The referrers of the leads the user reads, by reward, then signings, then referrals."""
    today = today or timezone.localdate()
    found = list(
        Referral.objects.for_user(user)
        .filter(lead__merged_into__isnull=True)
        .select_related("lead__stage", "lead__project")
    )
    leads = [referral.lead for referral in found]
    signed = claim_reads.signed_ids(leads)
    formed = _formed(
        Project.objects.filter(pk__in=[lead.project_id for lead in leads if lead.project_id]), today
    )
    rule = reward_rule()
    lines: dict[tuple[str, str, int | None], Referrer] = defaultdict(lambda: Referrer("", "", None))
    for referral in found:
        key = (referral.referrer_name, referral.kind, referral.enterprise_id)
        line = lines[key]
        line.name, line.kind, line.enterprise_id = key
        line.referrals += 1
        line.signed += referral.lead_id in signed
        line.leads.append(referral.lead)
        project = referral.lead.project
        if project is not None:
            earned = _reward(project, formed.get(project.pk), rule).reward
            line.reward += earned.amount if earned else Decimal(0)
    return sorted(lines.values(), key=lambda r: (-r.reward, -r.signed, -r.referrals, r.name))


@dataclass(frozen=True)
class PortalReferral:
    """What an enterprise contact sees of a referral: what it submitted, the stage's name and date."""

    referral: Referral
    stage: str
    stage_since: dt.date


def portal_referrals(user: User | AnonymousUser) -> list[PortalReferral]:
    """An enterprise contact's referrals (its enterprise's), newest first: what the firm submitted, and where the
    lead stands — never the investor details the bureau added."""
    found = Referral.objects.for_user(user).select_related("lead__stage").order_by("-registered_on", "-id")
    return [PortalReferral(r, r.lead.stage.name, r.lead.stage_since) for r in found]


def pool(user: User | AnonymousUser) -> QuerySet[Lead]:
    """The leads referred through the portal that no officer or team owns yet, oldest first."""
    return (
        Lead.objects.for_user(user)
        .current()
        .filter(officer__isnull=True, team__isnull=True)
        .select_related("stage", "referral__enterprise")
        .order_by("registered_on", "id")
    )
