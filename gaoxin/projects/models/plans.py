"""A project's plan (倒排计划): its steps with standard durations and dependencies, and its approval items
with their legal limits and clock-stopped periods."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gaoxin.core.change_display import Codes, Terms
from gaoxin.core.models import PLAUSIBLE_DATE, LoggedModel, TimeStampedModel
from gaoxin.projects.choices import ClockStopParty
from gaoxin.projects.models.projects import Project
from gaoxin.projects.scheduling import STANDARD_TEMPLATES


class DayUnitChoice(models.TextChoices):
    CALENDAR = "calendar", _("Calendar days")
    WORKING = "working", pgettext_lazy("unit", "Working days")


def step_terms(project: Project) -> dict[str, str]:
    """The steps of a project's plan by their names (the predecessors of a step, in the change log)."""
    return dict(project.plan_steps.values_list("key", "name"))


PREDECESSOR_PARTS = {  # the standard templates' steps by their names, for steps gone from the plan; the lag
    **{step.key: step.name for template in STANDARD_TEMPLATES for step in template.steps},
    "lag": _("lag (days)"),
}


class PlanStep(LoggedModel, TimeStampedModel):
    """One step (or milestone, if it lasts 0 days) of a project's plan, with its backward-scheduled dates."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="plan_steps"
    )
    key = models.SlugField(_("key"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    duration = models.PositiveIntegerField(_("duration"))
    unit = models.CharField(
        _("unit"), max_length=10, choices=DayUnitChoice.choices, default=DayUnitChoice.CALENDAR
    )
    predecessors = models.JSONField(
        _("predecessors"),
        default=list,
        blank=True,
        help_text=_('Finish-to-start dependencies: [{"step": key, "lag": days}].'),
    )
    change_log_codes = {
        "predecessors": Codes(PREDECESSOR_PARTS, terms=Terms(step_terms, of="project"), title="step")
    }
    legal_limit = models.PositiveIntegerField(_("legal limit (working days)"), null=True, blank=True)
    owner = models.CharField(_("owner"), max_length=100, blank=True)
    latest_start = models.DateField(_("latest start"), null=True, blank=True, editable=False)
    latest_finish = models.DateField(_("latest finish"), null=True, blank=True, editable=False)
    actual_start = models.DateField(_("actual start"), null=True, blank=True, validators=PLAUSIBLE_DATE)
    actual_finish = models.DateField(_("actual finish"), null=True, blank=True, validators=PLAUSIBLE_DATE)

    class Meta:
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")
        ordering = ["project", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "key"], name="one_plan_step_per_key")]

    def __str__(self) -> str:
        return f"{self.project} · {self.name}"

    @property
    def is_milestone(self) -> bool:
        return self.duration == 0


class ApprovalItem(LoggedModel, TimeStampedModel):
    """One approval (立项, 规划许可, 施工许可, 竣工验收 …): legal limit in government working days, start, end."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="approvals"
    )
    name = models.CharField(_("name"), max_length=100)
    authority = models.CharField(_("approving authority"), max_length=100, blank=True)
    legal_limit = models.PositiveIntegerField(_("legal limit (working days)"))
    plan_step = models.ForeignKey(
        PlanStep,
        verbose_name=_("plan step"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approvals",
    )
    started_on = models.DateField(_("started on"), null=True, blank=True, validators=PLAUSIBLE_DATE)
    finished_on = models.DateField(_("finished on"), null=True, blank=True, validators=PLAUSIBLE_DATE)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("approval item")
        verbose_name_plural = _("approval items")
        ordering = ["project", "sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.project} · {self.name}"


class ClockStop(LoggedModel, TimeStampedModel):
    """A period the approval clock stood still: time the owner or an intermediary took."""

    approval = models.ForeignKey(
        ApprovalItem, verbose_name=_("approval item"), on_delete=models.CASCADE, related_name="clock_stops"
    )
    starts_on = models.DateField(_("from"), validators=PLAUSIBLE_DATE)
    ends_on = models.DateField(_("to"), null=True, blank=True, validators=PLAUSIBLE_DATE)
    party = models.CharField(
        _("taken by"), max_length=20, choices=ClockStopParty.choices, default=ClockStopParty.OWNER
    )
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("clock stop")
        verbose_name_plural = _("clock stops")
        ordering = ["approval", "starts_on"]

    def __str__(self) -> str:
        return f"{self.approval} {self.starts_on}–{self.ends_on or ''}"
