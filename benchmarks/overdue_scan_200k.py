"""overdue_scan_200k: the periodic deadline scan over 200,000 open requests (target ≤ 2 s, SQLite and PostgreSQL).

The scratch database holds 200,000 open requests of 2,000 enterprises, bulk-inserted, in the states of the loop
(70% in progress, 15% awaiting signature, 10% with the centre, 5% replied or awaiting callback), handled by 8
departments of 3 officers plus the centre. Their current deadlines are spread around "now": 5% past (half of
them alerted by an earlier scan already), 2% within the next office day, the rest 1–20 days ahead. So a scan has
about 9,000 new alerts to record and to tell (in-app notifications — a digest for anyone with more than 20 — and
email digests; no robots, which would be network time).

value: ``scan.run_scan`` — one INSERT … SELECT … ON CONFLICT DO NOTHING, then the fan-out of the new alerts — best
of three runs, each rolled back. reference: the naive loop over the same requests in Python: for each open
request, compare its deadline with the horizon, ask the database whether it was alerted, and insert the alert and
each notification one by one; measured in the same run, rolled back too. Both must find the same new alerts.

Run: python -m benchmarks.overdue_scan_200k        (SQLite in a scratch directory)
     GAOXIN_DATABASE_URL=postgres://…/scratch python -m benchmarks.overdue_scan_200k
"""

from __future__ import annotations

import datetime as dt
import os
import random
from typing import Any

from benchmarks.harness import report, setup_django, timed

REQUESTS = 200_000
ENTERPRISES = 2_000
DEPARTMENTS = 8
OFFICERS_PER_DEPARTMENT = 3
SEED = 20251013
NOW = dt.datetime(2025, 10, 13, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))  # Monday after National Day


class Rollback(Exception):
    pass


def populate() -> None:
    from django.db import transaction

    with transaction.atomic():
        _populate()


def _populate() -> None:
    from django.contrib.auth.hashers import make_password

    from gaoxin.accounts.models import Department, User
    from gaoxin.core import bulk
    from gaoxin.enterprises.credit_code import make_code
    from gaoxin.enterprises.models import Enterprise
    from gaoxin.servicedesk.deadlines import NORMAL_LIMITS
    from gaoxin.servicedesk.models import DeadlineAlert, ServiceRequest, new_public_id

    if ServiceRequest.objects.exists():
        raise SystemExit("overdue_scan_200k needs an empty scratch database")
    rng = random.Random(SEED)
    centre = Department.objects.create(code="fuwu", name="企业服务中心", capabilities=["servicedesk"])
    departments = [Department.objects.create(code=f"d{i}", name=f"承办单位{i}") for i in range(DEPARTMENTS)]
    password = make_password("x")
    officers: dict[int, list[int]] = {}
    for department in [centre, *departments]:
        users = User.objects.bulk_create(
            [
                User(username=f"{department.code}-{k}", role="officer", department=department, password=password, email=f"{department.code}-{k}@zone.example")
                for k in range(OFFICERS_PER_DEPARTMENT)
            ]
        )  # fmt: skip
        officers[department.pk] = [u.pk for u in users]
    Enterprise.objects.bulk_create(
        [
            Enterprise(credit_code=make_code(serial=i), name=f"基准企业{i:05d}有限公司")
            for i in range(ENTERPRISES)
        ],
        batch_size=2000,
    )
    enterprise_ids = list(Enterprise.objects.values_list("pk", flat=True))
    category_ids = list(
        ServiceRequest._meta.get_field("category").related_model.objects.values_list("pk", flat=True)
    )  # type: ignore[union-attr]
    template = ServiceRequest(limits=NORMAL_LIMITS.as_json(), title="基准诉求", description="基准诉求内容")
    names = [f.attname for f in ServiceRequest._meta.concrete_fields if f.attname != "id"]
    base = {name: getattr(template, name) for name in names}
    rows, alerted = [], []
    for i in range(REQUESTS):
        draw = rng.random()
        if draw < 0.70:
            state, limit = "in_progress", "resolve"
        elif draw < 0.85:
            state, limit = "dispatched", "sign"
        elif draw < 0.95:
            state, limit = rng.choice([("submitted", "accept"), ("accepted", "dispatch")])
        else:
            state, limit = rng.choice([("replied", "review"), ("awaiting_callback", "callback")])
        where = rng.random()
        if where < 0.05:
            due = NOW - dt.timedelta(hours=rng.uniform(1, 400))
        elif where < 0.07:
            due = NOW + dt.timedelta(hours=rng.uniform(0.1, 5))
        else:
            due = NOW + dt.timedelta(days=rng.uniform(1.5, 20))
        department = (
            rng.choice(departments)
            if state in ("dispatched", "in_progress", "replied", "awaiting_callback")
            else None
        )
        signer = rng.choice(officers[department.pk]) if department and state != "dispatched" else None
        received = due - dt.timedelta(days=10)
        row = {
            **base, "public_id": new_public_id(), "number": f"FW2025{i:06d}", "enterprise_id": rng.choice(enterprise_ids),
            "category_id": rng.choice(category_ids), "received_at": received, "created_at": received, "updated_at": received,
            "state": state, "department_id": department.pk if department else None, "signed_by_id": signer,
            "due_at": due, "due_limit": limit,
        }  # fmt: skip
        rows.append([row[name] for name in names])
        if where < 0.025:
            alerted.append((i, limit, due))
    bulk.insert(ServiceRequest, names, rows)
    ids = dict(ServiceRequest.objects.values_list("number", "pk"))
    earlier = NOW - dt.timedelta(hours=1)
    bulk.insert(
        DeadlineAlert,
        ["request", "limit", "kind", "due_at", "created_at", "batch"],
        [(ids[f"FW2025{i:06d}"], limit, "overdue", due, earlier, "earlier") for i, limit, due in alerted],
    )


