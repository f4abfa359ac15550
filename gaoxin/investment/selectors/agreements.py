"""Reads of investment agreements: the scoped list, one agreement with its clauses, the signings as counted
(``counting``), the 履约率 by officer, unit and year, and the "三未" lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from gaoxin.accounts.models import Department, User
from gaoxin.investment import counting, duplicates
from gaoxin.investment.choices import LeadStatus, StageMilestone
from gaoxin.investment.models import Agreement, AgreementClause, Lead, LeadStage
from gaoxin.projects.commitment_check import BREACHED, MET
from gaoxin.projects.models import ObligationCheck


def agreement_list(user: User | AnonymousUser) -> QuerySet[Agreement]:
    return Agreement.objects.for_user(user).select_related(
        "lead__responsible_unit", "service_officer", "responsible_leader"
    )


def agreement_detail(user: User | AnonymousUser, pk: int) -> Agreement:
    clauses = AgreementClause.objects.select_related("obligation__follow_up", "obligation__project")
    return get_object_or_404(
        agreement_list(user)
        .select_related("lead__project", "lead__enterprise", "lead__officer")
        .prefetch_related(Prefetch("clauses", queryset=clauses), "incentives", "clauses__obligation__checks"),
        pk=pk,
    )


def clause_of(agreement: Agreement, pk: int) -> AgreementClause:
    return get_object_or_404(AgreementClause.objects.select_related("obligation"), agreement=agreement, pk=pk)


def lead_agreements(user: User | AnonymousUser, lead: Lead) -> list[Agreement]:
    """A lead's agreements with their clauses, for the lead page's panel."""
    return list(
        agreement_list(user).filter(lead=lead).prefetch_related("clauses__obligation").order_by("signed_on")
    )


def _signing(agreement: Agreement) -> counting.Signing:
    return counting.Signing(
        project=str(agreement.lead_id),
        investor=duplicates.normalised_investor(agreement.investor_name),
        signed_on=agreement.signed_on,
        investment=agreement.total_investment or Decimal(0),
        investment_usd=agreement.foreign_investment_usd,
        manufacturing=agreement.is_manufacturing,
    )


def counted_signings(agreements: Iterable[Agreement]) -> dict[int, counting.CountedSigning]:
    """The agreements that count (``counting.count_signings``) by agreement id: first signing, increment of the
    same investor or new investor; an agreement adding nothing is absent. Pass every agreement of the leads
    concerned: a count depends on the earlier agreements of the same lead."""
    by_signing = {}
    signings = []
    for agreement in agreements:
        signing = _signing(agreement)
        by_signing[id(signing)] = agreement.pk
        signings.append(signing)
    return {by_signing[id(c.signing)]: c for c in counting.count_signings(signings)}


def kinds(user: User | AnonymousUser) -> dict[int, counting.CountedSigning]:
    """How each agreement the user reads counts (absent: it adds nothing)."""
    return counted_signings(agreement_list(user).order_by("signed_on", "pk"))


@dataclass(frozen=True)
class PeriodTally:
    label: str
    tally: counting.Tally


def signings_by_quarter(user: User | AnonymousUser, year: int) -> list[PeriodTally]:
    """The counted signings of ``year``'s quarters and of the whole year (bands and manufacturing/services)."""
    counted = kinds(user)
    periods = [
        (
            f"Q{q}",
            dt.date(year, 3 * q - 2, 1),
            dt.date(year + (q == 4), (3 * q) % 12 + 1, 1) - dt.timedelta(1),
        )
        for q in range(1, 5)
    ]
    periods.append((str(year), dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return [PeriodTally(label, counting.tally(counted.values(), start, end)) for label, start, end in periods]


def signing_years(user: User | AnonymousUser) -> list[int]:
    return sorted({d.year for d in agreement_list(user).dates("signed_on", "year")}, reverse=True)


@dataclass
class PerformanceRow:
    label: str
    met: int = 0
    breached: int = 0
    pending: int = 0  # on track, at risk, not due, data missing

    @property
    def judged(self) -> int:
        return self.met + self.breached

    @property
    def rate(self) -> Decimal | None:
        """履约率: the share met of the obligations judged (met or breached), in percent."""
        return None if not self.judged else (Decimal(100) * self.met / self.judged).quantize(Decimal("0.1"))


def _tally_rows(items: Iterable[tuple[str, str]]) -> list[PerformanceRow]:
    rows: dict[str, PerformanceRow] = {}
    for label, status in items:
        row = rows.setdefault(label, PerformanceRow(label))
        if status == MET:
            row.met += 1
        elif status == BREACHED:
            row.breached += 1
        else:
            row.pending += 1
    return sorted(rows.values(), key=lambda r: (-(r.rate or Decimal(-1)), r.label))


def performance(user: User | AnonymousUser, by: str, no_one: str) -> list[PerformanceRow]:
    """履约率 of the agreements' clauses by service officer (``officer``), by the lead's responsible unit
    (``unit``) on their current status, or by year (``year``) on the yearly checks."""
    agreements = agreement_list(user).values("pk")
    if by == "year":
        checks = ObligationCheck.objects.filter(obligation__agreement_clause__agreement__in=agreements)
        return sorted(
            _tally_rows((str(year), status) for year, status in checks.values_list("year", "status")),
            key=lambda r: r.label,
            reverse=True,
        )
    clauses = AgreementClause.objects.filter(agreement__in=agreements)
    label: Callable[[Any], str]
    if by == "unit":
        fields = ("agreement__lead__responsible_unit__short_name", "agreement__lead__responsible_unit__name")
        label = lambda row: row[0] or row[1]  # noqa: E731
    else:
        fields = ("agreement__service_officer__display_name", "agreement__service_officer__username")
        label = lambda row: row[0] or row[1] or no_one  # noqa: E731
    return _tally_rows((label(row[:2]), row[2]) for row in clauses.values_list(*fields, "obligation__status"))


@dataclass(frozen=True)
class ThreeNot:
    signed_not_landed: list[Lead]  # 签约未落地
    landed_not_started: list[Lead]  # 落地未开工
    started_not_completed: list[Lead]  # 开工未竣工


def _first_order(milestone: str) -> int | None:
    stage = LeadStage.objects.filter(milestone=milestone).order_by("sort_order").first()
    return None if stage is None else stage.sort_order


def three_not(user: User | AnonymousUser) -> ThreeNot:
    """The "三未" lists of the leads in progress: signed (the signing stage reached) but not landed, landed (the
    landing stage reached, or an enterprise registered) but the project not started, started but not completed —
    from the lead's stage and the project's dates."""
    leads = list(
        Lead.objects.for_user(user)
        .current()
        .filter(status=LeadStatus.ACTIVE)
        .select_related("stage", "project", "enterprise", "officer", "responsible_unit")
        .order_by("stage__sort_order", "name")
    )
    signing_at = _first_order(StageMilestone.SIGNING)
    landing_at = _first_order(StageMilestone.LANDING)
    result = ThreeNot([], [], [])

    def reached(lead: Lead, order: int | None) -> bool:
        return order is not None and lead.stage.sort_order >= order

    for lead in leads:
        project = lead.project
        if project is not None and project.started_on is not None:
            if project.completed_on is None:
                result.started_not_completed.append(lead)
        elif reached(lead, landing_at) or lead.enterprise_id is not None:
            result.landed_not_started.append(lead)
        elif reached(lead, signing_at):
            result.signed_not_landed.append(lead)
    return result


def filter_choices(user: User | AnonymousUser) -> dict[str, Any]:
    """The choices of the agreements list's filters: years, units and service officers of the agreements."""
    agreements = agreement_list(user)
    return {
        "years": signing_years(user),
        "units": list(
            Department.objects.filter(leads__agreements__in=agreements.values("pk"))
            .distinct()
            .order_by("name")
        ),
        "officers": list(
            User.objects.filter(serviced_agreements__in=agreements.values("pk"))
            .distinct()
            .order_by("username")
        ),
    }
