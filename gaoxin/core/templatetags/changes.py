"""Showing change log entries as a person reads them (through the one formatter, ``core.change_display``)."""

from __future__ import annotations

from django import template

from gaoxin.core import change_display
from gaoxin.core.models import ChangeLogEntry

register = template.Library()


@register.filter
def shown(entry: ChangeLogEntry) -> change_display.ShownEntry:
    return change_display.shown(entry)
