"""Runs and their stored results; regrades laid over the results by enterprise."""

from __future__ import annotations

from typing import Self

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.accounts.models import User
from gaoxin.core.change_display import TERM_UNIT, Codes, Terms
from gaoxin.core.models import PLAUSIBLE_DATE, Job, LoggedModel, TimeStampedModel
from gaoxin.enterprises import industry
from gaoxin.enterprises.models import Enterprise, EnterpriseOwnedQuerySet, EnterpriseYear, Park
from gaoxin.enterprises.year_fields import YEAR_FIELDS
from gaoxin.evaluation.choices import PUBLIC_STATUSES, RunStatus
from gaoxin.evaluation.messages import BENCHMARK_MODES, reason_text, status_label
from gaoxin.evaluation.models.schemes import (
    Scheme,
    adjustment_terms,
    benchmark_terms,
    group_terms,
    indicator_terms,
    input_terms,
    title_terms,
)

YEARLY_LABELS = {name: EnterpriseYear._meta.get_field(name).verbose_name for name in YEAR_FIELDS}  # type: ignore[union-attr]
FIRMS = _("Firms")
INDICATOR_PARTS = {  # the parts of a result's figures per indicator, and their units
    "value": _("Indicator value"),
    "benchmark": _("Benchmark"),
    "minimum": _("group minimum"),
    "score": _("Score"),
    "percentile": _("Percentile in group"),
}
INDICATOR_UNITS = {"value": TERM_UNIT, "benchmark": TERM_UNIT, "minimum": TERM_UNIT, "percentile": "%"}
BENCHMARK_PARTS = {
    "group": _("group"),
    "partition": _("Partition"),
    "mode": _("Benchmark basis"),
    "benchmark": _("Benchmark"),
    "minimum": _("group minimum"),
    "firms": FIRMS,
    "valid": _("usable"),
}
DATA_CHECK_PARTS = {
    **YEARLY_LABELS,
    "year": _("year"),
    "scheme_year": _("year of the scheme"),
    "groups": _("Data coverage by group"),
    "firms": _("Enterprises in the group"),
    "with_data": _("With every figure"),
    "missing": _("Figures missing"),
    "no_group": _("enterprises in no group"),
    "no_group_examples": _("enterprises in no group, e.g."),
    "without_sheet": _("operating enterprises without a data sheet"),
}
SUMMARY_PARTS = {
    **YEARLY_LABELS,
    "zone": _("Whole zone"),
    "park": _("park"),
    "industry": _("industry division"),
    "firms": FIRMS,
}


def summary_name(code: str) -> str:
    """A key of a run's sums: a part (全区, a yearly figure), or an industry division by its name."""
    if code in SUMMARY_PARTS:
        return str(SUMMARY_PARTS[code])
    division = industry.lookup(code) if code.isdigit() else None
    return division.label if division is not None else code


def park_terms(_: None) -> dict[str, str]:
    """The zone's parks by their names (the keys of a run's sums per park)."""
    return dict(Park.objects.values_list("code", "name"))


def _user(verbose_name: object, related_name: str = "+") -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,  # type: ignore[arg-type]
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
    )


class EvaluationRunQuerySet(models.QuerySet["EvaluationRun"]):
    def for_user(self, user: User | AnonymousUser) -> Self:
        """Committee staff see every run; an enterprise contact the runs made public (公示 or later)."""
        if isinstance(user, User) and user.is_staff_member:
            return self.all()
        if isinstance(user, User) and user.is_enterprise_contact:
            return self.filter(status__in=PUBLIC_STATUSES)
        return self.none()


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
    change_log_codes = {
        "scheme_name": Codes(terms=Terms(title_terms, of="scheme")),  # the scheme's title, not its key
        "benchmarks": Codes(
            BENCHMARK_PARTS,
            values=BENCHMARK_MODES,
            terms=Terms(benchmark_terms, of="scheme"),
            units={"benchmark": TERM_UNIT, "minimum": TERM_UNIT},
            title="indicator",
        ),
        "summary": Codes(summary_name, terms=Terms(park_terms), title="key"),
        "data_check": Codes(DATA_CHECK_PARTS, title="label", hidden=frozenset({"key"})),
    }
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

    objects = EvaluationRunQuerySet.as_manager()

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


class EvaluationResultQuerySet(EnterpriseOwnedQuerySet["EvaluationResult"]):
    def for_user(self, user: User | AnonymousUser) -> Self:
        """Committee staff see every result; an enterprise contact their own in the runs made public."""
        results = super().for_user(user)
        if isinstance(user, User) and user.is_enterprise_contact:
            return results.filter(run__status__in=PUBLIC_STATUSES)
        return results


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
    change_log_codes = {  # the scheme's indicators, inputs and adjustments by its labels (``schemes``)
        "status": Codes(status_label),  # the engine's statuses, by their labels
        "group": Codes(terms=Terms(group_terms, of="run__scheme")),
        "inputs": Codes(EnterpriseYear, terms=Terms(input_terms, of="run__scheme")),  # and yearly fields
        "indicators": Codes(
            INDICATOR_PARTS, terms=Terms(indicator_terms, of="run__scheme"), units=INDICATOR_UNITS
        ),
        "adjustments": Codes(terms=Terms(adjustment_terms, of="run__scheme")),
        "reasons": Codes(sentence=reason_text),
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

    objects = EvaluationResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation result")
        verbose_name_plural = _("evaluation results")
        ordering = ["run", "group", "rank", "enterprise_id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "enterprise"], name="one_result_per_run_enterprise")
        ]
        indexes = [models.Index(fields=["run", "group", "rank"]), models.Index(fields=["run", "grade"])]

    def __str__(self) -> str:
        """Named as the change log names a regrade: the run and the enterprise, never their ids."""
        return f"{self.run} · {self.enterprise.name}"


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
