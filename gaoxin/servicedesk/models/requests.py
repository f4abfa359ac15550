"""An enterprise request (企业诉求), the steps it went through, its extension requests and attachments."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any, Self

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gaoxin.accounts.models import Department, User
from gaoxin.core.models import LoggedModel, TimeStampedModel
from gaoxin.enterprises.models import Enterprise
from gaoxin.servicedesk import permissions
from gaoxin.servicedesk import workflow as wf
from gaoxin.servicedesk.choices import (
    Action,
    Channel,
    CloseReason,
    DeadlineName,
    ExtensionDecision,
    Outcome,
    Rating,
    RequestState,
    SupervisionLevel,
    Urgency,
)
from gaoxin.servicedesk.models.policies import Category, SlaPolicy

PUBLIC_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
PUBLIC_ID_LENGTH = 16  # 31**16 ≈ 7·10^23: not guessable


def new_public_id() -> str:
    """The id in a request's address: random, so one enterprise cannot guess another's requests."""
    return "".join(secrets.choice(PUBLIC_ID_ALPHABET) for _ in range(PUBLIC_ID_LENGTH))


def _user(label: Any) -> models.ForeignKey[User | None, User | None]:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


def _moment(label: Any) -> models.DateTimeField[dt.datetime | None, dt.datetime | None]:
    return models.DateTimeField(label, null=True, blank=True)


def _due(label: Any) -> models.DateTimeField[dt.datetime | None, dt.datetime | None]:
    """A derived deadline: computed by the services from the limits and the calendar, never edited."""
    return models.DateTimeField(label, null=True, blank=True, editable=False)


class ServiceRequestQuerySet(models.QuerySet["ServiceRequest"]):
    def for_user(self, user: User | AnonymousUser) -> Self:
        """Administrators, leaders and the centre see every request; a department's officers see those
        dispatched to their department or that it co-handles, and those they recorded; an enterprise contact
        sees only their enterprise's requests."""
        if not isinstance(user, User) or not user.is_active:
            return self.none()
        if user.is_administrator or user.is_leader or permissions.is_centre(user):
            return self
        if user.is_officer and user.department_id is not None:
            co_handled = ServiceRequest.co_departments.through.objects.filter(
                department_id=user.department_id
            )
            return self.filter(
                models.Q(department_id=user.department_id)
                | models.Q(pk__in=co_handled.values("servicerequest_id"))
                | models.Q(submitted_by_id=user.pk)
            )
        if user.is_enterprise_contact:
            return self.filter(enterprise_id=user.enterprise_id)
        return self.none()


