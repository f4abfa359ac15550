"""Project plans (倒排计划): templates, backward schedules, forward projection, approval clocks. Pure, no Django.

See DOMAIN.md §4.3. Dates are inclusive (see ``template``); working days come from ``gaoxin.core.workcalendar``.
"""

from gaoxin.projects.scheduling.approvals import ApprovalClock, ClockStop, approval_clock
from gaoxin.projects.scheduling.backward import (
    BackwardSchedule,
    BackwardSchedules,
    ScheduledStep,
    backward_schedule,
    backward_schedules,
)
from gaoxin.projects.scheduling.errors import (
    InvalidApprovalError,
    InvalidProgressError,
    InvalidTemplateError,
    SchedulingError,
)
from gaoxin.projects.scheduling.projection import (
    ProjectedStep,
    Projection,
    Status,
    StepProgress,
    progress_problems,
    project_forward,
)
from gaoxin.projects.scheduling.standard import LAND_TO_START, MAX_90_DAYS, STANDARD_TEMPLATES
from gaoxin.projects.scheduling.template import (
    ApprovalLimit,
    DayUnit,
    Dependency,
    Plan,
    Step,
    Template,
    template_problems,
)

__all__ = [
    "LAND_TO_START",
    "MAX_90_DAYS",
    "STANDARD_TEMPLATES",
    "ApprovalClock",
    "ApprovalLimit",
    "BackwardSchedule",
    "BackwardSchedules",
    "ClockStop",
    "DayUnit",
    "Dependency",
    "InvalidApprovalError",
    "InvalidProgressError",
    "InvalidTemplateError",
    "Plan",
    "ProjectedStep",
    "Projection",
    "ScheduledStep",
    "SchedulingError",
    "Status",
    "Step",
    "StepProgress",
    "Template",
    "approval_clock",
    "backward_schedule",
    "backward_schedules",
    "progress_problems",
    "project_forward",
    "template_problems",
]
