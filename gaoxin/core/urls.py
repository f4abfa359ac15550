from django.urls import path

from gaoxin.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("changelog/", views.changelog, name="changelog"),
    path("jobs/<uuid:job_id>/", views.job_progress, name="job_progress"),
]
