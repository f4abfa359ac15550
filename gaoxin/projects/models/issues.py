"""Problems of a project (问题会商): logged, assigned to a unit with a deadline, discussed, closed (销号)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import PLAUSIBLE_DATE, LoggedModel, TimeStampedModel
from gaoxin.projects.choices import IssueStatus
from gaoxin.projects.models.projects import Project, StaffReadQuerySet


class ProjectIssueQuerySet(StaffReadQuerySet["ProjectIssue"]):
    pass


class ProjectIssue(LoggedModel, TimeStampedModel):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="issues"
    )
    title = models.CharField(_("problem"), max_length=200)
    description = models.TextField(_("details"), blank=True)
    raised_on = models.DateField(_("raised on"), validators=PLAUSIBLE_DATE)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("assigned unit"),
        on_delete=models.PROTECT,
        related_name="project_issues",
    )
    deadline = models.DateField(_("deadline"), validators=PLAUSIBLE_DATE)
    status = models.CharField(
        _("status"), max_length=10, choices=IssueStatus.choices, default=IssueStatus.OPEN, db_index=True
    )
    meeting_on = models.DateField(
        _("discussed at the meeting of"), null=True, blank=True, validators=PLAUSIBLE_DATE
    )
    progress_note = models.TextField(_("progress"), blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, validators=PLAUSIBLE_DATE)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ProjectIssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("project problem")
        verbose_name_plural = _("project problems")
        ordering = ["status", "deadline", "id"]

    def __str__(self) -> str:
        return self.title
