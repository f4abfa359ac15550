"""The investment module's fixed vocabularies (the stages and stop reasons are configuration, see models)."""

from django.db import models
from django.utils.translation import pgettext_lazy


class Source(models.TextChoices):
    """Where a lead came from (DOMAIN §6)."""

    REFERRAL = "referral", pgettext_lazy("investment", "Referred by a business (以商引商)")
    INTERMEDIARY = "intermediary", pgettext_lazy("investment", "Agency or chamber of commerce")
    OVERSEAS_OFFICE = "overseas_office", pgettext_lazy("investment", "Investment office elsewhere")
    FAIR = "fair", pgettext_lazy("investment", "Fair or promotion event")
    FUND = "fund", pgettext_lazy("investment", "Fund-led investment")
    ONLINE = "online", pgettext_lazy("investment", "Online")
    ALL_STAFF = "all_staff", pgettext_lazy("investment", "All-staff promotion (全员招商)")
    OTHER = "other", pgettext_lazy("investment", "Other")


class StageMilestone(models.TextChoices):
    """What reaching a configured stage means for the counting and the other modules."""

    ADMISSION = "admission", pgettext_lazy("investment", "Admission review")
    SIGNING = "signing", pgettext_lazy("investment", "Signing")
    LANDING = "landing", pgettext_lazy("investment", "Registered and landed")
    CONVERSION = "conversion", pgettext_lazy("investment", "Became a major project")


class LeadStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("investment", "In progress")
    PAUSED = "paused", pgettext_lazy("investment", "Paused")
    ENDED = "ended", pgettext_lazy("investment", "Ended")


class StopKind(models.TextChoices):
    """Which stops a configured reason may be given for."""

    PAUSE = "pause", pgettext_lazy("investment", "Pausing")
    END = "end", pgettext_lazy("investment", "Ending")
    BOTH = "both", pgettext_lazy("investment", "Pausing or ending")


class ActivityKind(models.TextChoices):
    CALL = "call", pgettext_lazy("investment", "Call")
    VISIT = "visit", pgettext_lazy("investment", "Visit")
    INSPECTION = "inspection", pgettext_lazy("investment", "Site inspection (考察)")
    MEETING = "meeting", pgettext_lazy("investment", "Meeting")
    OTHER = "other", pgettext_lazy("investment", "Other")


class TeamKind(models.TextChoices):
    SQUAD = "squad", pgettext_lazy("investment", "Investment squad (招商小分队)")
    TASK_FORCE = "task_force", pgettext_lazy("investment", "Task force (专班)")


class ReferrerKind(models.TextChoices):
    ENTERPRISE = "enterprise", pgettext_lazy("investment", "Enterprise")
    PERSON = "person", pgettext_lazy("investment", "Person")
    TEAM = "team", pgettext_lazy("investment", "Named team")


class DisputeDecision(models.TextChoices):
    PENDING = "pending", pgettext_lazy("investment", "Awaiting the bureau head")
    HOLDER_KEEPS = "holder_keeps", pgettext_lazy("investment", "The holder keeps the investor")
    CLAIMANT_TAKES = "claimant_takes", pgettext_lazy("investment", "The claimant takes the investor")


class TargetMeasure(models.TextChoices):
    """What a yearly target of investment promotion counts (issue: targets per unit and team)."""

    SIGNED_INVESTMENT = "signed_investment", pgettext_lazy("investment", "Signed investment (10k yuan)")
    LARGE_SIGNINGS = "large_signings", pgettext_lazy("investment", "Signings of 100 million yuan or more")
    LANDED = "landed", pgettext_lazy("investment", "Projects landed")
    STARTED = "started", pgettext_lazy("investment", "Projects started construction")
    FUNDS_IN_PLACE = "funds_in_place", pgettext_lazy("investment", "Funds in place (10k yuan)")
    FOREIGN_INVESTMENT_USED = (
        "foreign_investment_used",
        pgettext_lazy("investment", "Foreign investment actually used (10k USD)"),
    )


LEDGER_IMPORT_JOB = "investment_ledger"  # the 招商台账 import's jobs: kind import.investment_ledger


# measures counted in money (万元, 万美元); the others count projects
AMOUNT_MEASURES = frozenset(
    {TargetMeasure.SIGNED_INVESTMENT, TargetMeasure.FUNDS_IN_PLACE, TargetMeasure.FOREIGN_INVESTMENT_USED}
)
