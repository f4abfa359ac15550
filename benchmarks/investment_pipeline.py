"""investment_pipeline: p95 server time of the kanban, the leads list and the funnel with 100,000 leads.

The scratch database holds 100,000 leads registered over four years by 8 units of 3 officers, each moved forward
from 线索 as far as its furthest stage (a few skip a stage or go back one), 10% paused and 20% ended for one of the
reasons, about 250,000 moves in all, and 20,000 agreements of the signed leads. Target: p95 ≤ 150 ms per page over
the requests (the kanban with or without the paused and ended leads; the list filtered by stage, status, unit,
size band, stale leads or a search, sorted by several columns and paged; the funnel), with a number of queries
that does not grow with the leads.

Reference: the same pages computed per lead, measured with the same requests in the same run on the same
database — the kanban counting, summing and ordering every lead the reader sees in Python; the list's stale
filter judging each active lead's working days in its stage; the funnel reading every move into Python and
counting each lead's path (``pipeline.funnel``, the funnel's first version). The kanban and list pages of both
must be the same; the funnel's counts must be the same (its median working days are taken over a sample, see
``selectors.pipeline.funnel``, and are printed beside the reference's). Requests go through the whole Django
stack in-process, logged in as an officer of the investment bureau (who reads every lead). Query counts are
printed.

    python -m benchmarks.investment_pipeline                     (SQLite in a scratch directory)
    GAOXIN_DATABASE_URL=postgres://…/scratch python -m benchmarks.investment_pipeline
    GAOXIN_BENCH_SCALE=0.1 python -m benchmarks.investment_pipeline    (a tenth of the data, while developing)
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any
from unittest import mock

from benchmarks.harness import report, setup_django
from benchmarks.projects_overview import Timings, timed_get

SCALE = float(os.environ.get("GAOXIN_BENCH_SCALE", "1"))
LEADS = int(100_000 * SCALE)
AGREEMENTS = int(20_000 * SCALE)
UNITS = 8
OFFICERS_PER_UNIT = 3
REQUESTS = 20  # per page
FIRST_DAY = dt.date(2023, 1, 2)
LAST_DAY = dt.date(2026, 11, 30)
# the share of leads whose furthest stage is each of the 8 default stages (线索 … 转为项目)
FURTHEST = [30, 20, 14, 11, 8, 8, 6, 3]


def build() -> None:
    from django.contrib.auth.hashers import make_password

    from gaoxin.accounts.choices import Role
    from gaoxin.accounts.models import Department, User
    from gaoxin.investment import duplicates
    from gaoxin.investment.choices import LeadStatus, StopKind
    from gaoxin.investment.models import Agreement, Lead, LeadMove, LeadStage, StopReason

    rng = random.Random(13)
    password = make_password("x")
    bureau = Department.objects.create(code="zhaoshang", name="投资促进局", capabilities=["investment"])
    User.objects.create(username="bureau", password=password, role=Role.OFFICER, department=bureau)
    officers: list[tuple[int, int]] = []  # (unit, officer)
    for u in range(UNITS):
        unit = Department.objects.create(code=f"unit{u}", name=f"招商单位{u}", sort_order=u)
        for k in range(OFFICERS_PER_UNIT):
            user = User.objects.create(
                username=f"unit{u}-{k}", password=password, role=Role.OFFICER, department=unit
            )
            officers.append((unit.pk, user.pk))
    stages = list(LeadStage.objects.filter(is_active=True))
    ends = list(StopReason.objects.filter(applies_to__in=[StopKind.END, StopKind.BOTH]))
    pauses = list(StopReason.objects.filter(applies_to__in=[StopKind.PAUSE, StopKind.BOTH]))
    span = (LAST_DAY - FIRST_DAY).days
    leads, paths = [], []
    for n in range(LEADS):
        unit_id, officer_id = rng.choice(officers)
        on = FIRST_DAY + dt.timedelta(days=rng.randrange(span))
        furthest = rng.choices(range(len(stages)), weights=FURTHEST)[0]
        path = [(None, 0, on)]  # (from position, to position, day)
        position = 0
        while position < furthest:
            step = 2 if rng.random() < 0.05 and position + 2 <= furthest else 1
            day = path[-1][2] + dt.timedelta(days=rng.randint(5, 60))
            if day > LAST_DAY:
                break
            path.append((position, position + step, day))
            position += step
            if rng.random() < 0.03 and position > 1:  # back one stage, then on again
                day = day + dt.timedelta(days=rng.randint(3, 20))
                again = day + dt.timedelta(days=rng.randint(3, 20))
                if again <= LAST_DAY:
                    path += [(position, position - 1, day), (position - 1, position, again)]
        status, reason = LeadStatus.ACTIVE, None
        roll = rng.random()
        stop_on = path[-1][2] + dt.timedelta(days=rng.randint(3, 40))
        if roll < 0.3 and stop_on <= LAST_DAY:
            status, reason = (
                (LeadStatus.ENDED, rng.choice(ends))
                if roll < 0.2
                else (LeadStatus.PAUSED, rng.choice(pauses))
            )
            path.append((position, position, stop_on))
        investor = f"基准投资方{n % 60_000:05d}有限公司"
        leads.append(
            Lead(
                code=f"ZS{n:07d}",
                name=f"基准招商项目{n:06d}",
                investor_name=investor,
                investor_key=duplicates.normalised_investor(investor),
                responsible_unit_id=unit_id,
                officer_id=officer_id,
                registered_by_id=officer_id,
                registered_on=on,
                stage=stages[position],
                stage_since=max(d for f, t, d in path if f != t),
                status=status,
                stop_reason=reason,
                total_investment=Decimal(rng.choice([500, 2_000, 8_000, 20_000, 60_000, 150_000, 400_000])),
                is_confidential=rng.random() < 0.05,
                code_name=f"代号{n}",
            )
        )
        paths.append((path, status))
    Lead.objects.bulk_create(leads, batch_size=2000)
    moves = []
    for lead, (path, status) in zip(leads, paths, strict=True):
        for k, (start, to, day) in enumerate(path):
            stop = k == len(path) - 1 and start == to
            moves.append(
                LeadMove(
                    lead_id=lead.pk,
                    from_stage=None if start is None else stages[start],
                    to_stage=stages[to],
                    status=status if stop else LeadStatus.ACTIVE,
                    kind="" if start is None or stop else ("forward" if to == start + 1 else "skip" if to > start else "back"),
                    on=day,
                    reason="",
                )
            )  # fmt: skip
    LeadMove.objects.bulk_create(moves, batch_size=5000)
    signing = next(n for n, stage in enumerate(stages) if stage.milestone == "signing")
    signed = [lead for lead in leads if stages.index(lead.stage) >= signing]
    agreements = []
    for n in range(AGREEMENTS):
        lead = signed[n % len(signed)]
        agreements.append(
            Agreement(
                lead_id=lead.pk,
                title=f"{lead.name}投资协议{n // len(signed) + 1}",
                parties=f"管委会\n{lead.investor_name}",
                signed_on=lead.stage_since,
                investor_name=lead.investor_name,
                total_investment=lead.total_investment,
            )
        )
    Agreement.objects.bulk_create(agreements, batch_size=2000)
    print(f"{len(leads)} leads, {len(moves)} moves, {len(agreements)} agreements")


def board_per_lead(user: Any, *, with_stopped: bool = False, per_column: int = 20) -> Any:
    """The kanban counted per lead: every lead the reader sees read, then counted, summed and ordered here."""
    from django.utils import timezone

    from gaoxin.core import calendar_services
    from gaoxin.investment.choices import LeadStatus
    from gaoxin.investment.models import LeadStage
    from gaoxin.investment.selectors import pipeline
    from gaoxin.investment.selectors.leads import lead_list

    today = timezone.localdate()
    statuses = list(LeadStatus) if with_stopped else [LeadStatus.ACTIVE]
    by_stage: dict[int, list[Any]] = defaultdict(list)
    stopped = 0
    for lead in lead_list(user).order_by("stage_since", "id"):
        stopped += lead.status != LeadStatus.ACTIVE
        if lead.status in statuses:
            by_stage[lead.stage_id].append(lead)
    reader = pipeline.viewer(user)
    calendar = calendar_services.current_calendar()
    columns = []
    for stage in LeadStage.objects.filter(is_active=True):
        rows = by_stage[stage.pk]
        amounts = [lead.total_investment for lead in rows if lead.total_investment is not None]
        cards = [
            pipeline.Card(
                lead,
                reader.shown_name(lead),
                lead.investor_name if reader.sees_investor(lead) else "",
                pipeline.time_in_stage(lead, today, calendar),
            )
            for lead in rows[:per_column]
        ]
        columns.append(
            pipeline.Column(stage, len(rows), sum(amounts, Decimal(0)) if amounts else None, cards)
        )
    return pipeline.Board(columns, with_stopped, stopped)


def stale_per_lead(today: dt.date, stages: Any = None) -> Any:
    """The stale filter judged per lead: each active lead's working days in its stage against the expected."""
    from django.db.models import Q

    from gaoxin.core import calendar_services
    from gaoxin.investment.choices import LeadStatus
    from gaoxin.investment.models import Lead
    from gaoxin.investment.selectors import pipeline

    calendar = calendar_services.current_calendar()
    stale = [
        lead.pk
        for lead in Lead.objects.filter(status=LeadStatus.ACTIVE).select_related("stage")
        if (time := pipeline.time_in_stage(lead, today, calendar)) is not None and time.stale
    ]
    return Q(pk__in=stale)


