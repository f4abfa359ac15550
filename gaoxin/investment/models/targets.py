"""Yearly targets of investment promotion per unit or team (签约额, 亿元以上项目, 落地, 开工, 到位资金, 实际利用外资)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import PLAUSIBLE_AMOUNT, PLAUSIBLE_YEAR, LoggedModel, TimeStampedModel
from gaoxin.investment.choices import AMOUNT_MEASURES, TargetMeasure
from gaoxin.investment.models.config import InvestmentTeam


class InvestmentTarget(LoggedModel, TimeStampedModel):
    year = models.PositiveSmallIntegerField(_("year"), validators=PLAUSIBLE_YEAR)
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="investment_targets",
    )
    team = models.ForeignKey(
        InvestmentTeam,
        verbose_name=_("investment team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
    )
    measure = models.CharField(_("measure"), max_length=30, choices=TargetMeasure.choices)
    value = models.DecimalField(_("target"), max_digits=18, decimal_places=4, validators=PLAUSIBLE_AMOUNT)

    class Meta:
        verbose_name = _("investment target")
        verbose_name_plural = _("investment targets")
        ordering = ["-year", "department", "team", "measure"]
        constraints = [
            models.CheckConstraint(
                condition=Q(department__isnull=True, team__isnull=False)
                | Q(department__isnull=False, team__isnull=True),
                name="target_of_a_unit_or_a_team",
            ),
            models.UniqueConstraint(
                fields=["year", "department", "measure"],
                condition=Q(team__isnull=True),
                name="one_target_per_unit_measure_year",
            ),
            models.UniqueConstraint(
                fields=["year", "team", "measure"],
                condition=Q(department__isnull=True),
                name="one_target_per_team_measure_year",
            ),
        ]

    @property
    def in_money(self) -> bool:
        """Counted in 万元 or 万美元 (else in projects)."""
        return self.measure in AMOUNT_MEASURES

    def __str__(self) -> str:
        return f"{self.year} {self.department or self.team} {self.get_measure_display()}"
