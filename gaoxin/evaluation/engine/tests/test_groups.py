"""Group membership and the three rules for leased firms."""

from __future__ import annotations

from gaoxin.evaluation.engine import load_scheme
from gaoxin.evaluation.engine.tests.builders import codes, firms, run, scheme

SHIPPED = "gaoxin/evaluation/schemes/"


def test_below_scale_firms_split_by_land() -> None:
    frame = firms(
        scale=["below_scale", "below_scale", "below_scale", "above_scale"],
        land_mu=[3.0, 2.99, 0.0, 50.0],
        tax=[30.0, 3.0, 1.0, 100.0],
        revenue=[300.0, 30.0, 10.0, 1000.0],
        electricity_10k_kwh=[10.0, 1.0, 1.0, 10.0],
        registration_date=["2001-01-01"] * 4,
    )
    rows = run(frame, load_scheme(SHIPPED + "below_scale.toml"))
    assert [row["group"] for row in rows.values()] == ["below_scale_large", "below_scale_small", None, None]
    # no land of its own: exempt, explicitly, rather than silently in no group
    assert [row["status"] for row in rows.values()][2:] == ["exempt", "no_group"]
    assert codes(rows["F03"]) == ["exempt"]
    assert codes(rows["F04"]) == ["no_group"]


def test_the_first_matching_group_takes_the_firm() -> None:
    text = """
[indicators.tax_per_mu]
label = "亩均税收"
numerator = "tax"
denominator = "land_mu"
benchmark = { mode = "constant", value = 10 }

[grading]
method = "threshold"
bands = [{ grade = "A", min = 100 }, { grade = "B" }]

[[groups]]
key = "park_a"
label = "一园"
when = [{ column = "park", in = ["一园"] }]
indicators = { tax_per_mu = 100 }

[[groups]]
key = "big"
label = "大"
when = [{ column = "land_mu", ge = 10 }]
indicators = { tax_per_mu = 100 }

[[groups]]
key = "no_park"
label = "园区不明"
when = [{ column = "park", is_null = true }]
indicators = { tax_per_mu = 100 }
"""
    frame = firms(
        park=["一园", "二园", "二园", None], land_mu=[20.0, 20.0, 5.0, 5.0], tax=[1.0, 1.0, 1.0, 1.0]
    )
    rows = run(frame, scheme(text))
    assert [row["group"] for row in rows.values()] == ["park_a", "big", None, "no_park"]


LEASE = """
[inputs.utility]
label = "公用事业"
type = "bool"

[inputs.accident]
label = "安全事故"
type = "bool"

[indicators.tax_per_mu]
label = "亩均税收"
numerator = "tax"
denominator = "land_mu"
benchmark = { mode = "constant", value = 10 }

[indicators.tax_per_employee]
label = "人均税收"
numerator = "tax"
denominator = "employees"
benchmark = { mode = "constant", value = 1 }

[grading]
method = "threshold"
bands = [{ grade = "A", min = 100 }, { grade = "B", min = 50 }, { grade = "C" }]

[[groups]]
key = "land"
label = "有地企业"
when = [{ column = "land_mu", gt = 0 }]
indicators = { tax_per_mu = 100 }

[[exemptions]]
key = "utility"
reason = "公用事业不参评"
flag = "utility"

[[vetoes]]
key = "accident"
reason = "安全事故"
flag = "accident"
max_grade = "C"
"""
LEASED_GROUP = """
[[groups]]
key = "leased"
label = "租赁企业"
indicators = { tax_per_employee = 100 }
"""


def lease_firms(accident: list[bool] | None = None) -> dict[str, list[object]]:
    # L1 lessor (10 mu, tax 100); T1 its lessee (tax 50); T2 lessee of an unknown firm; O1 leases but owns
    # 2 mu; L2 an exempt lessor and T3 its lessee.
    return {
        "codes": ["L1", "T1", "T2", "O1", "L2", "T3"],
        "land_mu": [10.0, None, None, 2.0, 5.0, 0.0],
        "tax": [100.0, 50.0, 30.0, 10.0, 1.0, 1.0],
        "employees": [100.0, 100.0, 100.0, 10.0, 1.0, 1.0],
        "lessor_credit_code": [None, "L1", "NOPE", "L1", None, "L2"],
        "utility": [False, False, False, False, True, False],
        "accident": accident or [False] * 6,
    }


