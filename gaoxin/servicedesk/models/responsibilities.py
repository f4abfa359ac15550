"""Who answers for what in the enterprise service: the head of a department, who may take over the requests
signed by its officers, and the officer responsible for an enterprise (服务专员), who is told of red flags."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.accounts.models import Department
from gaoxin.core.models import LoggedModel, TimeStampedModel
from gaoxin.enterprises.models import Enterprise


class DepartmentHead(LoggedModel, TimeStampedModel):
    """The head of a department for the enterprise service (单位负责人)."""

    department = models.OneToOneField(
        Department, verbose_name=_("department"), on_delete=models.CASCADE, related_name="desk_head"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("head"),
        on_delete=models.CASCADE,
        related_name="headed_departments",
        limit_choices_to={"role": "officer", "is_active": True},
    )

    class Meta:
        verbose_name = _("department head")
        verbose_name_plural = _("department heads")
        ordering = ["department__sort_order", "department__code"]

    def __str__(self) -> str:
        return f"{self.department} · {self.user}"


class EnterpriseOfficer(LoggedModel, TimeStampedModel):
    """The officer responsible for an enterprise (服务专员 / 包联干部)."""

    enterprise = models.OneToOneField(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="service_officer"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible officer"),
        on_delete=models.CASCADE,
        related_name="served_enterprises",
        limit_choices_to={"role": "officer", "is_active": True},
    )

    class Meta:
        verbose_name = _("responsible officer")
        verbose_name_plural = _("responsible officers")
        ordering = ["enterprise__name"]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.officer}"
