"""The current request's id and user, available to services without passing the request around (the change log
names the user of the request when a service does not say who acts)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

_request_id: ContextVar[str] = ContextVar("gaoxin_request_id", default="")
_request: ContextVar[HttpRequest | None] = ContextVar("gaoxin_request", default=None)


def current_request_id() -> str:
    return _request_id.get()


def in_request() -> bool:
    return _request.get() is not None


def current_request_user() -> Any:
    """The signed-in user of the current web request; None outside a request or when nobody is signed in."""
    request = _request.get()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


@contextmanager
def request_id_scope(request_id: str | None = None) -> Iterator[str]:
    """Bind a request id (a new one if not given) for the duration of a block: a web request, a command, a task."""
    value = request_id or uuid.uuid4().hex
    token = _request_id.set(value)
    try:
        yield value
    finally:
        _request_id.reset(token)


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")[:64] or None
        token = _request.set(request)
        try:
            with request_id_scope(incoming) as request_id:
                response = self.get_response(request)
        finally:
            _request.reset(token)
        response["X-Request-ID"] = request_id
        return response
