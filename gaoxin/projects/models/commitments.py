"""Obligations (履约): promises checked against the data that measures them — an investment agreement's clauses
and the standard-parcel (标准地) commitments, whose yearly check (对标验收) is the obligations' yearly check."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.core.change_display import Codes
from gaoxin.core.models import PLAUSIBLE_DATE, PLAUSIBLE_YEAR, LoggedModel, TimeStampedModel, amount
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.projects.commitment_check import (
    INDICATOR_LABELS,
    MEASURE_LABELS,
    NOT_DUE,
    OBLIGATION_STATUS_LABELS,
    STATUS_LABELS,
)
from gaoxin.projects.models.projects import Project, StaffReadQuerySet


def _label(model: type[models.Model], name: str) -> object:
    return model._meta.get_field(name).verbose_name  # type: ignore[union-attr]


CHECK_PARTS = {  # an indicator's check: the indicators by their labels, the parts, the data it lacks
    **{key: _(label) for key, label in INDICATOR_LABELS.items()},
    "committed": _("Committed"),
    "actual": _("Actual"),
    "status": _("Result"),
    "missing": _("Figures missing"),
    "fixed_asset_investment": _label(Project, "fixed_asset_investment"),
    "land_mu": _("land of the commitment (mu)"),
    "accepted_plot_ratio": _("plot ratio at acceptance"),
    "year_land_mu": _label(EnterpriseYear, "land_mu"),
    **{name: _label(EnterpriseYear, name) for name in ("tax", "value_added", "energy_tce", "emissions_t")},
}
CHECK_STATUSES = {key: _(label) for key, label in STATUS_LABELS.items()}


MEASURE_CHOICES = [(key, _(label)) for key, label in MEASURE_LABELS.items()]
OBLIGATION_STATUS_CHOICES = [(key, _(label)) for key, label in OBLIGATION_STATUS_LABELS.items()]
FIGURE_PARTS = {  # the figures an obligation's status rests on: their parts, each year's, the data lacking
    **CHECK_PARTS,
    **{key: _(label) for key, label in MEASURE_LABELS.items()},
    "actual": _("Actual"),
    "expected": _("Due by now"),
    "reached_on": _("Reached on"),
    "years": _("Years"),
    "year": _("Year"),
    "output_value": _label(EnterpriseYear, "output_value"),
}
FIGURE_VALUES = {**FIGURE_PARTS, **CHECK_STATUSES, **dict(OBLIGATION_STATUS_CHOICES)}
FIGURE_CODES = Codes(FIGURE_PARTS, values=FIGURE_VALUES, title="year")


class Consequence(models.TextChoices):
    """What a breach costs the investor (the agreement's 违约责任)."""

    PENALTY = "penalty", _("Liquidated damages (违约金)")
    CLAWBACK = "clawback", _("Incentives clawed back")
    LAND_RECOVERY = "land_recovery", _("Land recovered")
    OTHER = "other", _("Other (see text)")


class ObligationQuerySet(StaffReadQuerySet["Obligation"]):
    pass


class Obligation(LoggedModel, TimeStampedModel):
    """One promise checked against the data that measures it (履约): a clause of an investment agreement or a
    standard-parcel commitment. Its subject is a project and/or an enterprise (the project's owner when none is
    named) — an agreement's clause may have neither until the investor lands, and is judged meanwhile on dates;
    ``commitment_check.check_obligation`` judges it and the check run stores the status and figures."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="obligations",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="obligations",
    )
    parcel = models.ForeignKey(
        "enterprises.LandParcel",
        verbose_name=_("land parcel"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obligations",
    )
    standard_parcel = models.BooleanField(
        _("standard-parcel commitment"),
        default=False,
        editable=False,
        db_index=True,
        help_text=_("A control indicator of a standard parcel (标准地) the investor committed to."),
    )
    title = models.CharField(_("clause"), max_length=200, blank=True)
    measure = models.CharField(_("measure"), max_length=30, choices=MEASURE_CHOICES)
    threshold = amount(_("threshold"), help_text=_("A minimum, in the measure's unit; none for a date."))
    due_on = models.DateField(_("due on"), null=True, blank=True, validators=PLAUSIBLE_DATE)
    starts_on = models.DateField(
        _("schedule starts on"),
        null=True,
        blank=True,
        validators=PLAUSIBLE_DATE,
        help_text=_(
            "An amount due by a date is on track while it keeps pace with a straight line from here."
        ),
    )
    first_year = models.PositiveSmallIntegerField(
        _("first year"), null=True, blank=True, validators=PLAUSIBLE_YEAR
    )
    from_production_year = models.PositiveSmallIntegerField(
        _("from year of production"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("A yearly measure from this year of production on (1: the year production started)."),
    )
    years = models.PositiveSmallIntegerField(
        _("consecutive years"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Blank: every year."),
    )
    recorded_value = amount(
        _("recorded value"),
        help_text=_("Registered capital paid in, or the plot ratio at acceptance: recorded by the officer."),
    )
    recorded_on = models.DateField(
        _("reached on (recorded)"),
        null=True,
        blank=True,
        validators=PLAUSIBLE_DATE,
        help_text=_("Full production (达产), which no project date records: the date the officer confirmed."),
    )
    consequence = models.CharField(_("consequence"), max_length=20, choices=Consequence.choices, blank=True)
    penalty = amount(_("liquidated damages (10k yuan)"))
    consequence_text = models.TextField(_("consequence in the agreement's words"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OBLIGATION_STATUS_CHOICES,
        default=NOT_DUE,
        editable=False,
        db_index=True,
    )
    figures = models.JSONField(_("figures used"), default=dict, editable=False)
    checked_on = models.DateField(_("checked on"), null=True, blank=True, editable=False)
    reminded_on = models.DateField(_("reminded on"), null=True, blank=True, editable=False)
    follow_up = models.ForeignKey(
        "projects.ProjectIssue",
        verbose_name=_("follow-up"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    breach_noticed_on = models.DateField(_("breach noticed on"), null=True, blank=True, editable=False)
    change_log_include = ("status", "figures", "follow_up", "breach_noticed_on")
    change_log_codes = {"figures": FIGURE_CODES}

    objects = ObligationQuerySet.as_manager()

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title or str(self.get_measure_display())


class ObligationCheckQuerySet(StaffReadQuerySet["ObligationCheck"]):
    pass


class ObligationCheck(LoggedModel, TimeStampedModel):
    """An obligation's status as one check run found it in a year (its yearly 对标验收 record)."""

    obligation = models.ForeignKey(
        Obligation, verbose_name=_("obligation"), on_delete=models.CASCADE, related_name="checks"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=PLAUSIBLE_YEAR)
    status = models.CharField(_("status"), max_length=10, choices=OBLIGATION_STATUS_CHOICES)
    figures = models.JSONField(_("figures used"), default=dict)
    change_log_codes = {"figures": FIGURE_CODES}

    objects = ObligationCheckQuerySet.as_manager()

    class Meta:
        verbose_name = _("obligation check")
        verbose_name_plural = _("obligation checks")
        ordering = ["obligation", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["obligation", "year"], name="one_obligation_check_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.obligation} {self.year}"
