"""Project pages: the list with filters and export, a project's profile, creating and editing, stage
transitions, and the "N个一批" view."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from gaoxin.core.permissions import acting_user, require_staff
from gaoxin.projects import permissions, selectors

PAGE_SIZE = 50


@require_staff
def project_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filters = selectors.ProjectFilters.from_query(request.GET)
    projects = selectors.project_list(user, filters)
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "projects/list.html",
        {
            "section": "projects",
            "tab": "list",
            "page": page,
            "filters": filters,
            "may_create": permissions.may_create(user),
            "may_configure": permissions.may_configure(user),
            **selectors.filter_choices(),
        },
    )


urlpatterns: list[URLPattern] = [
    path("", project_list, name="list"),
]
