"""Leads (招商线索 / 在谈项目), their moves between stages, the activity log, referrals and duplicate-claim
disputes (DOMAIN §6)."""

from __future__ import annotations

from typing import Self

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gaoxin.accounts.models import User
from gaoxin.core.models import PERCENT_POINTS, PLAUSIBLE_DATE, LoggedModel, TimeStampedModel, amount
from gaoxin.enterprises import industry
from gaoxin.enterprises.validators import validate_credit_code, validate_industry_code
from gaoxin.investment import permissions
from gaoxin.investment.choices import (
    ActivityKind,
    DisputeDecision,
    LeadStatus,
    ReferrerKind,
    Source,
)
from gaoxin.investment.models.config import InvestmentTeam, LeadStage, StopReason


class LeadQuerySet(models.QuerySet["Lead"]):
    def for_user(self, user: User | AnonymousUser) -> Self:
        """The bureau, administrators and leaders read every lead; an officer the leads they own (responsible,
        registered, in the responsible team) or follow as lead official; enterprise contacts none (they follow
        their referrals, see ``Referral``)."""
        if not isinstance(user, User) or not user.is_active or user.is_enterprise_contact:
            return self.none()
        if user.is_administrator or user.is_leader or permissions.is_bureau(user):
            return self
        return self.filter(
            Q(officer=user)
            | Q(registered_by=user)
            | Q(lead_official=user)
            | Q(team__in=InvestmentTeam.objects.filter(members=user).values("pk"))
        )

    def current(self) -> Self:
        """Leads not merged into another."""
        return self.filter(merged_into__isnull=True)


