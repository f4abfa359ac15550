"""Visits to enterprises (走访) and visit plans."""

from __future__ import annotations

from typing import Self

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.accounts.models import Department, User
from gaoxin.core.change_display import Codes
from gaoxin.core.models import PLAUSIBLE_DATE, LoggedModel, TimeStampedModel
from gaoxin.enterprises.models import Enterprise
from gaoxin.servicedesk.choices import RedFlag, VisitTopic


class VisitQuerySet(models.QuerySet["Visit"]):
    def for_user(self, user: User | AnonymousUser) -> Self:
        """Visits are the committee's own notes (red flags included): staff only, never enterprise contacts."""
        return self if isinstance(user, User) and user.is_staff_member else self.none()


class Visit(LoggedModel, TimeStampedModel):
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="visits"
    )
    visited_on = models.DateField(_("visited on"), db_index=True, validators=PLAUSIBLE_DATE)
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("officers"), related_name="visits"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("leading department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
    )
    people_met = models.CharField(_("people met"), max_length=200, blank=True)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    problems = models.TextField(_("problems found"), blank=True)
    red_flags = models.JSONField(_("red flags"), default=list, blank=True)
    change_log_codes = {"topics": Codes(VisitTopic), "red_flags": Codes(RedFlag)}  # by their labels
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-visited_on", "-id"]
        indexes = [models.Index(fields=["enterprise", "-visited_on"], name="sd_visit_enterprise")]

    def __str__(self) -> str:
        return f"{self.visited_on:%Y-%m-%d} {self.enterprise}"


class VisitPlanQuerySet(models.QuerySet["VisitPlan"]):
    def for_user(self, user: User | AnonymousUser) -> Self:
        """Visit plans are staff work, like the visits: never enterprise contacts."""
        return self if isinstance(user, User) and user.is_staff_member else self.none()


class VisitPlan(LoggedModel, TimeStampedModel):
    """An officer's planned visit; done when a visit is linked to it."""

    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.CASCADE,
        related_name="visit_plans",
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="visit_plans"
    )
    planned_on = models.DateField(_("planned for"), db_index=True, validators=PLAUSIBLE_DATE)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    visit = models.OneToOneField(
        Visit, verbose_name=_("visit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="plan"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = VisitPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit plan")
        verbose_name_plural = _("visit plans")
        ordering = ["planned_on", "id"]

    def __str__(self) -> str:
        return f"{self.planned_on:%Y-%m-%d} {self.enterprise}"
