"""The investment module's pages; each views module lists its own patterns."""

from gaoxin.investment.views import agreements

app_name = "investment"
urlpatterns = [*agreements.urlpatterns]
