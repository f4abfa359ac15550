"""Where a move between configured stages goes (pure, no Django): the next stage, a skip, or back.

Both pipelines — major projects (储备 → … → 达产) and investment leads (线索 → … → 转为项目) — are lists of stages the
zone configures; a move to the next active stage is ordinary, skipping stages or moving back needs a reason.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from enum import StrEnum
from typing import Protocol


class MoveKind(StrEnum):
    FORWARD = "forward"
    SKIP = "skip"
    BACK = "back"


class ConfiguredStage(Protocol):
    @property
    def pk(self) -> Hashable: ...

    @property
    def sort_order(self) -> int: ...

    @property
    def code(self) -> str: ...


def move_kind(
    stages: Sequence[ConfiguredStage], from_stage: ConfiguredStage, to_stage: ConfiguredStage
) -> MoveKind:
    """Where ``to_stage`` lies from ``from_stage`` in the pipeline ``stages`` (the active stages in order); a
    retired current stage is placed by the configured order."""
    order = {stage.pk: index for index, stage in enumerate(stages)}
    here = order.get(from_stage.pk)
    there = order[to_stage.pk]
    if here is None:
        ahead = (to_stage.sort_order, to_stage.code) > (from_stage.sort_order, from_stage.code)
        return MoveKind.FORWARD if ahead else MoveKind.BACK
    if there < here:
        return MoveKind.BACK
    return MoveKind.FORWARD if there == here + 1 else MoveKind.SKIP
