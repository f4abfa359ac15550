"""The user's notifications, and the bell's count (fetched by htmx, so pages pay no query for it)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from gaoxin.accounts.permissions import acting_user
from gaoxin.servicedesk import selectors
from gaoxin.servicedesk.services import notify


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = selectors.notification_list(acting_user(request))
    page = Paginator(notifications, 50).get_page(request.GET.get("page"))
    return render(request, "servicedesk/notifications.html", {"section": "notifications", "page": page})


@login_required
def notification_count(request: HttpRequest) -> HttpResponse:
    count = selectors.unread_count(acting_user(request))
    return render(request, "servicedesk/notification_count.html", {"count": count})


@require_POST
@login_required
def notification_read(request: HttpRequest) -> HttpResponse:
    """Mark one notification read and follow its link, or mark all read."""
    user = acting_user(request)
    pk = request.POST.get("id", "")
    if pk.isdigit():
        notify.mark_read(user, [int(pk)])
        target = selectors.notification_url(user, int(pk))
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            return redirect(target)
    else:
        notify.mark_read(user)
    return redirect("servicedesk:notifications")
