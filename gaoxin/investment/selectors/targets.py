"""Reads of the yearly targets of investment promotion."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from gaoxin.investment.models import InvestmentTarget


def targets_of_year(year: int) -> QuerySet[InvestmentTarget]:
    return InvestmentTarget.objects.filter(year=year).select_related("department", "team")


def target(pk: int) -> InvestmentTarget:
    return get_object_or_404(InvestmentTarget, pk=pk)


def target_years() -> list[int]:
    return sorted(set(InvestmentTarget.objects.values_list("year", flat=True)), reverse=True)
