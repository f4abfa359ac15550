"""标准地 commitments: control indicators the investor committed to, and the yearly check against actuals."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.core.change_display import Codes
from gaoxin.core.models import PLAUSIBLE_DATE, LoggedModel, TimeStampedModel, amount
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.projects.commitment_check import INDICATOR_LABELS, STATUS_LABELS
from gaoxin.projects.models.projects import Project, StaffReadQuerySet


class Commitment(LoggedModel, TimeStampedModel):
    """The committed indicators of a project on a standard parcel (at full production)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="commitments"
    )
    parcel = models.ForeignKey(
        "enterprises.LandParcel",
        verbose_name=_("land parcel"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    investment_intensity = amount(_("fixed-asset investment intensity (10k yuan/mu)"))
    plot_ratio = amount(_("plot ratio"))
    value_added_per_tce = amount(_("value added per unit of energy (10k yuan/tce)"))
    value_added_per_emission_t = amount(_("value added per unit of emissions (10k yuan/t)"))
    tax_per_mu = amount(_("tax per mu at full production (10k yuan/mu)"))
    accepted_plot_ratio = amount(
        _("plot ratio at acceptance"),
        help_text=_(
            "Recorded at completion acceptance (竣工验收); the plot ratio commitment is checked against it."
        ),
    )
    full_production_year = models.PositiveSmallIntegerField(
        _("year of full production"), null=True, blank=True
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True, validators=PLAUSIBLE_DATE)

    class Meta:
        verbose_name = _("standard-parcel commitment")
        verbose_name_plural = _("standard-parcel commitments")
        ordering = ["project", "id"]

    def __str__(self) -> str:
        return f"{self.project} · {self.parcel or ''}"


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
    "accepted_plot_ratio": _label(Commitment, "accepted_plot_ratio"),
    "year_land_mu": _label(EnterpriseYear, "land_mu"),
    **{name: _label(EnterpriseYear, name) for name in ("tax", "value_added", "energy_tce", "emissions_t")},
}
CHECK_STATUSES = {key: _(label) for key, label in STATUS_LABELS.items()}


class CommitmentCheckQuerySet(StaffReadQuerySet["CommitmentCheck"]):
    pass


class CommitmentCheck(LoggedModel, TimeStampedModel):
    """One year's check (对标验收) of a commitment against the enterprise's actual yearly data."""

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE, related_name="checks"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    actuals = models.JSONField(_("actual values"), default=dict)
    shortfalls = models.JSONField(_("shortfalls"), default=list)
    passed = models.BooleanField(_("met"), default=False, db_index=True)
    change_log_codes = {  # by indicator (named by the key), and the indicators falling short (by their own)
        "actuals": Codes(CHECK_PARTS, values=CHECK_STATUSES, hidden=frozenset({"indicator"})),
        "shortfalls": Codes(CHECK_PARTS, values=CHECK_STATUSES, title="indicator"),
    }

    objects = CommitmentCheckQuerySet.as_manager()

    class Meta:
        verbose_name = _("commitment check")
        verbose_name_plural = _("commitment checks")
        ordering = ["commitment", "-year"]
        constraints = [models.UniqueConstraint(fields=["commitment", "year"], name="one_check_per_year")]

    def __str__(self) -> str:
        return f"{self.commitment} {self.year}"
