"""The form and the service of each step, and which of them a user sees on a request's page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gaoxin.accounts.models import User
from gaoxin.servicedesk import permissions, services
from gaoxin.servicedesk import workflow as wf
from gaoxin.servicedesk.choices import Action
from gaoxin.servicedesk.forms import (
    AcceptForm,
    CallbackForm,
    CloseDirectlyForm,
    ContributionForm,
    DecisionForm,
    DispatchForm,
    ExtensionAskForm,
    InterimForm,
    NoteForm,
    RateForm,
    ReasonForm,
    ReplyForm,
    SignForm,
    SuperviseForm,
)
from gaoxin.servicedesk.models import ServiceRequest

Perform = Callable[[ServiceRequest, User, dict[str, Any]], object]


def _review(approve: bool) -> Perform:
    return lambda r, u, d: services.request_review(request=r, approve=approve, note=d.get("note", ""), by=u)


STEP_FORMS: dict[str, tuple[type[forms.Form], Perform]] = {
    "accept": (
        AcceptForm,
        lambda r, u, d: services.request_accept(
            request=r,
            by=u,
            category_id=d["category"].pk if d.get("category") else None,
            urgency=d.get("urgency", ""),
            note=d.get("note", ""),
        ),
    ),
    "dispatch": (
        DispatchForm,
        lambda r, u, d: services.request_dispatch(
            request=r, department=d["department"], co_departments=d["co_departments"], by=u, note=d["note"]
        ),
    ),
    "refuse": (ReasonForm, lambda r, u, d: services.request_refuse(request=r, reason=d["reason"], by=u)),
    "sign": (SignForm, lambda r, u, d: services.request_sign(request=r, by=u)),
    "return": (ReasonForm, lambda r, u, d: services.request_return(request=r, reason=d["reason"], by=u)),
    "contact": (NoteForm, lambda r, u, d: services.request_contact(request=r, note=d["note"], by=u)),
    "contribute": (
        ContributionForm,
        lambda r, u, d: services.request_contribute(request=r, text=d["text"], by=u),
    ),
    "interim_reply": (
        InterimForm,
        lambda r, u, d: services.request_interim_reply(request=r, text=d["text"], by=u),
    ),
    "request_extension": (
        ExtensionAskForm,
        lambda r, u, d: services.request_extension_ask(request=r, days=d["days"], reason=d["reason"], by=u),
    ),
    "decide_extension": (
        DecisionForm,
        lambda r, u, d: services.request_extension_decide(
            request=r, approve=d["approve"], note=d["note"], by=u
        ),
    ),
    "reply": (
        ReplyForm,
        lambda r, u, d: services.request_reply(
            request=r,
            reply=d["reply"],
            outcome=d["outcome"],
            by=u,
            attachments=[d["attachment"]] if d.get("attachment") else [],
        ),
    ),
    "approve_reply": (NoteForm, _review(True)),
    "reject_reply": (NoteForm, _review(False)),
    "callback": (
        CallbackForm,
        lambda r, u, d: services.request_callback(
            request=r, note=d["note"], rating=d["rating"], comment=d["comment"], by=u
        ),
    ),
    "rate": (
        RateForm,
        lambda r, u, d: services.request_rate(request=r, rating=d["rating"], comment=d["comment"], by=u),
    ),
    "reopen": (ReasonForm, lambda r, u, d: services.request_reopen(request=r, reason=d["reason"], by=u)),
    "close": (NoteForm, lambda r, u, d: services.request_close(request=r, note=d["note"], by=u)),
    "close_directly": (
        CloseDirectlyForm,
        lambda r, u, d: services.request_close_directly(request=r, note=d["note"], by=u),
    ),
    "supervise": (
        SuperviseForm,
        lambda r, u, d: services.request_supervise(request=r, level=d["level"], note=d["note"], by=u),
    ),
}
PRIMARY = frozenset(
    {"accept", "dispatch", "sign", "contribute", "reply", "approve_reply", "callback", "rate", "close"}
)


def step_forms(user: User, request: ServiceRequest) -> list[dict[str, Any]]:
    """The steps ``user`` may take now, each with an empty form, in the order of the loop."""
    steps = []
    for action in wf.allowed_actions(request.state):
        if not permissions.may(user, action, request):
            continue
        if action == "decide_extension" and not any(
            e.decision == "pending" for e in request.extensions.all()
        ):
            continue
        if action == "rate" and request.rating:
            continue
        form_class, _perform = STEP_FORMS[action]
        steps.append(
            {
                "action": action,
                "label": Action(action).label,
                "form": form_class(
                    prefix=action, auto_id=f"id_{action}_%s", initial=_initial(action, request)
                ),
                "primary": action in PRIMARY,
            }
        )
    return steps


def _initial(action: str, request: ServiceRequest) -> dict[str, Any]:
    """The reply starts from the co-handling departments' parts of the answer, for the holder to merge."""
    if action != "reply":
        return {}
    parts = [
        f"【{e.data.get('department', '')}】{e.note}"
        for e in request.events.all()
        if e.action == "contribute"
    ]
    return {"reply": "\n".join(parts)} if parts else {}


def read_only_notice(user: User, request: ServiceRequest) -> str:
    """Why an officer of the handling or a co-handling department sees a signed request without its steps."""
    if request.signed_by is None or request.state != wf.IN_PROGRESS:
        return ""
    if permissions.may(user, "reply", request):
        return ""
    if not (permissions.in_handling_department(user, request) or permissions.co_handles(user, request)):
        return ""
    return _(
        "%(officer)s signed this request on %(date)s and handles it; you can read it but not act on it."
    ) % {
        "officer": request.signed_by,
        "date": date_format(timezone.localtime(request.signed_at), "DATE_FORMAT")
        if request.signed_at
        else "",
    }
