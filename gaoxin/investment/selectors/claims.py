"""Reads of duplicate claims (撞单): who holds a lead's investor by the claim rule (``investment.claims``), until
when, which leads are duplicates of it, and the disputes raised; and the signing the rule and the referrals
depend on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from gaoxin.accounts.models import User
from gaoxin.investment import claims
from gaoxin.investment.choices import DisputeDecision, StageMilestone
from gaoxin.investment.models import ClaimDispute, InvestmentRules, Lead, LeadMove, LeadStage
from gaoxin.investment.selectors.leads import rules


def signing_stage() -> LeadStage | None:
    return LeadStage.objects.filter(milestone=StageMilestone.SIGNING).order_by("sort_order", "code").first()


def signed_on(lead: Lead) -> dt.date | None:
    """The day the lead was signed: its first move into the signing stage or beyond (None: not signed)."""
    signing = signing_stage()
    if signing is None:
        return None
    beyond = Q(to_stage__sort_order__gt=signing.sort_order) | Q(to_stage=signing)
    first = LeadMove.objects.filter(beyond, lead=lead).exclude(from_stage=None).order_by("on", "id").first()
    if first is not None:
        return first.on
    reached = (lead.stage.sort_order, lead.stage.code) >= (signing.sort_order, signing.code)
    return lead.registered_on if reached else None  # registered in a stage past the signing


def signed_ids(leads: Iterable[Lead]) -> set[int]:
    """Which of ``leads`` (with their stage) stand at the signing or beyond."""
    signing = signing_stage()
    if signing is None:
        return set()
    bound = (signing.sort_order, signing.code)
    return {lead.pk for lead in leads if (lead.stage.sort_order, lead.stage.code) >= bound}


def claim_rule(stored: InvestmentRules | None = None) -> claims.ClaimRule:
    stored = stored or rules()
    return claims.ClaimRule(
        protection_days=stored.protection_days,
        first_report_threshold=stored.first_report_threshold,
        first_report_protection_days=stored.first_report_protection_days,
    )


def owner_name(lead: Lead) -> str:
    """Who holds a lead: its responsible officer, else its team, else the bureau's pool."""
    if lead.officer_id is not None:
        return str(lead.officer)
    if lead.team_id is not None:
        return str(lead.team)
    return ""


def same_investor(lead: Lead) -> QuerySet[Lead]:
    """The current leads (this one included) naming the lead's investor: the same credit code, or the same
    normalised investor name."""
    match = Q(pk=lead.pk)
    if lead.investor_key:
        match |= Q(investor_key=lead.investor_key)
    if lead.investor_credit_code:
        match |= Q(investor_credit_code__iexact=lead.investor_credit_code)
    return Lead.objects.current().filter(match).select_related("stage", "officer", "team")


@dataclass(frozen=True)
class ClaimStatus:
    holder: Lead | None  # None: the investor is back in the pool
    protected_until: dt.date | None
    duplicates: tuple[Lead, ...]  # registered while another lead held the investor
    lapsed: tuple[Lead, ...]
    is_duplicate: bool  # the lead itself is one of the duplicates
    disputes: tuple[ClaimDispute, ...]  # raised on or by the lead, newest first

    @property
    def contested(self) -> bool:
        return bool(self.duplicates) or bool(self.lapsed)

    @property
    def pending_dispute(self) -> ClaimDispute | None:
        return next((d for d in self.disputes if d.decision == DisputeDecision.PENDING), None)


def claim_status(lead: Lead, *, on: dt.date | None = None) -> ClaimStatus:
    """The state of the lead's investor by the claim rule in force, on ``on`` (today)."""
    others = list(same_investor(lead))
    by_pk = {other.pk: other for other in others}
    settled = claims.settle(
        [
            claims.Claim(other.pk, owner_name(other), other.registered_on, other.total_investment)
            for other in others
        ],
        on=on or timezone.localdate(),
        rule=claim_rule(),
        signed=signed_ids(others),
    )
    disputes = ClaimDispute.objects.filter(Q(holder=lead) | Q(claimant=lead)).select_related(
        "holder", "claimant", "raised_by", "decided_by"
    )
    return ClaimStatus(
        holder=by_pk[settled.holder.lead] if settled.holder else None,
        protected_until=settled.protected_until,
        duplicates=tuple(by_pk[claim.lead] for claim in settled.duplicates),
        lapsed=tuple(by_pk[claim.lead] for claim in settled.lapsed),
        is_duplicate=any(claim.lead == lead.pk for claim in settled.duplicates),
        disputes=tuple(disputes),
    )


def disputes(user: User | AnonymousUser, *, pending_only: bool = False) -> QuerySet[ClaimDispute]:
    """The disputes about leads the user reads (the bureau: all), pending first, newest first."""
    readable = Lead.objects.for_user(user).values("pk")
    found = ClaimDispute.objects.filter(Q(holder__in=readable) | Q(claimant__in=readable))
    if pending_only:
        found = found.filter(decision=DisputeDecision.PENDING)
    return found.select_related(
        "holder__officer", "holder__team", "claimant__officer", "claimant__team", "raised_by", "decided_by"
    ).order_by("-raised_on", "-id")


def dispute(user: User | AnonymousUser, pk: int) -> ClaimDispute:
    return get_object_or_404(disputes(user), pk=pk)
