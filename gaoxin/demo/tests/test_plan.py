"""The planned demo registry (pure data): valid codes, consistent land, realistic figures, determinism."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gaoxin.demo.catalogue import ABOVE_SCALE_INDUSTRY, ABOVE_SCALE_SERVICES, PROFILES, YEARS
from gaoxin.demo.names import FAMOUS_BRANDS
from gaoxin.demo.plan import FLAGSHIP_NAME, RegistryPlan, plan_registry
from gaoxin.enterprises import credit_code, industry

SMALL = 1500


@cache
def small() -> RegistryPlan:
    return plan_registry(SMALL)


def latest(plan: RegistryPlan, name: str) -> np.ndarray:
    """Each firm's value of ``name`` in its last year of data."""
    return plan.figures[name][np.arange(len(plan.firms)), plan.last]


def industrial(plan: RegistryPlan) -> np.ndarray:
    return np.array([industry.is_manufacturing(f.industry_code) for f in plan.firms])


def test_every_credit_code_is_valid_and_unique() -> None:
    codes = [f.credit_code for f in small().firms]
    assert all(credit_code.is_valid(code) for code in codes)
    assert len(set(codes)) == SMALL


def test_every_industry_code_is_a_class_of_the_shipped_table() -> None:
    assert all(industry.is_valid_class(profile.industry_code) for profile in PROFILES)
    assert all(industry.is_valid_class(f.industry_code) for f in small().firms)


def test_firms_spread_over_every_chain_and_profile() -> None:
    chains = Counter(code for f in small().firms for code in f.chains)
    assert set(chains) == {
        "photovoltaic",
        "auto_parts",
        "textiles",
        "smart_equipment",
        "digital_economy",
        "life_sciences",
    }
    # The photovoltaic chain is planned at 12% of the firms (a few more through second chain tags).
    assert 0.09 < chains["photovoltaic"] / SMALL < 0.16
    assert {f.industry_code for f in small().firms} >= {p.industry_code for p in PROFILES}


def test_names_are_unique_fictional_and_never_a_famous_brand() -> None:
    names = [f.name for f in small().firms]
    assert len(set(names)) == SMALL
    assert all("示例" in name and name.endswith("有限公司") for name in names)
    assert not any(brand in name for name in names for brand in FAMOUS_BRANDS)
    assert small().firms[0].name == FLAGSHIP_NAME
    former = [name for f in small().firms for name in f.former_names]
    assert former
    assert not set(former) & set(names)


def test_contacts_and_addresses_look_like_the_zone() -> None:
    for firm in small().firms:
        assert re.fullmatch(r"1[3-9]\d{9}", firm.contact_phone)
        assert firm.address.startswith("浙江省示例市示例高新区")
        assert firm.address.endswith("号")
        assert 2 <= len(firm.legal_representative) <= 3
        assert 2 <= len(firm.contact_name) <= 3


def test_about_a_third_of_the_firms_are_above_scale() -> None:
    share = sum(f.scale == "above_scale" for f in small().firms) / SMALL
    assert 0.30 <= share <= 0.40


def test_scale_follows_the_main_revenue_of_the_last_year() -> None:
    plan = small()
    threshold = np.where(industrial(plan), ABOVE_SCALE_INDUSTRY, ABOVE_SCALE_SERVICES)
    above = np.array([f.scale == "above_scale" for f in plan.firms])
    assert (above == (latest(plan, "main_revenue") >= threshold)).all()


def test_mostly_operating() -> None:
    statuses = Counter(f.status for f in small().firms)
    assert statuses["operating"] / SMALL > 0.88
    assert set(statuses) == {"operating", "suspended", "moved_out", "deregistered"}


def test_rows_start_at_registration_and_stop_at_exit() -> None:
    plan = small()
    for i, firm in enumerate(plan.firms):
        first, last = YEARS[int(plan.first[i])], YEARS[int(plan.last[i])]
        assert first == max(firm.registered_on.year, YEARS[0])
        if firm.status in ("moved_out", "deregistered") and first < YEARS[-1]:
            assert last < YEARS[-1]
        elif firm.status in ("operating", "suspended"):
            assert last == YEARS[-1]
        alive = ~np.isnan(plan.figures["revenue"][i])
        assert alive.sum() == last - first + 1
    registered_before = [
        i for i, f in enumerate(plan.firms) if f.registered_on.year < YEARS[0] and f.status == "operating"
    ]
    assert all(plan.last[i] - plan.first[i] + 1 == len(YEARS) for i in registered_before)
    assert plan.row_count == sum(int(plan.last[i] - plan.first[i]) + 1 for i in range(SMALL))


