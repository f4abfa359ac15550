"""The registry search finds partial credit codes and names typed with or without spaces; names sort by pinyin,
in every list that sorts by enterprise name."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gaoxin.enterprises.models import Enterprise, search_query
from gaoxin.enterprises.pinyin import sort_key
from gaoxin.evaluation.filters import RankingFilterSet
from gaoxin.testing.factories import EnterpriseFactory, LandParcelFactory

pytestmark = pytest.mark.django_db


def _found(text: str) -> set[str]:
    return set(Enterprise.objects.filter(search_query(text)).values_list("name", flat=True))


def test_a_part_of_a_credit_code_in_any_case_finds_the_enterprise():
    EnterpriseFactory(name="甲公司", credit_code="91330400MA2B3C4D5X")
    assert _found("MA2B3C") == {"甲公司"}
    assert _found("ma2b3c") == {"甲公司"}
    assert _found("0400MA2") == {"甲公司"}
    assert _found("C4D5X") == {"甲公司"}


def test_names_are_found_with_or_without_spaces():
    EnterpriseFactory(name="嘉兴光伏科技有限公司")
    EnterpriseFactory(name="嘉兴 新材料 有限公司")
    EnterpriseFactory(name="平湖光伏电站")
    assert _found("嘉兴 光伏") == {"嘉兴光伏科技有限公司"}  # every term, in any place
    assert _found(" 光伏  嘉兴 ") == {"嘉兴光伏科技有限公司"}
    assert _found("嘉兴新材料") == {"嘉兴 新材料 有限公司"}  # spaces in the stored name are ignored
    assert _found("嘉兴\u3000新材料") == {"嘉兴 新材料 有限公司"}  # full-width space typed


def test_a_search_of_only_spaces_filters_nothing(personas):
    assert len(_found("   ")) == Enterprise.objects.count()


def test_sort_key_orders_by_pinyin_syllable_by_syllable():
    names = ["长安汽车", "北京银行", "安徽建工", "昂立教育", "ABC科技"]
    assert sorted(names, key=sort_key) == ["ABC科技", "安徽建工", "昂立教育", "北京银行", "长安汽车"]
    assert sorted(names) != sorted(names, key=sort_key)  # code point order differs


NAMES = ["中国银行", "安徽建工", "北京银行", "长安汽车"]
PINYIN_ORDER = ["安徽建工", "北京银行", "长安汽车", "中国银行"]


@pytest.fixture
def firms():
    return [EnterpriseFactory(name=name) for name in NAMES]


def test_the_enterprise_list_sorts_names_by_pinyin(firms, client_for):
    html = client_for("leader").get(reverse("enterprises:list"), {"sort": "name"}).content.decode()
    positions = [html.index(name) for name in PINYIN_ORDER]
    assert positions == sorted(positions)
    html = client_for("leader").get(reverse("enterprises:list"), {"sort": "-name"}).content.decode()
    positions = [html.index(name) for name in PINYIN_ORDER]
    assert positions == sorted(positions, reverse=True)


def test_the_ranking_sorting_by_enterprise_name_uses_the_pinyin_key():
    sort = RankingFilterSet.base_filters["sort"]
    assert sort.get_ordering_value("enterprise__name") == "enterprise__name_sort"
    assert sort.get_ordering_value("-enterprise__name") == "-enterprise__name_sort"


def test_the_parcel_list_sorts_owners_by_pinyin(firms, client_for):
    for firm in firms:
        LandParcelFactory(owner=firm)
    html = (
        client_for("leader").get(reverse("enterprises:parcel_list"), {"sort": "owner__name"}).content.decode()
    )
    positions = [html.index(name) for name in PINYIN_ORDER]
    assert positions == sorted(positions)
