"""Who may take which step of a request. The services check it; views ask it to show only possible actions.

- The enterprise service centre (officers of a department holding the service desk) and administrators accept,
  dispatch, review replies, call back, reopen, close and decide on extensions.
- Officers of the handling department sign, return, contact, give interim replies, ask for extensions and reply.
- The enterprise's contact submits and rates; the centre may record a rating given by phone at the callback.
- Leaders, the centre and administrators supervise (督办).
"""

from __future__ import annotations

from typing import Any

from gaoxin.accounts.choices import Capability

CENTRE_ACTIONS = frozenset(
    {
        "accept",
        "dispatch",
        "close_directly",
        "decide_extension",
        "approve_reply",
        "reject_reply",
        "callback",
        "reopen",
        "close",
    }
)
DEPARTMENT_ACTIONS = frozenset({"sign", "return", "contact", "interim_reply", "request_extension", "reply"})


def is_centre(user: Any) -> bool:
    """Administrators and officers of a department that holds the service desk."""
    return bool(getattr(user, "is_authenticated", False) and user.can_act_on(Capability.SERVICEDESK))


def in_handling_department(user: Any, request: Any) -> bool:
    return bool(
        getattr(user, "is_officer", False)
        and user.department_id is not None
        and user.department_id == request.department_id
    )


def is_own_enterprise(user: Any, request: Any) -> bool:
    return bool(getattr(user, "is_enterprise_contact", False) and user.enterprise_id == request.enterprise_id)


def may(user: Any, action: str, request: Any) -> bool:
    """Whether ``user`` may take ``action`` on ``request`` (the state is checked separately)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if action in CENTRE_ACTIONS:
        return is_centre(user)
    if action in DEPARTMENT_ACTIONS:
        return in_handling_department(user, request) or user.is_administrator
    if action == "rate":
        return is_own_enterprise(user, request) or is_centre(user)
    if action == "supervise":
        return is_centre(user) or user.is_leader
    if action == "attach":
        return is_own_enterprise(user, request) or is_centre(user) or in_handling_department(user, request)
    return False


def may_create(user: Any) -> bool:
    """Enterprise contacts submit for their enterprise; committee officers record requests they receive."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_enterprise_contact or user.is_officer or user.is_administrator)


def may_see_internal(user: Any) -> bool:
    """Internal steps (supervision, extensions, reviews) are for committee staff, not the enterprise."""
    return bool(getattr(user, "is_staff_member", False))


def may_record_visits(user: Any) -> bool:
    return bool(getattr(user, "is_officer", False) or getattr(user, "is_administrator", False))
