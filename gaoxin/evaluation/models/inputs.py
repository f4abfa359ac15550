"""Further inputs a scheme declares (flags such as 高新技术企业, vetoes, exemptions), per enterprise and year."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.core.change_display import Codes, Terms
from gaoxin.core.models import PLAUSIBLE_YEAR, LoggedModel, TimeStampedModel
from gaoxin.enterprises.models import Enterprise
from gaoxin.evaluation.models.schemes import active_input_terms


class EvaluationInput(LoggedModel, TimeStampedModel):
    """``values``: {input key: value} with keys as the schemes' ``[inputs]`` name them (``high_tech`` …)."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="evaluation_inputs"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=PLAUSIBLE_YEAR)
    values = models.JSONField(_("values"), default=dict, blank=True)
    change_log_codes = {"values": Codes(terms=Terms(active_input_terms))}  # the inputs by the schemes' labels

    class Meta:
        verbose_name = _("evaluation input")
        verbose_name_plural = _("evaluation inputs")
        ordering = ["-year", "enterprise"]
        constraints = [models.UniqueConstraint(fields=["enterprise", "year"], name="one_input_row_per_year")]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year}"
