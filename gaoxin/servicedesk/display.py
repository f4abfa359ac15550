"""How deadlines read on a page, in a notification, in a robot message."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.core import calendar_services
from gaoxin.servicedesk import deadlines as dl
from gaoxin.servicedesk.choices import DeadlineName, LimitUnit
from gaoxin.servicedesk.deadlines import END_OF_DAY

# The moment each deadline runs from: without it, the deadline has not started.
LIMIT_START = {
    "accept": "received_at",
    "dispatch": "accepted_at",
    "sign": "dispatched_at",
    "return": "dispatched_at",
    "contact": "signed_at",
    "interim": "signed_at",
    "resolve": "dispatched_at",
    "review": "replied_at",
    "callback": "reviewed_at",
}
# The moment each deadline was met (the return limit is a window, not a duty).
LIMIT_DONE = {
    "accept": "accepted_at",
    "dispatch": "dispatched_at",
    "sign": "signed_at",
    "contact": "contacted_at",
    "interim": "interim_at",
    "resolve": "replied_at",
    "review": "reviewed_at",
    "callback": "callback_at",
}


def due_text(moment: dt.datetime | None) -> str:
    """A deadline at the end of a working day reads as the date; one in office hours as date and time."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    if local.time().replace(microsecond=0) == END_OF_DAY:
        return local.strftime("%Y-%m-%d")
    return local.strftime("%Y-%m-%d %H:%M")


def deadline(request: Any, name: str) -> dict[str, Any]:
    """One deadline of a request for display: its text, whether it is missing for want of a calendar year,
    whether it has passed with the step not taken ("overdue") or was met late ("late")."""
    due = getattr(request, f"{name}_due")
    started = getattr(request, LIMIT_START[name]) is not None or (name == "resolve" and request.reopened_at)
    missing = due is None and bool(started) and request.calendar_missing_year is not None
    return {
        "name": name,
        "label": DeadlineName(name).label,
        "due": due,
        "text": calendar_services.missing_year_text(request.calendar_missing_year)
        if missing
        else due_text(due),
        "missing": missing,
        "status": _status(request, name, due),
    }


def _status(request: Any, name: str, due: dt.datetime | None) -> str:
    if due is None or name not in LIMIT_DONE:
        return ""
    done = getattr(request, LIMIT_DONE[name])
    if done is None:
        return "overdue" if request.is_open and due < timezone.now() else ""
    return "late" if done > due else ""


def public_deadlines(request: Any) -> list[dict[str, Any]]:
    """The deadlines promised to the enterprise, as its page shows them: the reply within N working days of
    dispatch, by which date, and the extensions granted — never the committee's internal limits (accept,
    dispatch, sign, contact, review …)."""
    resolve = deadline(request, "resolve")
    limit = dl.Limits.from_json(request.limits).resolve if request.limits else None
    rows = []
    if limit is not None:
        rows.append(
            {
                "label": _("Reply within"),
                "text": f"{limit.amount} {LimitUnit(limit.unit).label}",
                "status": "",
            }
        )
    rows.append(
        {
            "label": _("Reply by"),
            "text": resolve["text"] or _("counted from dispatch"),
            "status": resolve["status"],
        }
    )
    if request.extension_days:
        rows.append(
            {
                "label": _("Extension granted"),
                "text": _("%(n)s working days") % {"n": request.extension_days},
                "status": "",
            }
        )
    return rows
