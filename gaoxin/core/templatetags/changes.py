"""Showing change log entries: field labels instead of field names."""

from __future__ import annotations

from django import template
from django.core.exceptions import FieldDoesNotExist

from gaoxin.core.models import ChangeLogEntry

register = template.Library()


@register.filter
def field_label(entry: ChangeLogEntry, name: str) -> str:
    model = entry.content_type.model_class()
    if model is None:
        return name
    try:
        return str(model._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
    except FieldDoesNotExist:
        return name
