"""Reads of the service desk, already scoped to what the user may see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db.models import Avg, Count, F, Model, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404

from gaoxin.accounts.choices import Capability
from gaoxin.accounts.models import Department, User
from gaoxin.enterprises import selectors as enterprise_selectors
from gaoxin.servicedesk import coverage, metrics, permissions
from gaoxin.servicedesk import workflow as wf
from gaoxin.servicedesk.choices import Action, CloseReason, Outcome, Rating, RequestState
from gaoxin.servicedesk.models import (
    Category,
    DepartmentHead,
    EnterpriseOfficer,
    ExtensionRequest,
    Notification,
    RequestAttachment,
    RequestEvent,
    RobotWebhook,
    ServiceRequest,
    SlaPolicy,
    Visit,
    VisitPlan,
)

SettingT = TypeVar("SettingT", bound=Model)


def _events(user: User) -> QuerySet[RequestEvent]:
    """A request's steps in order: all of them for staff, those addressed to the enterprise otherwise."""
    events = RequestEvent.objects.order_by("at", "id")
    if not permissions.may_see_internal(user):
        events = events.filter(action__in=wf.PUBLIC_ACTIONS)
    return events


def request_detail(user: User, public_id: str) -> ServiceRequest:
    """One request with what its page shows; Http404 when out of scope."""
    found = (
        ServiceRequest.objects.for_user(user)
        .select_related(
            "enterprise", "category", "department", "signed_by", "accepted_by", "dispatched_by", "visit"
        )
        .prefetch_related(
            "co_departments",
            Prefetch("events", queryset=_events(user).select_related("by")),
            Prefetch(
                "extensions", queryset=ExtensionRequest.objects.select_related("requested_by", "decided_by")
            ),
            Prefetch("attachments", queryset=RequestAttachment.objects.select_related("uploaded_by")),
        )
        .filter(public_id=public_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class TimelineRow:
    """One step as the reader may see it: staff read the note, the enterprise what is addressed to it."""

    event: RequestEvent
    action: str  # the step it is shown as
    text: str

    @property
    def label(self) -> str:
        return str(Action(self.action).label)


def timeline(user: User, request: ServiceRequest) -> list[TimelineRow]:
    """The request's steps (prefetched by ``request_detail``) as ``user`` may read them."""
    if permissions.may_see_internal(user):
        return [TimelineRow(e, e.action, e.note) for e in request.events.all()]
    return [
        TimelineRow(e, public.action, public.text)
        for e in request.events.all()
        if (public := e.public) is not None
    ]


def files_sent(request: ServiceRequest) -> frozenset[int]:
    """The ids of the request's files addressed to the enterprise (events prefetched by ``request_detail``)."""
    return wf.disclosed_files(e.public for e in request.events.all())


def attachments_for(user: User | AnonymousUser, request: ServiceRequest) -> list[RequestAttachment]:
    """The request's files ``user`` may see and download: staff all of them, the enterprise only those
    addressed to it — its own and those sent with the answer (``workflow.disclose``)."""
    files = list(request.attachments.all())
    if permissions.may_see_internal(user):
        return files
    sent = files_sent(request)
    return [a for a in files if a.pk in sent]


def request_list(user: User | AnonymousUser) -> QuerySet[ServiceRequest]:
    """The requests ``user`` may see, with what the list (and its export) shows of each."""
    return ServiceRequest.objects.for_user(user).select_related(
        "enterprise", "category", "department", "signed_by"
    )


def request_export(user: User | AnonymousUser) -> QuerySet[ServiceRequest]:
    """The list's requests with their co-handling departments, which its spreadsheet shows
    (``filters.RequestFilterSet`` filters them)."""
    return request_list(user).prefetch_related("co_departments")


def request_api(user: User, *, detail: bool) -> QuerySet[ServiceRequest]:
    """The requests of the API: the list's, with the co-handling departments and, for one request, its steps
    as the reader may read them."""
    requests = request_export(user)
    if detail:
        requests = requests.prefetch_related(Prefetch("events", queryset=_events(user)), "attachments")
    return requests


def filter_choices() -> dict[str, Any]:
    return {
        "departments": list(Department.objects.filter(is_active=True)),
        "categories": list(Category.objects.filter(is_active=True)),
    }


def centre_users() -> QuerySet[User]:
    """The officers of departments that hold the service desk."""
    centre = [d.pk for d in Department.objects.all() if d.holds(Capability.SERVICEDESK)]
    return User.objects.filter(is_active=True, role="officer", department_id__in=centre)


def department_users(department_id: int | None) -> QuerySet[User]:
    if department_id is None:
        return User.objects.none()
    return User.objects.filter(is_active=True, role="officer", department_id=department_id)


def co_department_users(request: ServiceRequest) -> QuerySet[User]:
    """The officers of a request's co-handling departments (协办单位)."""
    return User.objects.filter(
        is_active=True, role="officer", department__in=request.co_departments.values("pk")
    )


def email_addresses(user_ids: Iterable[int]) -> dict[int, str]:
    """The e-mail address of each of these users who has one, by id."""
    users = User.objects.filter(pk__in=list(user_ids)).exclude(email="")
    return dict(users.values_list("pk", "email"))


def active_robots(department_ids: Iterable[int]) -> QuerySet[RobotWebhook]:
    """The active group robots of these departments."""
    return RobotWebhook.objects.filter(is_active=True, department_id__in=list(department_ids))


def notification_list(user: User | AnonymousUser) -> QuerySet[Notification]:
    return Notification.objects.for_user(user)


def unread_count(user: User | AnonymousUser) -> int:
    return Notification.objects.for_user(user).filter(read_at__isnull=True).count()


def notification_url(user: User, pk: int) -> str | None:
    """Where one of the user's notifications points (None when it is not theirs)."""
    return Notification.objects.for_user(user).filter(pk=pk).values_list("url", flat=True).first()


def visit_list(user: User) -> QuerySet[Visit]:
    """The visits ``user`` may see, with what the list (and its export) shows of each."""
    return (
        Visit.objects.for_user(user).select_related("enterprise", "department").prefetch_related("officers")
    )


def visit(user: User, pk: int) -> Visit:
    """One visit with its enterprise; Http404 out of scope."""
    return get_object_or_404(Visit.objects.for_user(user).select_related("enterprise"), pk=pk)


def visit_detail(user: User, pk: int) -> Visit:
    """One visit with what its page shows; Http404 out of scope."""
    found = (
        Visit.objects.for_user(user)
        .select_related("enterprise", "department", "created_by")
        .prefetch_related("officers")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def visit_requests(user: User, visit: Visit) -> QuerySet[ServiceRequest]:
    """The requests raised from a visit that ``user`` may see."""
    return ServiceRequest.objects.for_user(user).filter(visit=visit).select_related("category")


def open_plan(user: User, pk: str) -> VisitPlan | None:
    """A visit plan not yet done, named by its id in the query string (None when there is none)."""
    if not pk.isdigit():
        return None
    return (
        VisitPlan.objects.for_user(user)
        .select_related("enterprise")
        .filter(pk=pk, visit__isnull=True)
        .first()
    )


def plan_list(user: User) -> QuerySet[VisitPlan]:
    """The visit plans ``user`` may see, those not done first (``filters.PlanFilterSet`` narrows them)."""
    plans = VisitPlan.objects.for_user(user).select_related("officer", "enterprise", "visit")
    return plans.order_by("visit_id", "planned_on")


def plan_years(user: User) -> list[int]:
    return [d.year for d in VisitPlan.objects.for_user(user).dates("planned_on", "year")]


def visit_coverage(user: User, year: int) -> dict[str, Any]:
    """The share of the operating enterprises visited in ``year`` by the visits ``user`` sees: overall, by
    department and by officer (``coverage.coverage``)."""
    in_year = Visit.objects.for_user(user).filter(visited_on__year=year).order_by()
    counts = {"n": Count("id", distinct=True), "e": Count("enterprise", distinct=True)}
    overall = in_year.aggregate(
        visits=Count("id", distinct=True), enterprises=Count("enterprise", distinct=True)
    )
    departments = (
        in_year.values("department__code", "department__name")
        .annotate(**counts)
        .order_by("-e", "department__code")
    )
    officers = (
        in_year.values(
            "officers__pk", "officers__display_name", "officers__username", "officers__department__name"
        )
        .annotate(**counts)
        .order_by("-e", "officers__username")
    )
    return coverage.coverage(year, enterprise_selectors.operating_count(), overall, departments, officers)


def plan_status(plans: QuerySet[VisitPlan], today: dt.date) -> dict[str, int]:
    """How many of ``plans`` there are, how many are done, and how many are overdue on ``today``."""
    return plans.order_by().aggregate(
        planned=Count("id"),
        done=Count("id", filter=Q(visit__isnull=False)),
        overdue=Count("id", filter=Q(visit__isnull=True, planned_on__lt=today)),
    )


def metrics_requests(user: User) -> QuerySet[ServiceRequest]:
    """The requests the metrics dashboard counts (``filters.MetricsFilterSet`` narrows them)."""
    return ServiceRequest.objects.for_user(user)


def _metric_counts(now: dt.datetime) -> dict[str, Any]:
    """The counts of a ``metrics.MetricRow`` as aggregates (the rates are defined in ``metrics``)."""
    satisfied = [
        Rating.SATISFIED,
        *([Rating.BASICALLY_SATISFIED] if metrics.basic_satisfied_counts() else []),
    ]
    handled = Q(state=RequestState.CLOSED, close_reason=CloseReason.HANDLED)
    return {
        "received": Count("id"),
        "signed": Count("id", filter=Q(signed_at__isnull=False, sign_due__isnull=False)),
        "signed_on_time": Count("id", filter=Q(signed_at__lte=F("sign_due"))),
        "replied": Count("id", filter=handled & Q(replied_at__isnull=False, resolve_due__isnull=False)),
        "replied_on_time": Count("id", filter=handled & Q(replied_at__lte=F("resolve_due"))),
        "rated": Count("id", filter=~Q(rating="")),
        "satisfied": Count("id", filter=Q(rating__in=satisfied)),
        "handled": Count("id", filter=handled),
        "resolved": Count("id", filter=handled & Q(outcome=Outcome.RESOLVED)),
        "avg_workdays": Avg("handling_workdays", filter=Q(state=RequestState.CLOSED)),
        "open": Count("id", filter=~Q(state=RequestState.CLOSED)),
        "overdue": Count("id", filter=Q(due_at__lt=now)),
    }


def metrics_summary(requests: QuerySet[ServiceRequest], now: dt.datetime) -> metrics.MetricRow:
    """The metrics of all of ``requests``, in one query."""
    values = requests.order_by().aggregate(**_metric_counts(now))
    return metrics.MetricRow(key=None, label="", **values)


def metrics_grouped(requests: QuerySet[ServiceRequest], by: str, now: dt.datetime) -> list[metrics.MetricRow]:
    """The metrics of ``requests`` by ``department``, ``category`` or ``month`` (of receipt), in one query."""
    if by == "month":
        query = requests.order_by().annotate(month=TruncMonth("received_at")).values("month")
        rows = query.annotate(**_metric_counts(now)).order_by("month")
        return [metrics.MetricRow(key=r.pop("month").strftime("%Y-%m"), label="", **r) for r in rows]
    key, label = {
        "department": ("department__code", "department__name"),
        "category": ("category__code", "category__name"),
    }[by]
    rows = requests.order_by().values(key, label).annotate(**_metric_counts(now)).order_by(key)
    return [metrics.MetricRow(key=r.pop(key) or "", label=r.pop(label) or "", **r) for r in rows]


def open_received(requests: QuerySet[ServiceRequest]) -> Iterator[dt.datetime]:
    """When each of ``requests`` still open was received (``metrics.backlog`` ages them)."""
    received = requests.exclude(state=RequestState.CLOSED).order_by().values_list("received_at", flat=True)
    return received.iterator(chunk_size=5000)


def received_years(user: User) -> list[int]:
    """The years in which requests ``user`` may see were received, the latest first."""
    received = ServiceRequest.objects.for_user(user).order_by().dates("received_at", "year", order="DESC")
    return [d.year for d in received]


def request_attachment(user: User, public_id: str, pk: int) -> RequestAttachment:
    """One file of a request that ``user`` may see and download (``attachments_for``); Http404 otherwise."""
    found = next((a for a in attachments_for(user, request_detail(user, public_id)) if a.pk == pk), None)
    if found is None:  # not the request's, or an internal file the enterprise does not see
        raise Http404
    return found


def categories() -> QuerySet[Category]:
    return Category.objects.all()


def policies() -> QuerySet[SlaPolicy]:
    return SlaPolicy.objects.select_related("category")


def robots() -> QuerySet[RobotWebhook]:
    return RobotWebhook.objects.select_related("department")


def department_heads() -> QuerySet[DepartmentHead]:
    return DepartmentHead.objects.select_related("department", "user")


def enterprise_officers() -> QuerySet[EnterpriseOfficer]:
    """The enterprises' responsible officers, the latest named first."""
    return EnterpriseOfficer.objects.select_related("enterprise", "officer").order_by("-updated_at", "-id")


def setting(model: type[SettingT], pk: int | None) -> SettingT | None:
    """One row of the service desk's settings to edit (None: a new one); Http404 when there is none."""
    if pk is None:
        return None
    return get_object_or_404(model._default_manager, pk=pk)
