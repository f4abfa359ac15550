from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ConstructionKind(models.TextChoices):
    NEW = "new", _("New")
    CONTINUING = "continuing", _("Continuing")


class ProjectLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    ZONE = "zone", _("Zone")


class Light(models.TextChoices):
    """The traffic light of a project (DOMAIN §4.3); grey until there is anything to judge."""

    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")
    GREY = "grey", _("Not rated")


class StageMilestone(models.TextChoices):
    """What reaching a stage means for the "当年开工 / 当年竣工 / 当年投产" lists."""

    NONE = "", _("—")
    START = "start", _("Construction started")
    COMPLETION = "completion", _("Completed")
    PRODUCTION = "production", _("Production started")


class TransitionKind(models.TextChoices):
    """How a stage transition follows the configured pipeline; skipping and moving back need a reason."""

    ENTRY = "entry", _("Entered the library")
    FORWARD = "forward", _("Next stage")
    SKIP = "skip", _("Skipped stages")
    BACK = "back", _("Moved back")


class IssueStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("problem", "Open")
    CLOSED = "closed", pgettext_lazy("problem", "Closed")


class ClockStopParty(models.TextChoices):
    OWNER = "owner", _("Project owner")
    INTERMEDIARY = "intermediary", _("Intermediary")
    OTHER = "other", _("Other")


class ReviewDecision(models.TextChoices):
    PENDING = "pending", _("Pending")
    ADMITTED = "admitted", _("Admitted")
    ADMITTED_WITH_CONDITIONS = "conditional", _("Admitted with conditions")
    REJECTED = "rejected", _("Rejected")


class RankingPeriod(models.TextChoices):
    MONTH = "month", _("Monthly")
    QUARTER = "quarter", _("Quarterly")


class RankingList(models.TextChoices):
    NONE = "", _("—")
    RED = "red", _("Red list")
    BLACK = "black", _("Black list")


REPORT_IMPORT_JOB = "project_reports"  # the monthly-report import's jobs: kind import.project_reports
