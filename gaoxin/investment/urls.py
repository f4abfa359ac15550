"""The investment module's pages; each views module lists its own patterns."""

from gaoxin.investment.views import (
    admission,
    agreements,
    claims,
    imports,
    leads,
    portal,
    referrals,
    reports,
    settings,
)

app_name = "investment"
urlpatterns = [
    *leads.urlpatterns,
    *admission.urlpatterns,
    *referrals.urlpatterns,
    *claims.urlpatterns,
    *portal.urlpatterns,
    *imports.urlpatterns,
    *agreements.urlpatterns,
    *reports.urlpatterns,
    *settings.urlpatterns,
]
