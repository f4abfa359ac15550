import pytest

from gaoxin.core.workcalendar import (
    WorkCalendar,
    YearArrangement,
    arrangement_from_chinesecalendar,
    chinesecalendar_years,
)


@pytest.fixture(scope="session")
def arrangements() -> dict[int, YearArrangement]:
    return {year: arrangement_from_chinesecalendar(year) for year in chinesecalendar_years()}


@pytest.fixture(scope="session")
def china(arrangements: dict[int, YearArrangement]) -> WorkCalendar:
    """Every year chinesecalendar knows (2004–2026), default conventions."""
    return WorkCalendar(arrangements.values())
