from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("gaoxin.accounts.urls")),
    path("enterprises/", include("gaoxin.enterprises.urls")),
    path("service/", include("gaoxin.servicedesk.urls")),
    path("evaluation/", include("gaoxin.evaluation.urls")),
    path("projects/", include("gaoxin.projects.urls")),
    path("api/", include("gaoxin.api.urls")),
    path("", include("gaoxin.core.urls")),
]

handler403 = "gaoxin.core.views.permission_denied"
handler404 = "gaoxin.core.views.page_not_found"
