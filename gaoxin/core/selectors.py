from __future__ import annotations

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
    if model:  # "attachment", or "evaluation.attachment" when two apps have a model of that name
        app_label, _, name = model.rpartition(".")
        entries = entries.filter(content_type__model=name)
        if app_label:
            entries = entries.filter(content_type__app_label=app_label)
    if request_id:
        entries = entries.filter(request_id=request_id)
    return entries
