"""Deadline alerts (one per request, limit, kind and deadline: never twice), in-app notifications, and the
group robots (DingTalk, WeCom) of each department."""

from __future__ import annotations

from typing import Self

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

from gaoxin.accounts.models import Department, User
from gaoxin.core.message_text import translated
from gaoxin.core.messages import Message
from gaoxin.core.models import LoggedModel, TimeStampedModel
from gaoxin.servicedesk.choices import AlertKind, DeadlineName, RobotKind
from gaoxin.servicedesk.models.requests import ServiceRequest


class DeadlineAlert(models.Model):
    """The scan found a request nearing or past one of its deadlines. Unique, so that running the scan again
    (or two scans at once) never alerts twice; a new deadline (after an extension) may be alerted afresh."""

    request = models.ForeignKey(
        ServiceRequest, verbose_name=gettext_lazy("request"), on_delete=models.CASCADE, related_name="alerts"
    )
    limit = models.CharField(gettext_lazy("limit"), max_length=20, choices=DeadlineName.choices)
    kind = models.CharField(gettext_lazy("kind"), max_length=10, choices=AlertKind.choices)
    due_at = models.DateTimeField(gettext_lazy("deadline"))
    created_at = models.DateTimeField(gettext_lazy("created at"), default=timezone.now)
    batch = models.CharField(gettext_lazy("scan"), max_length=32, db_index=True, editable=False)

    class Meta:
        verbose_name = gettext_lazy("deadline alert")
        verbose_name_plural = gettext_lazy("deadline alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "limit", "kind", "due_at"], name="one_alert_per_deadline"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request_id} {self.limit} {self.kind}"


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_user(self, user: User | AnonymousUser) -> Self:
        """Each user sees their own notifications only."""
        return self.filter(recipient_id=user.pk) if isinstance(user, User) else self.none()


class Notification(models.Model):
    """A message to one user in the application; the text is a msgid with parameters, translated when shown."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    request = models.ForeignKey(
        ServiceRequest,
        verbose_name=gettext_lazy("request"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    msgid = models.TextField(gettext_lazy("message"))
    params = models.JSONField(gettext_lazy("parameters"), default=dict, blank=True)
    url = models.CharField(gettext_lazy("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(gettext_lazy("created at"), default=timezone.now)
    read_at = models.DateTimeField(gettext_lazy("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("notification")
        verbose_name_plural = gettext_lazy("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="sd_notification_unread")]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The message in the active language (parameters that are msgids themselves are translated too)."""
        params = {
            k: Message(v) if k.endswith("_label") and isinstance(v, str) else v
            for k, v in self.params.items()
        }
        return translated(Message(self.msgid, params))


class RobotWebhook(LoggedModel, TimeStampedModel):
    """A department's group robot: alerts about its requests are posted there.

    DingTalk: the webhook address with its ``access_token``, and the signing secret (SEC…) when the robot uses
    “加签” security. WeCom: the webhook address with its ``key``; WeCom robots have no signing secret.
    """

    change_log_secret_fields = ("secret",)

    department = models.ForeignKey(
        Department, verbose_name=gettext_lazy("department"), on_delete=models.CASCADE, related_name="robots"
    )
    kind = models.CharField(gettext_lazy("kind"), max_length=10, choices=RobotKind.choices)
    url = models.URLField(gettext_lazy("webhook address"), max_length=500)
    secret = models.CharField(gettext_lazy("signing secret"), max_length=200, blank=True)
    is_active = models.BooleanField(gettext_lazy("active"), default=True)

    class Meta:
        verbose_name = gettext_lazy("group robot")
        verbose_name_plural = gettext_lazy("group robots")
        ordering = ["department__sort_order", "kind"]

    def __str__(self) -> str:
        return f"{self.department} · {self.get_kind_display()}"
