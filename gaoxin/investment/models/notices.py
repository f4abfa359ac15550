"""Notices sent about leads: a stale lead is told once per stay in a stage."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.investment.models.config import LeadStage
from gaoxin.investment.models.leads import Lead


class StaleNotice(models.Model):
    """That the responsible officer or team was told a lead passed its stage's expected time (entered on
    ``stage_since``); a lead that moves, or resumes, and stands too long again is told again."""

    lead = models.ForeignKey(
        Lead, verbose_name=_("lead"), on_delete=models.CASCADE, related_name="stale_notices"
    )
    stage = models.ForeignKey(LeadStage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="+")
    stage_since = models.DateField(_("in this stage since"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("stale-lead notice")
        verbose_name_plural = _("stale-lead notices")
        constraints = [
            models.UniqueConstraint(fields=["lead", "stage", "stage_since"], name="one_stale_notice_per_stay")
        ]

    def __str__(self) -> str:
        return f"{self.lead} · {self.stage} · {self.stage_since}"
