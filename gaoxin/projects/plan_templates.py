"""A project's plan steps as the scheduling core's template and plan: read by the plan's services and by the
timeline's selectors alike (so neither imports the other)."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError

from gaoxin.core.message_text import translated
from gaoxin.projects.models import PlanStep, Project
from gaoxin.projects.scheduling import (
    STANDARD_TEMPLATES,
    ApprovalLimit,
    DayUnit,
    Dependency,
    Plan,
    Step,
    Template,
    template_problems,
)

CUSTOM_TEMPLATE = "custom"


def standard_template(key: str) -> Template | None:
    return next((template for template in STANDARD_TEMPLATES if template.key == key), None)


def template_of(project: Project, steps: Sequence[PlanStep]) -> Template:
    """The project's steps as a template; the approval limits of its standard template keep the steps still
    in the plan (a group whose steps were all removed is dropped)."""
    keys = {step.key for step in steps}
    standard = standard_template(project.plan_template)
    limits = tuple(
        ApprovalLimit(limit.key, limit.name, kept, limit.limit)
        for limit in (standard.approval_limits if standard else ())
        for kept in [tuple(key for key in limit.steps if key in keys)]
        if kept
    )
    return Template(
        key=project.plan_template or CUSTOM_TEMPLATE,
        name=standard.name if standard else CUSTOM_TEMPLATE,
        steps=tuple(
            Step(
                key=step.key,
                name=step.name,
                duration=step.duration,
                unit=DayUnit(step.unit),
                after=tuple(
                    Dependency(str(edge["step"]), int(edge.get("lag", 0))) for edge in step.predecessors
                ),
                legal_limit=step.legal_limit,
            )
            for step in steps
        ),
        approval_limits=limits,
    )


def plan_from_steps(project: Project, steps: Sequence[PlanStep]) -> Plan:
    """The validated plan of ``steps``; ``ValidationError`` lists every problem in the user's language."""
    template = template_of(project, steps)
    problems = template_problems(template)
    if problems:
        raise ValidationError([translated(problem) for problem in problems])
    return Plan.from_template(template)
