from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "gaoxin.projects"
    label = "projects"
    verbose_name = _("Major projects")

    def ready(self) -> None:
        from gaoxin.core.calendar_services import arrangements_changed
        from gaoxin.projects.tasks import calendar_changed

        arrangements_changed.connect(calendar_changed, dispatch_uid="projects.calendar_changed")
