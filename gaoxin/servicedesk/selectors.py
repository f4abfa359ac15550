"""Reads of the service desk, already scoped to what the user may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from gaoxin.accounts.choices import Capability
from gaoxin.accounts.models import Department, User
from gaoxin.core.list_filters import ListFilters
from gaoxin.servicedesk import permissions
from gaoxin.servicedesk import workflow as wf
from gaoxin.servicedesk.choices import Action, RedFlag, RequestState
from gaoxin.servicedesk.models import (
    Attachment,
    Category,
    ExtensionRequest,
    Notification,
    RequestEvent,
    ServiceRequest,
    Visit,
)


def requests_for(user: Any) -> QuerySet[ServiceRequest]:
    """Administrators, leaders and the centre see every request; a department's officers see those dispatched
    to their department or that it co-handles, and those they recorded; an enterprise contact sees only their
    enterprise's requests."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ServiceRequest.objects.none()
    if user.is_administrator or user.is_leader or permissions.is_centre(user):
        return ServiceRequest.objects.all()
    if user.is_officer and user.department_id is not None:
        co_handled = ServiceRequest.co_departments.through.objects.filter(department_id=user.department_id)
        return ServiceRequest.objects.filter(
            Q(department_id=user.department_id)
            | Q(pk__in=co_handled.values("servicerequest_id"))
            | Q(submitted_by_id=user.pk)
        )
    if user.is_enterprise_contact:
        return ServiceRequest.objects.filter(enterprise_id=user.enterprise_id)
    return ServiceRequest.objects.none()


def request_detail(user: Any, public_id: str) -> ServiceRequest:
    """One request with what its page shows; raises ServiceRequest.DoesNotExist when out of scope."""
    events = RequestEvent.objects.select_related("by").order_by("at", "id")
    if not permissions.may_see_internal(user):
        events = events.filter(action__in=wf.PUBLIC_ACTIONS)
    return (
        requests_for(user)
        .select_related(
            "enterprise", "category", "department", "signed_by", "accepted_by", "dispatched_by", "visit"
        )
        .prefetch_related(
            "co_departments",
            Prefetch("events", queryset=events),
            Prefetch(
                "extensions", queryset=ExtensionRequest.objects.select_related("requested_by", "decided_by")
            ),
            Prefetch("attachments", queryset=Attachment.objects.select_related("uploaded_by")),
        )
        .get(public_id=public_id)
    )


@dataclass(frozen=True)
class TimelineRow:
    """One step as the reader may see it: staff read the note, the enterprise what is addressed to it."""

    event: RequestEvent
    action: str  # the step it is shown as
    text: str

    @property
    def label(self) -> str:
        return str(Action(self.action).label)


def timeline(user: Any, request: ServiceRequest) -> list[TimelineRow]:
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


def attachments_for(user: Any, request: ServiceRequest) -> list[Attachment]:
    """The request's files ``user`` may see and download: staff all of them, the enterprise only those
    addressed to it — its own and those sent with the answer (``workflow.disclose``)."""
    files = list(request.attachments.all())
    if permissions.may_see_internal(user):
        return files
    sent = files_sent(request)
    return [a for a in files if a.pk in sent]


OVERDUE_CHOICES = ("overdue", "nearing", "sign_late", "resolve_late", "missing_calendar")


