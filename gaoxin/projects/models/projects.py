"""Projects, their configurable stages, and the dated, attributed, evidenced transitions between stages."""

from __future__ import annotations

from typing import Self, TypeVar

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.accounts.models import User
from gaoxin.core.change_display import Codes
from gaoxin.core.models import PLAUSIBLE_DATE, LoggedModel, TimeStampedModel, amount
from gaoxin.enterprises import industry
from gaoxin.enterprises.validators import validate_industry_code
from gaoxin.projects import permissions
from gaoxin.projects.choices import ConstructionKind, Light, ProjectLevel, StageMilestone, TransitionKind
from gaoxin.projects.scheduling import STANDARD_TEMPLATES


class Stage(LoggedModel, TimeStampedModel):
    """A stage of the pipeline (储备 → 洽谈 → … → 达产); the list is configuration (DOMAIN §4.1)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=40, unique=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    milestone = models.CharField(
        _("counts as"),
        max_length=20,
        choices=StageMilestone.choices,
        blank=True,
        help_text=_("Reaching this stage dates the project's construction start, completion or production."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


_Row = TypeVar("_Row", bound=models.Model)


class StaffReadQuerySet(models.QuerySet[_Row]):
    """The module's one scoping rule: committee staff read every project and what belongs to one (leaders
    included); enterprise contacts and anonymous users nothing."""

    def for_user(self, user: User | AnonymousUser) -> Self:
        return self if permissions.may_read(user) else self.none()


class ProjectQuerySet(StaffReadQuerySet["Project"]):
    pass


class Project(LoggedModel, TimeStampedModel):
    """A major project (重大项目) with the fields of DOMAIN §4.2."""

    code = models.CharField(_("project code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200, db_index=True)
    owner = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("owner enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    industry_code = models.CharField(
        _("industry code"), max_length=4, blank=True, validators=[validate_industry_code]
    )
    chain = models.ForeignKey(
        "enterprises.Chain",
        verbose_name=_("industrial chain"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    park = models.ForeignKey(
        "enterprises.Park",
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    address = models.CharField(_("location"), max_length=300, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=10, decimal_places=6, null=True, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=10, decimal_places=6, null=True, blank=True)
    kind = models.CharField(
        _("new or continuing"), max_length=20, choices=ConstructionKind.choices, default=ConstructionKind.NEW
    )
    level = models.CharField(
        _("level"), max_length=20, choices=ProjectLevel.choices, default=ProjectLevel.ZONE
    )
    total_investment = amount(_("total investment (10k yuan)"))
    fixed_asset_investment = amount(_("fixed-asset investment (10k yuan)"))
    foreign_investment_usd = amount(_("foreign investment (10k USD)"))
    land_mu = amount(_("land (mu)"))
    parcel = models.ForeignKey(
        "enterprises.LandParcel",
        verbose_name=_("land parcel"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    planned_start_on = models.DateField(
        _("planned construction start"), null=True, blank=True, validators=PLAUSIBLE_DATE
    )
    planned_completion_on = models.DateField(
        _("planned completion"), null=True, blank=True, validators=PLAUSIBLE_DATE
    )
    planned_production_on = models.DateField(
        _("planned production start"), null=True, blank=True, validators=PLAUSIBLE_DATE
    )
    started_on = models.DateField(_("construction started on"), null=True, blank=True, editable=False)
    completed_on = models.DateField(_("completed on"), null=True, blank=True, editable=False)
    production_on = models.DateField(_("production started on"), null=True, blank=True, editable=False)
    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.PROTECT, related_name="projects"
    )
    stage_since = models.DateField(_("in this stage since"), null=True, blank=True, editable=False)
    lead_official = models.CharField(_("accountable leader"), max_length=60, blank=True)
    responsible_unit = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    contact_name = models.CharField(_("contact person"), max_length=60, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    physical_progress = models.TextField(_("physical progress"), blank=True)
    in_statistics = models.BooleanField(_("entered in statistics"), default=False)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    plan_template = models.CharField(_("plan template"), max_length=40, blank=True)
    # the dates a transition sets are not edited, but they are logged
    change_log_include = ("stage_since", "started_on", "completed_on", "production_on")
    change_log_codes = {
        "plan_template": Codes({t.key: t.name for t in STANDARD_TEMPLATES}),
        "plan_estimated_years": Codes(str),  # years as they are written, not as counts (2027, not 2,027)
    }
    plan_target_on = models.DateField(
        _("plan target date"),
        null=True,
        blank=True,
        help_text=_("The date the backward schedule works back from, e.g. production start."),
    )
    plan_calendar = models.JSONField(
        _("calendar of the plan"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("The working-day arrangements the stored schedule was computed on: year → revision."),
    )
    plan_estimated_years = models.JSONField(
        _("computed on estimated holidays of"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("Years whose arrangement was an estimate when the stored schedule was computed."),
    )
    light = models.CharField(
        _("light"), max_length=10, choices=Light.choices, default=Light.GREY, editable=False, db_index=True
    )
    light_reasons = models.JSONField(_("why this light"), default=list, blank=True, editable=False)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["code"]
        indexes = [models.Index(fields=["responsible_unit", "stage"], name="project_unit_stage")]

    def __str__(self) -> str:
        return self.name

    @property
    def industry_name(self) -> str:
        return industry.name(self.industry_code) or "" if self.industry_code else ""


class StageTransition(models.Model):
    """A move of a project from one stage to another: when, by whom, on what evidence."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_stage = models.ForeignKey(
        Stage, verbose_name=_("from stage"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_stage = models.ForeignKey(
        Stage, verbose_name=_("to stage"), on_delete=models.PROTECT, related_name="+"
    )
    on = models.DateField(_("date"), validators=PLAUSIBLE_DATE)
    kind = models.CharField(
        _("kind of move"), max_length=10, choices=TransitionKind.choices, default=TransitionKind.FORWARD
    )
    reason = models.TextField(_("reason for skipping or moving back"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    evidence = models.TextField(_("evidence"))
    attachment = models.FileField(_("attachment"), upload_to="projects/transitions/%Y/", blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("stage transition")
        verbose_name_plural = _("stage transitions")
        ordering = ["project", "on", "id"]

    def __str__(self) -> str:
        return f"{self.project} → {self.to_stage} ({self.on})"
