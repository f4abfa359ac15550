from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from gaoxin.accounts.permissions import require_administrator
from gaoxin.core import jobs, selectors
from gaoxin.core.filters import ChangeLogFilterSet
from gaoxin.core.models import ChangeAction
from gaoxin.enterprises import selectors as enterprise_selectors


@login_required
def home(request: HttpRequest) -> HttpResponse:
    summary = enterprise_selectors.registry_summary(request.user)
    return render(request, "core/home.html", {"section": "home", "summary": summary})


@require_administrator
def changelog(request: HttpRequest) -> HttpResponse:
    filters = ChangeLogFilterSet(request.GET, queryset=selectors.changelog_entries())
    page = Paginator(filters.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/changelog.html",
        {"section": "changelog", "page": page, "filters": filters, "actions": ChangeAction.choices},
    )


@login_required
def job_progress(request: HttpRequest, job_id: UUID) -> HttpResponse:
    """Progress of a background job the user started, as JSON or as an htmx fragment."""
    try:
        job = selectors.job_get(request.user, job_id)
    except Http404:
        return JsonResponse({"error": _("No such job.")}, status=404)
    if not job.finished and jobs.expire_stale():  # its worker may be gone
        job.refresh_from_db()
    if request.headers.get("HX-Request"):
        return render(request, "includes/job_progress.html", {"job": job})
    return JsonResponse(jobs.as_dict(job))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {
            "title": _("Access denied"),
            "message": _("You do not have permission to see this page or perform this action."),
        },
        status=403,
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {"title": _("Not found"), "message": _("The page or record does not exist, or you may not see it.")},
        status=404,
    )
