"""Permission checks shared by views and API endpoints.

Roles: administrators do everything; leaders read everything; officers read the committee's data and change
the modules their department holds (its capabilities); enterprise contacts see only their own enterprise.
Anonymous users are sent to the login page (views) or get 401/403 (API).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from gaoxin.accounts.choices import Capability
from gaoxin.accounts.models import User

View = TypeVar("View", bound=Callable[..., HttpResponse])


def acting_user(request: HttpRequest) -> User:
    """The logged-in user of a view behind one of the decorators below (never anonymous there)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def require_staff(view: View) -> View:
    """Committee staff only (administrators, leaders, officers); enterprise contacts get 403."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_staff_member:  # type: ignore[union-attr]
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped  # type: ignore[return-value]


def require_capability(capability: Capability) -> Callable[[View], View]:
    """Only users who may change data of a module: administrators and officers of departments holding it."""

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.can_act_on(capability):  # type: ignore[union-attr]
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


def require_administrator(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_administrator:  # type: ignore[union-attr]
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped  # type: ignore[return-value]


class ReadOrCapability(BasePermission):
    """API: authenticated users read what their scoped querysets show; writes need the view's capability."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        if request.method in SAFE_METHODS:
            return True
        capability = getattr(view, "capability", None)
        return capability is not None and bool(user.can_act_on(capability))
