from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    LEADER = "leader", _("Leader")
    OFFICER = "officer", _("Department officer")
    ENTERPRISE_CONTACT = "enterprise_contact", _("Enterprise contact")


class Capability(models.TextChoices):
    """What a department is responsible for; officers act on the modules their department holds."""

    REGISTRY = "registry", _("Enterprise registry and yearly data")
    EVALUATION = "evaluation", _("Per-mu evaluation")
    PROJECTS = "projects", _("Major projects")
    SERVICEDESK = "servicedesk", _("Enterprise service")
    INVESTMENT = "investment", _("Investment promotion")
    INDICATORS = "indicators", _("Economic indicators")