@dataclass(frozen=True)
class RequestFilters(ListFilters):
    q: str = ""
    state: str = ""
    department: str = ""
    category: str = ""
    urgency: str = ""
    channel: str = ""
    flag: str = ""  # one of OVERDUE_CHOICES, or "supervised", "reopened", "extended", "returned"
    month: str = ""  # YYYY-MM of receipt
    year: str = ""
    rating: str = ""
    sort: str = "-received_at"

    SORTS = ("received_at", "due_at", "state", "number", "enterprise__name")
    SORT_KEYS = {"enterprise__name": "enterprise__name_sort"}

    def apply(
        self, requests: QuerySet[ServiceRequest], now: dt.datetime | None = None
    ) -> QuerySet[ServiceRequest]:
        now = now or timezone.now()
        if self.q:
            requests = requests.filter(
                Q(title__icontains=self.q)
                | Q(number__icontains=self.q)
                | Q(enterprise__name__icontains=self.q)
            )
        for name, lookup in (
            ("state", "state"),
            ("department", "department__code"),
            ("category", "category__code"),
            ("urgency", "urgency"),
            ("channel", "channel"),
            ("rating", "rating"),
        ):
            if getattr(self, name):
                requests = requests.filter(**{lookup: getattr(self, name)})
        if self.month:
            try:
                first = dt.date.fromisoformat(f"{self.month}-01")
            except ValueError:
                return requests.none()
            requests = requests.filter(received_at__year=first.year, received_at__month=first.month)
        if self.year:
            requests = (
                requests.filter(received_at__year=self.year) if self.year.isdigit() else requests.none()
            )
        return self._flagged(requests, now).order_by(self.sort_field, "-id")

    def _flagged(self, requests: QuerySet[ServiceRequest], now: dt.datetime) -> QuerySet[ServiceRequest]:
        flag = self.flag
        if flag == "overdue":
            return requests.filter(due_at__lt=now)
        if flag == "nearing":
            return requests.filter(due_at__gte=now, due_at__lt=now + dt.timedelta(days=1))
        if flag == "sign_late":
            return requests.filter(
                Q(signed_at__gt=F("sign_due")) | Q(signed_at__isnull=True, sign_due__lt=now)
            )
        if flag == "resolve_late":
            return requests.filter(
                Q(replied_at__gt=F("resolve_due"))
                | Q(replied_at__isnull=True, resolve_due__lt=now, state=RequestState.IN_PROGRESS)
            )
        if flag == "missing_calendar":
            return requests.filter(calendar_missing_year__isnull=False).exclude(state=RequestState.CLOSED)
        if flag == "supervised":
            return requests.filter(supervision_level__gt=0)
        if flag == "reopened":
            return requests.filter(reopen_count__gt=0)
        if flag == "extended":
            return requests.filter(extension_days__gt=0)
        if flag == "returned":
            return requests.filter(return_count__gt=0)
        if flag == "open":
            return requests.exclude(state=RequestState.CLOSED)
        return requests


def request_list(user: Any, filters: RequestFilters) -> QuerySet[ServiceRequest]:
    return filters.apply(requests_for(user)).select_related(
        "enterprise", "category", "department", "signed_by"
    )


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


def notifications_for(user: Any) -> QuerySet[Notification]:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient_id=user.pk)


def unread_count(user: Any) -> int:
    return notifications_for(user).filter(read_at__isnull=True).count()


@dataclass(frozen=True)
class VisitFilters(ListFilters):
    q: str = ""
    year: str = ""  # blank: this year
    flag: str = ""  # one of the red flags
    sort: str = "-visited_on"

    SORTS = ("visited_on", "enterprise__name", "department__sort_order")
    SORT_KEYS = {"enterprise__name": "enterprise__name_sort"}

    @property
    def the_year(self) -> int:
        return int(self.year) if self.year.isdigit() else timezone.localdate().year

    def apply(self, visits: QuerySet[Visit]) -> QuerySet[Visit]:
        visits = visits.filter(visited_on__year=self.the_year)
        if self.flag in RedFlag.values:
            visits = visits.filter(red_flags__icontains=f'"{self.flag}"')
        if self.q:
            visits = visits.filter(enterprise__name__icontains=self.q)
        return visits.order_by(self.sort_field, "-id")


def visit_list(user: Any, filters: VisitFilters) -> QuerySet[Visit]:
    return (
        filters.apply(visits_for(user))
        .select_related("enterprise", "department")
        .prefetch_related("officers")
    )


def visits_for(user: Any) -> QuerySet[Visit]:
    """Visits are the committee's own notes (red flags included): staff only, never enterprise contacts."""
    if not getattr(user, "is_staff_member", False):
        return Visit.objects.none()
    return Visit.objects.all()
