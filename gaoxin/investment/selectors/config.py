"""Reads of the module's configuration and of what the filters offer."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from gaoxin.accounts.models import Department, User
from gaoxin.enterprises.models import Chain
from gaoxin.investment.choices import LeadStatus, Source
from gaoxin.investment.models import InvestmentTeam, LeadStage, StopReason


def filter_choices() -> dict[str, Any]:
    """The options of the list's filters."""
    return {
        "stages": LeadStage.objects.all(),
        "statuses": LeadStatus.choices,
        "sources": Source.choices,
        "units": Department.objects.filter(leads__isnull=False).distinct(),
        "officers": User.objects.filter(leads__isnull=False).distinct().order_by("display_name"),
        "teams": InvestmentTeam.objects.all(),
        "chains": Chain.objects.all(),
    }


def stages_with_counts() -> QuerySet[LeadStage]:
    return LeadStage.objects.annotate(lead_count=Count("leads"))


def stop_reasons() -> QuerySet[StopReason]:
    return StopReason.objects.annotate(lead_count=Count("leads"))


def teams() -> QuerySet[InvestmentTeam]:
    return InvestmentTeam.objects.select_related("department", "head").prefetch_related("members")


def stage(pk: int) -> LeadStage:
    return get_object_or_404(LeadStage, pk=pk)


def stop_reason(pk: int) -> StopReason:
    return get_object_or_404(StopReason, pk=pk)


def team(pk: int) -> InvestmentTeam:
    return get_object_or_404(InvestmentTeam, pk=pk)
