"""projects_overview: p95 server time of the monthly overview (月度总览) with 5,000 projects and a year of reports.

Target p95 ≤ 200 ms over ≥ 30 requests (filtered by unit, stage, light or search, sorted by computed columns, some
unfiltered). Reference: the same page computed naively — the plan and the report sums read per project — measured
in the same run on the same database (fewer requests: it is slow). Requests go through the whole Django stack
in-process, logged in as a leader. The query counts of both are printed.

    python -m benchmarks.projects_overview
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any
from unittest import mock

from benchmarks.harness import report, setup_django

PROJECTS = 5_000
UNITS = 8
REQUESTS = 40
NAIVE_REQUESTS = 8


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def measure(client: Any, urls: list[str]) -> tuple[float, int]:
    """p95 in ms, and the most queries one request made (counted by an execute wrapper: no log size limit)."""
    from django.db import connection

    samples, queries = [], 0
    count = [0]

    def counting(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        count[0] += 1
        return execute(sql, params, many, context)

    for url in urls:
        count[0] = 0
        with connection.execute_wrapper(counting):
            start = time.perf_counter()
            response = client.get(url)
            samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
        queries = max(queries, count[0])
    return p95(samples) * 1000, queries


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


def naive_investment_sums(projects: Any, year: int, month: int) -> tuple[dict[int, Any], dict[int, Any]]:
    """The figures read project by project, as a first version would."""
    from django.db.models import Q, Sum

    from gaoxin.projects.models import InvestmentPlan, MonthlyReport

    plans, sums = {}, {}
    for pk in projects.values_list("pk", flat=True):
        plan = InvestmentPlan.objects.filter(project_id=pk, year=year).first()
        if plan is not None:
            plans[pk] = plan.amount
        reports = MonthlyReport.objects.filter(project_id=pk).filter(
            Q(year__lt=year) | Q(year=year, month__lte=month)
        )
        figures = reports.aggregate(
            month_completed=Sum("completed", filter=Q(year=year, month=month)),
            ytd=Sum("completed", filter=Q(year=year)),
            since_start=Sum("completed"),
        )
        sums[pk] = (figures["month_completed"], figures["ytd"], figures["since_start"])
    return plans, sums


@contextmanager
def naive() -> Iterator[None]:
    from gaoxin.projects import overview

    with mock.patch.object(overview, "investment_sums", naive_investment_sums):
        yield


def main() -> None:
    vendor = setup_django()
    from django.test import Client

    from gaoxin.accounts.models import Department, User
    from gaoxin.projects import lights
    from gaoxin.projects.models import Project, Stage
    from gaoxin.projects.services.progress import recompute_lights

    year, month = lights.report_month(dt.date.today())
    if not Project.objects.exists():
        start = time.perf_counter()
        build(year, month)
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
    measure(client, urls[:5])  # warm caches once, for both variants alike
    ours, queries = measure(client, urls)
    with naive():
        reference, naive_queries = measure(client, urls[:NAIVE_REQUESTS])
    print(f"overview: p95 {ours:.1f} ms over {REQUESTS} requests with at most {queries} queries per request")
    print(
        f"naive (per-project reads): p95 {reference:.1f} ms over {NAIVE_REQUESTS} requests with up to {naive_queries} queries"
    )
    report(
        name="projects_overview",
        value=ours,
        unit="ms (p95 server time)",
        reference="the same page with the plan and report sums read per project",
        reference_value=reference,
        database=vendor,
        projects=PROJECTS,
        queries=queries,
        reference_queries=naive_queries,
        target_ms=200,
    )


if __name__ == "__main__":
    main()
