"""The steps of a request's closed loop. Each checks who acts and whether the loop allows it, writes in one
transaction (the row locked), recomputes the deadlines, and records the step in the timeline and the change log.

Signing is the one step two officers race for: it is a conditional ``UPDATE … WHERE state = 'dispatched'``, so
exactly one of them wins and the other is told who did.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.accounts.models import Department, User
from gaoxin.core import calendar_services, changelog
from gaoxin.core.models import ChangeAction
from gaoxin.servicedesk import deadlines as dl
from gaoxin.servicedesk import permissions
from gaoxin.servicedesk import workflow as wf
from gaoxin.servicedesk.choices import (
    Action,
    CloseReason,
    ExtensionDecision,
    Outcome,
    RequestState,
    SupervisionLevel,
)
from gaoxin.servicedesk.models import ExtensionRequest, RequestEvent, ServiceRequest
from gaoxin.servicedesk.services import deadlines as sync
from gaoxin.servicedesk.services import notify
from gaoxin.servicedesk.services.errors import AlreadySigned, StepRefused, from_workflow
from gaoxin.servicedesk.services.files import store_attachments

Change = Callable[[ServiceRequest, dt.datetime], dict[str, Any] | None]


def _copy_into(target: ServiceRequest, source: ServiceRequest) -> None:
    for field in ServiceRequest._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


def _record(
    request: ServiceRequest,
    action: str,
    *,
    from_state: str,
    by: User,
    at: dt.datetime,
    note: str,
    data: dict[str, Any],
) -> None:
    RequestEvent.objects.create(
        request=request,
        action=action,
        from_state=from_state,
        to_state=request.state,
        at=at,
        by=by,
        by_name=str(by),
        by_enterprise=by.is_enterprise_contact,
        note=note,
        data=data,
    )
    notify.step_taken(request, action, by=by)


def _step(
    request: ServiceRequest,
    action: str,
    *,
    by: User,
    now: dt.datetime | None = None,
    note: str = "",
    change: Change | None = None,
) -> ServiceRequest:
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            ServiceRequest.objects.select_for_update(of=("self",))
            .select_related("enterprise")
            .get(pk=request.pk)
        )
        if not permissions.may(by, action, locked):
            raise PermissionDenied
        from_state = locked.state
        with changelog.acting(by=by, note=Action(action).label):
            try:
                to_state = wf.target(action, from_state)
                data = (change(locked, now) if change else None) or {}
            except wf.WorkflowError as error:
                raise from_workflow(error) from error
            locked.state = to_state
            sync.refresh(locked)
            locked.save()
        _record(
            locked,
            action,
            from_state=from_state,
            by=by,
            at=now,
            note=note,
            data=data,
        )
    _copy_into(request, locked)
    return locked


def _required(text: str, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise StepRefused(_("Please give %(what)s.") % {"what": what}, code="required")
    return text


def request_accept(
    *, request: ServiceRequest, by: User, category_id: int | None = None, urgency: str = "", note: str = ""
) -> ServiceRequest:
    """The centre accepts a submitted request, classifying it anew if needed (the limits follow)."""

    def change(r: ServiceRequest, now: dt.datetime) -> dict[str, Any]:
        reclassify(r, category_id or r.category_id, urgency or r.urgency)
        r.accepted_at, r.accepted_by = now, by
        return {"category": r.category_id, "urgency": r.urgency}

    return _step(request, "accept", by=by, note=note, change=change)


def reclassify(request: ServiceRequest, category_id: int, urgency: str) -> None:
    """Set category and urgency and take the limits of their policy (recorded on the request)."""
    request.category_id, request.urgency = category_id, urgency
    policy, limits = sync.limits_for(category_id, urgency)
    request.policy = policy
    request.limits = limits.as_json()


def request_dispatch(
    *,
    request: ServiceRequest,
    department: Department,
    co_departments: Iterable[Department] = (),
    by: User,
    note: str = "",
) -> ServiceRequest:
    """Dispatch (派单) to the department that handles it, with co-handling departments (协办)."""
    if not department.is_active:
        raise StepRefused(_("%(department)s is not an active department.") % {"department": department})
    helpers = [d for d in co_departments if d.pk != department.pk]

    def change(r: ServiceRequest, now: dt.datetime) -> dict[str, Any]:
        r.department = department
        r.dispatched_at, r.dispatched_by = now, by
        r.signed_at = r.signed_by = None
        r.co_departments.set(helpers)
        return {"department": department.name, "co_departments": [d.name for d in helpers]}

    return _step(request, "dispatch", by=by, note=note, change=change)


def _read_for_sign(pk: int) -> ServiceRequest:
    """The request as the signing officer sees it before claiming it (separate so tests can interleave)."""
    return ServiceRequest.objects.select_related("enterprise").get(pk=pk)


def claim_signature(pk: int, *, department_id: int | None, by: User, now: dt.datetime) -> bool:
    if department_id is None:
        return False
    """The conditional update: True if this officer took the request, False if it was no longer waiting."""
    claimed = ServiceRequest.objects.filter(
        pk=pk, state=RequestState.DISPATCHED, department_id=department_id
    ).update(state=RequestState.IN_PROGRESS, signed_at=now, signed_by=by, updated_at=now)
    if claimed == 1:  # an UPDATE past the signals: recorded through the mechanism's bulk entry
        changes = {
            "state": [RequestState.DISPATCHED, RequestState.IN_PROGRESS],
            "signed_at": [None, changelog.json_value(now)],
            "signed_by": [None, by.pk],
        }
        label = str(ServiceRequest.objects.get(pk=pk))
        changelog.record(
            [
                changelog.Change(
                    ServiceRequest, pk, ChangeAction.UPDATE, changes, str(Action("sign").label), label
                )
            ],
            by=by,
        )
    return claimed == 1


def _refuse_sign(pk: int) -> StepRefused:
    current = ServiceRequest.objects.select_related("signed_by").get(pk=pk)
    if current.state != RequestState.DISPATCHED and current.signed_by is not None:
        return AlreadySigned(str(current.signed_by), current.signed_at)
    if current.state == RequestState.DISPATCHED:  # dispatched again, to another department
        return StepRefused(_("The request was dispatched to another department meanwhile."), code="conflict")
    return from_workflow(wf.IllegalTransition("sign", current.state))


def request_sign(*, request: ServiceRequest, by: User, now: dt.datetime | None = None) -> ServiceRequest:
    """A named officer of the handling department signs (签收): from now on the request is theirs."""
    now = now or timezone.now()
    with transaction.atomic():
        seen = _read_for_sign(request.pk)
        if not permissions.may(by, "sign", seen):
            raise PermissionDenied
        if seen.state != RequestState.DISPATCHED:
            raise _refuse_sign(request.pk)
        if not claim_signature(request.pk, department_id=seen.department_id, by=by, now=now):
            raise _refuse_sign(request.pk)
        signed = (
            ServiceRequest.objects.select_for_update(of=("self",))
            .select_related("enterprise")
            .get(pk=request.pk)
        )
        sync.refresh(signed)
        with changelog.acting(by=by, note=Action("sign").label):
            signed.save(update_fields=[*sync.DERIVED_FIELDS, "updated_at"])
        _record(
            signed,
            "sign",
            from_state=RequestState.DISPATCHED,
            by=by,
            at=now,
            note="",
            data={},
        )
    _copy_into(request, signed)
    return signed


def request_return(*, request: ServiceRequest, reason: str, by: User) -> ServiceRequest:
    """A misrouted request goes back to the centre (退单), with the reason, within the return limit."""
    reason = _required(reason, _("the reason for returning"))

    def change(r: ServiceRequest, now: dt.datetime) -> dict[str, Any]:
        if r.return_due is not None and now > r.return_due:
            raise StepRefused(
                _(
                    "A misrouted request must be returned by %(due)s; ask the centre to dispatch it again instead."
                )
                % {"due": timezone.localtime(r.return_due).strftime("%Y-%m-%d")}
            )
        returned_by = r.department.name if r.department else ""
        r.department = None
        r.dispatched_at = r.dispatched_by = None
        r.return_count += 1
        r.co_departments.clear()
        return {"department": returned_by}

    return _step(request, "return", by=by, note=reason, change=change)


def request_contact(*, request: ServiceRequest, note: str, by: User) -> ServiceRequest:
    def change(r: ServiceRequest, now: dt.datetime) -> None:
        r.contacted_at = r.contacted_at or now

    return _step(request, "contact", by=by, note=note.strip(), change=change)


def request_interim_reply(*, request: ServiceRequest, text: str, by: User) -> ServiceRequest:
    text = _required(text, _("the interim reply"))

    def change(r: ServiceRequest, now: dt.datetime) -> None:
        r.interim_at = r.interim_at or now
        r.interim_note = text

    return _step(request, "interim_reply", by=by, note=text, change=change)


def _pending_extension(request: ServiceRequest) -> ExtensionRequest | None:
    return request.extensions.filter(decision=ExtensionDecision.PENDING).first()


def request_extension_ask(*, request: ServiceRequest, days: int, reason: str, by: User) -> ServiceRequest:
    """Ask the centre for more working days (延期), within the policy's cap."""
    reason = _required(reason, _("the reason for the extension"))

    def change(r: ServiceRequest, now: dt.datetime) -> dict[str, Any]:
        cap = dl.Limits.from_json(r.limits).extension_cap
        wf.check_extension(
            days=days, granted=r.extension_days, pending=_pending_extension(r) is not None, cap=cap
        )
        ExtensionRequest.objects.create(
            request=r, days=days, reason=reason, requested_by=by, requested_at=now
        )
        return {"days": days}

    return _step(request, "request_extension", by=by, note=reason, change=change)


