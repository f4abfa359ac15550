"""The investment bureau's configuration: the stages of a lead, the reasons to pause or end one, the teams, and
the rules of claims, counting and referrer rewards (DOMAIN §6; the stages are policy-made, so configuration)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.core.change_display import Codes
from gaoxin.core.models import PERCENT_POINTS, LoggedModel, TimeStampedModel
from gaoxin.investment.choices import StageMilestone, StopKind, TargetMeasure, TeamKind
from gaoxin.investment.referrals import DEFAULT_REWARD_RULE


def default_reward_tiers() -> list[dict[str, str | None]]:
    """The shipped reward tiers (``referrals.DEFAULT_REWARD_RULE``) as stored: bounds and rates as text."""
    return [
        {"up_to": None if tier.up_to is None else str(tier.up_to), "permille": str(tier.permille)}
        for tier in DEFAULT_REWARD_RULE.tiers
    ]


class LeadStage(LoggedModel, TimeStampedModel):
    """A stage of a lead (线索 → 接洽 → 考察 → 洽谈 → 准入评审 → 签约 → 注册落地 → 转为项目 by default)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=40, unique=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    expected_workdays = models.PositiveIntegerField(
        _("expected duration (working days)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(1000)],
        help_text=_("A lead standing longer in this stage is flagged as stale; blank: no limit."),
    )
    probability = models.DecimalField(
        _("probability of signing (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=PERCENT_POINTS,
    )
    milestone = models.CharField(
        _("counts as"),
        max_length=20,
        choices=StageMilestone.choices,
        blank=True,
        help_text=_(
            "Reaching this stage means the admission review, the signing, the landing or the project."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("lead stage")
        verbose_name_plural = _("lead stages")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class StopReason(LoggedModel, TimeStampedModel):
    """A reason a lead is paused or ended (选址他处, 资金不足, 不符合准入, 政策不匹配 …)."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    applies_to = models.CharField(
        _("given when"), max_length=10, choices=StopKind.choices, default=StopKind.BOTH
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("reason to pause or end")
        verbose_name_plural = _("reasons to pause or end")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class InvestmentTeam(LoggedModel, TimeStampedModel):
    """A 招商小分队 or 专班: a named team that owns leads, with its members."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=TeamKind.choices, default=TeamKind.SQUAD)
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="investment_teams",
    )
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("team head"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), blank=True, related_name="investment_teams"
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("investment team")
        verbose_name_plural = _("investment teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def default_race_weights() -> dict[str, int]:
    """签约额 40, 亿元以上项目 20, 落地 20, 开工 20 (到位资金 weighs nothing unless the bureau says so)."""
    return {"signed_investment": 40, "large_signings": 20, "landed": 20, "started": 20}


class InvestmentRules(LoggedModel, TimeStampedModel):
    """The bureau's rules in force (the latest row): claim protection (首报首谈) and stale-lead notices."""

    protection_days = models.PositiveIntegerField(
        _("protection of a registration (days)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_("The first registration of an investor holds it this long; then it returns to the pool."),
    )
    first_report_threshold = models.DecimalField(
        _("first-report projects from (10k yuan)"),
        max_digits=18,
        decimal_places=4,
        default=Decimal(100_000),
        validators=[MinValueValidator(Decimal(0))],
    )
    first_report_protection_days = models.PositiveIntegerField(
        _("protection of a first-report project (days)"),
        default=180,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    similarity_threshold = models.DecimalField(
        _("similar project names from"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.70"),
        validators=[MinValueValidator(Decimal("0.30")), MaxValueValidator(Decimal(1))],
        help_text=_("How alike two project names must be (0.30–1.00) to warn of a duplicate claim."),
    )
    # 以商引商: the referrer's reward (``gaoxin.investment.referrals.RewardRule``)
    reward_tiers = models.JSONField(
        _("reward tiers"),
        default=default_reward_tiers,
        help_text=_("Ascending tiers of fixed-asset investment formed, each with its rate in per mille."),
    )
    reward_cap = models.DecimalField(
        _("reward cap (10k yuan)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        default=Decimal(300),
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Blank: no cap."),
    )
    reward_marginal = models.BooleanField(
        _("each slice at its own rate"),
        default=True,
        help_text=_("Otherwise the whole investment is rewarded at the rate of the tier it reaches."),
    )
    reward_claim_days = models.PositiveIntegerField(
        _("reward claimed within (days after completion)"),
        default=365,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    change_log_codes = {
        "race_weights": Codes(dict(TargetMeasure.choices)),  # each weight by its measure
        "reward_tiers": Codes({"up_to": _("Investment formed up to (10k yuan)"), "permille": _("Rate (‰)")}),
    }
    issuing_body = models.CharField(
        _("issuing body"),
        max_length=100,
        blank=True,
        help_text=_(
            "Printed under the weekly summary, the monthly bulletin and the rankings, e.g. the bureau."
        ),
    )
    race_weights = models.JSONField(
        _("weights of the race"),
        default=default_race_weights,
        help_text=_("The weight of each target's completion in the quarterly, half-year and annual ranking."),
    )
    race_red_count = models.PositiveSmallIntegerField(_("units on the red list"), default=1)
    race_black_count = models.PositiveSmallIntegerField(_("units on the black list"), default=1)
    filing_days = models.PositiveIntegerField(
        _("agreements filed within (days after signing)"),
        default=5,
        validators=[MaxValueValidator(365)],
    )
    obligation_warning_days = models.PositiveIntegerField(
        _("obligations at risk and reminded (days before due)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
    )

    class Meta:
        verbose_name = _("rules of investment promotion")
        verbose_name_plural = _("rules of investment promotion")
        ordering = ["-id"]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
