"""Investment agreements (投资协议): who signed what and when, the investment it names, the incentives granted, and
its clauses — each an ``projects.Obligation`` checked against the data that measures it (the one 履约 mechanism
the standard-parcel commitments share)."""

from __future__ import annotations

from typing import Self

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.accounts.models import User
from gaoxin.core.models import PLAUSIBLE_DATE, LoggedModel, TimeStampedModel, amount
from gaoxin.investment.models.leads import Lead


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def for_user(self, user: User | AnonymousUser) -> Self:
        """The agreements of the leads the user reads (enterprise contacts none)."""
        return self.filter(lead__in=Lead.objects.for_user(user).values("pk"))


class Agreement(LoggedModel, TimeStampedModel):
    lead = models.ForeignKey(
        Lead, verbose_name=_("lead"), on_delete=models.PROTECT, related_name="agreements"
    )
    number = models.CharField(_("agreement number"), max_length=60, blank=True)
    title = models.CharField(_("title"), max_length=200)
    parties = models.TextField(_("parties"), help_text=_("One party a line."))
    signed_on = models.DateField(_("signed on"), validators=PLAUSIBLE_DATE)
    filed_on = models.DateField(_("filed on"), null=True, blank=True, validators=PLAUSIBLE_DATE)
    responsible_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible leader"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    service_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("service officer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="serviced_agreements",
    )
    investor_name = models.CharField(_("investor at signing"), max_length=200)
    total_investment = amount(_("total investment (10k yuan)"))
    fixed_asset_investment = amount(_("fixed-asset investment (10k yuan)"))
    foreign_investment_usd = amount(_("foreign investment (10k USD)"))
    is_manufacturing = models.BooleanField(_("manufacturing"), default=True)
    document = models.FileField(_("agreement document"), upload_to="investment/agreements/%Y/", blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("investment agreement")
        verbose_name_plural = _("investment agreements")
        ordering = ["-signed_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Incentive(LoggedModel, TimeStampedModel):
    """An incentive granted under an agreement, with the conditions on which it is clawed back."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="incentives"
    )
    what = models.CharField(_("incentive"), max_length=200)
    amount = amount(_("amount (10k yuan)"))
    clawback_conditions = models.TextField(_("clawback conditions"), blank=True)

    class Meta:
        verbose_name = _("incentive")
        verbose_name_plural = _("incentives")
        ordering = ["agreement", "id"]

    def __str__(self) -> str:
        return self.what


class AgreementClause(models.Model):
    """Links an agreement to an obligation of the projects' 履约 mechanism (one obligation per clause)."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="clauses"
    )
    obligation = models.OneToOneField(
        "projects.Obligation",
        verbose_name=_("obligation"),
        on_delete=models.CASCADE,
        related_name="agreement_clause",
    )

    class Meta:
        verbose_name = _("agreement clause")
        verbose_name_plural = _("agreement clauses")
        ordering = ["agreement", "obligation__due_on", "obligation_id"]

    def __str__(self) -> str:
        return f"{self.agreement} · {self.obligation}"
