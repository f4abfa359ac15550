"""The closed loop of an enterprise request (DOMAIN §5.1) as a transition table. Pure: no Django.

submitted → accepted → dispatched → in progress → replied → awaiting callback → closed
submitted --refused as not admissible (不予受理, with the reason)--> closed
dispatched --return (with reason)--> accepted, to be dispatched again
in progress --extension request, approved--> in progress with a later resolve limit (capped)
replied --reply sent back by the centre--> in progress
awaiting callback --dissatisfied, the unit at fault: reopen--> in progress
accepted --answered directly by the centre--> closed
Actions that keep the state (contact, interim reply, a co-handling unit's contribution, extension, callback,
rating, supervision) are transitions whose target is ``None``.

``DISCLOSURE`` says, for every step of the timeline, what the enterprise sees of it; ``disclose`` applies it,
to the step's text and to the files it carries (``data["attachments"]``, their ids): the enterprise sees the
files it attached itself and those a step sends to it (the answer the centre let through), never the
committee's working files. It is the one place that decides: the portal page, the API and the downloads ask it.

An action that the table does not allow raises ``IllegalTransition``; a rule of the loop that is broken (an
extension past the cap, closing before the callback …) raises ``WorkflowError`` with a translatable message.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from gaoxin.core.messages import Message, gettext_noop

SUBMITTED = "submitted"
ACCEPTED = "accepted"
DISPATCHED = "dispatched"
IN_PROGRESS = "in_progress"
REPLIED = "replied"
AWAITING_CALLBACK = "awaiting_callback"
CLOSED = "closed"
STATES = (SUBMITTED, ACCEPTED, DISPATCHED, IN_PROGRESS, REPLIED, AWAITING_CALLBACK, CLOSED)
OPEN_STATES = frozenset(STATES) - {CLOSED}

SATISFIED = "satisfied"
BASICALLY_SATISFIED = "basically_satisfied"
DISSATISFIED = "dissatisfied"
RATINGS = (SATISFIED, BASICALLY_SATISFIED, DISSATISFIED)


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str | None  # None: the request keeps its state


def _t(action: str, sources: set[str] | frozenset[str], target: str | None) -> tuple[str, Transition]:
    return action, Transition(action, frozenset(sources), target)


TRANSITIONS: dict[str, Transition] = dict(
    [
        _t("accept", {SUBMITTED}, ACCEPTED),
        _t("refuse", {SUBMITTED}, CLOSED),
        _t("dispatch", {ACCEPTED}, DISPATCHED),
        _t("return", {DISPATCHED}, ACCEPTED),
        _t("sign", {DISPATCHED}, IN_PROGRESS),
        _t("contact", {IN_PROGRESS}, None),
        _t("contribute", {DISPATCHED, IN_PROGRESS}, None),
        _t("interim_reply", {IN_PROGRESS}, None),
        _t("request_extension", {IN_PROGRESS}, None),
        _t("decide_extension", {IN_PROGRESS}, None),
        _t("reply", {IN_PROGRESS}, REPLIED),
        _t("approve_reply", {REPLIED}, AWAITING_CALLBACK),
        _t("reject_reply", {REPLIED}, IN_PROGRESS),
        _t("callback", {AWAITING_CALLBACK}, None),
        _t("rate", {AWAITING_CALLBACK}, None),
        _t("reopen", {AWAITING_CALLBACK}, IN_PROGRESS),
        _t("close", {AWAITING_CALLBACK}, CLOSED),
        _t("close_directly", {ACCEPTED}, CLOSED),
        _t("supervise", OPEN_STATES, None),
    ]
)
ACTIONS = tuple(TRANSITIONS)

# What the enterprise sees of each step of its request's timeline:
HIDDEN = "hidden"  # nothing: the committee's internal work (returns, extensions, reviews, supervision …)
STEP = "step"  # that the step was taken, when and by whom, but not its note (an internal remark)
NOTE = "note"  # the step and its note: the note is addressed to the enterprise
ANSWER = "answer"  # the step with the answer the centre let through (recorded with the step), not its note
OWN = "own"  # the step and its note when the enterprise took it; nothing when staff did (a working file)
DISCLOSURE: dict[str, str] = {
    "create": NOTE,
    "attach": OWN,  # the file's name
    "accept": STEP,
    "refuse": NOTE,  # the reason it is not admissible is the answer to the enterprise
    "dispatch": STEP,
    "return": HIDDEN,
    "sign": STEP,
    "contact": STEP,
    "contribute": HIDDEN,
    "interim_reply": NOTE,
    "request_extension": HIDDEN,
    "decide_extension": HIDDEN,
    "reply": HIDDEN,  # not yet let through: it may be sent back for rework
    "approve_reply": ANSWER,
    "reject_reply": HIDDEN,
    "callback": STEP,
    "rate": NOTE,  # the enterprise's own comment
    "reopen": STEP,
    "close": STEP,
    "close_directly": NOTE,  # the centre's answer
    "supervise": HIDDEN,
}
PUBLIC_ACTIONS = frozenset(action for action, shown in DISCLOSURE.items() if shown != HIDDEN)


@dataclass(frozen=True)
class PublicEntry:
    """A timeline step as the enterprise sees it: the step it is shown as, and the text addressed to it (may be
    empty)."""

    action: str
    text: str
    attachments: tuple[int, ...] = ()  # the files addressed to the enterprise with this step


def disclose(
    action: str, note: str, data: Mapping[str, Any], *, by_enterprise: bool = False
) -> PublicEntry | None:
    """The enterprise's view of one step, or None if the step is internal. An unknown step is internal.
    ``by_enterprise``: the enterprise's contact took the step (its own text and files)."""
    shown = DISCLOSURE.get(action, HIDDEN)
    if shown == OWN:
        shown = NOTE if by_enterprise else HIDDEN
    if shown == HIDDEN:
        return None
    files = tuple(int(pk) for pk in data.get("attachments", ()))
    if shown == ANSWER:  # to the enterprise, the approval is the reply it receives, with the reply's files
        return PublicEntry("reply", str(data.get("reply", "")), files)
    own_files = files if by_enterprise else ()  # files staff attach to other steps stay internal
    if shown == NOTE:
        return PublicEntry(action, note, own_files)
    return PublicEntry(action, "", own_files)


