from dataclasses import dataclass

from gaoxin.core.stage_moves import MoveKind, move_kind


@dataclass(frozen=True)
class S:
    pk: int
    sort_order: int
    code: str


A, B, C, D = S(1, 10, "a"), S(2, 20, "b"), S(3, 30, "c"), S(4, 40, "d")
RETIRED = S(9, 25, "x")


def test_the_next_stage_is_forward_further_is_a_skip_earlier_is_back() -> None:
    stages = [A, B, C, D]
    assert move_kind(stages, A, B) is MoveKind.FORWARD
    assert move_kind(stages, A, C) is MoveKind.SKIP
    assert move_kind(stages, D, B) is MoveKind.BACK


def test_from_a_retired_stage_the_configured_order_decides() -> None:
    stages = [A, B, C, D]
    assert move_kind(stages, RETIRED, C) is MoveKind.FORWARD
    assert move_kind(stages, RETIRED, B) is MoveKind.BACK
