"""projects_overview: p95 server time of the monthly overview (月度总览) with 5,000 projects and a year of reports.

Target p95 ≤ 200 ms over 100 requests (filtered by unit, stage, light or search, sorted by computed columns, some
unfiltered). Reference: the same page with each project's month figures (completed in the month, YTD, since the
start) summed over all its reports up to the month in one aggregate query — the overview's first version — measured
with the same requests in the same run on the same database; the overview instead reads each project's report of
the month (or its latest earlier one), which carries the cumulative figures. Requests go through the whole Django stack in-process, logged in as
a leader. The query counts of both are printed.

    python -m benchmarks.projects_overview
"""

from __future__ import annotations

import datetime as dt
import random
import re
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from unittest import mock

from benchmarks.harness import report, setup_django

PROJECTS = 5_000
UNITS = 8
REQUESTS = 100
CSRF_TOKEN = re.compile(rb'(?<=X-CSRFToken": ")\w+|(?<=name="csrfmiddlewaretoken" value=")\w+')


@dataclass
class Timings:
    samples: list[float] = field(default_factory=list)
    queries: int = 0  # the most one request made

    @property
    def p95_ms(self) -> float:
        return statistics.quantiles(self.samples, n=20)[-1] * 1000

    @property
    def median_ms(self) -> float:
        return statistics.median(self.samples) * 1000