def request_extension_decide(
    *, request: ServiceRequest, approve: bool, note: str, by: User
) -> ServiceRequest:
    def change(r: ServiceRequest, now: dt.datetime) -> dict[str, Any]:
        pending = _pending_extension(r)
        if pending is None:
            raise StepRefused(_("No extension request is waiting for a decision."))
        if approve:
            cap = dl.Limits.from_json(r.limits).extension_cap
            wf.check_extension(days=pending.days, granted=r.extension_days, pending=False, cap=cap)
            r.extension_days += pending.days
        pending.decision = ExtensionDecision.APPROVED if approve else ExtensionDecision.REJECTED
        pending.decided_by, pending.decided_at, pending.decision_note = by, now, note
        pending.save()
        return {"days": pending.days, "approved": approve}

    return _step(request, "decide_extension", by=by, note=note, change=change)


def request_reply(
    *,
    request: ServiceRequest,
    reply: str,
    outcome: str,
    by: User,
    attachments: Iterable[UploadedFile] = (),
) -> ServiceRequest:
    """The department's answer (答复), with what it achieved and files for the enterprise; the centre reviews
    it, and the enterprise receives answer and files once the centre lets them through."""
    reply = _required(reply, _("the reply"))
    if outcome not in Outcome.values:
        raise StepRefused(_("Say whether the problem was resolved."), code="required")

    def change(r: ServiceRequest, now: dt.datetime) -> dict[str, Any]:
        r.reply, r.outcome = reply, outcome
        r.replied_at, r.replied_by = now, by
        r.extensions.filter(decision=ExtensionDecision.PENDING).update(
            decision=ExtensionDecision.REJECTED,
            decided_at=now,
            decision_note=_("Withdrawn: the request was replied to."),
        )
        files = store_attachments(r, attachments, by=by)
        return {"outcome": outcome, "attachments": files} if files else {"outcome": outcome}

    return _step(request, "reply", by=by, note=reply, change=change)


