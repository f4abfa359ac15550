from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from gaoxin.core.models import ChangeLogEntry


def changelog_search(
    *, text: str = "", user: str = "", action: str = "", model: str = "", request_id: str = ""
) -> QuerySet[ChangeLogEntry]:
    """Administrators' search over the whole change log."""
    entries = ChangeLogEntry.objects.select_related("content_type", "user")
    if text:
        entries = entries.filter(Q(object_repr__icontains=text) | Q(object_id=text) | Q(note__icontains=text))
    if user:
        entries = entries.filter(Q(user_name__icontains=user) | Q(user__display_name__icontains=user))
    if action:
        entries = entries.filter(action=action)
    if model:
        entries = entries.filter(content_type__model=model)
    if request_id:
        entries = entries.filter(request_id=request_id)
    return entries


def changed_fields(entry: ChangeLogEntry, labels: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of (label, old, new) for showing one entry, with the model's field labels."""
    return [
        {"field": labels.get(name, name), "old": values[0], "new": values[1]}
        for name, values in sorted(entry.changes.items())
    ]
