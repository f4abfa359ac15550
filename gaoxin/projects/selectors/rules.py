"""The rules in force: read by the services that apply them and by the pages and documents that show them."""

from __future__ import annotations

from gaoxin.projects import lights
from gaoxin.projects.models import LightRule, OfficeSettings


def current_light_rule() -> lights.Rule:
    """The rule in force: the latest LightRule row, or the defaults of DOMAIN §4.3."""
    row = LightRule.objects.order_by("-id").first()
    if row is None:
        return lights.Rule()
    return lights.Rule(row.yellow_gap, row.red_gap, row.start_late_red_months)


def current_office_settings() -> OfficeSettings:
    """The project office's settings in force: the latest row, else the defaults (unsaved)."""
    return OfficeSettings.objects.order_by("-id").first() or OfficeSettings()
