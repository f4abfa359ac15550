"""The battle map (挂图作战): the zone map with the projects coloured by their light, filters, the project card,
a list under the map; and the zone map upload."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.accounts.models import User
from gaoxin.accounts.permissions import acting_user, require_staff
from gaoxin.projects import permissions, selectors
from gaoxin.projects.filters import ProjectFilterSet
from gaoxin.projects.forms.maps import ZoneMapUploadForm
from gaoxin.projects.selectors import battle_map as reads
from gaoxin.projects.services import maps as services


@require_staff
def battle_map(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filters = ProjectFilterSet(request.GET, queryset=selectors.project_list(user))
    data = reads.battle_map(user, filters.qs)
    return render(
        request,
        "projects/battle_map.html",
        {
            "section": "projects",
            "tab": "battle_map",
            "filters": filters,
            "map": data,
            "map_data": data.data(),
            "map_name": reads.zone_map_name(),
            "may_configure": permissions.may_configure(user),
            **selectors.filter_choices(),
        },
    )


@require_staff
def battle_map_geojson(request: HttpRequest) -> JsonResponse:
    """The zone map in use, for ``echarts.registerMap``."""
    _name, geojson = reads.zone_geojson()
    return JsonResponse(geojson, json_dumps_params={"ensure_ascii": False})


def _configurator(request: HttpRequest) -> User:
    user = acting_user(request)
    if not permissions.may_configure(user):
        raise PermissionDenied
    return user


@require_staff
def map_upload(request: HttpRequest) -> HttpResponse:
    user = _configurator(request)
    form = ZoneMapUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.zone_map_upload(
                name=form.cleaned_data["name"], content=form.cleaned_data["file"].read(), by=user
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The zone map was uploaded and is now in use."))
            return redirect("projects:battle_map")
    return render(
        request,
        "projects/map_upload.html",
        {
            "section": "projects",
            "tab": "battle_map",
            "form": form,
            "maps": reads.zone_maps(),
            "may_configure": True,
        },
        status=400 if form.errors else 200,
    )


@require_staff
@require_POST
def map_activate(request: HttpRequest, pk: int) -> HttpResponse:
    user = _configurator(request)
    services.zone_map_activate(zone_map=reads.zone_map(pk), by=user)
    messages.success(request, _("The zone map is now in use."))
    return redirect("projects:map_upload")


urlpatterns: list[URLPattern] = [
    path("map/", battle_map, name="battle_map"),
    path("map/zone.geojson", battle_map_geojson, name="battle_map_geojson"),
    path("map/upload/", map_upload, name="map_upload"),
    path("map/<int:pk>/activate/", map_activate, name="map_activate"),
]
