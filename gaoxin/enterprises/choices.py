from django.db import models
from django.utils.translation import gettext_lazy as _


class Scale(models.TextChoices):
    ABOVE_SCALE = "above_scale", _("Above designated size")
    BELOW_SCALE = "below_scale", _("Below designated size")


class EnterpriseStatus(models.TextChoices):
    OPERATING = "operating", _("Operating")
    SUSPENDED = "suspended", _("Production suspended")
    MOVED_OUT = "moved_out", _("Moved out")
    DEREGISTERED = "deregistered", _("Deregistered")


class LandUse(models.TextChoices):
    INDUSTRIAL = "industrial", _("Industrial")
    WAREHOUSING = "warehousing", _("Warehousing")
    COMMERCIAL = "commercial", _("Commercial")
    RESEARCH = "research", _("Research and development")
    MIXED = "mixed", _("Mixed use")
    OTHER = "other", _("Other")


class DataSource(models.TextChoices):
    TAX = "tax", _("Tax bureau")
    STATISTICS = "statistics", _("Statistics bureau")
    POWER = "power", _("Power supply company")
    ENVIRONMENT = "environment", _("Ecology and environment bureau")
    LAND = "land", _("Natural resources bureau")
    ENTERPRISE = "enterprise", _("Reported by the enterprise")
    OTHER = "other", _("Other")