class ServiceRequest(LoggedModel, TimeStampedModel):
    public_id = models.CharField(
        _("public id"), max_length=PUBLIC_ID_LENGTH, unique=True, default=new_public_id, editable=False
    )
    number = models.CharField(_("number"), max_length=20, blank=True, db_index=True, editable=False)
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="service_requests"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what is asked"))
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="requests"
    )
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.PORTAL)
    contact_name = models.CharField(_("contact person"), max_length=60, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    visit = models.ForeignKey(
        "servicedesk.Visit",
        verbose_name=_("visit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    submitted_by = _user(_("recorded by"))
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    state = models.CharField(
        _("state"), max_length=20, choices=RequestState.choices, default=RequestState.SUBMITTED, db_index=True
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("handling department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_requests",
    )
    co_departments = models.ManyToManyField(
        Department, verbose_name=_("co-handling departments"), blank=True, related_name="co_handled_requests"
    )
    policy = models.ForeignKey(
        SlaPolicy, verbose_name=_("time-limit policy"), null=True, blank=True, on_delete=models.SET_NULL
    )
    limits = models.JSONField(_("limits"), default=dict, editable=False)
    # the steps, as they happened
    accepted_at = _moment(_("accepted at"))
    accepted_by = _user(_("accepted by"))
    dispatched_at = _moment(_("dispatched at"))
    dispatched_by = _user(_("dispatched by"))
    signed_at = _moment(_("signed at"))
    signed_by = _user(_("signed by"))
    contacted_at = _moment(_("first contact at"))
    interim_at = _moment(_("interim reply at"))
    interim_note = models.TextField(_("interim reply"), blank=True)
    replied_at = _moment(_("replied at"))
    replied_by = _user(_("replied by"))
    reply = models.TextField(_("reply"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    reviewed_at = _moment(_("reviewed at"))
    reviewed_by = _user(_("reviewed by"))
    callback_at = _moment(_("called back at"))
    callback_by = _user(_("called back by"))
    callback_note = models.TextField(_("callback notes"), blank=True)
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices, blank=True)
    rating_comment = models.TextField(_("rating comment"), blank=True)
    rated_at = _moment(_("rated at"))
    closed_at = _moment(_("closed at"))
    closed_by = _user(_("closed by"))
    close_reason = models.CharField(_("close reason"), max_length=20, choices=CloseReason.choices, blank=True)
    close_note = models.TextField(_("close note"), blank=True)
    reopened_at = _moment(_("reopened at"))
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    return_count = models.PositiveSmallIntegerField(_("times returned"), default=0)
    extension_days = models.PositiveSmallIntegerField(_("extension granted (working days)"), default=0)
    supervision_level = models.PositiveSmallIntegerField(
        _("supervision"), choices=SupervisionLevel.choices, default=SupervisionLevel.NONE
    )
    supervision_note = models.TextField(_("supervision note"), blank=True)
    # deadlines, derived
    accept_due = _due(_("accept by"))
    dispatch_due = _due(_("dispatch by"))
    sign_due = _due(_("sign by"))
    return_due = _due(_("return by"))
    contact_due = _due(_("first contact by"))
    interim_due = _due(_("interim reply by"))
    resolve_due = _due(_("resolve by"))
    review_due = _due(_("review by"))
    callback_due = _due(_("call back by"))
    due_at = _due(_("current deadline"))
    due_limit = models.CharField(
        _("current limit"), max_length=20, choices=DeadlineName.choices, blank=True, editable=False
    )
    calendar_missing_year = models.PositiveSmallIntegerField(
        _("calendar year missing"), null=True, blank=True, editable=False
    )
    handling_workdays = models.PositiveSmallIntegerField(
        _("handling time (working days)"), null=True, blank=True, editable=False
    )

    objects = ServiceRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("enterprise request")
        verbose_name_plural = _("enterprise requests")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["due_at"], name="sd_request_due"),
            models.Index(fields=["enterprise", "-received_at"], name="sd_request_enterprise"),
            models.Index(fields=["department", "state"], name="sd_request_department"),
            models.Index(fields=["received_at"], name="sd_request_received"),
            models.Index(
                fields=["calendar_missing_year"],
                condition=models.Q(calendar_missing_year__isnull=False),
                name="sd_request_missing_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number or self.public_id} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.state != RequestState.CLOSED

    @property
    def is_overdue(self) -> bool:
        return self.due_at is not None and self.due_at < timezone.now()

    @property
    def is_urgent(self) -> bool:
        return self.urgency == Urgency.URGENT

    @property
    def signed_on_time(self) -> bool | None:
        if self.signed_at is None or self.sign_due is None:
            return None
        return self.signed_at <= self.sign_due

    @property
    def allowed_actions(self) -> list[str]:
        return wf.allowed_actions(self.state)

    @property
    def public_reply(self) -> str:
        """The reply as the enterprise may read it: only once the centre let it through."""
        return self.reply if wf.published_reply(self.state) else ""


class RequestEvent(models.Model):
    """One step of a request's timeline: what was done, by whom, when, from which state to which. What the
    enterprise sees of it is decided by its action (``workflow.disclose``)."""

    request = models.ForeignKey(
        ServiceRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_state = models.CharField(_("from"), max_length=20, choices=RequestState.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=RequestState.choices)
    at = models.DateTimeField(_("time"), default=timezone.now)
    by = _user(_("by"))
    by_name = models.CharField(_("by"), max_length=150, blank=True)
    by_enterprise = models.BooleanField(_("taken by the enterprise"), default=False)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("request step")
        verbose_name_plural = _("request steps")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["request", "at"], name="sd_event_request")]

    def __str__(self) -> str:
        return f"{self.request_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    @property
    def public(self) -> wf.PublicEntry | None:
        """What the enterprise sees of this step (None: nothing)."""
        return wf.disclose(self.action, self.note, self.data, by_enterprise=self.by_enterprise)


class ExtensionRequest(models.Model):
    request = models.ForeignKey(
        ServiceRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="extensions"
    )
    days = models.PositiveSmallIntegerField(pgettext_lazy("field", "working days"))
    reason = models.TextField(_("grounds"))
    requested_by = _user(_("asked by"))
    requested_at = models.DateTimeField(_("asked at"), default=timezone.now)
    decision = models.CharField(
        _("verdict"), max_length=10, choices=ExtensionDecision.choices, default=ExtensionDecision.PENDING
    )
    decided_by = _user(_("decided by"))
    decided_at = _moment(_("decided at"))
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id} +{self.days}"


def attachment_path(instance: RequestAttachment, filename: str) -> str:
    return f"servicedesk/{timezone.now():%Y/%m}/{secrets.token_hex(8)}-{filename[-80:]}"


class RequestAttachment(LoggedModel, models.Model):
    """A file attached to an enterprise request, by the enterprise or by staff (``workflow.disclose`` decides
    which of them the enterprise sees)."""

    request = models.ForeignKey(
        ServiceRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_by = _user(_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("request attachment")
        verbose_name_plural = _("request attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name
