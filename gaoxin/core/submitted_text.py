"""Refusing unfit text in what a request submits (form fields, query parameters, JSON bodies): control
characters, and a value longer than ``MAX_SUBMITTED_CHARACTERS``.

PostgreSQL cannot store NUL in text or JSON, and the other control characters (all but tab and line breaks)
are invisible garbage no person types. Django's form CharField refuses only NUL; DRF's likewise, and neither
looks inside JSON fields. One middleware refuses them all before any view runs — a 400 with a Chinese message
naming the field (a page's on the site's error page, the API's as JSON) — so no page, API call or JSON column
meets them. Likewise a value longer than any field
holds (a whole scheme, the longest text the platform takes, is ``MAX_SUBMITTED_CHARACTERS``): the message states
the limit; shorter model limits are the forms' and serializers' own. Uploaded files are not looked at here (their
readers check cells: ``core.tabular.converters``). A JSON body nested too deeply to parse is refused too.

It runs after the authentication and messages middleware (``MIDDLEWARE`` in the settings), so that the error
page it renders is the site's, with the user's menu.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from gaoxin.core.tabular.converters import control_character


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string in a parsed JSON value (keys included) with where it is, without recursion."""
    stack = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            yield where, item
        elif isinstance(item, dict):
            for key, child in item.items():
                yield where, key
                stack.append((child, f"{where}.{key}" if where else key))
        elif isinstance(item, list):
            stack.extend((child, f"{where}[{index}]") for index, child in enumerate(item))


def _submitted(request: HttpRequest) -> Iterator[tuple[str, str]]:
    for name, values in request.GET.lists():
        yield name, name
        for value in values:
            yield name, value
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if request.content_type == "application/json":
        yield from _strings(json.loads(request.body or b"null"), "")
        return
    for name, values in request.POST.lists():
        yield name, name
        for value in values:
            yield name, value


def _refusal(request: HttpRequest, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    return render(
        request, "core/error.html", {"title": _("The data sent was refused"), "message": message}, status=400
    )


def _problem(name: str, text: str) -> str | None:
    """Why the value ``text`` of the field ``name`` is refused, or None."""
    code = control_character(text)
    if code is not None:
        return _("The field %(field)s contains the control character %(code)s; remove it and send again.") % {
            "field": name or "—",
            "code": code,
        }
    limit: int = settings.MAX_SUBMITTED_CHARACTERS
    if len(text) > limit:
        return _("The field %(field)s has %(length)s characters; at most %(limit)s are accepted.") % {
            "field": name or "—",
            "length": f"{len(text):,}",
            "limit": f"{limit:,}",
        }
    return None


class RefuseUnfitText:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            for name, text in _submitted(request):
                problem = _problem(name, text)
                if problem is not None:
                    return _refusal(request, problem)
        except RecursionError:
            return _refusal(request, _("The data sent is nested too deeply."))
        except ValueError:  # malformed JSON: the view's parser reports it
            pass
        return self.get_response(request)
