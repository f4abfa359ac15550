from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicedeskConfig(AppConfig):
    name = "gaoxin.servicedesk"
    label = "servicedesk"
    verbose_name = _("Enterprise service")

    def ready(self) -> None:
        from gaoxin.core.calendar_services import arrangements_changed
        from gaoxin.servicedesk.tasks import calendar_changed

        arrangements_changed.connect(calendar_changed, dispatch_uid="servicedesk.calendar_changed")
