"""The pipeline's stages: the project office renames, reorders, retires and adds them (DOMAIN §4.1)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gaoxin.accounts.models import User
from gaoxin.core import changelog
from gaoxin.projects import permissions
from gaoxin.projects.models import Stage


@transaction.atomic
def stage_save(*, data: Mapping[str, Any], by: User, stage: Stage | None = None) -> Stage:
    """Create or change a stage. A stage projects stand in cannot be retired; each milestone (start, completion,
    production) belongs to one stage at most."""
    if not permissions.may_configure(by):
        raise PermissionDenied
    stage = stage or Stage()
    if stage.pk and data.get("is_active") is False and stage.projects.exists():
        raise ValidationError({"is_active": _("Projects stand in this stage: move them before retiring it.")})
    milestone = data.get("milestone", stage.milestone)
    if milestone and Stage.objects.filter(milestone=milestone).exclude(pk=stage.pk).exists():
        raise ValidationError({"milestone": _("Another stage already counts as this.")})
    return changelog.save_as(stage, data, by=by)
