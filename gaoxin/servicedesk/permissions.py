"""Who may take which step of a request. The services check it; views ask it to show only possible actions.

- The enterprise service centre (officers of a department holding the service desk) and administrators accept,
  refuse (不予受理), dispatch, review replies, call back, reopen, close and decide on extensions.
- Officers of the handling department sign and return. Once an officer has signed, the request is theirs: only
  they, the head of their department (``DepartmentHead``) or the centre contact the enterprise, give interim
  replies, ask for extensions and reply; the department's other officers see it read-only.
- Officers of a co-handling department (协办单位) add their part of the answer (``contribute``).
- The enterprise's contact submits and rates; the centre may record a rating given by phone at the callback.
- Leaders, the centre and administrators supervise (督办).
"""

from __future__ import annotations

from typing import Any

from gaoxin.accounts.choices import Capability

CENTRE_ACTIONS = frozenset(
    {
        "accept",
        "refuse",
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
DEPARTMENT_ACTIONS = frozenset({"sign", "return"})
HOLDER_ACTIONS = frozenset({"contact", "interim_reply", "request_extension", "reply"})


def is_centre(user: Any) -> bool:
    """Administrators and officers of a department that holds the service desk."""
    return bool(getattr(user, "is_authenticated", False) and user.can_act_on(Capability.SERVICEDESK))


def in_handling_department(user: Any, request: Any) -> bool:
    return bool(
        getattr(user, "is_officer", False)
        and user.department_id is not None
        and user.department_id == request.department_id
    )


def is_department_head(user: Any, department_id: int | None) -> bool:
    """The user heads the department (configured in the service desk settings)."""
    if department_id is None or not getattr(user, "is_officer", False):
        return False
    return bool(user.headed_departments.filter(department_id=department_id).exists())


def holds(user: Any, request: Any) -> bool:
    """The request is the user's to handle: they signed it, or, before anyone signed, their department has it."""
    if request.signed_by_id is not None:
        return bool(user.pk == request.signed_by_id)
    return in_handling_department(user, request)


def may_handle(user: Any, request: Any) -> bool:
    """Contact, interim reply, extension, reply: the holder, their department's head, the centre."""
    return (
        holds(user, request)
        or is_centre(user)
        or user.is_administrator
        or is_department_head(user, request.department_id)
    )


def co_handles(user: Any, request: Any) -> bool:
    """An officer of one of the request's co-handling departments (协办单位)."""
    if not getattr(user, "is_officer", False) or user.department_id is None:
        return False
    return any(d.pk == user.department_id for d in request.co_departments.all())


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
    if action in HOLDER_ACTIONS:
        return may_handle(user, request)
    if action == "contribute":
        return co_handles(user, request) and not in_handling_department(user, request)
    if action == "rate":
        return is_own_enterprise(user, request) or is_centre(user)
    if action == "supervise":
        return is_centre(user) or user.is_leader
    if action == "attach":
        return (
            is_own_enterprise(user, request)
            or is_centre(user)
            or in_handling_department(user, request)
            or co_handles(user, request)
        )
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
