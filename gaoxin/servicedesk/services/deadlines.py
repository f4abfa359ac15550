"""Keep a request's stored deadlines in step with its state, its limits and the working-day calendar."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q

from gaoxin.core import calendar_services
from gaoxin.core.workcalendar import MissingYearError, WorkCalendar
from gaoxin.servicedesk import deadlines as dl
from gaoxin.servicedesk.choices import RequestState, Urgency
from gaoxin.servicedesk.models import ServiceRequest, SlaPolicy

DUE_FIELDS = {name: f"{name}_due" for name in dl.DEADLINE_NAMES}
DERIVED_FIELDS = (*DUE_FIELDS.values(), "due_at", "due_limit", "calendar_missing_year")


def policy_for(category_id: int | None, urgency: str) -> SlaPolicy | None:
    """The category's own policy for the urgency, else the default policy of that urgency."""
    policies = {
        p.category_id: p
        for p in SlaPolicy.objects.filter(
            Q(category_id=category_id) | Q(category__isnull=True), urgency=urgency
        )
    }
    return policies.get(category_id) or policies.get(None)


def limits_for(category_id: int | None, urgency: str) -> tuple[SlaPolicy | None, dl.Limits]:
    policy = policy_for(category_id, urgency)
    if policy is not None:
        return policy, policy.limits()
    return None, dl.URGENT_LIMITS if urgency == Urgency.URGENT else dl.NORMAL_LIMITS


def facts_of(request: ServiceRequest) -> dl.Facts:
    return dl.Facts(
        state=request.state,
        received_at=request.received_at,
        accepted_at=request.accepted_at,
        dispatched_at=request.dispatched_at,
        signed_at=request.signed_at,
        contacted_at=request.contacted_at,
        interim_at=request.interim_at,
        replied_at=request.replied_at,
        reviewed_at=request.reviewed_at,
        callback_at=request.callback_at,
        reopened_at=request.reopened_at,
        extension_days=request.extension_days,
    )


def refresh(request: ServiceRequest, calendar: WorkCalendar | None = None) -> None:
    """Recompute the deadlines on the instance (not saved). Closed requests keep their deadlines for the
    metrics but work against none."""
    calendar = calendar or calendar_services.current_calendar()
    result = dl.compute(facts_of(request), dl.Limits.from_json(request.limits), calendar)
    for name, field in DUE_FIELDS.items():
        setattr(request, field, result.values.get(name))
    request.due_limit = result.active
    request.due_at = result.active_due
    request.calendar_missing_year = result.missing_year if request.state != RequestState.CLOSED else None


def handling_workdays(request: ServiceRequest, closed_at: dt.datetime, calendar: WorkCalendar) -> int | None:
    try:
        return calendar.elapsed_workdays(request.received_at, closed_at)
    except MissingYearError:
        return None


def recompute_open(*, batch: int = 2000) -> int:
    """Recompute the deadlines of the open requests (after the calendar changed); returns how many changed."""
    calendar = calendar_services.current_calendar()
    changed = 0
    pending: list[ServiceRequest] = []
    requests = ServiceRequest.objects.exclude(state=RequestState.CLOSED).order_by("pk")
    for request in requests.iterator(chunk_size=batch):
        before = tuple(getattr(request, f) for f in DERIVED_FIELDS)
        refresh(request, calendar)
        if tuple(getattr(request, f) for f in DERIVED_FIELDS) != before:
            pending.append(request)
        if len(pending) >= batch:
            changed += _store(pending)
    changed += _store(pending)
    return changed


def _store(requests: list[ServiceRequest]) -> int:
    count = len(requests)
    if requests:
        with transaction.atomic():
            ServiceRequest.objects.bulk_update(requests, DERIVED_FIELDS, batch_size=500)
        requests.clear()
    return count
