from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("gaoxin.accounts.urls")),
    path("enterprises/", include("gaoxin.enterprises.urls")),
    path("service/", include("gaoxin.servicedesk.urls")),
    path("evaluation/", include("gaoxin.evaluation.urls")),
    path("projects/", include("gaoxin.projects.urls")),
    path("investment/", include("gaoxin.investment.urls")),
    path("api/", include("gaoxin.api.urls")),
    path("", include("gaoxin.site.urls")),
]

handler403 = "gaoxin.site.views.permission_denied"
handler404 = "gaoxin.site.views.page_not_found"
