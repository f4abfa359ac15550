"""The investment module's pages; each views module lists its own patterns."""

from gaoxin.investment.views import leads, settings

app_name = "investment"
urlpatterns = [*leads.urlpatterns, *settings.urlpatterns]
