from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import BaseValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from gaoxin.core.json_encoding import ChangeEncoder
from gaoxin.core.logged_model import LoggedModel  # noqa: F401  (defined apart: calendar_models uses it too)

# What numbers and dates may mean, declared once per column as its validators: forms and the API check them
# through the model field, imports through ``core.field_limits`` (which adds what the column can store).
NON_NEGATIVE = [MinValueValidator(Decimal(0))]
# One firm's or one project's figure in 万元 (or 亩, tce …) for a year: below 10^9 (ten trillion yuan).
AMOUNT_LIMIT = Decimal(10**9)
PLAUSIBLE_AMOUNT = [MinValueValidator(Decimal(0)), MaxValueValidator(AMOUNT_LIMIT)]
PERCENT_POINTS = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]
FIRST_YEAR = 1949
FIRST_DAY = dt.date(1949, 10, 1)
YEARS_AHEAD = 10


def last_plausible_year() -> int:
    """The latest year data may concern: ten years from now (plans run ahead, no further)."""
    return timezone.localdate().year + YEARS_AHEAD


def last_plausible_date() -> dt.date:
    return dt.date(last_plausible_year(), 12, 31)


@deconstructible
class LatestValidator(BaseValidator):
    """A maximum that moves with today (``limit_value`` is a function). Not a MaxValueValidator, so that an API
    schema does not publish today's value as a fixed maximum; ``core.field_limits`` reads it as one."""

    message = _("Ensure this value is less than or equal to %(limit_value)s.")
    code = "max_value"

    def compare(self, a: Any, b: Any) -> bool:
        return bool(a > b)


PLAUSIBLE_YEAR = [MinValueValidator(FIRST_YEAR), LatestValidator(last_plausible_year)]
PLAUSIBLE_DATE = [MinValueValidator(FIRST_DAY), LatestValidator(last_plausible_date)]


def amount(verbose_name: Any, **kwargs: Any) -> models.DecimalField[Decimal | None, Decimal | None]:
    """A non-negative quantity (万元, 万美元, 亩, tce …) below AMOUNT_LIMIT with four decimals, blank when unknown."""
    return models.DecimalField(
        verbose_name,
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        validators=PLAUSIBLE_AMOUNT,
        **kwargs,
    )


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class ChangeAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")


class ChangeLogEntry(models.Model):
    """One create, update or delete of one object, written by the change log mechanism (``core.changelog``)."""

    time = models.DateTimeField(_("time"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="changes",
    )
    user_name = models.CharField(_("user name"), max_length=150, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("object type"))
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    action = models.CharField(_("action"), max_length=10, choices=ChangeAction.choices)
    changes = models.JSONField(_("changes"), default=dict, blank=True, encoder=ChangeEncoder)
    # field → [old name, new name] of the objects a changed foreign key pointed at, as they were named when
    # the change was made (so that the log still names an object deleted since)
    labels = models.JSONField(_("names of referenced objects"), default=dict, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("change log entry")
        verbose_name_plural = _("change log")
        ordering = ["-time", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-time"])]

    def __str__(self) -> str:
        return f"{self.time:%Y-%m-%d %H:%M} {self.get_action_display()} {self.object_repr}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """A long piece of work done by the background worker, with the progress shown to the user who started it."""

    id = models.UUIDField(primary_key=True)
    kind = models.CharField(_("kind"), max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), null=True, on_delete=models.SET_NULL
    )
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    message = models.TextField(_("message"), blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # The worker's sign of life, renewed by every progress report; a running job whose heartbeat is older than
    # the lease (settings.JOB_LEASE_MINUTES) has lost its worker (core.jobs.expire_stale).
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "heartbeat_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.id}"

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0

    @property
    def counts(self) -> str:
        """The progress line's count, with thousands separators: "1,500 / 20,000"."""
        return f"{self.done:,} / {self.total:,}"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)


from gaoxin.core.calendar_models import WorkdayArrangement  # noqa: E402, F401  (the model lives there)