def funnel_from_paths(user: Any) -> Any:
    """The funnel's first version: every move of the leads read into Python, each lead's path counted by
    ``pipeline.funnel``."""
    from gaoxin.core import calendar_services
    from gaoxin.core.workcalendar import MissingYearError
    from gaoxin.investment import pipeline as pure
    from gaoxin.investment.choices import LeadStatus, StageMilestone
    from gaoxin.investment.models import LeadMove, LeadStage
    from gaoxin.investment.selectors import pipeline
    from gaoxin.investment.selectors.leads import lead_list

    stages = list(LeadStage.objects.filter(is_active=True))
    rows = (
        LeadMove.objects.filter(lead__in=lead_list(user).values("pk"))
        .order_by("lead_id", "on", "id")
        .values_list("lead_id", "to_stage__code", "on", "lead__status", "lead__stop_reason__name")
    )
    paths: list[pure.LeadPath] = []
    current, moves, last = None, [], ()
    for row in [*rows.iterator(chunk_size=5000), (None,)]:
        if row[0] != current:
            if current is not None:
                lost = (last[4] or "") if last[3] == LeadStatus.ENDED else ""
                paths.append(pure.LeadPath(current, tuple(moves), last[3] == LeadStatus.ACTIVE, lost))
            current, moves = row[0], []
        if row[0] is None:
            break
        if not moves or moves[-1].stage != row[1]:
            moves.append(pure.Move(row[1], row[2]))
        last = row
    calendar = calendar_services.current_calendar()
    codes = [s.code for s in stages]
    try:
        funnel_rows = pure.funnel(paths, codes, calendar)
    except MissingYearError:
        funnel_rows = pure.funnel([pure.LeadPath(p.lead, p.moves[-1:], p.open, p.lost_reason) for p in paths], codes, calendar)  # fmt: skip
    reached = {s.milestone: r.reached for s, r in zip(stages, funnel_rows, strict=True) if s.milestone}
    return pipeline.Funnel(
        list(zip(stages, funnel_rows, strict=True)),
        pure.lost_reasons(paths),
        len(paths),
        reached.get(StageMilestone.SIGNING, 0),
        reached.get(StageMilestone.LANDING, 0),
    )