def disclosed_files(entries: Iterable[PublicEntry | None]) -> frozenset[int]:
    """The ids of the files the enterprise may see and download: those of the steps it sees."""
    return frozenset(pk for entry in entries if entry is not None for pk in entry.attachments)


def published_reply(state: str) -> bool:
    """Whether a request's reply is the one the centre let through (its review is done and not undone)."""
    return state in (AWAITING_CALLBACK, CLOSED)


class WorkflowError(Exception):
    """A rule of the loop was broken; ``message`` holds the msgid and its parameters."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.text())
        self.message = message


class IllegalTransition(WorkflowError):
    """The action is not possible in the request's state (params: ``action`` and ``state`` codes)."""

    def __init__(self, action: str, state: str) -> None:
        super().__init__(
            Message(
                gettext_noop("“%(action)s” is not possible for a request that is “%(state)s”."),
                {"action": action, "state": state},
            )
        )
        self.action = action
        self.state = state


def target(action: str, state: str) -> str:
    """The state after ``action`` from ``state``; raises IllegalTransition if the table does not allow it."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ValueError(f"unknown action {action!r}")
    if state not in transition.sources:
        raise IllegalTransition(action, state)
    return transition.target or state


def allowed_actions(state: str) -> list[str]:
    return [action for action, transition in TRANSITIONS.items() if state in transition.sources]


def check_extension(*, days: int, granted: int, pending: bool, cap: int) -> None:
    """An extension request must be for at least one working day, one at a time, and within the cap."""
    if pending:
        raise WorkflowError(
            Message(gettext_noop("An extension request is already waiting for a decision."), {})
        )
    if days < 1:
        raise WorkflowError(Message(gettext_noop("An extension must be at least one working day."), {}))
    if granted + days > cap:
        raise WorkflowError(
            Message(
                gettext_noop(
                    "Extensions may add at most %(cap)s working days in all; %(granted)s have been granted, "
                    "so at most %(left)s more can be asked for."
                ),
                {"cap": cap, "granted": granted, "left": max(cap - granted, 0)},
            )
        )


def check_refusal(*, reason: str) -> None:
    """Refusing a request (不予受理) says why: the enterprise is told."""
    if not reason.strip():
        raise WorkflowError(
            Message(gettext_noop("Say why the request is not admissible: the enterprise is told."), {})
        )


def check_close(*, callback_done: bool, rating: str) -> None:
    """A request is closed after the callback to the enterprise or its rating."""
    if not callback_done and not rating:
        raise WorkflowError(
            Message(gettext_noop("Call the enterprise back or record its rating before closing."), {})
        )


def check_reopen(*, rating: str) -> None:
    """Only a result the enterprise is dissatisfied with is handled again (重办)."""
    if rating != DISSATISFIED:
        raise WorkflowError(
            Message(gettext_noop("Only a request the enterprise is dissatisfied with can be reopened."), {})
        )


def check_rating(*, rating: str, current: str) -> None:
    if rating not in RATINGS:
        raise WorkflowError(
            Message(gettext_noop("Choose satisfied, basically satisfied or dissatisfied."), {})
        )
    if current:
        raise WorkflowError(Message(gettext_noop("This result has been rated already."), {}))
