from django.templatetags.static import static
from django.urls import path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from gaoxin.site import calendar_views, views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    # Browsers and crawlers ask for /favicon.ico whatever the page links; the icon itself is a static SVG.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("gaoxin/favicon.svg"), permanent=True)),
    path("changelog/", views.changelog, name="changelog"),
    path("jobs/<uuid:job_id>/", views.job_progress, name="job_progress"),
    path("calendar/", calendar_views.calendar_list, name="calendar_list"),
    path("calendar/<int:year>/", calendar_views.calendar_year, name="calendar_year"),
    path("calendar/<int:year>/seed/", calendar_views.calendar_seed, name="calendar_seed"),
    path("calendar/<int:year>/confirm/", calendar_views.calendar_confirm, name="calendar_confirm"),
]
