"""Policies tied to grades (e.g. land-use-tax relief, electricity surcharges): configurable rules."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import LoggedModel, TimeStampedModel


class GradePolicy(LoggedModel, TimeStampedModel):
    """What each grade gets under one policy; optionally a different value after N consecutive years in a grade.

    ``values``: {grade: "decimal text"}; a grade absent gets nothing. Example: electricity surcharge 元/kWh
    {"D": "0.3"}, escalation grade D, 3 years, 0.4.
    """

    key = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("policy"), max_length=100)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    values = models.JSONField(_("value per grade"), default=dict, blank=True)
    escalation_grade = models.CharField(_("escalation grade"), max_length=8, blank=True)
    escalation_years = models.PositiveSmallIntegerField(_("consecutive years"), null=True, blank=True)
    escalation_value = models.DecimalField(
        _("escalated value"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("grade policy")
        verbose_name_plural = _("grade policies")
        ordering = ["sort_order", "key"]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not isinstance(self.values, dict):
            errors["values"] = gettext("Give a value per grade.")
        else:
            for grade, value in self.values.items():
                try:
                    Decimal(str(value))
                except InvalidOperation:
                    errors["values"] = gettext("The value for grade %(grade)s is not a number.") % {
                        "grade": grade
                    }
        parts = (self.escalation_grade, self.escalation_years, self.escalation_value)
        if any(part not in (None, "") for part in parts) and any(part in (None, "") for part in parts):
            errors["escalation_grade"] = gettext("An escalation needs its grade, number of years and value.")
        if self.escalation_years is not None and self.escalation_years < 2:
            errors["escalation_years"] = gettext(
                "An escalation applies after at least two consecutive years."
            )
        if errors:
            raise ValidationError(errors)

    def value_for(self, grade: str) -> Decimal | None:
        value = self.values.get(grade)
        return None if value in (None, "") else Decimal(str(value))
