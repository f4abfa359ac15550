"""What enterprises say back: data confirmations (一企一单), objections (申诉) and their evidence files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gaoxin.core.change_display import Codes
from gaoxin.core.models import LoggedModel, TimeStampedModel
from gaoxin.enterprises.models import Enterprise, EnterpriseOwnedQuerySet, EnterpriseYear
from gaoxin.evaluation.choices import ConfirmationStatus, DisputeOutcome, ObjectionStatus
from gaoxin.evaluation.models.runs import EvaluationRun


class DataConfirmationQuerySet(EnterpriseOwnedQuerySet["DataConfirmation"]):
    """Committee staff see every answer; an enterprise contact their enterprise's."""


class DataConfirmation(LoggedModel, TimeStampedModel):
    """An enterprise's answer to its data sheet for a year: confirmed, or objected with a comment.

    ``values`` keeps the sheet as the enterprise saw it, so a later change of the data is visible.
    """

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="data_confirmations"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("answer"), max_length=20, choices=ConfirmationStatus.choices)
    comment = models.TextField(_("comment"), blank=True)
    values = models.JSONField(_("data as shown"), default=dict, blank=True)
    change_log_codes = {"values": Codes(EnterpriseYear)}  # yearly fields by their labels
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    outcome = models.CharField(_("outcome"), max_length=20, choices=DisputeOutcome.choices, blank=True)
    answer = models.TextField(_("answer to the enterprise"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = DataConfirmationQuerySet.as_manager()

    class Meta:
        verbose_name = _("data confirmation")
        verbose_name_plural = _("data confirmations")
        ordering = ["-year", "enterprise"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="one_confirmation_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year} {self.get_status_display()}"

    @property
    def is_open_dispute(self) -> bool:
        """The enterprise objected to its sheet and the committee has not answered yet."""
        return self.status == ConfirmationStatus.OBJECTED and self.answered_at is None


class ObjectionQuerySet(EnterpriseOwnedQuerySet["Objection"]):
    """Committee staff see every objection; an enterprise contact their enterprise's."""


class Objection(LoggedModel, TimeStampedModel):
    """An objection (申诉) to an enterprise's result during 公示; accepted (data corrected) or rejected."""

    run = models.ForeignKey(
        EvaluationRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="objections"
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="evaluation_objections",
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("objection"))
    status = models.CharField(
        _("status"), max_length=20, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN
    )
    decision = models.TextField(_("decision"), blank=True)
    corrections = models.JSONField(_("data corrected"), default=dict, blank=True)
    change_log_codes = {"corrections": Codes(EnterpriseYear, changes=True)}  # yearly field → [before, after]
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["run", "status"])]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_status_display()}"


class EvidenceFileQuerySet(EnterpriseOwnedQuerySet["EvidenceFile"]):
    """Committee staff see every evidence file; an enterprise contact those of their enterprise's answers and
    objections."""

    enterprise_lookups = ("confirmation__enterprise", "objection__enterprise")


class EvidenceFile(models.Model):
    """A file of evidence attached to an enterprise's data confirmation or objection (佐证材料)."""

    confirmation = models.ForeignKey(
        DataConfirmation,
        verbose_name=_("data confirmation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    objection = models.ForeignKey(
        Objection,
        verbose_name=_("objection"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to="evaluation/%Y/%m/")
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = EvidenceFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(confirmation__isnull=True, objection__isnull=False)
                | models.Q(confirmation__isnull=False, objection__isnull=True),
                name="attachment_has_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def enterprise_id(self) -> int:
        owner = self.confirmation or self.objection
        assert owner is not None
        return owner.enterprise_id
