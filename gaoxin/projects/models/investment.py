"""Investment: each year's plan, the monthly plan and completion reported by the responsible unit, and the
configurable traffic-light rule (DOMAIN §4.3)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import PERCENT_POINTS, PLAUSIBLE_YEAR, LoggedModel, TimeStampedModel, amount
from gaoxin.projects.models.projects import Project

MONTHS = [MinValueValidator(1), MaxValueValidator(12)]


class InvestmentPlan(LoggedModel, TimeStampedModel):
    """A project's planned investment for one year (年度计划投资, 万元)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="investment_plans"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=PLAUSIBLE_YEAR)
    amount = amount(_("annual planned investment (10k yuan)"))

    class Meta:
        verbose_name = _("annual investment plan")
        verbose_name_plural = _("annual investment plans")
        ordering = ["project", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="one_investment_plan_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}"


def _running_total(verbose_name: Any) -> models.DecimalField[Decimal, Decimal]:
    """A cumulative amount (万元) derived from the reports, never entered."""
    return models.DecimalField(
        verbose_name, max_digits=18, decimal_places=4, default=Decimal(0), editable=False
    )


class MonthlyReport(LoggedModel, TimeStampedModel):
    """One month of a project: planned and completed investment (万元) and the physical progress, with the
    cumulative figures through the month (本年累计, 开工以来累计)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="monthly_reports"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=PLAUSIBLE_YEAR)
    month = models.PositiveSmallIntegerField(_("month"), validators=MONTHS)
    planned = amount(_("planned investment (10k yuan)"))
    completed = amount(_("completed investment (10k yuan)"))
    physical_progress = models.TextField(_("physical progress"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    # Derived, kept by services.progress.store_reports (the only write path) so that a month's figures of
    # every project are one row each instead of a sum over every earlier report.
    ytd_completed = _running_total(_("completed this year through this month (10k yuan)"))
    since_start_completed = _running_total(_("completed since the start through this month (10k yuan)"))

    class Meta:
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        ordering = ["project", "year", "month"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year", "month"], name="one_report_per_project_month")
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}-{self.month:02d}"


class LightRule(LoggedModel, TimeStampedModel):
    """The traffic-light rule in force (the latest row); defaults are the rule of DOMAIN §4.3."""

    yellow_gap = models.DecimalField(
        _("yellow when behind time progress by (points)"),
        max_digits=5,
        decimal_places=1,
        default=Decimal(10),
        validators=PERCENT_POINTS,
    )
    red_gap = models.DecimalField(
        _("red when behind time progress by more than (points)"),
        max_digits=5,
        decimal_places=1,
        default=Decimal(30),
        validators=PERCENT_POINTS,
    )
    start_late_red_months = models.PositiveSmallIntegerField(
        _("red when the planned start is missed by (months)"), default=3
    )

    class Meta:
        verbose_name = _("traffic-light rule")
        verbose_name_plural = _("traffic-light rules")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.yellow_gap}/{self.red_gap}/{self.start_late_red_months}"
