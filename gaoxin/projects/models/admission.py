"""Admission review (准入评估, 部门联审): a configurable scorecard, the departments' opinions, a decision."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.core.change_display import Codes
from gaoxin.core.models import PLAUSIBLE_DATE, LoggedModel, TimeStampedModel
from gaoxin.projects import default_rules
from gaoxin.projects.choices import ReviewDecision
from gaoxin.projects.models.projects import Project


class AdmissionScorecard(LoggedModel, TimeStampedModel):
    """Criteria with thresholds and points; ``criteria`` is validated by the pure scoring module."""

    name = models.CharField(_("name"), max_length=100)
    criteria = models.JSONField(_("criteria"), default=list)
    pass_score = models.DecimalField(_("score to pass"), max_digits=6, decimal_places=2)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("admission scorecard")
        verbose_name_plural = _("admission scorecards")
        ordering = ["-is_active", "name"]

    def __str__(self) -> str:
        return self.name


def criterion_label(key: str) -> str:
    """The label of a scorecard criterion (the standard scorecard's, else the first scorecard that has it)."""
    for criterion in default_rules.CRITERIA:
        if criterion["key"] == key:
            return str(criterion["label"])
    for criteria in AdmissionScorecard.objects.values_list("criteria", flat=True):
        for criterion in criteria if isinstance(criteria, list) else []:
            if isinstance(criterion, dict) and criterion.get("key") == key and criterion.get("label"):
                return str(criterion["label"])
    return key


class AdmissionReview(LoggedModel, TimeStampedModel):
    change_log_codes = {"values": Codes(criterion_label)}  # the scorecard's criteria by their labels

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="admission_reviews"
    )
    scorecard = models.ForeignKey(
        AdmissionScorecard, verbose_name=_("scorecard"), on_delete=models.PROTECT, related_name="reviews"
    )
    values = models.JSONField(_("values"), default=dict)
    score = models.DecimalField(
        _("score"), max_digits=6, decimal_places=2, null=True, blank=True, editable=False
    )
    breakdown = models.JSONField(_("points by criterion"), default=list, blank=True, editable=False)
    decision = models.CharField(
        _("decision"), max_length=20, choices=ReviewDecision.choices, default=ReviewDecision.PENDING
    )
    decision_note = models.TextField(_("decision note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True, validators=PLAUSIBLE_DATE)

    class Meta:
        verbose_name = _("admission review")
        verbose_name_plural = _("admission reviews")
        ordering = ["project", "-id"]

    def __str__(self) -> str:
        return f"{self.project} · {self.scorecard}"


class AdmissionOpinion(LoggedModel, TimeStampedModel):
    """One department's opinion in the joint review."""

    review = models.ForeignKey(
        AdmissionReview, verbose_name=_("review"), on_delete=models.CASCADE, related_name="opinions"
    )
    department = models.ForeignKey(
        "accounts.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agrees = models.BooleanField(_("agrees"))
    opinion = models.TextField(_("opinion"))

    class Meta:
        verbose_name = _("department opinion")
        verbose_name_plural = _("department opinions")
        ordering = ["review", "id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "department"], name="one_opinion_per_department")
        ]

    def __str__(self) -> str:
        return f"{self.review} · {self.department}"
