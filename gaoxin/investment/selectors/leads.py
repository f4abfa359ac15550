"""Reads of leads: the scoped list, one lead with what the page shows, and the leads a new one may duplicate."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from gaoxin.accounts.models import User
from gaoxin.investment import duplicates, permissions
from gaoxin.investment.models import InvestmentRules, Lead


def lead_list(user: User | AnonymousUser) -> QuerySet[Lead]:
    """The leads the user reads (merged ones left out), with what a list row shows."""
    return (
        Lead.objects.for_user(user)
        .current()
        .select_related("stage", "officer", "team", "responsible_unit", "lead_official", "stop_reason")
    )


def lead_detail(user: User | AnonymousUser, pk: int) -> Lead:
    return get_object_or_404(
        Lead.objects.for_user(user).select_related(
            "stage",
            "officer",
            "team",
            "responsible_unit",
            "lead_official",
            "registered_by",
            "stop_reason",
            "chain",
            "project",
            "enterprise",
            "merged_into",
        ),
        pk=pk,
    )


def rules() -> InvestmentRules:
    """The rules in force (the latest row; the shipped defaults when none was stored)."""
    return InvestmentRules.objects.first() or InvestmentRules()


@dataclass(frozen=True)
class PossibleDuplicate:
    lead: Lead
    reasons: tuple[duplicates.Reason, ...]
    similarity: float


def possible_duplicates(
    *, name: str, investor_name: str, credit_code: str = "", exclude: int | None = None
) -> list[PossibleDuplicate]:
    """Every current lead (whoever owns it) that may be the same as the one described: the same credit code, the
    same investor once names are normalised, or a similar project name (``duplicates``)."""
    others = Lead.objects.current() if exclude is None else Lead.objects.current().exclude(pk=exclude)
    keys = [
        duplicates.LeadKey(pk, project, investor, code)
        for pk, project, investor, code in others.values_list(
            "pk", "name", "investor_name", "investor_credit_code"
        )
    ]
    candidate = duplicates.LeadKey(exclude or 0, name, investor_name, credit_code)
    found = duplicates.matches(candidate, keys, threshold=float(rules().similarity_threshold))
    leads = Lead.objects.select_related("officer", "team", "stage").in_bulk([m.lead for m in found])
    return [PossibleDuplicate(leads[m.lead], m.reasons, m.similarity) for m in found]


def shown_name(user: User | AnonymousUser, lead: Lead) -> str:
    """The lead's name, or its code name for staff who may not see a confidential lead's investor."""
    return lead.name if permissions.may_see_investor(user, lead) else lead.code_name
