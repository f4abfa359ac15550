"""Runs and their stored results; regrades laid over the results by enterprise."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.core.change_display import Codes
from gaoxin.core.models import PLAUSIBLE_DATE, Job, LoggedModel, TimeStampedModel
from gaoxin.enterprises.models import Enterprise, EnterpriseYear
from gaoxin.evaluation.choices import RunStatus
from gaoxin.evaluation.messages import status_label
from gaoxin.evaluation.models.schemes import Scheme


def _user(verbose_name: object, related_name: str = "+") -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,  # type: ignore[arg-type]
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
    )


class EvaluationRun(LoggedModel, TimeStampedModel):
    """One evaluation of one year with one scheme version, from scoring through 公示 to publication."""

    # derived figures, shown on the run's pages, and the job that scores it
    change_log_exclude = ("benchmarks", "summary", "data_check", "job")

    year = models.PositiveSmallIntegerField(_("year"))
    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="runs"
    )
    scheme_name = models.CharField(_("scheme name"), max_length=100)
    scheme_version = models.CharField(_("scheme version"), max_length=40)
    scheme_hash = models.CharField(_("SHA-256 of the scheme"), max_length=64)
    input_fingerprint = models.CharField(_("fingerprint of the input data"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.PENDING
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    message = models.TextField(_("message"), blank=True)
    scored_at = models.DateTimeField(_("scored at"), null=True, blank=True)
    enterprise_count = models.PositiveIntegerField(_("enterprises"), default=0)
    grade_counts = models.JSONField(_("enterprises per grade"), default=dict, blank=True)
    benchmarks = models.JSONField(_("benchmarks"), default=list, blank=True)
    summary = models.JSONField(_("aggregates"), default=dict, blank=True)
    data_check = models.JSONField(_("data check"), default=dict, blank=True)
    publicity_started_at = models.DateTimeField(_("publicity announced at"), null=True, blank=True)
    publicity_started_by = _user(_("publicity started by"))
    publicity_starts_on = models.DateField(
        _("publicity starts on"), null=True, blank=True, validators=PLAUSIBLE_DATE
    )
    publicity_ends_on = models.DateField(
        _("publicity ends on"), null=True, blank=True, validators=PLAUSIBLE_DATE
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = _user(_("approved by"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = _user(_("published by"))
    created_by = _user(_("started by"))
    job = models.ForeignKey(
        Job,
        verbose_name=_("background job"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("evaluation run")
        verbose_name_plural = _("evaluation runs")
        ordering = ["-year", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(status__in=["publicity", "approved", "published"]),
                name="one_public_run_per_year",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """How people name a run: the year, the scheme's title and version, and the day it was scored
        (``2024年度 · 全区亩均效益评价 2024.1 · 2026年12月7日计分``); never its database id."""
        scored = (
            gettext("scored %(date)s") % {"date": date_format(timezone.localtime(self.scored_at).date())}
            if self.scored_at
            else gettext("not scored yet")
        )
        year = gettext("%(year)s (year)") % {"year": self.year}
        return f"{year} · {self.scheme.display_name} {self.scheme_version} · {scored}"

    @property
    def publicity_open(self) -> bool:
        """Objections are taken while the run is in publicity and the window has not closed."""
        if self.status != RunStatus.PUBLICITY or self.publicity_ends_on is None:
            return False
        today = timezone.localdate()
        return (self.publicity_starts_on or today) <= today <= self.publicity_ends_on


class EvaluationResult(models.Model):
    """One enterprise's result in a run, as the engine computed it, plus the grade after regrades.

    ``indicators``: {key: {value, benchmark, minimum?, score, percentile}} for the indicators of the firm's
    group; ``inputs``: the figures the scheme read; ``grade_computed``: the engine's grade (after vetoes);
    ``grade``: the grade in force (a regrade changes it).
    """

    run = models.ForeignKey(
        EvaluationRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="results"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="evaluation_results"
    )
    group = models.CharField(_("group"), max_length=60, blank=True)
    status = models.CharField(_("status"), max_length=20)
    change_log_codes = {
        "status": Codes(status_label),  # the engine's statuses, by their labels
        "inputs": Codes(EnterpriseYear),  # yearly fields by their labels
    }
    rank_partition = models.CharField(_("ranking partition"), max_length=60, blank=True)
    lessor_credit_code = models.CharField(_("lessor"), max_length=18, blank=True)
    indicators = models.JSONField(_("indicators"), default=dict, blank=True)
    inputs = models.JSONField(_("input figures"), default=dict, blank=True)
    base_score = models.FloatField(_("sum of indicator scores"), null=True, blank=True)
    correction = models.FloatField(_("correction factor"), null=True, blank=True)
    adjustments = models.JSONField(_("adjustments"), default=dict, blank=True)
    adjustment_total = models.FloatField(_("adjustment total"), null=True, blank=True)
    total = models.FloatField(_("total score"), null=True, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    ranked_count = models.PositiveIntegerField(_("firms ranked"), null=True, blank=True)
    top_percent = models.FloatField(_("top percent"), null=True, blank=True)
    grade_merit = models.CharField(_("grade by score"), max_length=8, blank=True)
    grade_computed = models.CharField(_("computed grade"), max_length=8, blank=True)
    grade = models.CharField(_("grade"), max_length=8, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    regraded = models.BooleanField(_("regraded"), default=False)

    class Meta:
        verbose_name = _("evaluation result")
        verbose_name_plural = _("evaluation results")
        ordering = ["run", "group", "rank", "enterprise_id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "enterprise"], name="one_result_per_run_enterprise")
        ]
        indexes = [models.Index(fields=["run", "group", "rank"]), models.Index(fields=["run", "grade"])]

    def __str__(self) -> str:
        return f"{self.run_id}/{self.enterprise_id} {self.grade or '—'}"


class Regrade(models.Model):
    """A manual regrade (调档) of one enterprise in one run, with its reason; it survives re-scoring."""

    run = models.ForeignKey(
        EvaluationRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="regrades"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="evaluation_regrades"
    )
    from_grade = models.CharField(_("from grade"), max_length=8, blank=True)
    to_grade = models.CharField(_("to grade"), max_length=8)
    reason = models.TextField(_("reason"))
    by = _user(_("by"))
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("regrade")
        verbose_name_plural = _("regrades")
        ordering = ["run", "enterprise", "at", "id"]

    def __str__(self) -> str:
        return f"{self.from_grade or '—'} → {self.to_grade}"
