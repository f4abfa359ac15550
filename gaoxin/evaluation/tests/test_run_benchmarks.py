"""A run's benchmarks name an industry partition as people do: the code prefix with the industry's name."""

from gaoxin.evaluation.views.runs import _partition_label


def test_an_industry_prefix_reads_with_its_name_other_keys_as_they_are() -> None:
    assert _partition_label("17", "industry_code") == "17 纺织业"
    assert _partition_label("3670", "industry_code") == "3670 汽车零部件及配件制造"
    assert _partition_label("东区", "park") == "东区"
    assert _partition_label(None, "industry_code") is None
    assert _partition_label("99", "industry_code") == "99"  # no such division: the key as it is
