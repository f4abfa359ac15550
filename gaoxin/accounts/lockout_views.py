"""The administrator's view of login locks (see ``login_throttle``): the locks in force, and lifting one."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.accounts import login_throttle, selectors
from gaoxin.accounts.permissions import acting_user, require_administrator


@require_administrator
def lockout_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/lockout_list.html",
        {
            "section": "users",
            "locks": login_throttle.active_locks(),
            "account_limit": settings.LOGIN_FAILURES_PER_ACCOUNT,
            "address_limit": settings.LOGIN_FAILURES_PER_ADDRESS,
            "window": int(settings.LOGIN_FAILURE_WINDOW.total_seconds() // 60),
            "lockout": int(settings.LOGIN_LOCKOUT.total_seconds() // 60),
        },
    )


@require_administrator
@require_POST
def lockout_lift(request: HttpRequest, pk: int) -> HttpResponse:
    lock = selectors.lock_get(pk)
    login_throttle.lift(lock=lock, by=acting_user(request))
    messages.success(request, _("The lock of %(name)s was lifted.") % {"name": lock.key})
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("accounts:lockout_list")
