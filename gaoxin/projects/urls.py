"""The projects module's pages; each views module lists its own patterns."""

from gaoxin.projects.views import (
    admission,
    battle_map,
    commitments,
    documents,
    issues,
    plans,
    progress,
    projects,
    rankings,
    stages,
)

app_name = "projects"
urlpatterns = [
    *projects.urlpatterns,
    *plans.urlpatterns,
    *progress.urlpatterns,
    *issues.urlpatterns,
    *documents.urlpatterns,
    *commitments.urlpatterns,
    *admission.urlpatterns,
    *rankings.urlpatterns,
    *battle_map.urlpatterns,
    *stages.urlpatterns,
]
