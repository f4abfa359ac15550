"""The demo zone's enterprise service: requests that went through the real loop, with true deadlines."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gaoxin.core.models import ChangeLogEntry
from gaoxin.demo.loader import load_demo, wipe_demo
from gaoxin.servicedesk import workflow as wf
from gaoxin.servicedesk.models import RequestEvent, ServiceRequest, Visit
from gaoxin.servicedesk.services import deadlines as sync

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The simulation stops where "now" is, and the tiny demo's 120 requests leave only a few open near it: the test
# loads the demo at a fixed working morning so that which steps have happened is the same whenever it runs.
A_WORKING_MORNING = dt.datetime(2026, 3, 4, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_the_tiny_demo_runs_the_real_loop_and_wipes_clean():
    with time_machine.travel(A_WORKING_MORNING, tick=False):
        load_demo("tiny")
    requests = ServiceRequest.objects.all()
    assert requests.count() > 100
    assert Visit.objects.count() == 60
    states = set(requests.values_list("state", flat=True))
    assert wf.CLOSED in states
    assert len(states) >= 3
    assert requests.filter(reopen_count__gt=0).exists()
    assert requests.filter(extension_days__gt=0).exists()
    assert requests.filter(visit__isnull=False, channel="visit").exists()
    assert requests.filter(enterprise__contacts__username="qiye").exists()  # the portal has something to show
    # loaded in bulk: the only entries are the demo's "created" ones (demo.history), none from the services
    logged = ChangeLogEntry.objects.filter(content_type__app_label="servicedesk")
    assert set(logged.values_list("action", "note").distinct()) == {("create", "示例数据")}
    # every timeline follows the transition table
    for event in RequestEvent.objects.exclude(action="create"):
        assert wf.target(event.action, event.from_state) == event.to_state
    for request in ServiceRequest.objects.prefetch_related("events"):
        events = list(request.events.all())
        assert events[0].action == "create"
        assert events[-1].to_state == request.state
        assert all(a.at <= b.at for a, b in itertools.pairwise(events))
    # refusals are their own step; approvals carry the answer the portal shows; co-handlers add their part
    assert not RequestEvent.objects.filter(action="close_directly", data__reason="not_admissible").exists()
    for approval in RequestEvent.objects.filter(action="approve_reply"):
        assert approval.public is not None
        assert approval.public.text
    assert RequestEvent.objects.filter(action="contribute").exists()
    assert RequestEvent.objects.filter(action="reject_reply").exists()
    # the deadlines are those the services would compute
    for request in ServiceRequest.objects.all():
        stored = [getattr(request, f) for f in sync.DERIVED_FIELDS]
        sync.refresh(request)
        assert [getattr(request, f) for f in sync.DERIVED_FIELDS] == stored
        if request.state == wf.CLOSED:
            assert request.closed_at is not None
            assert request.due_at is None
    # wiping the demo removes the service desk too
    wipe_demo()
    assert not ServiceRequest.objects.exists()
    assert not Visit.objects.exists()


def test_shipped_defaults_come_back_into_an_emptied_database():
    from gaoxin.servicedesk import seeds
    from gaoxin.servicedesk.models import Category, SlaPolicy

    Category.objects.all().delete()  # the policies go with them, or stay for "all categories"
    SlaPolicy.objects.all().delete()
    seeds.ensure_defaults()
    assert [c.name for c in Category.objects.order_by("sort_order")] == [name for _, name in seeds.CATEGORIES]
    assert SlaPolicy.objects.get(category__code="land").resolve_days == seeds.COMPLEX_RESOLVE_DAYS
    assert SlaPolicy.objects.filter(category__isnull=True).count() == 2