def request_review(*, request: ServiceRequest, approve: bool, note: str, by: User) -> ServiceRequest:
    """The centre checks the reply: it goes to the enterprise (callback next), or back to the department."""
    if approve:

        def approve_change(r: ServiceRequest, now: dt.datetime) -> dict[str, Any]:
            r.reviewed_at, r.reviewed_by = now, by
            replied = r.events.filter(action="reply").order_by("-at", "-id").values_list("data", flat=True)
            files = (replied.first() or {}).get("attachments", [])
            # the answer the enterprise is given: the reply and the files sent with it
            return {"reply": r.reply, "outcome": r.outcome, "attachments": files}

        return _step(request, "approve_reply", by=by, note=note.strip(), change=approve_change)
    reason = _required(note, _("why the reply is sent back"))

    def reject_change(r: ServiceRequest, now: dt.datetime) -> dict[str, Any]:
        previous = {"reply": r.reply, "outcome": r.outcome}
        r.replied_at = r.replied_by = None
        return previous

    return _step(request, "reject_reply", by=by, note=reason, change=reject_change)


def request_callback(
    *, request: ServiceRequest, note: str, by: User, rating: str = "", comment: str = ""
) -> ServiceRequest:
    """The centre calls the enterprise back (回访); the rating it gives on the phone may be recorded."""
    note = _required(note, _("what the enterprise said"))

    def change(r: ServiceRequest, now: dt.datetime) -> dict[str, Any]:
        r.callback_at, r.callback_by, r.callback_note = now, by, note
        if rating:
            wf.check_rating(rating=rating, current=r.rating)
            r.rating, r.rating_comment, r.rated_at = rating, comment.strip(), now
        return {"rating": rating} if rating else {}

    return _step(request, "callback", by=by, note=note, change=change)


