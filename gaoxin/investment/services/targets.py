"""Yearly targets of investment promotion (the bureau sets them): saved and removed with the change log."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from gaoxin.accounts.models import User
from gaoxin.core import changelog
from gaoxin.investment import permissions
from gaoxin.investment.models import InvestmentTarget


@transaction.atomic
def target_save(
    *, data: Mapping[str, Any], by: User, target: InvestmentTarget | None = None
) -> InvestmentTarget:
    """A target of a unit or a team for a year and measure (one per year, owner and measure)."""
    if not permissions.may_configure(by):
        raise PermissionDenied
    return changelog.save_as(target or InvestmentTarget(), data, by=by)


@transaction.atomic
def target_delete(*, target: InvestmentTarget, by: User) -> None:
    if not permissions.may_configure(by):
        raise PermissionDenied
    with changelog.acting(by=by):
        target.delete()
