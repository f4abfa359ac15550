"""Template validation: every problem found, with messages naming the steps."""

import pytest

from gaoxin.projects.scheduling import (
    LAND_TO_START,
    MAX_90_DAYS,
    ApprovalLimit,
    DayUnit,
    Dependency,
    InvalidTemplateError,
    Plan,
    Step,
    Template,
    template_problems,
)


def template(*steps: Step, limits: tuple[ApprovalLimit, ...] = ()) -> Template:
    return Template(key="t", name="t", steps=steps, approval_limits=limits)


def rendered(t: Template) -> list[str]:
    return [problem.text() for problem in template_problems(t)]


def test_plan_orders_steps_after_their_predecessors_keeping_template_order_otherwise() -> None:
    plan = Plan.from_template(
        template(
            Step("c", "C", 1, after=(Dependency("b"), Dependency("a", lag=-2))),
            Step("a", "A", 1),
            Step("b", "B", 1, after=(Dependency("a"),)),
            Step("d", "D", 1),
        )
    )
    assert plan.keys == ("a", "b", "c", "d")
    assert plan.predecessors[plan.index["c"]] == ((1, 0), (0, -2))
    assert plan.successors[plan.index["a"]] == ((1, 0), (2, -2))


def test_unknown_predecessor_negative_duration_and_duplicate_key_are_all_reported() -> None:
    t = template(
        Step("a", "A", -3),
        Step("b", "B", 2, after=(Dependency("x"),)),
        Step("b", "B again", 1),
    )
    assert rendered(t) == [
        "Two steps have the key b.",
        "The duration of step a must not be negative (-3).",
        "Step b comes after x, which is not a step of the plan.",
    ]
    with pytest.raises(InvalidTemplateError) as raised:
        Plan.from_template(t)
    assert len(raised.value.problems) == 3
    assert "Step b comes after x" in str(raised.value)


def test_a_cycle_is_named_in_dependency_order_from_its_first_step() -> None:
    t = template(
        Step("start", "S", 1),
        Step("a", "A", 1, after=(Dependency("start"), Dependency("c"))),
        Step("b", "B", 1, after=(Dependency("a"),)),
        Step("c", "C", 1, after=(Dependency("b"),)),
        Step("after", "E", 1, after=(Dependency("c"),)),
    )
    assert rendered(t) == ["The steps depend on each other in a circle: a → b → c → a."]


def test_a_step_after_itself_is_a_cycle() -> None:
    assert rendered(template(Step("a", "A", 1, after=(Dependency("a"),)))) == [
        "The steps depend on each other in a circle: a → a."
    ]


def test_empty_template_bad_limits() -> None:
    assert rendered(template()) == ["The plan template t has no steps."]
    t = template(
        Step("a", "A", 1, DayUnit.WORKING, legal_limit=0),
        limits=(ApprovalLimit("l", "L", ("a", "zz"), 0),),
    )
    assert rendered(t) == [
        "The legal limit of step a must be at least 1 working day.",
        "The approval limit l names zz, which is not a step of the plan.",
        "The approval limit l must be at least 1 working day.",
    ]


@pytest.mark.parametrize("standard", [MAX_90_DAYS, LAND_TO_START], ids=lambda t: t.key)
def test_standard_templates_are_valid_and_carry_their_legal_limits(standard: Template) -> None:
    plan = Plan.from_template(standard)
    assert plan.keys[-1] == "production_start"
    limits = {limit.key: limit.limit for limit in standard.approval_limits}
    steps = {step.key: step for step in standard.steps}
    assert limits["completion"] == 30
    assert steps["completion_acceptance"].legal_limit == 30
    for limit in standard.approval_limits:
        assert all(steps[key].unit is DayUnit.WORKING for key in limit.steps)


def test_the_legal_limits_of_max_90_days_and_land_to_start() -> None:
    assert {limit.key: limit.limit for limit in MAX_90_DAYS.approval_limits} == {
        "pre_construction": 60,
        "completion": 30,
    }
    land = {limit.key: limit for limit in LAND_TO_START.approval_limits}["land_to_start"]
    assert land.limit == 7
    # The permits of 拿地即开工 follow the land contract, and their standard durations fit in the 7 days.
    steps = {step.key: step for step in LAND_TO_START.steps}
    assert steps["planning_permit"].after == (Dependency("land_contract"),)
    assert steps["planning_permit"].duration + steps["construction_permit"].duration <= 7
