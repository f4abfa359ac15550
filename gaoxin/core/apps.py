from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gaoxin.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from gaoxin.core import changelog, tabular_edge

        tabular_edge.install()
        changelog.connect()
