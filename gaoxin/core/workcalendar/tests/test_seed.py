import datetime as dt

import pytest

from gaoxin.core.workcalendar import MissingYearError, arrangement_from_chinesecalendar, chinesecalendar_years

D = dt.date


def test_the_2026_arrangement_matches_the_state_council_notice() -> None:
    # 国办发明电〔2025〕7号, typed from the notice: days off Monday to Friday, and the weekend days worked.
    arrangement = arrangement_from_chinesecalendar(2026)

    assert arrangement.holidays == {
        D(2026, 1, 1), D(2026, 1, 2),  # 元旦 1/1 (Thu) – 1/3 (Sat)
        D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19), D(2026, 2, 20), D(2026, 2, 23),  # 春节
        D(2026, 4, 6),  # 清明 4/4 (Sat) – 4/6 (Mon)
        D(2026, 5, 1), D(2026, 5, 4), D(2026, 5, 5),  # 劳动节 5/1 (Fri) – 5/5 (Tue)
        D(2026, 6, 19),  # 端午 6/19 (Fri) – 6/21 (Sun)
        D(2026, 9, 25),  # 中秋 9/25 (Fri) – 9/27 (Sun)
        D(2026, 10, 1), D(2026, 10, 2), D(2026, 10, 5), D(2026, 10, 6), D(2026, 10, 7),  # 国庆 10/1 (Thu) – 10/7
    }  # fmt: skip
    assert arrangement.makeup_workdays == {
        D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10),
    }  # fmt: skip


def test_holiday_names_are_chinese_and_cover_weekend_days_off_and_makeup_workdays() -> None:
    names = arrangement_from_chinesecalendar(2026).holiday_names

    assert names[D(2026, 2, 15)] == "春节"  # a Sunday inside the Spring Festival break
    assert names[D(2026, 4, 6)] == "清明节"
    assert names[D(2026, 6, 19)] == "端午节"
    assert names[D(2026, 9, 25)] == "中秋节"
    assert names[D(2026, 10, 3)] == "国庆节"
    assert names[D(2026, 1, 1)] == "元旦"
    assert names[D(2026, 5, 5)] == "劳动节"
    assert names[D(2026, 9, 20)] == "国庆节"  # make-up workday, named after the holiday it makes up for
    assert D(2026, 3, 2) not in names


def test_a_one_off_holiday_takes_the_packages_chinese_name() -> None:
    names = arrangement_from_chinesecalendar(2015).holiday_names

    assert names[D(2015, 9, 3)] == "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日"


def test_a_year_the_package_does_not_know_is_a_missing_year() -> None:
    first = chinesecalendar_years().start
    assert first == 2004

    with pytest.raises(MissingYearError) as raised:
        arrangement_from_chinesecalendar(first - 1)

    assert raised.value.year == 2003
    assert "2003" in str(raised.value)
