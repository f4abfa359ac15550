"""Field shapes shared by the projects' models."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.validators import MinValueValidator
from django.db import models

NON_NEGATIVE = [MinValueValidator(Decimal(0))]


def amount(verbose_name: Any, **kwargs: Any) -> models.DecimalField[Decimal | None, Decimal | None]:
    """A non-negative quantity (万元, 万美元, 亩 …) with four decimals, blank when unknown."""
    return models.DecimalField(
        verbose_name,
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
        **kwargs,
    )