def test_parcels_have_certificates_and_areas_in_range() -> None:
    parcels = small().parcels
    numbers = [p.certificate_no for p in parcels]
    assert len(set(numbers)) == len(numbers)
    assert all(re.fullmatch(r"浙\(20\d\d\)示例市不动产权第\d{7}号", n) for n in numbers)
    areas = np.array([float(p.area_mu) for p in parcels])
    assert areas.min() >= 0.5
    assert areas.max() <= 300
    # log-normal: the median parcel is small, a few are very large
    assert 2 < np.median(areas) < 20
    assert areas.max() > 100
    assert any(p.owner is None for p in parcels)


def test_fifteen_percent_lease_and_some_sublet() -> None:
    plan = small()
    lessees = {lease.lessee for lease in plan.leases}
    assert 0.14 <= len(lessees) / SMALL <= 0.16
    assert all(lease.lessee != lease.lessor for lease in plan.leases)
    # A sub-let: the lessor does not own the parcel, but rents space on it.
    sublets = [lease for lease in plan.leases if plan.parcels[lease.parcel].owner != lease.lessor]
    assert sublets
    for lease in sublets:
        assert lease.lessor in lessees
        assert any(own.lessee == lease.lessor and own.parcel == lease.parcel for own in plan.leases)


def test_leases_never_let_more_than_the_parcel() -> None:
    plan = small()
    let: dict[int, float] = defaultdict(float)
    for lease in plan.leases:
        if lease.lessor == plan.parcels[lease.parcel].owner:
            let[lease.parcel] += float(lease.land_mu)
    assert all(share <= float(plan.parcels[k].area_mu) for k, share in let.items())


def test_dates_are_in_order() -> None:
    plan = small()
    for parcel in plan.parcels:
        if parcel.owner is not None:
            assert parcel.acquired_on >= plan.firms[parcel.owner].registered_on
    for lease in plan.leases:
        assert lease.starts_on >= plan.firms[lease.lessee].registered_on
        assert lease.ends_on.year > YEARS[-1] >= lease.starts_on.year


def land_books(plan: RegistryPlan) -> np.ndarray:
    """Each firm's land recomputed from the parcels and leases: owned − let + rented; NaN without any."""
    land = np.zeros(len(plan.firms))
    has_land = np.zeros(len(plan.firms), dtype=bool)
    for parcel in plan.parcels:
        if parcel.owner is not None:
            land[parcel.owner] += float(parcel.area_mu)
            has_land[parcel.owner] = True
    for lease in plan.leases:
        land[lease.lessee] += float(lease.land_mu)
        land[lease.lessor] -= float(lease.land_mu)
        has_land[lease.lessee] = True
    return np.where(has_land, land, np.nan)


def test_yearly_land_is_what_the_firm_owns_minus_lets_plus_rents() -> None:
    plan = small()
    books = land_books(plan)
    stated = latest(plan, "land_mu")
    assert np.array_equal(np.isnan(books), np.isnan(stated))
    assert np.allclose(books[~np.isnan(books)], stated[~np.isnan(stated)], atol=1e-3)
    assert np.nanmin(stated) > 0


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), count=st.integers(10, 80))
def test_land_books_balance_for_any_seed(seed: int, count: int) -> None:
    plan = plan_registry(count, seed=seed)
    books = land_books(plan)
    stated = latest(plan, "land_mu")
    assert np.array_equal(np.isnan(books), np.isnan(stated))
    assert np.allclose(books[~np.isnan(books)], stated[~np.isnan(stated)], atol=1e-3)
    assert all(lease.lessee != lease.lessor for lease in plan.leases)


