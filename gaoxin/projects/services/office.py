"""The project office's settings: who issues the module's documents, how early spending is treated."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from gaoxin.accounts.models import User
from gaoxin.core import changelog
from gaoxin.projects import permissions
from gaoxin.projects.models import OfficeSettings


@transaction.atomic
def office_settings_save(*, data: Mapping[str, Any], by: User | None) -> OfficeSettings:
    """New settings in force (earlier rows stay as the record)."""
    if not permissions.may_configure(by):
        raise PermissionDenied
    settings = OfficeSettings(**data)
    settings.full_clean()
    with changelog.acting(by=by):
        settings.save()
    return settings
