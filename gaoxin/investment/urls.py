"""The investment module's pages; each views module lists its own patterns."""

from gaoxin.investment.views import admission, agreements, claims, imports, portal, referrals

app_name = "investment"
urlpatterns = [
    *admission.urlpatterns,
    *referrals.urlpatterns,
    *claims.urlpatterns,
    *portal.urlpatterns,
    *imports.urlpatterns,
    *agreements.urlpatterns,
]