def request_rate(*, request: ServiceRequest, rating: str, comment: str, by: User) -> ServiceRequest:
    """The enterprise rates the result: satisfied, basically satisfied or dissatisfied."""

    def change(r: ServiceRequest, now: dt.datetime) -> dict[str, Any]:
        wf.check_rating(rating=rating, current=r.rating)
        r.rating, r.rating_comment, r.rated_at = rating, comment.strip(), now
        return {"rating": rating}

    return _step(request, "rate", by=by, note=comment.strip(), change=change)


def request_reopen(*, request: ServiceRequest, reason: str, by: User) -> ServiceRequest:
    """重办: the enterprise is dissatisfied and the unit is at fault; the department handles it again."""
    reason = _required(reason, _("why the request is reopened"))

    def change(r: ServiceRequest, now: dt.datetime) -> dict[str, Any]:
        wf.check_reopen(rating=r.rating)
        previous = {
            "rating": r.rating,
            "reply": r.reply,
            "outcome": r.outcome,
            "extension_days": r.extension_days,
        }
        r.reopened_at = now
        r.reopen_count += 1
        r.extension_days = 0
        r.reply = r.outcome = r.rating = r.rating_comment = r.callback_note = ""
        r.replied_at = r.replied_by = r.reviewed_at = r.reviewed_by = None
        r.callback_at = r.callback_by = r.rated_at = None
        return previous

    return _step(request, "reopen", by=by, note=reason, change=change)


def _close_fields(r: ServiceRequest, now: dt.datetime, by: User, reason: str, note: str) -> None:
    r.closed_at, r.closed_by, r.close_reason, r.close_note = now, by, reason, note
    r.handling_workdays = sync.handling_workdays(r, now, calendar_services.current_calendar())


def request_close(*, request: ServiceRequest, note: str, by: User) -> ServiceRequest:
    """办结: after the callback (or the enterprise's rating)."""

    def change(r: ServiceRequest, now: dt.datetime) -> None:
        wf.check_close(callback_done=r.callback_at is not None, rating=r.rating)
        _close_fields(r, now, by, CloseReason.HANDLED, note.strip())

    return _step(request, "close", by=by, note=note.strip(), change=change)


def request_close_directly(*, request: ServiceRequest, note: str, by: User) -> ServiceRequest:
    """The centre answers an accepted request itself and closes it (a request that is not admissible is refused
    before it is accepted: ``request_refuse``)."""
    note = _required(note, _("the answer given to the enterprise"))

    def change(r: ServiceRequest, now: dt.datetime) -> dict[str, Any]:
        _close_fields(r, now, by, CloseReason.ANSWERED_DIRECTLY, note)
        return {"reason": CloseReason.ANSWERED_DIRECTLY.value}

    return _step(request, "close_directly", by=by, note=note, change=change)


def request_refuse(*, request: ServiceRequest, reason: str, by: User) -> ServiceRequest:
    """不予受理: the centre refuses a submitted request as not admissible, telling the enterprise why. Only a
    request not yet accepted can be refused: accepting it admits it."""
    reason = (reason or "").strip()

    def change(r: ServiceRequest, now: dt.datetime) -> dict[str, Any]:
        wf.check_refusal(reason=reason)
        _close_fields(r, now, by, CloseReason.NOT_ADMISSIBLE, reason)
        return {"reason": CloseReason.NOT_ADMISSIBLE.value}

    return _step(request, "refuse", by=by, note=reason, change=change)


def request_contribute(*, request: ServiceRequest, text: str, by: User) -> ServiceRequest:
    """A co-handling department's part of the answer (协办意见), for the officer who holds the request to merge
    into the reply."""
    text = _required(text, _("your department's part of the answer"))

    def change(r: ServiceRequest, now: dt.datetime) -> dict[str, Any]:
        return {"department": by.department.name if by.department else ""}

    return _step(request, "contribute", by=by, note=text, change=change)


def request_supervise(*, request: ServiceRequest, level: int, note: str, by: User) -> ServiceRequest:
    """督办: put a request under supervision at a level (or lift it with level 0)."""
    if level not in SupervisionLevel.values:
        raise StepRefused(_("Choose a supervision level."), code="required")
    note = _required(note, _("the reason for supervision"))

    def change(r: ServiceRequest, now: dt.datetime) -> dict[str, Any]:
        previous = r.supervision_level
        r.supervision_level, r.supervision_note = level, note
        return {"level": level, "previous": previous}

    return _step(request, "supervise", by=by, note=note, change=change)
