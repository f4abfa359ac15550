"""Refusals of the service desk as Django validation errors, translated when raised."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.core.message_text import translated
from gaoxin.core.messages import Message
from gaoxin.servicedesk import workflow as wf
from gaoxin.servicedesk.choices import Action, RequestState


class StepRefused(ValidationError):
    """A step that the loop does not allow now; the message says why, in the user's language."""

    def __init__(self, message: str, code: str = "refused") -> None:
        super().__init__(message, code=code)


class AlreadySigned(StepRefused):
    """Someone else signed the request first."""

    def __init__(self, name: str, at: dt.datetime | None) -> None:
        moment = timezone.localtime(at).strftime("%Y-%m-%d %H:%M") if at else ""
        super().__init__(
            _("This request was signed by %(name)s at %(time)s; it is theirs now.")
            % {"name": name, "time": moment},
            code="conflict",
        )
        self.name = name


def from_workflow(error: wf.WorkflowError) -> StepRefused:
    if isinstance(error, wf.IllegalTransition):
        labels: dict[str, Any] = {
            "action": Action(error.action).label,
            "state": RequestState(error.state).label,
        }
        return StepRefused(translated(Message(error.message.msgid, labels)), code="illegal")
    return StepRefused(translated(error.message))
