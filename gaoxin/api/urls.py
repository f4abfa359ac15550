from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from gaoxin.api.views import NotFoundView
from gaoxin.enterprises.api import views as enterprise_views
from gaoxin.evaluation.api import views as evaluation_views
from gaoxin.investment.api import views as investment_views
from gaoxin.projects.api import views as project_views
from gaoxin.servicedesk.api import views as servicedesk_views

app_name = "api"

router = DefaultRouter()
router.register("enterprises", enterprise_views.EnterpriseViewSet, basename="enterprise")
router.register("parcels", enterprise_views.LandParcelViewSet, basename="parcel")
router.register("years", enterprise_views.EnterpriseYearViewSet, basename="year")
router.register("evaluation/schemes", evaluation_views.SchemeViewSet, basename="evaluation-scheme")
router.register("evaluation/runs", evaluation_views.RunViewSet, basename="evaluation-run")
router.register("evaluation/results", evaluation_views.ResultViewSet, basename="evaluation-result")
router.register("evaluation/objections", evaluation_views.ObjectionViewSet, basename="evaluation-objection")
router.register("projects", project_views.ProjectViewSet, basename="project")
router.register("leads", investment_views.LeadViewSet, basename="lead")
router.register("requests", servicedesk_views.ServiceRequestViewSet, basename="service-request")
router.register("visits", servicedesk_views.VisitViewSet, basename="visit")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("v1/", include(router.urls)),
    # last: any other address (with its slash, so that one without is still redirected to it) gets a JSON 404
    re_path(r"^.*/$", NotFoundView.as_view()),
]
