"""Request categories and the time-limit policy of each category × urgency (configuration, not constants)."""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import LoggedModel, TimeStampedModel
from gaoxin.servicedesk import deadlines as dl
from gaoxin.servicedesk.choices import LimitUnit, Urgency

MAX_AMOUNT = 250  # a year of working days


class Category(LoggedModel, TimeStampedModel):
    """What a request is about (政策咨询, 要素保障—土地 …); the administrator keeps the list."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("request category")
        verbose_name_plural = _("request categories")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


def _amount(label: Any, default: int, minimum: int = 1) -> models.PositiveSmallIntegerField[int, int]:
    return models.PositiveSmallIntegerField(
        label,
        default=default,
        validators=[MinValueValidator(minimum), MaxValueValidator(MAX_AMOUNT)],
    )


def _unit(label: Any, default: str) -> models.CharField[str, str]:
    return models.CharField(label, max_length=10, choices=LimitUnit.choices, default=default)


class SlaPolicy(LoggedModel, TimeStampedModel):
    """The limits of requests of one category and urgency; a policy without category applies to the categories
    that have none of their own."""

    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="policies",
        help_text=_("Leave empty for the default of all categories."),
    )
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    accept_amount = _amount(_("accept and dispatch within"), 1)
    accept_unit = _unit(_("unit"), dl.DAYS)
    sign_amount = _amount(_("sign within"), 1)
    sign_unit = _unit(_("unit"), dl.DAYS)
    contact_amount = _amount(_("first contact within"), 1)
    contact_unit = _unit(_("unit"), dl.HOURS)
    interim_days = _amount(_("interim reply within (working days)"), 3)
    resolve_days = _amount(_("resolve within (working days)"), 10)
    review_days = _amount(_("review the reply within (working days)"), 1)
    callback_days = _amount(_("call back within (working days)"), 1)
    return_days = _amount(_("return a misrouted request within (working days)"), 2)
    extension_cap_days = _amount(_("extensions add at most (working days)"), 10, minimum=0)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("time-limit policy")
        verbose_name_plural = _("time-limit policies")
        ordering = ["category__sort_order", "urgency"]
        constraints = [
            models.UniqueConstraint(fields=["category", "urgency"], name="one_policy_per_category_urgency"),
            models.UniqueConstraint(
                fields=["urgency"],
                condition=models.Q(category__isnull=True),
                name="one_default_policy_per_urgency",
            ),
        ]

    def __str__(self) -> str:
        category = self.category.name if self.category else _("all categories")
        return f"{category} · {self.get_urgency_display()}"

    def limits(self) -> dl.Limits:
        return dl.Limits(
            accept=dl.Limit(self.accept_amount, self.accept_unit),
            sign=dl.Limit(self.sign_amount, self.sign_unit),
            contact=dl.Limit(self.contact_amount, self.contact_unit),
            interim=dl.Limit(self.interim_days),
            resolve=dl.Limit(self.resolve_days),
            review=dl.Limit(self.review_days),
            callback=dl.Limit(self.callback_days),
            return_=dl.Limit(self.return_days),
            extension_cap=self.extension_cap_days,
        )

    @staticmethod
    def fields_for(limits: dl.Limits) -> dict[str, object]:
        return {
            "accept_amount": limits.accept.amount,
            "accept_unit": limits.accept.unit,
            "sign_amount": limits.sign.amount,
            "sign_unit": limits.sign.unit,
            "contact_amount": limits.contact.amount,
            "contact_unit": limits.contact.unit,
            "interim_days": limits.interim.amount,
            "resolve_days": limits.resolve.amount,
            "review_days": limits.review.amount,
            "callback_days": limits.callback.amount,
            "return_days": limits.return_.amount,
            "extension_cap_days": limits.extension_cap,
        }