def test_tax_per_mu_of_above_scale_firms_has_a_realistic_spread() -> None:
    plan = small()
    above = np.array([f.scale == "above_scale" for f in plan.firms])
    tax, land = latest(plan, "tax"), latest(plan, "land_mu")
    per_mu = tax[above & (land > 0)] / land[above & (land > 0)]
    p10, median, p90 = np.percentile(per_mu, [10, 50, 90])
    # Zhejiang above-scale industry: around 20-30 万元 per 亩, with long tails both ways
    assert 18 <= median <= 32
    assert p10 < median / 3
    assert p90 > median * 2
    assert (per_mu < 1).any()  # loss-makers pay next to no tax


def test_below_scale_firms_pay_less_per_mu() -> None:
    plan = small()
    below = np.array([f.scale == "below_scale" for f in plan.firms]) & industrial(plan)
    tax, land = latest(plan, "tax"), latest(plan, "land_mu")
    mask = below & (land > 0)
    assert 3 <= np.median(tax[mask] / land[mask]) <= 15


def test_figures_are_correlated_like_real_ones() -> None:
    plan = small()
    f = plan.figures
    alive = ~np.isnan(f["revenue"])
    ratio = f["main_revenue"] / f["revenue"]
    assert np.nanmin(ratio) >= 0.9 - 1e-6
    assert np.nanmax(ratio) <= 1.0 + 1e-6
    va_share = f["value_added"] / f["output_value"]
    assert np.nanmin(va_share) >= 0.15 - 1e-3
    assert np.nanmax(va_share) <= 0.35 + 1e-3
    assert 0.2 <= np.nanmedian(va_share) <= 0.3
    rd = f["rd_expense"] / f["revenue"]
    assert np.nanmin(rd) >= 0
    assert np.nanmedian(rd) > 0.005
    assert (f["rd_expense"][alive] <= 0.06 * f["revenue"][alive] + 1e-4).all()  # up to rounding to 4 places
    employees = f["employees"][alive]
    assert employees.min() >= 3
    assert (employees == np.rint(employees)).all()
    # Bigger firms use more electricity: revenue and electricity are strongly correlated in logs.
    assert np.corrcoef(np.log(f["revenue"][alive]), np.log(f["electricity_10k_kwh"][alive]))[0, 1] > 0.7
    for name in ("tax", "revenue", "energy_tce", "electricity_10k_kwh", "rd_expense"):
        assert np.nanmin(f[name]) >= 0
        assert (np.isnan(f[name]) == ~alive).all()


def test_services_have_no_industrial_output_or_emissions() -> None:
    plan = small()
    services = ~industrial(plan)
    for name in ("output_value", "value_added", "emissions_t"):
        assert np.isnan(plan.figures[name][services]).all()


def test_about_eight_percent_of_industrial_firms_miss_emissions() -> None:
    plan = small()
    emissions, alive = latest(plan, "emissions_t"), industrial(plan)
    share = np.isnan(emissions[alive]).mean()
    assert 0.06 <= share <= 0.10


def test_revenue_grows_over_the_years_on_the_whole() -> None:
    plan = small()
    complete = (plan.first == 0) & (plan.last == len(YEARS) - 1)
    revenue = plan.figures["revenue"][complete]
    growth = revenue[:, -1].sum() / revenue[:, 0].sum()
    assert 1.1 < growth < 1.6  # about 7% a year over four years, with noise
    assert (revenue[:, -1] < revenue[:, 0]).any()  # not every firm grows


def test_figures_have_at_most_four_decimal_places() -> None:
    values = small().figures["tax"]
    finite = values[~np.isnan(values)]
    assert np.allclose(finite, np.round(finite, 4), rtol=0, atol=1e-9)


def test_the_same_seed_gives_the_same_plan_and_another_seed_another() -> None:
    first, again, other = plan_registry(80), plan_registry(80), plan_registry(80, seed=7)
    assert first.firms == again.firms
    assert first.parcels == again.parcels
    assert first.leases == again.leases
    for name, values in first.figures.items():
        assert np.array_equal(values, again.figures[name], equal_nan=True)
    assert [f.name for f in other.firms] != [f.name for f in first.firms]


def test_too_few_firms_are_refused() -> None:
    with pytest.raises(ValueError, match="at least"):
        plan_registry(3)
