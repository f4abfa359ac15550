"""The bureau's configuration of the investment module: stages, reasons to pause or end, teams and their members,
the rules in force — each change by the bureau only, validated, in the change log."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gaoxin.accounts.models import User
from gaoxin.core import changelog
from gaoxin.investment import permissions
from gaoxin.investment.models import InvestmentRules, InvestmentTeam, Lead, LeadStage, StopReason
from gaoxin.investment.selectors.leads import rules


def _check(by: User) -> None:
    if not permissions.may_configure(by):
        raise PermissionDenied


@transaction.atomic
def stage_save(*, data: Mapping[str, Any], by: User, stage: LeadStage | None = None) -> LeadStage:
    """Create or change a stage. A stage leads stand in cannot be retired; each milestone (admission, signing,
    landing, project) belongs to one stage at most."""
    _check(by)
    stage = stage or LeadStage()
    if stage.pk and data.get("is_active") is False and Lead.objects.filter(stage=stage).exists():
        raise ValidationError({"is_active": _("Leads stand in this stage: move them before retiring it.")})
    milestone = data.get("milestone", stage.milestone)
    if milestone and LeadStage.objects.filter(milestone=milestone).exclude(pk=stage.pk).exists():
        raise ValidationError({"milestone": _("Another stage already counts as this.")})
    return changelog.save_as(stage, data, by=by)


@transaction.atomic
def stop_reason_save(*, data: Mapping[str, Any], by: User, reason: StopReason | None = None) -> StopReason:
    _check(by)
    return changelog.save_as(reason or StopReason(), data, by=by)


@transaction.atomic
def team_save(
    *, data: Mapping[str, Any], members: Iterable[User], by: User, team: InvestmentTeam | None = None
) -> InvestmentTeam:
    """Create or change a team (招商小分队, 专班) and set its members."""
    _check(by)
    team = changelog.save_as(team or InvestmentTeam(), data, by=by)
    with changelog.acting(by=by):
        team.members.set(list(members))
    return team


@transaction.atomic
def rules_save(*, data: Mapping[str, Any], by: User) -> InvestmentRules:
    """The rules in force (the latest row) are changed in place, like the reward rule; the change log keeps what
    they were (a new row would put back the defaults of every rule the form does not show)."""
    _check(by)
    return changelog.save_as(rules(), data, by=by)