def timed_get(client: Any, url: str, timings: Timings) -> bytes:
    """GET ``url``; its time and query count (counted by an execute wrapper: no log size limit) go to ``timings``."""
    from django.db import connection

    count = [0]

    def counting(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        start = time.perf_counter()
        response = client.get(url)
        timings.samples.append(time.perf_counter() - start)
    assert response.status_code == 200, (url, response.status_code)
    timings.queries = max(timings.queries, count[0])
    return CSRF_TOKEN.sub(b"", response.content)  # masked anew for every response


def build(year: int, month: int) -> None:
    """5,000 projects over 8 units and every stage, each with an annual plan and the last 12 months reported."""
    from gaoxin.accounts.choices import Role
    from gaoxin.accounts.models import Department, User
    from gaoxin.projects.models import InvestmentPlan, MonthlyReport, Project, Stage

    rng = random.Random(11)
    units = [
        Department.objects.create(code=f"unit{i}", name=f"责任单位{i}", short_name=f"单位{i}", sort_order=i)
        for i in range(UNITS)
    ]
    User.objects.create_user(username="leader", password="x", role=Role.LEADER)
    stages = list(Stage.objects.all())
    projects = [
        Project(
            code=f"XM-{n:05d}",
            name=f"重大项目{n}",
            stage=rng.choice(stages),
            responsible_unit=rng.choice(units),
            total_investment=Decimal(rng.randint(5_000, 200_000)),
            planned_start_on=dt.date(year - 1, rng.randint(1, 12), rng.randint(1, 28)),
            started_on=dt.date(year - 1, 6, 1) if rng.random() < 0.8 else None,
        )
        for n in range(PROJECTS)
    ]
    Project.objects.bulk_create(projects, batch_size=1000)
    plans, reports = [], []
    months = [(year - 1, m) for m in range(month + 1, 13)] + [(year, m) for m in range(1, month + 1)]
    for project in Project.objects.only("pk"):
        plan = Decimal(rng.randint(1_000, 50_000))
        plans.append(InvestmentPlan(project=project, year=year, amount=plan))
        pace = rng.uniform(0.2, 1.3)
        for y, m in months:
            completed = (plan / 12 * Decimal(str(round(pace * rng.uniform(0.5, 1.5), 3)))).quantize(
                Decimal("0.01")
            )
            reports.append(
                MonthlyReport(project=project, year=y, month=m, planned=(plan / 12).quantize(Decimal("0.01")),
                              completed=completed, physical_progress="施工中")
            )  # fmt: skip
    InvestmentPlan.objects.bulk_create(plans, batch_size=2000)
    MonthlyReport.objects.bulk_create(reports, batch_size=2000)


def exact_sum(value: float | Decimal | None) -> Decimal | None:
    """A sum as the driver returns it, made exact: PostgreSQL sums numerics exactly; SQLite sums them as doubles,
    whose error for amounts of four decimals stays far below half a unit of the fourth decimal."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(repr(value)).quantize(Decimal("0.0001"))


def summed_project_months(projects: Any, year: int, month: int) -> list[Any]:
    """The projects with their annual plan and their month figures summed over every report up to the month —
    three queries, as the overview read them before the reports carried their cumulative figures."""
    from django.db.models import Q, Sum

    from gaoxin.projects.models import InvestmentPlan, MonthlyReport
    from gaoxin.projects.selectors import overview

    scope = projects.order_by().values("pk")
    plans = InvestmentPlan.objects.filter(year=year, project__in=scope).values_list("project_id", "amount")
    sums = (
        MonthlyReport.objects.filter(project__in=scope)
        .filter(Q(year__lt=year) | Q(year=year, month__lte=month))
        .values("project_id")
        .annotate(
            month_sum=Sum("completed", filter=Q(year=year, month=month)),
            ytd_sum=Sum("completed", filter=Q(year=year)),
            since_sum=Sum("completed"),
        )
        .values_list("project_id", "month_sum", "ytd_sum", "since_sum")
        .order_by()
    )
    plan_of = {pk: overview._amount(amount) for pk, amount in overview._fetch(plans)}
    sums_of = {pk: tuple(map(exact_sum, figures)) for pk, *figures in overview._fetch(sums)}
    fields = ("pk", "code", "name", "responsible_unit_id", "stage_id", "planned_start_on", "started_on")
    months = []
    for project in overview._fetch(projects.order_by("code").values_list(*fields)):
        completed, ytd, since_start = sums_of.get(project[0], (None, None, None))
        months.append(
            overview.ProjectMonth(
                *project,
                annual_plan=plan_of.get(project[0]),
                month_completed=completed,
                ytd=ytd or Decimal(0),
                since_start=since_start or Decimal(0),
            )
        )
    return months


@contextmanager
def summed() -> Iterator[None]:
    from gaoxin.projects.selectors import overview

    with mock.patch.object(overview, "project_months", summed_project_months):
        yield


def main() -> None:
    vendor = setup_django()
    from django.test import Client

    from gaoxin.accounts.models import Department, User
    from gaoxin.projects import lights
    from gaoxin.projects.models import Project, Stage
    from gaoxin.projects.services.progress import recompute_lights, refresh_running_totals

    year, month = lights.report_month(dt.date.today())
    if not Project.objects.exists():
        start = time.perf_counter()
        build(year, month)
        refresh_running_totals()
        recompute_lights()
        print(
            f"{PROJECTS} projects with 12 monthly reports each built in {time.perf_counter() - start:.0f} s"
        )
    client = Client()
    client.force_login(User.objects.get(username="leader"))
    rng = random.Random(5)
    units = list(Department.objects.filter(code__startswith="unit").values_list("pk", flat=True))
    stages = list(Stage.objects.values_list("code", flat=True))
    sorts = ["-gap", "completion", "-ytd", "light", "unit", "-annual_plan", "name"]
    base = f"/projects/overview/?year={year}&month={month}"
    urls = []
    for i in range(REQUESTS):
        sort = f"&sort={rng.choice(sorts)}"
        kind = i % 4
        if kind == 0:
            urls.append(f"{base}&unit={rng.choice(units)}{sort}&page={rng.randint(1, 10)}")
        elif kind == 1:
            urls.append(
                f"{base}&stage={rng.choice(stages)}&light={rng.choice(['red', 'yellow', 'green'])}{sort}"
            )
        elif kind == 2:
            urls.append(f"{base}&q=XM-0{rng.randint(0, 4)}{sort}")
        else:
            urls.append(f"{base}{sort}&page={rng.randint(1, 100)}")  # every project
    for url in urls[:5]:  # warm caches once, for both variants alike
        timed_get(client, url, Timings())
    ours, reference = Timings(), Timings()
    for url in urls:  # interleaved: both variants meet the same machine
        page = timed_get(client, url, ours)
        with summed():
            assert timed_get(client, url, reference) == page, f"{url}: the reference shows other figures"
    print(
        f"overview: p95 {ours.p95_ms:.1f} ms (median {ours.median_ms:.1f}) over {REQUESTS} requests"
        f" with at most {ours.queries} queries per request"
    )
    print(
        f"reference (figures summed over every report): p95 {reference.p95_ms:.1f} ms"
        f" (median {reference.median_ms:.1f}) over {REQUESTS} requests"
        f" with at most {reference.queries} queries"
    )
    report(
        name="projects_overview",
        value=ours.p95_ms,
        unit="ms (p95 server time)",
        reference="the same page with each month's figures summed over every report up to it",
        reference_value=reference.p95_ms,
        database=vendor,
        projects=PROJECTS,
        queries=ours.queries,
        reference_queries=reference.queries,
        target_ms=200,
    )


if __name__ == "__main__":
    main()