@contextmanager
def per_lead() -> Iterator[None]:
    from gaoxin.investment.selectors import pipeline

    with (
        mock.patch.object(pipeline, "board", board_per_lead),
        mock.patch.object(pipeline, "stale_condition", stale_per_lead),
        mock.patch.object(pipeline, "funnel", funnel_from_paths),
    ):
        yield


def counts(funnel: Any) -> tuple[Any, ...]:
    rows = [(stage.code, r.reached, r.converted, r.current, r.conversion) for stage, r in funnel.rows]
    return rows, funnel.lost, funnel.leads, funnel.signed, funnel.landed


def main() -> None:
    vendor = setup_django()
    from django.test import Client

    from gaoxin.accounts.models import Department, User
    from gaoxin.investment.models import Lead, LeadStage
    from gaoxin.investment.selectors import pipeline

    if not Lead.objects.exists():
        start = time.perf_counter()
        build()
        print(f"built in {time.perf_counter() - start:.0f} s")
    user = User.objects.get(username="bureau")
    client = Client()
    client.force_login(user)
    rng = random.Random(5)
    units = list(Department.objects.filter(code__startswith="unit").values_list("pk", flat=True))
    stages = list(LeadStage.objects.values_list("code", flat=True))
    sorts = ["-total_investment", "stage_since", "-next_action_on", "name", "-stage__sort_order", "code"]
    lists = []
    for i in range(REQUESTS):
        sort = f"sort={rng.choice(sorts)}"
        kind = i % 5
        if kind == 0:
            lists.append(f"/investment/leads/?stage={rng.choice(stages)}&status=active&{sort}")
        elif kind == 1:
            lists.append(
                f"/investment/leads/?unit={rng.choice(units)}&size=1bn&{sort}&page={rng.randint(1, 5)}"
            )
        elif kind == 2:
            lists.append(f"/investment/leads/?stale=1&{sort}&page={rng.randint(1, 20)}")
        elif kind == 3:
            lists.append(f"/investment/leads/?q=基准招商项目0{rng.randint(0, 9)}&{sort}")
        else:
            lists.append(f"/investment/leads/?{sort}&page={rng.randint(1, 200)}")
    pages = {
        "kanban": [f"/investment/{'?stopped=1' if i % 2 else ''}" for i in range(REQUESTS)],
        "list": lists,
        "funnel": ["/investment/funnel/"] * REQUESTS,
    }
    ours = {name: Timings() for name in pages}
    reference = {name: Timings() for name in pages}
    for urls in pages.values():  # warm caches once, for both variants alike
        timed_get(client, urls[0], Timings())
    for name, urls in pages.items():
        for url in urls:  # interleaved: both variants meet the same machine
            page = timed_get(client, url, ours[name])
            with per_lead():
                other = timed_get(client, url, reference[name])
            if name != "funnel":
                assert other == page, f"{url}: the reference shows another page"
    sql_funnel = pipeline.funnel(user)
    path_funnel = funnel_from_paths(user)
    assert counts(sql_funnel) == counts(path_funnel), "the funnels count differently"
    for (stage, row), (_stage, other) in zip(sql_funnel.rows, path_funnel.rows, strict=True):
        print(
            f"  {stage.name}: median working days {row.median_workdays} (sample) / {other.median_workdays} (all)"
        )
    for name in pages:
        print(
            f"{name}: p95 {ours[name].p95_ms:.1f} ms (median {ours[name].median_ms:.1f}), at most"
            f" {ours[name].queries} queries; per lead: p95 {reference[name].p95_ms:.1f} ms"
            f" (median {reference[name].median_ms:.1f}), at most {reference[name].queries} queries"
        )
    worst = max(pages, key=lambda name: ours[name].p95_ms)
    report(
        name="investment_pipeline",
        value=ours[worst].p95_ms,
        unit=f"ms (p95 server time, the slowest page: {worst})",
        reference="the same pages computed per lead",
        reference_value=reference[worst].p95_ms,
        database=vendor,
        leads=LEADS,
        agreements=AGREEMENTS,
        p95_ms={name: round(ours[name].p95_ms, 1) for name in pages},
        reference_p95_ms={name: round(reference[name].p95_ms, 1) for name in pages},
        queries={name: ours[name].queries for name in pages},
        reference_queries={name: reference[name].queries for name in pages},
        target_ms=150,
    )


if __name__ == "__main__":
    main()
