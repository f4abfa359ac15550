"""Admission review (准入评估, 部门联审): a configurable scorecard, the departments' opinions, a decision."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.core.change_display import Codes, Term, Terms
from gaoxin.core.models import PLAUSIBLE_DATE, LoggedModel, TimeStampedModel
from gaoxin.projects.admission_scoring import HIGHER, LOWER, NUMBER, YES_NO
from gaoxin.projects.choices import ReviewDecision
from gaoxin.projects.models.projects import Project, StaffReadQuerySet

CRITERION_PARTS = {  # a criterion of a scorecard (``admission_scoring``), as the scorecard form names them
    "unit": _("Unit"),
    "kind": _("Kind"),
    "direction": _("Direction"),
    "threshold": _("Threshold"),
    "points": _("Points"),
    "veto": _("Veto"),
}
CRITERION_CODES = {
    NUMBER: _("Number against a threshold"),
    YES_NO: _("Yes or no"),
    HIGHER: _("Higher is better"),
    LOWER: _("Lower is better"),
}


class AdmissionScorecard(LoggedModel, TimeStampedModel):
    """Criteria with thresholds and points; ``criteria`` is validated by the pure scoring module."""

    name = models.CharField(_("name"), max_length=100)
    criteria = models.JSONField(_("criteria"), default=list)
    change_log_codes = {  # each criterion by its label
        "criteria": Codes(CRITERION_PARTS, values=CRITERION_CODES, title="label", hidden=frozenset({"key"}))
    }
    pass_score = models.DecimalField(_("score to pass"), max_digits=6, decimal_places=2)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("admission scorecard")
        verbose_name_plural = _("admission scorecards")
        ordering = ["-is_active", "name"]

    def __str__(self) -> str:
        return self.name


def criterion_terms(scorecard: AdmissionScorecard) -> dict[str, Term]:
    """The criteria of a scorecard by their labels, with their units (a review's values, in the change log)."""
    return {
        str(c["key"]): Term(str(c.get("label") or c["key"]), str(c.get("unit") or ""))
        for c in scorecard.criteria
        if isinstance(c, dict) and c.get("key")
    }


class AdmissionReviewQuerySet(StaffReadQuerySet["AdmissionReview"]):
    pass


class AdmissionReview(LoggedModel, TimeStampedModel):
    change_log_codes = {
        "values": Codes(terms=Terms(criterion_terms, of="scorecard"))
    }  # the criteria by label

    project = models.ForeignKey(  # empty when the review judges an investment lead (investment.LeadAdmission)
        Project,
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="admission_reviews",
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
    decision_note = models.TextField(_("decision note"), blank=True)  # the conditions, or the reasons
    meeting_on = models.DateField(  # the joint review meeting (项目联审会) that decided
        _("meeting date"), null=True, blank=True, validators=PLAUSIBLE_DATE
    )
    minutes = models.TextField(_("minutes of the meeting"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True, validators=PLAUSIBLE_DATE)

    objects = AdmissionReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("admission review")
        verbose_name_plural = _("admission reviews")
        ordering = ["project", "-id"]

    def __str__(self) -> str:
        # a lead's review has no project: the lead names it (investment.LeadAdmission)
        return f"{self.project} · {self.scorecard}" if self.project_id is not None else str(self.scorecard)


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
