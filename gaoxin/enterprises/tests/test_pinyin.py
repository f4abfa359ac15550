import pytest
from hypothesis import given
from hypothesis import strategies as st

from gaoxin.enterprises.pinyin import initials


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("嘉兴光伏科技有限公司", "jxgfkjyxgs"),
        ("重庆长安汽车股份有限公司", "cqcaqcgfyxgs"),  # 重 chóng, 长 cháng in these place names
        ("中国工商银行", "zggsyh"),  # 行 háng in 银行
        ("长江重工", "cjzg"),  # 重 zhòng in 重工
        ("厦门", "xm"),
        ("ABC科技有限公司", "abckjyxgs"),
        ("3D打印中心", "3ddyzx"),
        ("Ｔｅｓｌａ（上海）有限公司", "teslashyxgs"),  # full-width letters and brackets
        ("一汽-大众 · 嘉兴", "yqdzjx"),
        ("", ""),
    ],
)
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


@given(st.text())
def test_initials_are_lower_case_ascii_letters_and_digits(name: str) -> None:
    key = initials(name)
    assert all(c in "abcdefghijklmnopqrstuvwxyz0123456789" for c in key)


@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), max_size=20))
def test_each_common_chinese_character_gives_at_most_one_letter(name: str) -> None:
    assert len(initials(name)) <= len(name)
