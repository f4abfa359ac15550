from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine
from django.utils import translation

from gaoxin.evaluation.tests.zone import ANNOUNCED, Zone, build_zone
from gaoxin.testing.personas import Personas


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages are asserted as their English msgids; pages still speak their own language (zh-Hans)."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def a_known_day() -> Iterator[None]:
    """Every test of the evaluation runs on a known working day of a year the calendar has (the clock ticks)."""
    with time_machine.travel(ANNOUNCED):
        yield


@pytest.fixture
def zone(personas: Personas, settings, tmp_path) -> Zone:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_zone(personas)