def _run(rule: str, extra: str = "", accident: list[bool] | None = None) -> dict[str, dict[str, object]]:
    data = lease_firms(accident)
    frame = firms(data.pop("codes"), **data)  # type: ignore[arg-type]
    return run(frame, scheme(LEASE, extra, f"[leased]\n{rule}"))


def test_leased_firms_in_their_own_group() -> None:
    rows = _run('rule = "own_group"\ngroup = "leased"', LEASED_GROUP)
    assert [rows[code]["group"] for code in ("L1", "T1", "T2", "O1", "T3")] == [
        "land",
        "leased",
        "leased",
        "land",
        "leased",
    ]
    assert (rows["T1"]["total"], rows["T1"]["grade"], codes(rows["T1"])) == (50.0, "B", ["leased_own_group"])
    assert (rows["T2"]["total"], rows["T2"]["grade"]) == (30.0, "C")
    assert (rows["O1"]["total"], rows["O1"]["lessor_credit_code"]) == (50.0, "L1")  # own land: not leased


def test_leased_firms_merged_into_their_lessor() -> None:
    rows = _run('rule = "merge_with_lessor"')
    l1, t1 = rows["L1"], rows["T1"]
    # L1 pools T1's tax: (100 + 50) / 10 = 15 per mu → 150
    assert (l1["ind_tax_per_mu_value"], l1["total"], l1["grade"], l1["lessees"]) == (15.0, 150.0, "A", 1)
    assert codes(l1) == ["lessees_merged"]
    assert (t1["status"], t1["group"], t1["total"], t1["grade"], t1["ind_tax_per_mu_value"]) == (
        "leased_follower",
        "land",
        150.0,
        "A",
        15.0,
    )
    assert codes(t1) == ["leased_merged"]
    assert (rows["T2"]["status"], rows["T2"]["grade"], codes(rows["T2"])) == (
        "lessor_not_found",
        None,
        ["lessor_not_found"],
    )
    assert rows["T3"]["status"] == "lessor_not_found"  # its lessor is exempt


def test_orphans_go_to_their_group_when_the_scheme_names_one() -> None:
    rows = _run('rule = "merge_with_lessor"\norphan_group = "leased"', LEASED_GROUP)
    assert (rows["T2"]["status"], rows["T2"]["group"], rows["T2"]["total"]) == ("scored", "leased", 30.0)
    assert codes(rows["T2"]) == ["lessor_not_found"]


def test_leased_firms_take_their_lessors_grade() -> None:
    rows = _run('rule = "follow_lessor"')
    l1, t1 = rows["L1"], rows["T1"]
    assert (l1["total"], l1["grade"]) == (100.0, "A")  # scored on its own figures
    assert (t1["group"], t1["total"], t1["grade"], t1["rank"], t1["ind_tax_per_mu_value"]) == (
        "land",
        100.0,
        "A",
        None,
        None,
    )
    assert codes(t1) == ["leased_follow_lessor"]


def test_a_follower_takes_the_lessors_merit_grade_and_its_own_vetoes() -> None:
    lessor_vetoed = _run('rule = "follow_lessor"', accident=[True, False, False, False, False, False])
    assert (lessor_vetoed["L1"]["grade"], lessor_vetoed["T1"]["grade"]) == ("C", "A")
    lessee_vetoed = _run('rule = "follow_lessor"', accident=[False, True, False, False, False, False])
    assert (lessee_vetoed["L1"]["grade"], lessee_vetoed["T1"]["grade"]) == ("A", "C")
    assert codes(lessee_vetoed["T1"]) == ["leased_follow_lessor", "vetoed"]
