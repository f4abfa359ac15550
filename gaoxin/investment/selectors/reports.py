"""What the 五个一 reports of investment promotion read: per unit and team, the counted signings, leads landed and
projects started in a period; the targets of a year; the week's new leads, moves, visits and signings; the clauses
breached. A fixed number of queries whatever the number of leads."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Min, Q, Sum

from gaoxin.accounts.models import Department
from gaoxin.investment.choices import ActivityKind, StageMilestone, TargetMeasure
from gaoxin.investment.models import (
    Agreement,
    InvestmentTarget,
    InvestmentTeam,
    Lead,
    LeadActivity,
    LeadMove,
    LeadStage,
)
from gaoxin.investment.selectors.agreements import counted_signings
from gaoxin.projects.commitment_check import BREACHED
from gaoxin.projects.models import MonthlyReport, Obligation

LARGE_BAND = "100m"  # counting.DEFAULT_BANDS: 亿元以上
MEASURED = (
    TargetMeasure.SIGNED_INVESTMENT,
    TargetMeasure.LARGE_SIGNINGS,
    TargetMeasure.LANDED,
    TargetMeasure.STARTED,
    TargetMeasure.FUNDS_IN_PLACE,
)  # 实际利用外资 comes from the commerce statistics: gaoxin holds no figure of it

Owner = tuple[str, int]  # ("unit", department id) or ("team", team id)


@dataclass
class Actuals:
    """What each unit and team achieved in a period, by measure."""

    by_owner: dict[Owner, dict[str, Decimal]] = field(default_factory=lambda: defaultdict(dict))

    def add(self, owners: Iterable[Owner], measure: str, amount: Decimal) -> None:
        for owner in owners:
            values = self.by_owner[owner]
            values[measure] = values.get(measure, Decimal(0)) + amount

    def of(self, owner: Owner, measure: str) -> Decimal:
        return self.by_owner.get(owner, {}).get(measure, Decimal(0))


def _owners(unit_id: int | None, team_id: int | None) -> list[Owner]:
    return [o for o in (("unit", unit_id), ("team", team_id)) if o[1] is not None]  # type: ignore[misc]


def _first_reached(milestone: str) -> Q | None:
    stage = LeadStage.objects.filter(milestone=milestone).order_by("sort_order", "code").first()
    return None if stage is None else Q(to_stage__sort_order__gte=stage.sort_order)


def actuals(start: dt.date, end: dt.date) -> Actuals:
    """Counted signings (``counting``: once, increments, new investors) and those of 亿元以上, leads landed (first
    reaching the landing stage), converted projects started, and their completed investment (到位资金), dated from
    ``start`` to ``end`` inclusive — by the lead's responsible unit and team."""
    result = Actuals()
    agreements = list(
        Agreement.objects.filter(signed_on__lte=end)
        .select_related("lead")
        .only("pk", "signed_on", "investor_name", "total_investment", "foreign_investment_usd", "is_manufacturing",
              "lead__responsible_unit_id", "lead__team_id")
        .order_by("signed_on", "pk")
    )  # fmt: skip
    counted = counted_signings(agreements)
    for agreement in agreements:
        item = counted.get(agreement.pk)
        if item is None or not start <= agreement.signed_on <= end:
            continue
        owners = _owners(agreement.lead.responsible_unit_id, agreement.lead.team_id)
        result.add(owners, TargetMeasure.SIGNED_INVESTMENT, item.investment)
        if LARGE_BAND in item.bands:
            result.add(owners, TargetMeasure.LARGE_SIGNINGS, Decimal(1))
    reached = _first_reached(StageMilestone.LANDING)
    if reached is not None:
        landed = (
            LeadMove.objects.filter(reached)
            .values("lead_id", "lead__responsible_unit_id", "lead__team_id")
            .annotate(first=Min("on"))
            .filter(first__range=(start, end))
        )
        for row in landed:
            result.add(
                _owners(row["lead__responsible_unit_id"], row["lead__team_id"]),
                TargetMeasure.LANDED,
                Decimal(1),
            )
    started = Lead.objects.filter(project__started_on__range=(start, end)).values_list(
        "responsible_unit_id", "team_id"
    )
    for unit_id, team_id in started:
        result.add(_owners(unit_id, team_id), TargetMeasure.STARTED, Decimal(1))
    months = Q(year__gt=start.year) | Q(year=start.year, month__gte=start.month)
    months &= Q(year__lt=end.year) | Q(year=end.year, month__lte=end.month)
    funds = (
        MonthlyReport.objects.filter(months, project__lead__isnull=False)
        .values("project__lead__responsible_unit_id", "project__lead__team_id")
        .annotate(amount=Sum("completed"))
    )
    for row in funds:
        owners = _owners(row["project__lead__responsible_unit_id"], row["project__lead__team_id"])
        result.add(owners, TargetMeasure.FUNDS_IN_PLACE, Decimal(str(row["amount"] or 0)))
    return result


