"""Changes to the service desk. Each validates, writes in one transaction and records the change log."""

from gaoxin.servicedesk.services.errors import AlreadySigned, StepRefused
from gaoxin.servicedesk.services.intake import attachment_add, request_create
from gaoxin.servicedesk.services.steps import (
    request_accept,
    request_callback,
    request_close,
    request_close_directly,
    request_contact,
    request_contribute,
    request_dispatch,
    request_extension_ask,
    request_extension_decide,
    request_interim_reply,
    request_rate,
    request_refuse,
    request_reopen,
    request_reply,
    request_return,
    request_review,
    request_sign,
    request_supervise,
)

__all__ = [
    "AlreadySigned",
    "StepRefused",
    "attachment_add",
    "request_accept",
    "request_callback",
    "request_close",
    "request_close_directly",
    "request_contact",
    "request_contribute",
    "request_create",
    "request_dispatch",
    "request_extension_ask",
    "request_extension_decide",
    "request_interim_reply",
    "request_rate",
    "request_refuse",
    "request_reopen",
    "request_reply",
    "request_return",
    "request_review",
    "request_sign",
    "request_supervise",
]
