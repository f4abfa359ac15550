"""The project office's settings of the module's documents and checks (the latest row is in force)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import LoggedModel, TimeStampedModel


class SpendingBeforeStart(models.TextChoices):
    WARN = "warn", _("Accept with a warning")
    REFUSE = "refuse", _("Refuse")


class OfficeSettings(LoggedModel, TimeStampedModel):
    """Who issues the module's documents, and how spending reported before construction started is treated."""

    issuing_body = models.CharField(
        _("issuing body"),
        max_length=100,
        blank=True,
        help_text=_(
            "Printed on the project card, the monthly bulletin and the meeting lists, e.g. the zone's "
            "major-projects office."
        ),
    )
    spending_before_start = models.CharField(
        _("investment reported before construction started"),
        max_length=10,
        choices=SpendingBeforeStart.choices,
        default=SpendingBeforeStart.WARN,
    )

    class Meta:
        verbose_name = _("settings of the project office")
        verbose_name_plural = _("settings of the project office")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.issuing_body or "—"
