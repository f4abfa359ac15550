"""The demo zone's registry as plain data: firms, land parcels, leases and yearly figures. Pure: no Django.

``plan_registry(count)`` is deterministic: the same count gives the same plan, value for value, on every run.
Firm 0 is the flagship (a photovoltaic chain leader, the demo enterprise contact's firm); the next firms are
the park operators, owners of the incubator and standard-factory land that most leased firms rent from.

Land follows practice: most industrial firms own their parcels; about 15% of firms lease space from a
landlord firm, some from a firm that itself leases (a sub-let); offices of service firms are leased from the
operators. A firm's land in its yearly data is what it owns minus what it lets, plus what it rents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

from gaoxin.demo import names
from gaoxin.demo.catalogue import (
    ABOVE_SCALE_INDUSTRY,
    ABOVE_SCALE_SERVICES,
    CHAINS,
    CITY_NAME,
    OPERATOR_INDUSTRY_CODE,
    OPERATORS,
    PARKS,
    PROFILES,
    PROVINCE_ABBREVIATION,
    REGION_CODE,
    UNCHAINED_PARKS,
    UNCHAINED_SHARE,
    YEARS,
    IndustryProfile,
)
from gaoxin.demo.figures import BoolArray, FloatArray, IntArray, draw_economics, yearly_figures
from gaoxin.enterprises import credit_code, industry

SEED = 20250630
SQUARE_METRES_PER_MU = 666.67
LEASED_SHARE = 0.15
SUBLET_SHARE = 0.08  # of industrial lessees, who rent from another lessee
BOTH_OWN_AND_LEASE_SHARE = 0.1  # of industrial lessees, who also own land
OWNER_LETTABLE = 0.5  # of an owner's parcel that may be let
OPERATOR_LETTABLE = 0.9
SUBLESSOR_LETTABLE = 0.5  # of a lessee's share
MIN_AREA_MU, MAX_AREA_MU = 0.5, 300.0
MAX_LEASED_MU = 30.0
NEW_FIRM_SHARE = 0.08  # registered 2021-2024, so with fewer years of data

FLAGSHIP_NAME = "示例嘉禾光能科技股份有限公司"
FLAGSHIP_INDUSTRY_CODE = "3825"
OPERATOR_PROFILE = IndustryProfile(OPERATOR_INDUSTRY_CODE, None, 0, 0.005, 1.0, 0.0, 0.0, 0.12, 150, words=())
ALL_PROFILES = (*PROFILES, OPERATOR_PROFILE)

STATUSES = ("operating", "suspended", "moved_out", "deregistered")  # EnterpriseStatus values
STATUS_WEIGHTS = (0.93, 0.03, 0.02, 0.02)
OPERATING, SUSPENDED = 0, 1  # indexes into STATUSES; those after SUSPENDED have left the zone

# Confirmation of the latest year's data sheet (一企一单); earlier years' data are all confirmed.
CONFIRMED_NONE, CONFIRMED_SOME, CONFIRMED_ALL = 0, 1, 2
CONFIRMATION_WEIGHTS = (0.4, 0.15, 0.45)
CONFIRMED_SOME_FIELDS = ("tax", "employees", "land_mu")


@dataclass(frozen=True, slots=True)
class FirmPlan:
    serial: int
    credit_code: str
    name: str
    former_names: tuple[str, ...]
    legal_representative: str
    address: str
    industry_code: str
    scale: str
    registered_on: dt.date
    park: str
    chains: tuple[str, ...]
    status: str
    contact_name: str
    contact_phone: str
    contact_email: str


@dataclass(frozen=True, slots=True)
class ParcelPlan:
    certificate_no: str
    location: str
    area_mu: Decimal
    use: str
    owner: int | None  # firm index
    park: str
    longitude: Decimal
    latitude: Decimal
    acquired_on: dt.date


@dataclass(frozen=True, slots=True)
class LeasePlan:
    lessee: int
    lessor: int
    parcel: int
    floor_area_m2: Decimal
    land_mu: Decimal
    starts_on: dt.date
    ends_on: dt.date


@dataclass(frozen=True)
class RegistryPlan:
    firms: list[FirmPlan]
    parcels: list[ParcelPlan]
    leases: list[LeasePlan]
    years: tuple[int, ...]
    figures: dict[str, FloatArray]  # field -> [firm, year], NaN where there is no value or no row
    first: IntArray  # index into ``years`` of each firm's first row
    last: IntArray
    confirmation: IntArray  # CONFIRMED_NONE / SOME / ALL for the latest year

    @property
    def row_count(self) -> int:
        return int((self.last - self.first + 1).sum())


def plan_registry(count: int, *, seed: int = SEED) -> RegistryPlan:
    if count < len(OPERATORS) + 2:
        raise ValueError(f"the demo zone needs at least {len(OPERATORS) + 2} firms, got {count}")
    return _Planner(count, seed).plan()


def _random_date(rng: np.random.Generator, year: int) -> dt.date:
    """A date in ``year`` (days 1-28, so that adding whole years is always valid)."""
    return dt.date(year, int(rng.integers(1, 13)), int(rng.integers(1, 29)))


def _decimal(value: float, places: str = "0.0001") -> Decimal:
    return Decimal(f"{value:.{len(places) - 2}f}")


@dataclass
class _Land:
    """The land book kept while planning: parcels, what each may still let, and leases."""

    parcels: list[ParcelPlan] = field(default_factory=list)
    areas: list[float] = field(default_factory=list)
    lettable: list[float] = field(default_factory=list)
    leases: list[LeasePlan] = field(default_factory=list)


class _Planner:
    def __init__(self, count: int, seed: int) -> None:
        self.n = count
        self.rng = np.random.default_rng(seed)
        self.parks = {park.code: park for park in PARKS}
        self.land = _Land()
        self.certificate_serial = 1200

    # -- who the firms are ------------------------------------------------------------------------------
    def plan(self) -> RegistryPlan:
        rng, n = self.rng, self.n
        operators = np.arange(1, 1 + len(OPERATORS))
        regular = np.arange(1 + len(OPERATORS), n)

        chain_codes: list[str | None] = [chain.code for chain in CHAINS] + [None]
        chain_choice = rng.choice(len(chain_codes), size=n, p=[c.share for c in CHAINS] + [UNCHAINED_SHARE])
        chain_choice[0] = 0  # the flagship is in the photovoltaic chain
        profile_index = np.empty(n, dtype=np.int64)
        for position, code in enumerate(chain_codes):
            members = np.flatnonzero(chain_choice == position)
            candidates = [i for i, p in enumerate(PROFILES) if p.chain == code]
            weights = np.array([PROFILES[i].weight for i in candidates], dtype=float)
            profile_index[members] = rng.choice(candidates, size=len(members), p=weights / weights.sum())
        profile_index[0] = next(
            i for i, p in enumerate(PROFILES) if p.industry_code == FLAGSHIP_INDUSTRY_CODE
        )
        profile_index[operators] = len(PROFILES)
        profiles = [ALL_PROFILES[i] for i in profile_index]
        industrial = np.array([industry.is_manufacturing(p.industry_code) for p in profiles])

        status = rng.choice(len(STATUSES), size=n, p=STATUS_WEIGHTS)
        status[: 1 + len(OPERATORS)] = OPERATING
        new_firm = rng.random(n) < NEW_FIRM_SHARE
        new_firm[: 1 + len(OPERATORS)] = False
        registration_year = np.where(
            new_firm,
            rng.integers(2021, 2025, n),
            1995 + np.floor(rng.beta(1.6, 1.0, n) * 26).astype(np.int64),
        )
        registration_year[0], registration_year[operators] = 2010, 2006
        registered_on = [_random_date(rng, int(year)) for year in registration_year]
        first = np.maximum(registration_year - YEARS[0], 0)
        last = np.full(n, len(YEARS) - 1)
        exited = (status > SUSPENDED) & (first < len(YEARS) - 1)
        last[exited] = rng.integers(first[exited], len(YEARS) - 1)

        above_probability = np.where(industrial, 0.38, 0.25) * np.where(registration_year >= 2023, 0.3, 1.0)
        above = rng.random(n) < above_probability
        above[: 1 + len(OPERATORS)] = True
        threshold = np.where(industrial, ABOVE_SCALE_INDUSTRY, ABOVE_SCALE_SERVICES)
        economics = draw_economics(
            rng,
            profiles=ALL_PROFILES,
            profile_index=profile_index,
            industrial=industrial,
            above=above,
            threshold=threshold,
        )
        economics.latest_revenue[0] = max(economics.latest_revenue[0], 400_000.0)  # a chain leader: ≥ 40亿元
        economics.loss_maker[0] = False

        firm_park = self._firm_parks(chain_choice)
        land_mu = self._plan_land(
            regular=regular,
            operators=operators,
            industrial=industrial,
            above=above,
            normal_tax=economics.normal_tax,
            registered_on=registered_on,
            firm_park=firm_park,
        )
        figures = yearly_figures(
            rng,
            economics,
            land_mu=land_mu,
            first=first,
            last=last,
            partial_first=registration_year >= YEARS[0],
            suspended=status == SUSPENDED,
            years=len(YEARS),
        )
        main_latest = figures["main_revenue"][np.arange(n), last]
        above_scale = main_latest >= threshold
        confirmation = rng.choice(3, size=n, p=CONFIRMATION_WEIGHTS)
        firms = self._firms(
            profiles=profiles,
            chain_choice=chain_choice,
            chain_codes=chain_codes,
            above_scale=above_scale,
            registered_on=registered_on,
            status=status,
            firm_park=firm_park,
        )
        return RegistryPlan(
            firms=firms,
            parcels=self.land.parcels,
            leases=self.land.leases,
            years=YEARS,
            figures=figures,
            first=first,
            last=last,
            confirmation=confirmation,
        )

    def _firm_parks(self, chain_choice: IntArray) -> list[str]:
        """Where each firm settles: mostly its chain's park."""
        parks = np.empty(self.n, dtype=object)
        spreads = [chain.parks for chain in CHAINS] + [UNCHAINED_PARKS]
        for position, spread in enumerate(spreads):
            members = np.flatnonzero(chain_choice == position)
            weights = np.array([w for _, w in spread])
            picks = self.rng.choice(len(spread), size=len(members), p=weights / weights.sum())
            parks[members] = [spread[int(k)][0] for k in picks]
        parks[0] = "pv"
        for number, (_, park) in enumerate(OPERATORS, start=1):
            parks[number] = park
        return [str(park) for park in parks]

    def _firms(
        self,
        *,
        profiles: list[IndustryProfile],
        chain_choice: IntArray,
        chain_codes: list[str | None],
        above_scale: BoolArray,
        registered_on: list[dt.date],
        status: IntArray,
        firm_park: list[str],
    ) -> list[FirmPlan]:
        rng = self.rng
        namer = names.CompanyNamer(rng)
        for fixed in (FLAGSHIP_NAME, *(name for name, _ in OPERATORS)):
            namer.reserve(fixed)
        chained = [code for code in chain_codes if code is not None]
        u = rng.random((self.n, 5)).tolist()
        legal_representatives = names.person_names(rng, self.n)
        contact_names = names.person_names(rng, self.n)
        phones = names.mobile_phones(rng, self.n)
        addresses = names.addresses(rng, [self.parks[park].roads for park in firm_park])
        firms: list[FirmPlan] = []
        for i in range(self.n):
            u_chain, u_other, u_joint, u_former, u_email = u[i]
            profile = profiles[i]
            own_chain = chain_codes[int(chain_choice[i])] if profile is not OPERATOR_PROFILE else None
            chains: tuple[str, ...] = () if own_chain is None else (own_chain,)
            if own_chain is not None and u_chain < 0.05:
                other = chained[int(u_other * len(chained))]
                chains = (own_chain,) if other == own_chain else (own_chain, other)
            if i == 0:
                name = FLAGSHIP_NAME
            elif profile is OPERATOR_PROFILE:
                name = OPERATORS[i - 1][0]
            else:
                name = namer.name(profile.words, joint_stock=bool(above_scale[i]) and u_joint < 0.25)
            former = (namer.name(profile.words),) if profile.words and u_former < 0.06 else ()
            firms.append(
                FirmPlan(
                    serial=i + 1,
                    credit_code=credit_code.make_code(region=REGION_CODE, serial=i + 1),
                    name=name,
                    former_names=former,
                    legal_representative=legal_representatives[i],
                    address=addresses[i],
                    industry_code=profile.industry_code,
                    scale="above_scale" if above_scale[i] else "below_scale",
                    registered_on=registered_on[i],
                    park=firm_park[i],
                    chains=chains,
                    status=STATUSES[int(status[i])],
                    contact_name=contact_names[i],
                    contact_phone=phones[i],
                    contact_email=f"service{i + 1}@example.com" if u_email < 0.35 else "",
                )
            )
        return firms

    # -- land ---------------------------------------------------------------------------------------------
    def _tax_per_mu(self, industrial: BoolArray, above: BoolArray) -> FloatArray:
        """The land intensity a firm settles at, in 万元 of tax per 亩 (亩均税收) in a normal year."""
        n = self.n
        median = np.where(~industrial, 40.0, np.where(above, 25.0, 8.0))
        sigma = np.where(~industrial, 0.8, np.where(above, 0.75, 0.9))
        return median * np.exp(sigma * self.rng.standard_normal(n))

    def _plan_land(
        self,
        *,
        regular: IntArray,
        operators: IntArray,
        industrial: BoolArray,
        above: BoolArray,
        normal_tax: FloatArray,
        registered_on: list[dt.date],
        firm_park: list[str],
    ) -> FloatArray:
        rng = self.rng
        need = np.clip(normal_tax / self._tax_per_mu(industrial, above), MIN_AREA_MU, MAX_AREA_MU)
        weights = np.where(~industrial[regular], 6.0, np.where(above[regular], 0.3, 1.5))
        lessees = rng.choice(
            regular, size=round(LEASED_SHARE * len(regular)), replace=False, p=weights / weights.sum()
        )
        is_lessee = np.zeros(self.n, dtype=bool)
        is_lessee[lessees] = True
        owner = industrial & ~is_lessee
        owner[lessees[industrial[lessees] & (rng.random(len(lessees)) < BOTH_OWN_AND_LEASE_SHARE)]] = True
        owner[operators] = False

        for i in np.flatnonzero(owner):
            area = float(need[i])
            parts = [area]
            if area > 20 and rng.random() < 0.15:  # bought in two lots, e.g. an expansion
                split = float(rng.uniform(0.3, 0.7))
                parts = [area * split, area * (1 - split)]
            for part in parts:
                use = "industrial" if rng.random() < 0.93 else "warehousing"
                self._add_parcel(
                    part,
                    owner=int(i),
                    park=firm_park[i],
                    not_before=registered_on[i],
                    use=use,
                    lettable=OWNER_LETTABLE,
                )
        for _ in range(max(1, round(0.04 * len(self.land.parcels)))):
            park = PARKS[int(rng.integers(len(PARKS)))].code
            area = float(np.clip(rng.lognormal(np.log(40.0), 0.6), 5.0, MAX_AREA_MU))
            since = dt.date(int(rng.integers(2012, 2025)), 1, 1)
            self._add_parcel(area, owner=None, park=park, not_before=since, use="industrial", lettable=0.0)

        rented = self._plan_leases(
            lessees=lessees,
            operators=operators,
            industrial=industrial,
            owner=owner,
            need=need,
            registered_on=registered_on,
            firm_park=firm_park,
        )
        owned = np.zeros(self.n)
        for parcel in self.land.parcels:
            if parcel.owner is not None:
                owned[parcel.owner] += float(parcel.area_mu)
        let = np.zeros(self.n)
        for lease in self.land.leases:
            let[lease.lessor] += float(lease.land_mu)
        land = owned + rented - let
        return np.where(owner | is_lessee | np.isin(np.arange(self.n), operators), land, np.nan)

    def _add_parcel(
        self, area: float, *, owner: int | None, park: str, not_before: dt.date, use: str, lettable: float
    ) -> int:
        """Record a parcel of ``area`` 亩 of which the share ``lettable`` may be let; returns its index."""
        spec = self.parks[park]
        u_year, u_month, u_day, u_gap, u_road, u_other, u_east, u_north = self.rng.random(8).tolist()
        d_longitude, d_latitude = self.rng.standard_normal(2).tolist()
        year = min(not_before.year + int(u_year * 2), 2024)
        acquired_on = max(dt.date(year, 1 + int(u_month * 12), 1 + int(u_day * 28)), not_before)
        self.certificate_serial += 1 + int(u_gap * 400)
        # bounded by two of the park's roads: 晶辉路以东、朝阳路以北
        first_road = int(u_road * len(spec.roads))
        second_road = (first_road + 1 + int(u_other * (len(spec.roads) - 1))) % len(spec.roads)
        location = (
            f"{CITY_NAME}{spec.name}{spec.roads[first_road]}以{'东西'[u_east < 0.5]}、"
            f"{spec.roads[second_road]}以{'南北'[u_north < 0.5]}"
        )
        square_metres = round(area * SQUARE_METRES_PER_MU, 2)
        self.land.parcels.append(
            ParcelPlan(
                certificate_no=(
                    f"{PROVINCE_ABBREVIATION}({max(acquired_on.year, 2015)}){CITY_NAME}"
                    f"不动产权第{self.certificate_serial:07d}号"
                ),
                location=location,
                area_mu=_decimal(square_metres / SQUARE_METRES_PER_MU),
                use=use,
                owner=owner,
                park=park,
                longitude=_decimal(spec.longitude + 0.006 * d_longitude, "0.000001"),
                latitude=_decimal(spec.latitude + 0.004 * d_latitude, "0.000001"),
                acquired_on=acquired_on,
            )
        )
        self.land.areas.append(float(self.land.parcels[-1].area_mu))
        self.land.lettable.append(self.land.areas[-1] * lettable)
        return len(self.land.parcels) - 1

    def _plan_leases(
        self,
        *,
        lessees: IntArray,
        operators: IntArray,
        industrial: BoolArray,
        owner: BoolArray,
        need: FloatArray,
        registered_on: list[dt.date],
        firm_park: list[str],
    ) -> FloatArray:
        """Give each lessee space: from an owner, an operator, or (a sub-let) another lessee. Returns land rented."""
        rng, land = self.rng, self.land
        owner_parcels = [
            k for k, p in enumerate(land.parcels) if p.owner is not None and land.areas[k] >= 8.0
        ]
        cumulative = np.cumsum([land.areas[k] for k in owner_parcels])
        # Each operator owns one parcel to begin with and acquires another whenever that one is let out.
        operator_parcel = {
            int(op): self._operator_parcel(int(op), at_least=0.0, since=registered_on[op], park=firm_park[op])
            for op in operators
        }
        innovation_operator, general_operator = (int(i) for i in operators)
        rented = np.zeros(self.n)
        sublessors: list[tuple[int, int]] = []  # (lessee, lease index) that may sub-let
        sub_lettable: dict[int, float] = {}

        for i in (int(x) for x in lessees):
            # A firm that also owns land rents only a top-up.
            share = float(need[i] * (rng.uniform(0.1, 0.5) if owner[i] else 1.0))
            share = min(max(share, 0.05 if not industrial[i] else 0.1), MAX_LEASED_MU)
            lessor, parcel, sublet = -1, -1, False
            if industrial[i] and sublessors and rng.random() < SUBLET_SHARE:
                candidate, lease_index = sublessors[int(rng.integers(len(sublessors)))]
                if sub_lettable[lease_index] >= 0.1:
                    share = min(share, sub_lettable[lease_index])
                    sub_lettable[lease_index] -= share
                    lessor, parcel, sublet = candidate, land.leases[lease_index].parcel, True
            if lessor < 0 and industrial[i] and len(owner_parcels) and rng.random() < 0.75:
                picks = np.searchsorted(cumulative, rng.random(20) * cumulative[-1], side="right")
                for k in (owner_parcels[int(p)] for p in picks):
                    landlord = land.parcels[k].owner
                    if land.lettable[k] >= share and landlord is not None and landlord != i:
                        land.lettable[k] -= share
                        lessor, parcel = landlord, k
                        break
            if lessor < 0:
                lessor = innovation_operator if not industrial[i] else general_operator
                parcel = operator_parcel[lessor]
                if land.lettable[parcel] < share:
                    parcel = self._operator_parcel(
                        lessor, at_least=share, since=registered_on[lessor], park=firm_park[lessor]
                    )
                    operator_parcel[lessor] = parcel
                land.lettable[parcel] -= share
            firm_park[i] = land.parcels[parcel].park
            starts_on = max(_random_date(rng, int(rng.integers(2012, 2021))), registered_on[i])
            term = max(int(rng.choice([3, 5, 8, 10])), YEARS[-1] + 1 - starts_on.year)
            land.leases.append(
                LeasePlan(
                    lessee=i,
                    lessor=lessor,
                    parcel=parcel,
                    floor_area_m2=_decimal(share * SQUARE_METRES_PER_MU * rng.uniform(0.8, 2.0), "0.01"),
                    land_mu=_decimal(share),
                    starts_on=starts_on,
                    ends_on=starts_on.replace(year=starts_on.year + term),
                )
            )
            rented[i] += float(land.leases[-1].land_mu)
            if industrial[i] and not sublet and lessor not in operator_parcel and share >= 1.0:
                sublessors.append((i, len(land.leases) - 1))
                sub_lettable[len(land.leases) - 1] = share * SUBLESSOR_LETTABLE
        return rented

    def _operator_parcel(self, operator: int, *, at_least: float, since: dt.date, park: str) -> int:
        """A new parcel of a park operator: an incubator (科创园) or standard factories, with room for ``at_least``."""
        area = max(float(self.rng.uniform(60.0, 150.0)), at_least / OPERATOR_LETTABLE + 1.0)
        use = "research" if park == "innovation" else "industrial"
        return self._add_parcel(
            area, owner=operator, park=park, not_before=since, use=use, lettable=OPERATOR_LETTABLE
        )
