from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo zone and its command; above every domain app, no models of its own."""

    name = "gaoxin.demo"
    label = "demo"
    verbose_name = _("Demo zone")
