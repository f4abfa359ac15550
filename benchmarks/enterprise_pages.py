"""enterprise_pages: p95 server time of the enterprise list (filtered, sorted) and detail pages at the large demo.

Target p95 ≤ 150 ms. Reference: the same pages with the selectors' prefetching turned off (no select_related or
prefetch_related, latest years read per row), measured in the same run on the same database. Requests go through
the whole Django stack (middleware, view, template) in-process, logged in as the leader.

    python -m benchmarks.enterprise_pages            # loads the large demo into a scratch SQLite database first
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any
from unittest import mock

from benchmarks.harness import report, setup_django

REQUESTS = 60


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def measure(client: Any, urls: list[str]) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    samples, queries = [], 0
    for url in urls:
        connection.queries_log.clear()  # the log keeps 9,000 entries; a full one would count nothing
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
        queries = max(queries, len(captured))
    return p95(samples) * 1000, queries


@contextmanager
def without_prefetching() -> Any:
    """The selectors as they would be written naively: every relation loaded on access."""
    from gaoxin.enterprises import selectors
    from gaoxin.enterprises.models import Enterprise, EnterpriseYear

    def naive_list(user: Any) -> Any:
        return Enterprise.objects.for_user(user)

    def naive_detail(user: Any, pk: int) -> Any:
        return Enterprise.objects.for_user(user).get(pk=pk)

    def naive_latest(enterprises: list[Any]) -> dict[int, Any]:
        latest = {}
        for e in enterprises:
            row = EnterpriseYear.objects.filter(enterprise_id=e.pk).order_by("-year").first()
            if row is not None:
                latest[e.pk] = row
        return latest

    with (
        mock.patch.object(selectors, "enterprise_list", naive_list),
        mock.patch.object(selectors, "enterprise_detail", naive_detail),
        mock.patch.object(selectors, "latest_years", naive_latest),
    ):
        yield


def main() -> None:
    vendor = setup_django()
    from django.test import Client

    from gaoxin.accounts.models import User
    from gaoxin.demo.loader import load_demo
    from gaoxin.enterprises.models import Enterprise, Park

    if not Enterprise.objects.exists():
        start = time.perf_counter()
        load_demo("large")
        print(f"large demo loaded in {time.perf_counter() - start:.0f} s")
    client = Client()
    client.force_login(User.objects.get(username="leader"))
    rng = random.Random(7)
    parks = list(Park.objects.values_list("code", flat=True))
    list_urls = [
        f"/enterprises/?scale=above_scale&park={rng.choice(parks)}&sort=-credit_code&page={rng.randint(1, 20)}"
        for _ in range(REQUESTS // 2)
    ] + [
        f"/enterprises/?q={q}&sort=name"
        for q in rng.choices(["sl", "示例嘉", "gf", "913304"], k=REQUESTS // 2)
    ]
    ids = list(Enterprise.objects.values_list("id", flat=True))
    detail_urls = [f"/enterprises/{pk}/" for pk in rng.sample(ids, REQUESTS)]
    pages: dict[str, Callable[[], tuple[float, int]]] = {
        "list": lambda: measure(client, list_urls),
        "detail": lambda: measure(client, detail_urls),
    }
    for run in pages.values():  # warm caches once, for both variants alike
        run()
    ours = {name: run() for name, run in pages.items()}
    with without_prefetching():
        naive = {name: run() for name, run in pages.items()}
    for name in pages:
        print(
            f"{name}: p95 {ours[name][0]:.1f} ms with ≤{ours[name][1]} queries; "
            f"without prefetching p95 {naive[name][0]:.1f} ms with up to {naive[name][1]} queries"
        )
    worst = max(ours.values())[0]
    worst_naive = max(naive.values())[0]
    report(
        name="enterprise_pages",
        value=worst,
        unit="ms (p95, worse of list and detail)",
        reference="the same pages with the selectors' prefetching turned off",
        reference_value=worst_naive,
        database=vendor,
        pages={name: {"p95_ms": round(v[0], 1), "queries": v[1]} for name, v in ours.items()},
    )


if __name__ == "__main__":
    main()
