"""Plan templates: steps with standard durations and finish-to-start dependencies, validated into a ``Plan``.

Dates are inclusive: a step of N days starting on S is worked on S and the N−1 days after it (working days
only, for a step counted in working days), so a one-day step starts and finishes on the same date. A step of
0 days is a milestone: it starts and finishes on its date. A successor may start the day after its
predecessor finishes plus the lag, in calendar days; a negative lag lets the two overlap.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from gaoxin.core.messages import Message, gettext_noop
from gaoxin.projects.scheduling.errors import InvalidTemplateError


class DayUnit(enum.StrEnum):
    CALENDAR = "calendar"
    WORKING = "working"


@dataclass(frozen=True)
class Dependency:
    """Finish-to-start: the step may start ``lag`` calendar days after the day after ``predecessor`` finishes."""

    predecessor: str
    lag: int = 0


@dataclass(frozen=True)
class Step:
    """One step of a plan. ``legal_limit`` (working days) is set for approval items with a statutory limit."""

    key: str
    name: str
    duration: int
    unit: DayUnit = DayUnit.CALENDAR
    after: tuple[Dependency, ...] = ()
    legal_limit: int | None = None


@dataclass(frozen=True)
class ApprovalLimit:
    """A statutory limit in working days (government time only) for a group of approval steps."""

    key: str
    name: str
    steps: tuple[str, ...]
    limit: int


@dataclass(frozen=True)
class Template:
    key: str
    name: str
    steps: tuple[Step, ...]
    approval_limits: tuple[ApprovalLimit, ...] = ()


@dataclass(frozen=True)
class Plan:
    """A validated template with its steps in an order where every predecessor comes first."""

    template: Template
    steps: tuple[Step, ...]
    index: Mapping[str, int] = field(repr=False)
    predecessors: tuple[tuple[tuple[int, int], ...], ...] = field(repr=False)  # per step: (pred index, lag)
    successors: tuple[tuple[tuple[int, int], ...], ...] = field(repr=False)  # per step: (succ index, lag)

    @classmethod
    def from_template(cls, template: Template) -> Plan:
        """Validate ``template``; raise ``InvalidTemplateError`` listing every problem."""
        problems = template_problems(template)
        if problems:
            raise InvalidTemplateError(problems)
        steps = tuple(template.steps[i] for i in _topological_order(template.steps)[0])
        index = {step.key: i for i, step in enumerate(steps)}
        predecessors = tuple(
            tuple((index[dependency.predecessor], dependency.lag) for dependency in step.after)
            for step in steps
        )
        successors: list[list[tuple[int, int]]] = [[] for _ in steps]
        for i, edges in enumerate(predecessors):
            for predecessor, lag in edges:
                successors[predecessor].append((i, lag))
        return cls(
            template=template,
            steps=steps,
            index=MappingProxyType(index),
            predecessors=predecessors,
            successors=tuple(tuple(edges) for edges in successors),
        )

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(step.key for step in self.steps)


def template_problems(template: Template) -> list[Message]:
    """Every problem of ``template``, as translatable messages; empty when it is valid."""
    problems: list[Message] = []
    if not template.steps:
        problems.append(
            Message(gettext_noop("The plan template %(template)s has no steps."), {"template": template.key})
        )
    keys: set[str] = set()
    for step in template.steps:
        if step.key in keys:
            problems.append(Message(gettext_noop("Two steps have the key %(step)s."), {"step": step.key}))
        keys.add(step.key)
    for step in template.steps:
        if step.duration < 0:
            problems.append(
                Message(
                    gettext_noop("The duration of step %(step)s must not be negative (%(duration)s)."),
                    {"step": step.key, "duration": step.duration},
                )
            )
        if step.legal_limit is not None and step.legal_limit < 1:
            problems.append(
                Message(
                    gettext_noop("The legal limit of step %(step)s must be at least 1 working day."),
                    {"step": step.key},
                )
            )
        for dependency in step.after:
            if dependency.predecessor not in keys:
                problems.append(
                    Message(
                        gettext_noop(
                            "Step %(step)s comes after %(predecessor)s, which is not a step of the plan."
                        ),
                        {"step": step.key, "predecessor": dependency.predecessor},
                    )
                )
    for limit in template.approval_limits:
        problems.extend(
            Message(
                gettext_noop("The approval limit %(limit)s names %(step)s, which is not a step of the plan."),
                {"limit": limit.key, "step": key},
            )
            for key in limit.steps
            if key not in keys
        )
        if limit.limit < 1:
            problems.append(
                Message(
                    gettext_noop("The approval limit %(limit)s must be at least 1 working day."),
                    {"limit": limit.key},
                )
            )
    cycle = _topological_order(template.steps)[1]
    if cycle:
        problems.append(
            Message(
                gettext_noop("The steps depend on each other in a circle: %(cycle)s."),
                {"cycle": " → ".join([*cycle, cycle[0]])},
            )
        )
    return problems


def _topological_order(steps: Sequence[Step]) -> tuple[list[int], list[str]]:
    """Indices of ``steps`` with every predecessor first (template order among equals), and one cycle (keys in
    dependency order) if there is one. Dependencies on unknown or duplicate keys are ignored here."""
    position = {step.key: i for i, step in reversed(list(enumerate(steps)))}
    predecessors = [
        {position[d.predecessor] for d in step.after if d.predecessor in position} for step in steps
    ]
    waiting = [len(preds) for preds in predecessors]
    successors: list[list[int]] = [[] for _ in steps]
    for i, preds in enumerate(predecessors):
        for predecessor in preds:
            successors[predecessor].append(i)
    order: list[int] = []
    ready = [i for i, count in enumerate(waiting) if count == 0]
    while ready:
        current = min(ready)
        ready.remove(current)
        order.append(current)
        for successor in successors[current]:
            waiting[successor] -= 1
            if waiting[successor] == 0:
                ready.append(successor)
    left = [i for i in range(len(steps)) if i not in set(order)]
    if not left:
        return order, []
    # Every step left over has a predecessor that is left over too: walk back until a step repeats.
    walk = [left[0]]
    while walk.count(walk[-1]) == 1:
        walk.append(min(p for p in predecessors[walk[-1]] if waiting[p] > 0))
    start = walk.index(walk[-1])
    cycle = [steps[i].key for i in reversed(walk[start + 1 :])]
    first = min(range(len(cycle)), key=lambda k: position[cycle[k]])
    return order, cycle[first:] + cycle[:first]
