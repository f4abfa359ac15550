import pytest
from hypothesis import given
from hypothesis import strategies as st

from gaoxin.core.messages import Message
from gaoxin.enterprises import credit_code
from gaoxin.enterprises.credit_code import ALPHABET, MAX_DEMO_SERIAL

# Codes published by the companies themselves (business licences, permits). Each passes the checksum,
# which a random 18-character string does with probability 1/31.
#
# Worked example, 华为技术有限公司 914403001922038216 (values of the first 17 characters × weights):
#   9×1 + 1×3 + 4×9 + 4×27 + 0×19 + 3×26 + 0×16 + 0×17 + 1×20 + 9×29 + 2×25 + 2×13 + 0×8 + 3×24
#   + 8×10 + 2×30 + 1×28 = 831;  831 mod 31 = 25;  31 − 25 = 6  → check character "6".
PUBLISHED_CODES = [
    "914403001922038216",  # 华为技术有限公司
    "91330100799655058B",  # 阿里巴巴（中国）有限公司
    "91440300708461136T",  # 深圳市腾讯计算机系统有限公司
    "91341800MA2W1EY93F",  # 安徽华晟新能源科技股份有限公司 (from its discharge permit 91341800MA2W1EY93F001U)
]

codes = st.text(alphabet=ALPHABET, min_size=17, max_size=17).map(lambda s: s + credit_code.check_character(s))


@pytest.mark.parametrize("code", PUBLISHED_CODES)
def test_published_codes_are_valid(code: str) -> None:
    assert credit_code.validate(code) is None
    assert credit_code.is_valid(code)


def test_check_character_of_the_worked_example() -> None:
    assert credit_code.check_character("91440300192203821") == "6"


def test_check_character_zero_when_the_sum_is_a_multiple_of_31() -> None:
    # Sum 0: the rule gives 31, which is written 0.
    assert credit_code.check_character("0" * 17) == "0"


@pytest.mark.parametrize("first17", ["9144030019220382", "914403001922038216", "9144030019220382O"])
def test_check_character_rejects_anything_but_17_code_symbols(first17: str) -> None:
    with pytest.raises(ValueError, match="17 characters"):
        credit_code.check_character(first17)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("91330100799655058b", "91330100799655058B"),
        ("  9144 0300 1922 0382 16\t", "914403001922038216"),
        ("９１４４０３００１９２２０３８２１６", "914403001922038216"),  # full-width digits
        ("９１３３０１００７９９６５５０５８ｂ", "91330100799655058B"),  # full-width lower-case letter
        ("9144\u30000300192203821６", "914403001922038216"),  # ideographic space
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert credit_code.normalize(raw) == expected


def test_validate_accepts_input_that_normalizes_to_a_valid_code() -> None:
    assert credit_code.is_valid(" ９１４４０３００１９２２０３８２１６ ")


@pytest.mark.parametrize("raw", ["", "   ", "\u3000"])
def test_empty_input_asks_for_the_code(raw: str) -> None:
    problem = credit_code.validate(raw)
    assert problem == Message("Enter the unified social credit code.")


@pytest.mark.parametrize(
    ("code", "length"), [("91440300192203821", 17), ("9144030019220382166", 19), ("9", 1)]
)
def test_wrong_length_names_the_length(code: str, length: int) -> None:
    problem = credit_code.validate(code)
    assert problem is not None
    assert "18 characters" in problem.msgid
    assert problem.params == {"length": length}


def test_length_is_reported_before_bad_characters() -> None:
    problem = credit_code.validate("91O")
    assert problem is not None
    assert problem.params == {"length": 3}


@pytest.mark.parametrize(
    ("code", "position", "letter", "digit"),
    [
        ("91150425MAOMX52N1X", 11, "O", "0"),  # as mistyped in a real discharge permit
        ("91440300I922038216", 9, "I", "1"),
    ],
)
def test_letters_o_and_i_are_explained_as_digits(code: str, position: int, letter: str, digit: str) -> None:
    problem = credit_code.validate(code)
    assert problem is not None
    assert "probably the digit" in problem.msgid
    assert problem.params == {"position": position, "character": letter, "digit": digit}


@pytest.mark.parametrize(
    ("code", "position", "character"),
    [
        ("S14403001922038216", 1, "S"),
        ("9144030019220382Z6", 17, "Z"),
        ("91440300-922038216", 9, "-"),
        ("9144030019220382V6", 17, "V"),
    ],
)
def test_other_illegal_characters_are_named_with_their_position(
    code: str, position: int, character: str
) -> None:
    problem = credit_code.validate(code)
    assert problem is not None
    assert "not allowed" in problem.msgid
    assert problem.params == {"position": position, "character": character}