@dataclass(frozen=True)
class TargetRow:
    owner: Owner
    name: str
    measure: str
    value: Decimal


def targets(year: int) -> list[TargetRow]:
    """The year's targets, units first (by their order), then teams."""
    rows = InvestmentTarget.objects.filter(year=year).select_related("department", "team")
    found = [
        TargetRow(
            ("unit", t.department_id) if t.department_id else ("team", t.team_id),  # type: ignore[arg-type]
            str(t.department or t.team),
            t.measure,
            t.value,
        )
        for t in rows
    ]
    order = {("unit", pk): n for n, pk in enumerate(Department.objects.values_list("pk", flat=True))}
    order |= {
        ("team", pk): 10_000 + n for n, pk in enumerate(InvestmentTeam.objects.values_list("pk", flat=True))
    }
    return sorted(found, key=lambda row: (order.get(row.owner, 99_999), row.name, row.measure))


@dataclass(frozen=True)
class WeekItem:
    day: dt.date
    lead: str
    owner: str  # the responsible team or unit
    detail: str


def _lead_label(lead: Lead) -> str:
    """Reports go to readers of every lead: a confidential lead by its code name."""
    return f"{lead.code} {lead.code_name if lead.is_confidential else lead.name}"


def _owner_label(lead: Lead) -> str:
    return str(lead.team or lead.responsible_unit)


def week(start: dt.date, end: dt.date) -> dict[str, list[WeekItem]]:
    """The week's new leads, stage moves, visits (走访, 考察, meetings) and signings."""
    leads = Lead.objects.current().select_related("team", "responsible_unit", "stage")
    new = [
        WeekItem(lead.registered_on, _lead_label(lead), _owner_label(lead), lead.stage.name)
        for lead in leads.filter(registered_on__range=(start, end)).order_by("registered_on", "code")
    ]
    moves = [
        WeekItem(
            move.on,
            _lead_label(move.lead),
            _owner_label(move.lead),
            f"{move.from_stage.name} → {move.to_stage.name}" if move.from_stage else move.to_stage.name,
        )
        for move in LeadMove.objects.filter(on__range=(start, end))
        .exclude(from_stage__isnull=True)
        .exclude(from_stage=F("to_stage"))
        .select_related("lead__team", "lead__responsible_unit", "from_stage", "to_stage")
        .order_by("on", "pk")
    ]
    visits = [
        WeekItem(a.on, _lead_label(a.lead), _owner_label(a.lead), f"{a.get_kind_display()}：{a.summary}")
        for a in LeadActivity.objects.filter(
            on__range=(start, end),
            kind__in=(ActivityKind.VISIT, ActivityKind.INSPECTION, ActivityKind.MEETING),
        )
        .select_related("lead__team", "lead__responsible_unit")
        .order_by("on", "pk")
    ]
    signings = [
        WeekItem(a.signed_on, _lead_label(a.lead), _owner_label(a.lead), a.title)
        for a in Agreement.objects.filter(signed_on__range=(start, end))
        .select_related("lead__team", "lead__responsible_unit")
        .order_by("signed_on", "pk")
    ]
    return {"new": new, "moves": moves, "visits": visits, "signings": signings}


@dataclass(frozen=True)
class BreachedClause:
    agreement: str
    lead: str
    clause: str
    checked_on: dt.date | None


def breached_clauses() -> list[BreachedClause]:
    """The agreements' clauses found breached, latest check first."""
    rows = (
        Obligation.objects.filter(status=BREACHED, agreement_clause__isnull=False)
        .select_related("agreement_clause__agreement__lead")
        .order_by("-checked_on", "pk")
    )
    return [
        BreachedClause(
            o.agreement_clause.agreement.title,
            _lead_label(o.agreement_clause.agreement.lead),
            o.title or o.get_measure_display(),
            o.checked_on,
        )
        for o in rows
    ]
