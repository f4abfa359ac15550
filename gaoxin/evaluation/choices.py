from django.db import models
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    """An evaluation run's phase: scored in the worker, then 公示, approval and final publication."""

    PENDING = "pending", _("Scoring")
    FAILED = "failed", _("Failed")
    DRAFT = "draft", _("Draft")
    PUBLICITY = "publicity", _("In publicity")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


# Phases in which the draft list has been made public: enterprises then see their own result.
PUBLIC_STATUSES = (RunStatus.PUBLICITY, RunStatus.APPROVED, RunStatus.PUBLISHED)
# Phases in which results may still change (re-scoring, regrades).
OPEN_STATUSES = (RunStatus.DRAFT, RunStatus.PUBLICITY)


class ObjectionStatus(models.TextChoices):
    OPEN = "open", _("Awaiting decision")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class ConfirmationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    OBJECTED = "objected", _("Objected")


class DisputeOutcome(models.TextChoices):
    """The committee's answer to an enterprise that objected to its data sheet (一企一单)."""

    CORRECTED = "corrected", _("Data corrected")
    UPHELD = "upheld", _("Data upheld")


# the name of the jobs importing further inputs (their kind is import.evaluation_inputs)
INPUTS_IMPORT_JOB = "evaluation_inputs"
