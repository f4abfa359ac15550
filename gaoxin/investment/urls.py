"""The investment module's pages; each page module adds its own patterns."""

from __future__ import annotations

from django.urls import URLPattern

from gaoxin.investment.views import admission

app_name = "investment"

urlpatterns: list[URLPattern] = [
    *admission.urlpatterns,
]
