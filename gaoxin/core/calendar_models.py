"""The stored working-day arrangement of each year, which the administrator keeps up to date.

Imported by ``gaoxin.core.models`` (so the model belongs to the core app); it imports nothing from there, so
either module may be imported first.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.core.logged_model import LoggedModel
from gaoxin.core.workcalendar import YearArrangement


class ArrangementSource(models.TextChoices):
    CHINESECALENDAR = "chinesecalendar", _("State Council arrangement, built-in data")
    ADMINISTRATOR = "administrator", _("Entered by the administrator")


class WorkdayArrangement(LoggedModel, models.Model):
    """One year's days off and make-up workdays (放假调休安排), as published by the State Council."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    holidays = models.JSONField(
        _("days off"), default=list, blank=True, help_text=_("Weekdays off, as ISO dates.")
    )
    makeup_workdays = models.JSONField(
        _("make-up workdays"), default=list, blank=True, help_text=_("Weekend days worked, as ISO dates.")
    )
    holiday_names = models.JSONField(_("holiday names"), default=dict, blank=True)
    source = models.CharField(
        _("source"), max_length=20, choices=ArrangementSource.choices, default=ArrangementSource.ADMINISTRATOR
    )
    estimated = models.BooleanField(
        _("estimate"),
        default=False,
        help_text=_(
            "Entered before the State Council notice was published; plans computed on it are marked until the "
            "official arrangement is entered."
        ),
    )
    note = models.CharField(
        _("notice"), max_length=200, blank=True, help_text=_("The State Council notice it follows.")
    )
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        app_label = "core"
        verbose_name = _("working-day arrangement")
        verbose_name_plural = _("working-day arrangements")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)

    def to_arrangement(self) -> YearArrangement:
        """The pure arrangement; raises ``InvalidArrangementError`` if the stored days contradict each other."""
        return YearArrangement(
            year=self.year,
            holidays=frozenset(dt.date.fromisoformat(d) for d in self.holidays),
            makeup_workdays=frozenset(dt.date.fromisoformat(d) for d in self.makeup_workdays),
            holiday_names={dt.date.fromisoformat(d): name for d, name in self.holiday_names.items()},
        )

    @staticmethod
    def fields_from(arrangement: YearArrangement) -> dict[str, object]:
        """The stored form of a pure arrangement: sorted ISO dates."""
        return {
            "holidays": sorted(d.isoformat() for d in arrangement.holidays),
            "makeup_workdays": sorted(d.isoformat() for d in arrangement.makeup_workdays),
            "holiday_names": {
                d.isoformat(): arrangement.holiday_names[d] for d in sorted(arrangement.holiday_names)
            },
        }
