"""Reads of the pipeline: the kanban by stage, the funnel with its lost reasons and outcome rates, a lead's time
in its stage and timeline, and the stale leads (for the list's filter and the periodic notice).

Time in a stage is counted in working days of the work calendar (``pipeline.staleness``); a year the calendar
lacks leaves the time unknown ("—") rather than failing the page. Each page reads a fixed number of queries
whatever the number of leads: the kanban one aggregate and one capped query per stage, the funnel two grouped
queries and one capped query per stage."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Case, Count, F, Max, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.utils import timezone

from gaoxin.accounts.models import User
from gaoxin.core import calendar_services, changelog
from gaoxin.core.models import ChangeLogEntry
from gaoxin.core.workcalendar import MissingYearError, WorkCalendar
from gaoxin.investment import permissions, pipeline
from gaoxin.investment.choices import LeadStatus, StageMilestone
from gaoxin.investment.models import InvestmentTeam, Lead, LeadMove, LeadStage
from gaoxin.investment.selectors.leads import lead_list

CARDS_PER_COLUMN = 20
MEDIAN_SAMPLE = 1000  # moves out of a stage its median working days are taken over (see funnel)
SEARCH_BACK_DAYS = 60  # calendar days searched beyond twice the expected working days for the stale cut-off


@dataclass(frozen=True)
class Viewer:
    """Who reads, with what ``permissions.may_see_investor`` needs for many leads at once (their teams)."""

    user: User | AnonymousUser
    team_ids: frozenset[int]

    def sees_investor(self, lead: Lead) -> bool:
        members = [self.user.pk] if lead.team_id in self.team_ids else []
        return permissions.may_see_investor(self.user, lead, team_member_ids=members)

    def shown_name(self, lead: Lead) -> str:
        return lead.name if self.sees_investor(lead) else lead.code_name


def viewer(user: User | AnonymousUser) -> Viewer:
    if permissions.is_bureau(user) or not isinstance(user, User):
        return Viewer(user, frozenset())
    return Viewer(user, frozenset(InvestmentTeam.objects.filter(members=user).values_list("pk", flat=True)))


def _stale_cutoff(expected: int, today: dt.date, calendar: WorkCalendar) -> dt.date | None:
    """The latest day a lead may have entered a stage of ``expected`` working days and be stale today (None when
    the calendar lacks today's year)."""

    def stale(day: dt.date) -> bool:
        try:
            return calendar.workdays_between(day, today) > expected
        except MissingYearError:
            return True  # before the calendar's first year: far longer ago than any expected time

    try:
        calendar.workdays_between(today, today)
    except MissingYearError:
        return None
    low, high = today - dt.timedelta(days=2 * expected + SEARCH_BACK_DAYS), today
    while (high - low).days > 1:
        middle = low + (high - low) / 2
        low, high = (middle, high) if stale(middle) else (low, middle)
    return low


def stale_condition(today: dt.date, stages: list[LeadStage] | None = None) -> Q:
    """Active leads standing in their stage longer than its expected working days, as one condition."""
    calendar = calendar_services.current_calendar()
    stages = stages if stages is not None else list(LeadStage.objects.exclude(expected_workdays=None))
    condition = Q(pk__in=[])
    for stage in stages:
        if stage.expected_workdays is None:
            continue
        cutoff = _stale_cutoff(stage.expected_workdays, today, calendar)
        if cutoff is not None:
            condition |= Q(stage_id=stage.pk, stage_since__lte=cutoff)
    return Q(status=LeadStatus.ACTIVE) & condition


def time_in_stage(lead: Lead, today: dt.date, calendar: WorkCalendar) -> pipeline.Staleness | None:
    """The lead's working days in its stage against the expected time; None when the calendar lacks a year or
    the lead is not in progress."""
    if lead.status != LeadStatus.ACTIVE:
        return None
    try:
        return pipeline.staleness(lead.stage_since, today, lead.stage.expected_workdays, calendar)
    except MissingYearError:
        return None


@dataclass(frozen=True)
class Card:
    lead: Lead
    name: str
    investor: str  # empty for a confidential lead the reader may not see
    time: pipeline.Staleness | None


@dataclass(frozen=True)
class Column:
    stage: LeadStage
    count: int
    total_investment: Decimal | None
    cards: list[Card]

    @property
    def more(self) -> int:
        return self.count - len(self.cards)


@dataclass(frozen=True)
class Board:
    columns: list[Column]
    with_stopped: bool
    stopped: int  # paused and ended leads (on the board only when asked for)


def board(
    user: User | AnonymousUser, *, with_stopped: bool = False, per_column: int = CARDS_PER_COLUMN
) -> Board:
    """The kanban: a column per active stage with its number of leads and their total investment, the leads that
    stood longest in the stage first (at most ``per_column``); paused and ended leads only ``with_stopped``."""
    today = timezone.localdate()
    stages = list(LeadStage.objects.filter(is_active=True))
    leads = lead_list(user)
    statuses = list(LeadStatus) if with_stopped else [LeadStatus.ACTIVE]
    totals: dict[Any, dict[str, Any]] = defaultdict(lambda: {"n": 0, "total": None})
    stopped = 0
    for row in (
        leads.order_by().values("stage_id", "status").annotate(n=Count("id"), total=Sum("total_investment"))
    ):
        if row["status"] != LeadStatus.ACTIVE:
            stopped += row["n"]
        if row["status"] in statuses:
            into = totals[row["stage_id"]]
            into["n"] += row["n"]
            if row["total"] is not None:
                into["total"] = (into["total"] or Decimal(0)) + row["total"]
    reader = viewer(user)
    calendar = calendar_services.current_calendar()
    columns = []
    for stage in stages:
        count = totals[stage.pk]["n"]
        cards = []
        if count:
            rows = leads.filter(stage=stage, status__in=statuses).order_by("stage_since", "id")[:per_column]
            cards = [
                Card(
                    lead,
                    reader.shown_name(lead),
                    lead.investor_name if reader.sees_investor(lead) else "",
                    time_in_stage(lead, today, calendar),
                )
                for lead in rows
            ]
        columns.append(Column(stage, count, totals[stage.pk]["total"], cards))
    return Board(columns, with_stopped, stopped)


@dataclass(frozen=True)
class Funnel:
    rows: list[tuple[LeadStage, pipeline.FunnelRow]]
    lost: list[pipeline.ParetoRow]
    leads: int
    signed: int  # reached the stage counting as the signing
    landed: int  # reached the stage counting as the landing

    @property
    def signing_rate(self) -> Decimal | None:
        """签约率: signed leads of all leads."""
        return (
            (Decimal(self.signed) / Decimal(self.leads)).quantize(Decimal("0.0001")) if self.leads else None
        )

    @property
    def landing_rate(self) -> Decimal | None:
        """落地率: landed leads of the signed ones."""
        return (
            (Decimal(self.landed) / Decimal(self.signed)).quantize(Decimal("0.0001")) if self.signed else None
        )


def _reached(scope: QuerySet[Lead], stages: list[LeadStage]) -> list[int]:
    """How many leads reached each stage (their furthest stage entered is it or a later one): one query grouping
    the moves by lead, then the leads by their furthest stage."""
    furthest = Max(Case(*(When(to_stage_id=stage.pk, then=Value(n)) for n, stage in enumerate(stages))))
    per_lead = (
        LeadMove.objects.filter(lead__in=scope.order_by().values("pk"), to_stage__in=[s.pk for s in stages])
        .order_by()
        .values("lead_id")
        .annotate(furthest=furthest)
        .values("furthest")
    )
    sql, params = per_lead.query.sql_with_params()
    with connection.cursor() as cursor:  # Django groups an aggregate only by the columns of one level
        cursor.execute(f"SELECT furthest, COUNT(*) FROM ({sql}) per_lead GROUP BY furthest", params)
        by_furthest = dict(cursor.fetchall())
    reached, running = [0] * len(stages), 0
    for n in reversed(range(len(stages))):
        running += by_furthest.get(n, 0)
        reached[n] = running
    return reached


def _spent(scope: QuerySet[Lead], stages: list[LeadStage], calendar: WorkCalendar) -> list[list[int]]:
    """The working days spent in each stage by the last ``MEDIAN_SAMPLE`` leads recorded moving on from it: one
    capped query per stage of the moves out of it, each with the day its lead had entered the stage."""
    entered = (
        LeadMove.objects.filter(lead_id=OuterRef("lead_id"), to_stage_id=OuterRef("from_stage_id"))
        .filter(Q(from_stage__isnull=True) | ~Q(from_stage_id=F("to_stage_id")))
        .filter(Q(on__lt=OuterRef("on")) | Q(on=OuterRef("on"), id__lt=OuterRef("id")))
        .order_by("-on", "-id")
        .values("on")[:1]
    )
    leads = scope.order_by().values("pk")
    spent: list[list[int]] = []
    for stage in stages:
        days = []
        for since, left_on in (
            LeadMove.objects.filter(lead__in=leads, from_stage=stage)
            .exclude(to_stage=stage)
            .order_by("-id")
            .annotate(entered=Subquery(entered))
            .values_list("entered", "on")[:MEDIAN_SAMPLE]
        ):
            try:
                if since is not None:
                    days.append(max(calendar.workdays_between(since, left_on), 0))
            except MissingYearError:
                continue  # a move before the calendar's first year: its time is unknown
        spent.append(days)
    return spent


def funnel(user: User | AnonymousUser) -> Funnel:
    """The funnel over the leads the user reads: reached, converted, conversion and median working days per
    stage; the lost reasons (Pareto); 签约率 and 落地率.

    The counts are the database's: a lead has reached a stage when the furthest stage it entered is that one or a
    later one, the open leads stand in their current stage, the ended ones count under their reason — two
    grouped queries whatever the number of leads and moves. The median working days in a stage are taken from a
    sample: the last ``MEDIAN_SAMPLE`` moves recorded out of the stage (a move to another stage, not a pause or a
    resumption), each against the day its lead had entered the stage. Working days need the work calendar,
    which the database does not hold, so each pair of days is counted in Python; the sample bounds that work
    (and the lookups of the entering day) whatever the history, and a median of the latest thousand is what the
    bureau asks about — how long a stage takes now. Below the sample size the median is that of every lead
    that moved on, as ``pipeline.funnel`` counts it on the leads' paths; a stage left for a stage since
    deactivated counts up to that move."""
    stages = list(LeadStage.objects.filter(is_active=True))
    scope = lead_list(user)
    calendar = calendar_services.current_calendar()
    position = {stage.pk: n for n, stage in enumerate(stages)}
    current = [0] * len(stages)
    lost: dict[str, int] = defaultdict(int)
    leads = 0
    for status, stage_id, reason, n in (
        scope.order_by().values_list("status", "stage_id", "stop_reason__name").annotate(n=Count("pk"))
    ):
        leads += n
        if status == LeadStatus.ACTIVE and stage_id in position:
            current[position[stage_id]] += n
        elif status == LeadStatus.ENDED and reason:
            lost[reason] += n
    rows = pipeline.funnel_rows(
        [s.code for s in stages], _reached(scope, stages), current, _spent(scope, stages, calendar)
    )
    reached = {
        stage.milestone: row.reached for stage, row in zip(stages, rows, strict=True) if stage.milestone
    }
    return Funnel(
        list(zip(stages, rows, strict=True)),
        pipeline.pareto(lost),
        leads,
        reached.get(StageMilestone.SIGNING, 0),
        reached.get(StageMilestone.LANDING, 0),
    )


@dataclass(frozen=True)
class TimelineItem:
    on: dt.date
    kind: str  # "move", "activity", "change"
    item: Any


@dataclass(frozen=True)
class LeadPage:
    lead: Lead
    name: str
    sees_investor: bool
    time: pipeline.Staleness | None
    timeline: list[TimelineItem] = field(default_factory=list)


def lead_page(user: User | AnonymousUser, lead: Lead) -> LeadPage:
    """What the lead's page shows besides its fields: the name shown, time in stage, the timeline (moves,
    activities and — for those who see the investor — change-log entries, newest first). The referral, claim,
    admission and agreements panels read their own (``views.referrals``, ``views.claims``, ``views.admission``,
    ``selectors.agreements``)."""
    reader = viewer(user)
    moves = list(lead.moves.select_related("from_stage", "to_stage", "by"))
    activities = list(lead.activities.select_related("by"))
    sees_investor = reader.sees_investor(lead)
    # the change log names the investor: a reader who may not see it reads the moves and activities only
    entries: list[ChangeLogEntry] = list(changelog.history(lead)[:100]) if sees_investor else []
    timeline = [
        *(TimelineItem(m.on, "move", m) for m in moves),
        *(TimelineItem(a.on, "activity", a) for a in activities),
        *(TimelineItem(timezone.localdate(e.time), "change", e) for e in entries),
    ]
    order = {"move": 0, "activity": 1, "change": 2}
    timeline.sort(key=lambda t: (t.on, -order[t.kind]), reverse=True)
    return LeadPage(
        lead=lead,
        name=reader.shown_name(lead),
        sees_investor=sees_investor,
        time=time_in_stage(lead, timezone.localdate(), calendar_services.current_calendar()),
        timeline=timeline,
    )


def stale_leads(today: dt.date) -> QuerySet[Lead]:
    """Every current lead in progress standing past its stage's expected time (the periodic notice reads it)."""
    return (
        Lead.objects.current()
        .filter(stale_condition(today))
        .select_related("stage", "officer", "team", "responsible_unit")
    )


def stale_audience(leads: list[Lead]) -> dict[int, list[int]]:
    """Lead id → the users told: the responsible officer, else the responsible team's head and members."""
    teams: dict[int, set[int]] = defaultdict(set)
    team_ids = {lead.team_id for lead in leads if lead.officer_id is None and lead.team_id is not None}
    for team_id, member_id in InvestmentTeam.members.through.objects.filter(
        investmentteam_id__in=team_ids
    ).values_list("investmentteam_id", "user_id"):
        teams[team_id].add(member_id)
    for lead in leads:
        if lead.officer_id is None and lead.team is not None and lead.team.head_id is not None:
            teams[lead.team.pk].add(lead.team.head_id)
    return {
        lead.pk: [lead.officer_id]
        if lead.officer_id is not None
        else sorted(teams.get(lead.team_id or 0, ()))
        for lead in leads
    }
