import datetime as dt

import pytest

from gaoxin.core.workcalendar import Conventions, InvalidConventionsError

T = dt.time
H = dt.timedelta


def test_defaults_follow_the_civil_code_and_office_hours() -> None:
    conventions = Conventions()

    assert conventions.count_receipt_day is False
    assert conventions.cutoff == T(17, 30)
    assert conventions.work_periods() == (
        (H(hours=8, minutes=30), H(hours=12)),
        (H(hours=13, minutes=30), H(hours=17, minutes=30)),
    )


def test_without_a_lunch_break_the_day_is_one_period() -> None:
    conventions = Conventions(
        office_start=T(9), office_end=T(17, 0, 0, 500), lunch_start=None, lunch_end=None
    )

    assert conventions.work_periods() == ((H(hours=9), H(hours=17, microseconds=500)),)


@pytest.mark.parametrize(
    ("changes", "msgid_start"),
    [
        ({"office_start": T(17, 30), "office_end": T(8, 30)}, "Office hours must start before they end"),
        ({"office_start": T(9), "office_end": T(9)}, "Office hours must start before they end"),
        ({"lunch_end": None}, "Give both the start and the end of the lunch break"),
        ({"lunch_start": None}, "Give both the start and the end of the lunch break"),
        ({"lunch_start": T(13), "lunch_end": T(12)}, "The lunch break"),
        ({"lunch_start": T(8), "lunch_end": T(9)}, "The lunch break"),
        ({"lunch_start": T(17), "lunch_end": T(18)}, "The lunch break"),
    ],
)
def test_office_hours_that_make_no_sense_are_refused(changes: dict[str, T | None], msgid_start: str) -> None:
    with pytest.raises(InvalidConventionsError) as raised:
        Conventions(**changes)

    assert raised.value.message.msgid.startswith(msgid_start)
