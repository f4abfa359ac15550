import collections
import string

import pytest

from gaoxin.enterprises import industry
from gaoxin.enterprises.industry import IndustryLevel

# Divisions (大类) of each section (门类) in GB/T 4754-2017.
DIVISIONS_OF_SECTION = {
    "A": range(1, 6),
    "B": range(6, 13),
    "C": range(13, 44),
    "D": range(44, 47),
    "E": range(47, 51),
    "F": range(51, 53),
    "G": range(53, 61),
    "H": range(61, 63),
    "I": range(63, 66),
    "J": range(66, 70),
    "K": range(70, 71),
    "L": range(71, 73),
    "M": range(73, 76),
    "N": range(76, 80),
    "O": range(80, 83),
    "P": range(83, 84),
    "Q": range(84, 86),
    "R": range(86, 91),
    "S": range(91, 97),
    "T": range(97, 98),
}


def entries(level: IndustryLevel) -> list[industry.IndustryCode]:
    return [e for e in industry.all_codes() if e.level is level]


def test_level_counts() -> None:
    counts = collections.Counter(e.level for e in industry.all_codes())
    assert counts == {
        IndustryLevel.SECTION: 20,
        IndustryLevel.DIVISION: 97,
        IndustryLevel.GROUP: 473,
        IndustryLevel.CLASS: 1381,  # see data/README.md on amendment No. 1
    }


def test_codes_have_the_shape_of_their_level() -> None:
    digits = {IndustryLevel.DIVISION: 2, IndustryLevel.GROUP: 3, IndustryLevel.CLASS: 4}
    for entry in industry.all_codes():
        if entry.level is IndustryLevel.SECTION:
            assert entry.code in string.ascii_uppercase
        else:
            assert entry.code.isdigit()
            assert len(entry.code) == digits[entry.level]


def test_sections_and_their_divisions() -> None:
    assert [e.code for e in entries(IndustryLevel.SECTION)] == list("ABCDEFGHIJKLMNOPQRST")
    for section, numbers in DIVISIONS_OF_SECTION.items():
        divisions = [e.code for e in entries(IndustryLevel.DIVISION) if e.section == section]
        assert divisions == [f"{n:02d}" for n in numbers]


def test_every_group_and_class_has_its_parent() -> None:
    for entry in entries(IndustryLevel.GROUP) + entries(IndustryLevel.CLASS):
        parent = industry.lookup(entry.code[:-1])
        assert parent is not None, entry.code
        assert parent.section == entry.section
    for entry in entries(IndustryLevel.GROUP):
        assert any(c.code.startswith(entry.code) for c in entries(IndustryLevel.CLASS)), entry.code


def test_undivided_groups_have_one_class_ending_in_zero_with_the_same_name() -> None:
    classes_of = collections.defaultdict(list)
    for entry in entries(IndustryLevel.CLASS):
        classes_of[entry.code[:3]].append(entry)
    for group, classes in classes_of.items():
        if any(c.code.endswith("0") for c in classes):
            assert len(classes) == 1, group
            assert classes[0].name == industry.name(group)


def test_names_are_clean() -> None:
    for entry in industry.all_codes():
        assert entry.name
        assert entry.name == entry.name.strip()
        assert not set(entry.name) & set(" \u3000()?"), entry


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("3825", "光伏设备及元器件制造"),
        ("3670", "汽车零部件及配件制造"),
        ("1711", "棉纺纱加工"),
        ("6513", "应用软件开发"),
        ("C", "制造业"),
        ("38", "电气机械和器材制造业"),
        ("382", "输配电及控制设备制造"),
        ("9700", "国际组织"),
    ],
)
def test_name(code: str, expected: str) -> None:
    assert industry.name(code) == expected


@pytest.mark.parametrize("code", ["", "3826", "C3825", "38250", "Z", "3 825"])
def test_unknown_codes(code: str) -> None:
    assert industry.name(code) is None
    assert industry.lookup(code) is None
    assert industry.section_of(code) is None
    assert not industry.is_valid_class(code)
    assert not industry.is_manufacturing(code)
    assert industry.path(code) == ()


def test_lookup() -> None:
    assert industry.lookup("3825") == industry.IndustryCode(
        code="3825", name="光伏设备及元器件制造", level=IndustryLevel.CLASS, section="C", division="38"
    )
    section = industry.lookup("C")
    assert section is not None
    assert section.division is None
    assert section.section == "C"


def test_label() -> None:
    entry = industry.lookup("3825")
    assert entry is not None
    assert entry.label == "3825 光伏设备及元器件制造"


@pytest.mark.parametrize(
    ("code", "valid"), [("3825", True), ("0190", True), ("382", False), ("38", False), ("C", False)]
)
def test_is_valid_class_only_for_four_digit_classes(code: str, valid: bool) -> None:
    assert industry.is_valid_class(code) is valid


@pytest.mark.parametrize(
    ("code", "section"), [("0111", "A"), ("06", "B"), ("3825", "C"), ("4411", "D"), ("T", "T")]
)
def test_section_of(code: str, section: str) -> None:
    assert industry.section_of(code) == section


def test_manufacturing_is_exactly_divisions_13_to_43() -> None:
    for entry in industry.all_codes():
        if entry.level is IndustryLevel.SECTION:
            assert industry.is_manufacturing(entry.code) == (entry.code == "C")
        else:
            assert industry.is_manufacturing(entry.code) == (13 <= int(entry.code[:2]) <= 43), entry.code


def test_path_of_a_class() -> None:
    assert [e.name for e in industry.path("3825")] == [
        "制造业",
        "电气机械和器材制造业",
        "输配电及控制设备制造",
        "光伏设备及元器件制造",
    ]


def test_path_of_an_undivided_group_repeats_its_name_at_class_level() -> None:
    assert [e.code for e in industry.path("0190")] == ["A", "01", "019", "0190"]


def test_path_of_a_section_and_a_division() -> None:
    assert [e.code for e in industry.path("C")] == ["C"]
    assert [e.code for e in industry.path("36")] == ["C", "36"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("3825", "3825"), (" C3825 ", "3825"), ("c3825", "3825"), ("C38", "38"), ("A3825", "A3825"), ("C", "C")],
)
def test_normalize_code(raw: str, expected: str) -> None:
    assert industry.normalize_code(raw) == expected


def test_choices_of_a_level() -> None:
    sections = industry.choices(IndustryLevel.SECTION)
    assert len(sections) == 20
    assert sections[0] == ("A", "A 农、林、牧、渔业")
    assert len(industry.choices(IndustryLevel.CLASS)) == 1381


def test_choices_within_a_parent() -> None:
    assert industry.choices(IndustryLevel.CLASS, within="382") == [
        ("3821", "3821 变压器、整流器和电感器制造"),
        ("3822", "3822 电容器及其配套设备制造"),
        ("3823", "3823 配电开关控制设备制造"),
        ("3824", "3824 电力电子元器件制造"),
        ("3825", "3825 光伏设备及元器件制造"),
        ("3829", "3829 其他输配电及控制设备制造"),
    ]
    manufacturing_divisions = industry.choices(IndustryLevel.DIVISION, within="C")
    assert [code for code, _ in manufacturing_divisions] == [str(n) for n in range(13, 44)]


def test_choices_within_an_unknown_or_lower_code_are_empty() -> None:
    assert industry.choices(IndustryLevel.CLASS, within="999") == []
    assert industry.choices(IndustryLevel.DIVISION, within="382") == []
