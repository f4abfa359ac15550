import pytest

from gaoxin.core.workcalendar import WorkCalendar, arrangement_from_chinesecalendar


@pytest.fixture(scope="session")
def calendar() -> WorkCalendar:
    """The State Council arrangements 2020–2026, as chinesecalendar records them."""
    return WorkCalendar(arrangement_from_chinesecalendar(year) for year in range(2020, 2027))
