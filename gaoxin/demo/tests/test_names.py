from __future__ import annotations

import re

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from gaoxin.demo.names import FAMOUS_BRANDS, CompanyNamer, addresses, brands, mobile_phones, person_names

seeds = st.integers(0, 2**32 - 1)


def test_brands_are_two_different_characters_and_never_famous() -> None:
    all_brands = brands()
    assert len(all_brands) == len(set(all_brands)) > 1000
    assert all(len(b) == 2 and b[0] != b[1] for b in all_brands)
    assert not FAMOUS_BRANDS & set(all_brands)


@given(seed=seeds)
def test_company_names_are_unique_and_carry_the_fictional_place(seed: int) -> None:
    namer = CompanyNamer(np.random.default_rng(seed))
    namer.reserve("示例嘉禾光能科技有限公司")
    made = [namer.name(("光能科技",), joint_stock=k % 3 == 0) for k in range(300)]
    assert len(set(made)) == len(made)
    assert "示例嘉禾光能科技有限公司" not in made
    for name in made:
        assert re.fullmatch(r"(示例..光能科技|..光能科技（示例）)(股份)?有限公司", name)


@given(seed=seeds)
def test_people_phones_and_addresses(seed: int) -> None:
    rng = np.random.default_rng(seed)
    assert all(2 <= len(name) <= 3 for name in person_names(rng, 50))
    assert all(re.fullmatch(r"1\d{10}", phone) for phone in mobile_phones(rng, 50))
    for address in addresses(rng, [("晶辉路",), ("创新大道", "云谷路")]):
        assert re.fullmatch(r"浙江省示例市示例高新区(晶辉路|创新大道|云谷路)\d{1,4}号", address)


def test_the_same_seed_gives_the_same_names() -> None:
    def draw(seed: int) -> list[str]:
        rng = np.random.default_rng(seed)
        return (
            person_names(rng, 20)
            + mobile_phones(rng, 5)
            + [CompanyNamer(rng).name(("纺织",)) for _ in range(5)]
        )

    assert draw(1) == draw(1) != draw(2)
