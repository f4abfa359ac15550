"""The zone's settings of the evaluation: how long 公示 lasts, who may approve the list, and what every
notice says of its issuer, signature, contact and objection channel. One row, edited by administrators."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.accounts.choices import Role
from gaoxin.accounts.models import Department
from gaoxin.core import changelog
from gaoxin.core.change_display import Codes
from gaoxin.core.models import LoggedModel, TimeStampedModel

DEFAULT_PUBLICITY_WORKDAYS = 5
DEFAULT_COVERAGE_WARNING = 90
APPROVER_ROLE_CHOICES = [(Role.LEADER.value, Role.LEADER.label), (Role.OFFICER.value, Role.OFFICER.label)]


def _default_approver_roles() -> list[str]:
    return [Role.LEADER.value]


class EvaluationSettings(LoggedModel, TimeStampedModel):
    """``approver_roles``: roles whose holders may approve (leader by default); ``approver_departments``:
    departments whose officers may approve. An approver never approves a publicity they started."""

    change_log_codes = {"approver_roles": Codes(Role)}

    publicity_workdays = models.PositiveSmallIntegerField(
        _("publicity (working days)"),
        default=DEFAULT_PUBLICITY_WORKDAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("The least number of working days a list stays in publicity; a scheme may ask for more."),
    )
    coverage_warning_percent = models.PositiveSmallIntegerField(
        _("warn below coverage (%)"),
        default=DEFAULT_COVERAGE_WARNING,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Before scoring, warn when fewer enterprises of a group than this share have every figure it needs."
        ),
    )
    approver_roles = models.JSONField(
        _("roles that may approve"), default=_default_approver_roles, blank=True
    )
    approver_departments = models.ManyToManyField(
        Department,
        verbose_name=_("departments whose officers may approve"),
        blank=True,
        related_name="+",
    )
    issuer = models.CharField(
        _("issuing authority"),
        max_length=100,
        blank=True,
        help_text=_("Named in the notices; empty: the department that holds the evaluation."),
    )
    signature = models.CharField(
        _("signature"),
        max_length=200,
        blank=True,
        help_text=_("The signature block under the notices; empty: the issuing authority."),
    )
    contact = models.CharField(
        _("contact"), max_length=200, blank=True, help_text=_("Contact person and telephone for enquiries.")
    )
    objection_channel = models.TextField(
        _("objection channel"),
        blank=True,
        help_text=_("Where and how enterprises file objections during the publicity."),
    )

    class Meta:
        verbose_name = _("evaluation settings")
        verbose_name_plural = _("evaluation settings")

    def __str__(self) -> str:
        return str(_("evaluation settings"))

    def clean(self) -> None:
        roles = self.approver_roles if isinstance(self.approver_roles, list) else None
        allowed = {value for value, _label in APPROVER_ROLE_CHOICES}
        if roles is None or any(role not in allowed for role in roles):
            raise ValidationError({"approver_roles": gettext("Choose roles from the list.")})

    @classmethod
    def current(cls) -> EvaluationSettings:
        with changelog.acting(by=None):  # the defaults, stored by the system on first use
            settings, _created = cls.objects.get_or_create(pk=1)
        return settings

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.pk = 1  # one row
        super().save(*args, **kwargs)