def naive_scan() -> tuple[set[tuple[int, str, str]], int]:
    """The reference: request by request in Python, one query per check and per row written; the same
    notifications as the scan (a digest for anyone with more than DIGEST_ABOVE alerts)."""
    from django.urls import reverse

    from gaoxin.accounts.models import User
    from gaoxin.servicedesk import display
    from gaoxin.servicedesk.models import DeadlineAlert, Notification, ServiceRequest
    from gaoxin.servicedesk.scan import (
        ALERT_MSGIDS,
        CENTRE_STATES,
        DIGEST_ABOVE,
        DIGEST_MSGID,
        LIMIT_MSGIDS,
        horizon,
    )

    until = horizon(NOW)
    centre = list(User.objects.filter(department__code="fuwu").values_list("pk", flat=True))
    found = set()
    heard: dict[int, list[tuple[ServiceRequest, str]]] = {}
    for request in ServiceRequest.objects.exclude(state="closed").iterator(chunk_size=5000):
        if request.due_at is None or request.due_at > until:
            continue
        kind = "overdue" if request.due_at <= NOW else "nearing"
        if DeadlineAlert.objects.filter(
            request=request, limit=request.due_limit, kind=kind, due_at=request.due_at
        ).exists():
            continue
        DeadlineAlert.objects.create(
            request=request, limit=request.due_limit, kind=kind, due_at=request.due_at, batch="naive"
        )
        found.add((request.pk, request.due_limit, kind))
        if request.state in CENTRE_STATES or request.department_id is None:
            users = centre
        elif request.signed_by_id is not None:
            users = [request.signed_by_id]
        else:
            users = list(
                User.objects.filter(department_id=request.department_id).values_list("pk", flat=True)
            )
        for user in users:
            heard.setdefault(user, []).append((request, kind))
    notifications = 0
    for user, alerts in heard.items():
        if len(alerts) > DIGEST_ABOVE:
            overdue = sum(1 for _, kind in alerts if kind == "overdue")
            Notification.objects.create(
                recipient_id=user,
                msgid=DIGEST_MSGID,
                params={"count": len(alerts), "overdue": overdue},
                url=reverse("servicedesk:request_list") + "?flag=overdue",
            )
            notifications += 1
            continue
        for request, kind in alerts:
            params = {
                "number": request.number,
                "title": request.title,
                "limit_label": LIMIT_MSGIDS[request.due_limit],
                "due": display.due_text(request.due_at),
            }
            Notification.objects.create(
                recipient_id=user,
                request=request,
                msgid=ALERT_MSGIDS[kind],
                params=params,
                url=reverse("servicedesk:request_detail", args=[request.public_id]),
            )
            notifications += 1
    return found, notifications


def rolled_back(function: Any) -> tuple[float, Any]:
    from django.db import transaction

    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            with transaction.atomic():
                outcome["seconds"], outcome["value"] = timed(function)
                raise Rollback
        except Rollback:
            pass

    run()
    return outcome["seconds"], outcome["value"]


def main() -> None:
    os.environ.setdefault("GAOXIN_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    engine = setup_django()
    import time_machine

    from gaoxin.servicedesk.models import DeadlineAlert
    from gaoxin.servicedesk.scan import run_scan

    seconds, _ = timed(populate)
    print(f"populated {REQUESTS:,} open requests on {engine} in {seconds:.1f} s")
    with time_machine.travel(NOW, tick=False):
        reference_seconds, (expected, expected_notifications) = rolled_back(naive_scan)
        print(f"reference (per-request loop): {reference_seconds:.2f} s, {len(expected):,} new alerts")
        timings = []
        for _attempt in range(3):
            took, result = rolled_back(lambda: run_scan(NOW))
            timings.append(took)
            print(
                f"scan: {took:.3f} s, {result.alerts:,} new alerts, {result.notifications:,} notifications, {result.emails} emails"
            )
        result = run_scan(NOW)
    found = {
        (a.request_id, a.limit, a.kind)
        for a in DeadlineAlert.objects.exclude(batch="earlier").only("request_id", "limit", "kind")
    }
    if found != expected or result.notifications != expected_notifications:
        raise SystemExit(f"the scan and the reference disagree: {len(found ^ expected)} alerts differ")
    report(
        name="overdue_scan_200k",
        value=min(timings),
        unit="s",
        reference="naive per-request Python loop (one query per check and per row)",
        reference_value=reference_seconds,
        engine=engine,
        requests=REQUESTS,
        new_alerts=result.alerts,
        notifications=result.notifications,
    )


if __name__ == "__main__":
    main()