def test_wrong_check_character_is_reported_without_revealing_the_right_one() -> None:
    problem = credit_code.validate("914403001922038217")
    assert problem is not None
    assert "does not match" in problem.msgid
    assert problem.params == {}


@pytest.mark.parametrize(
    ("body", "check"),
    [
        ("19220382", "1"),  # 华为: 3+63+18+20+0+24+32+4 = 164; 164 mod 11 = 10; 11-10 = 1
        ("79965505", "8"),  # 阿里巴巴（中国）
        ("70846113", "6"),  # 腾讯
        ("MA2W1EY9", "3"),  # 安徽华晟: M=22, A=10, W=32, E=14, Y=34 → 745; 745 mod 11 = 8; 11-8 = 3
        ("00000000", "0"),  # sum 0 → 11 → "0"
        ("00000006", "X"),  # 6×2 = 12; 12 mod 11 = 1 → 10 → "X"
    ],
)
def test_organisation_check_character(body: str, check: str) -> None:
    assert credit_code.organisation_check_character(body) == check


@pytest.mark.parametrize("body", ["1922038", "192203821", "1922038a", "1922038-"])
def test_organisation_check_character_rejects_bad_bodies(body: str) -> None:
    with pytest.raises(ValueError, match="8 characters"):
        credit_code.organisation_check_character(body)


def test_make_code_first_serial() -> None:
    # Body MA000000: M=22×3 + A=10×7 = 136; 136 mod 11 = 4; 11-4 = 7.  First 17: 91330400MA0000007.
    # GB 32100 values (M=21, A=10): 9+3+27+81+0+104+0+0+21×20+10×29+0+…+7×28 = 1130; 1130 mod 31 = 14; 31-14 = 17 → H.
    assert credit_code.make_code(serial=0) == "91330400MA0000007H"


def test_make_code_uses_the_region() -> None:
    code = credit_code.make_code(region="110108", serial=5)
    assert code.startswith("91110108MA")


@pytest.mark.parametrize("region", ["33040", "3304000", "33O400", "３３０４００"])
def test_make_code_rejects_bad_regions(region: str) -> None:
    with pytest.raises(ValueError, match="region"):
        credit_code.make_code(region=region, serial=1)


@pytest.mark.parametrize("serial", [-1, MAX_DEMO_SERIAL + 1])
def test_make_code_rejects_serials_out_of_range(serial: int) -> None:
    with pytest.raises(ValueError, match="serial"):
        credit_code.make_code(serial=serial)


@given(
    serial=st.integers(min_value=0, max_value=MAX_DEMO_SERIAL),
    region=st.text(alphabet="0123456789", min_size=6, max_size=6),
)
def test_every_made_code_is_valid_with_a_valid_organisation_code(serial: int, region: str) -> None:
    code = credit_code.make_code(region=region, serial=serial)
    assert credit_code.is_valid(code)
    assert code[:8] == "91" + region
    assert credit_code.organisation_check_character(code[8:16]) == code[16]


@given(
    a=st.integers(min_value=0, max_value=MAX_DEMO_SERIAL),
    b=st.integers(min_value=0, max_value=MAX_DEMO_SERIAL),
)
def test_different_serials_give_different_codes(a: int, b: int) -> None:
    assert (credit_code.make_code(serial=a) == credit_code.make_code(serial=b)) == (a == b)


@given(code=codes, position=st.integers(min_value=0, max_value=17), replacement=st.sampled_from(ALPHABET))
def test_every_single_character_substitution_is_detected(code: str, position: int, replacement: str) -> None:
    changed = code[:position] + replacement + code[position + 1 :]
    assert credit_code.is_valid(changed) == (changed == code)


@given(code=codes, position=st.integers(min_value=0, max_value=15))
def test_adjacent_transpositions_within_the_first_17_are_detected(code: str, position: int) -> None:
    swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
    assert credit_code.is_valid(swapped) == (swapped == code)


@given(raw=st.text())
def test_normalize_is_idempotent(raw: str) -> None:
    once = credit_code.normalize(raw)
    assert credit_code.normalize(once) == once


@given(code=codes, lower=st.sets(st.integers(min_value=0, max_value=17)))
def test_normalize_undoes_lower_case_and_full_width_typing(code: str, lower: set[int]) -> None:
    typed = "".join(chr(ord(c) + 0xFEE0) if i in lower else c.lower() for i, c in enumerate(code))
    assert credit_code.normalize(typed) == code