class Lead(LoggedModel, TimeStampedModel):
    """A prospective investment the bureau works on, from the first contact to the project it becomes."""

    code = models.CharField(_("lead number"), max_length=20, unique=True, editable=False)
    name = models.CharField(_("project name"), max_length=200, db_index=True)
    is_confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Staff who do not manage or own the lead see its code name, not its name and investor."),
    )
    code_name = models.CharField(_("code name"), max_length=60, blank=True)
    # the investor
    investor_name = models.CharField(_("investor"), max_length=200, db_index=True)
    investor_credit_code = models.CharField(
        _("investor's credit code"),
        max_length=18,
        blank=True,
        db_index=True,
        validators=[validate_credit_code],
        help_text=_("Domestic investors: the unified social credit code."),
    )
    investor_key = models.CharField(  # duplicates.normalised_investor of the name, kept by the services
        _("investor, normalised"), max_length=200, blank=True, db_index=True, editable=False
    )
    investor_region = models.CharField(_("country or region"), max_length=60, blank=True)
    investor_group = models.CharField(pgettext_lazy("investor", "group"), max_length=200, blank=True)
    is_global_500 = models.BooleanField(_("Fortune Global 500"), default=False)
    is_china_500 = models.BooleanField(_("China top 500"), default=False)
    is_listed = models.BooleanField(_("listed company"), default=False)
    is_little_giant = models.BooleanField(_("specialised 'little giant'"), default=False)
    is_chain_leader = models.BooleanField(_("chain leader firm"), default=False)
    # where it came from and what it is
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.ALL_STAFF)
    source_detail = models.CharField(
        _("source details"),
        max_length=200,
        blank=True,
        help_text=_("The agency, office, fair or fund the lead came through."),
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
        related_name="leads",
    )
    is_manufacturing = models.BooleanField(
        _("manufacturing"), default=True, help_text=_("Signings are counted as manufacturing or services.")
    )
    # the figures it promises
    total_investment = amount(_("total investment (10k yuan)"))
    fixed_asset_investment = amount(_("fixed-asset investment (10k yuan)"))
    foreign_investment_usd = amount(_("foreign investment (10k USD)"))
    exchange_rate = models.DecimalField(
        _("exchange rate used (yuan per USD)"),
        max_digits=8,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    land_mu = amount(_("land needed (mu)"))
    floor_area_m2 = amount(_("floor space needed (m²)"))
    power_kva = amount(_("power needed (kVA)"))
    # at full production (达产), per year
    expected_output_value = amount(_("output at full production (10k yuan)"))
    expected_value_added = amount(_("value added at full production (10k yuan)"))
    expected_tax = amount(_("tax at full production (10k yuan)"))
    expected_energy_tce = amount(_("energy use at full production (tce)"))
    expected_emissions_t = amount(_("emissions at full production (t)"))
    expected_rd_expense = amount(_("R&D expense at full production (10k yuan)"))
    expected_employees = models.PositiveIntegerField(
        _("jobs at full production"), null=True, blank=True, validators=[MaxValueValidator(1_000_000)]
    )
    # who works on it
    responsible_unit = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="leads",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("investment", "responsible officer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leads",
    )
    team = models.ForeignKey(
        InvestmentTeam,
        verbose_name=_("responsible team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leads",
    )
    lead_official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead official"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followed_leads",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="registered_leads",
        editable=False,
    )
    registered_on = models.DateField(_("registered on"), validators=PLAUSIBLE_DATE)
    # where it stands
    stage = models.ForeignKey(
        LeadStage, verbose_name=_("stage"), on_delete=models.PROTECT, related_name="leads"
    )
    stage_since = models.DateField(_("in this stage since"), editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=LeadStatus.choices, default=LeadStatus.ACTIVE, editable=False
    )
    stop_reason = models.ForeignKey(
        StopReason,
        verbose_name=_("reason paused or ended"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leads",
        editable=False,
    )
    stop_note = models.TextField(_("note on the pause or end"), blank=True, editable=False)
    probability_override = models.DecimalField(
        _("probability of signing, by the officer (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_POINTS,
    )
    probability_reason = models.CharField(_("why this probability"), max_length=200, blank=True)
    next_action_on = models.DateField(_("next action due"), null=True, blank=True, editable=False)
    # what it became
    project = models.OneToOneField(
        "projects.Project",
        verbose_name=_("major project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lead",
        editable=False,
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("registered enterprise"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leads",
        help_text=_("The firm the investor registered in the zone (注册落地)."),
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_leads",
        editable=False,
    )
    description = models.TextField(_("description"), blank=True)
    change_log_include = ("stage_since", "status", "stop_reason", "stop_note", "project", "merged_into")

    objects = LeadQuerySet.as_manager()

    class Meta:
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        ordering = ["-registered_on", "-id"]
        indexes = [
            models.Index(fields=["status", "stage"], name="lead_status_stage"),
            models.Index(fields=["responsible_unit", "stage"], name="lead_unit_stage"),
            # a kanban column: the leads longest in the stage first, read 20 at a time
            models.Index(fields=["stage", "stage_since", "id"], name="lead_board_column"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(is_confidential=True) | ~Q(code_name=""), name="confidential_lead_has_code_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def industry_name(self) -> str:
        return industry.name(self.industry_code) or "" if self.industry_code else ""

    @property
    def probability(self) -> object:
        """The officer's probability when set, else the stage's."""
        return self.probability_override if self.probability_override is not None else self.stage.probability


class LeadMove(models.Model):
    """A move of a lead between stages or in and out of a pause: when, by whom, why."""

    lead = models.ForeignKey(Lead, verbose_name=_("lead"), on_delete=models.CASCADE, related_name="moves")
    from_stage = models.ForeignKey(
        LeadStage,
        verbose_name=_("from stage"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_stage = models.ForeignKey(
        LeadStage, verbose_name=_("to stage"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status after the move"), max_length=10, choices=LeadStatus.choices, default=LeadStatus.ACTIVE
    )
    kind = models.CharField(
        _("kind of move"), max_length=10, blank=True
    )  # core.stage_moves.MoveKind; "" entry
    on = models.DateField(_("date"), validators=PLAUSIBLE_DATE)
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("move of a lead")
        verbose_name_plural = _("moves of leads")
        ordering = ["lead", "on", "id"]

    def __str__(self) -> str:
        return f"{self.lead} → {self.to_stage} ({self.on})"


class LeadActivity(LoggedModel, TimeStampedModel):
    """A call, visit, 考察 or meeting with the investor, and the next action agreed."""

    lead = models.ForeignKey(
        Lead, verbose_name=_("lead"), on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    on = models.DateField(_("date"), validators=PLAUSIBLE_DATE)
    summary = models.TextField(_("what happened"))
    participants = models.CharField(_("participants"), max_length=300, blank=True)
    next_action = models.CharField(_("next action"), max_length=300, blank=True)
    next_action_on = models.DateField(_("next action due"), null=True, blank=True, validators=PLAUSIBLE_DATE)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["lead", "-on", "-id"]

    def __str__(self) -> str:
        return f"{self.lead} · {self.get_kind_display()} {self.on}"


class ReferralQuerySet(models.QuerySet["Referral"]):
    def for_user(self, user: User | AnonymousUser) -> Self:
        """Staff see the referrals of the leads they read; an enterprise contact those its enterprise made."""
        if not isinstance(user, User) or not user.is_active:
            return self.none()
        if user.is_enterprise_contact:
            return self.filter(enterprise_id=user.enterprise_id) if user.enterprise_id else self.none()
        return self.filter(lead__in=Lead.objects.for_user(user).values("pk"))


class Referral(LoggedModel, TimeStampedModel):
    """以商引商: who referred the investor, registered before the signing (one per lead)."""

    lead = models.OneToOneField(
        Lead, verbose_name=_("lead"), on_delete=models.CASCADE, related_name="referral"
    )
    kind = models.CharField(_("referrer is"), max_length=20, choices=ReferrerKind.choices)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("referring enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    referrer_name = models.CharField(_("referrer"), max_length=200)
    referrer_phone = models.CharField(_("referrer's phone"), max_length=40, blank=True)
    registered_on = models.DateField(_("registered on"), validators=PLAUSIBLE_DATE)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # what the referrer said, kept as submitted (a portal referral shows only this to the enterprise)
    submitted_investor = models.CharField(_("investor as referred"), max_length=200, blank=True)
    submitted_project = models.CharField(_("project as referred"), max_length=200, blank=True)
    submitted_contact = models.CharField(_("investor's contact as referred"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-registered_on", "-id"]

    def __str__(self) -> str:
        return f"{self.referrer_name} → {self.lead}"


class ClaimDispute(LoggedModel, TimeStampedModel):
    """撞单 disputed: the claimant's lead names an investor another lead holds; the bureau head decides."""

    holder = models.ForeignKey(
        Lead,
        verbose_name=_("lead holding the investor"),
        on_delete=models.CASCADE,
        related_name="disputes_held",
    )
    claimant = models.ForeignKey(
        Lead, verbose_name=_("claiming lead"), on_delete=models.CASCADE, related_name="disputes_raised"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    raised_on = models.DateField(_("raised on"), validators=PLAUSIBLE_DATE)
    statement = models.TextField(_("statement"))
    decision = models.CharField(
        _("decision"), max_length=20, choices=DisputeDecision.choices, default=DisputeDecision.PENDING
    )
    decision_note = models.TextField(_("reasons for the decision"), blank=True)
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
        verbose_name = _("duplicate-claim dispute")
        verbose_name_plural = _("duplicate-claim disputes")
        ordering = ["-raised_on", "-id"]

    def __str__(self) -> str:
        return f"{self.claimant} ↔ {self.holder}"
