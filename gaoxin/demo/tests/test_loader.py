"""Loading the demo zone into the database: counts, validity, users per role, determinism, wiping."""

from __future__ import annotations

import hashlib
import itertools
import json
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import Count
from django.utils.timezone import localdate as today

from gaoxin.accounts.choices import Capability, Role
from gaoxin.accounts.models import Department, User
from gaoxin.core.models import ChangeLogEntry
from gaoxin.demo.catalogue import YEARS
from gaoxin.demo.loader import SIZES, DemoStep, DemoWipeBlocked, load_demo, wipe_demo
from gaoxin.demo.plan import FLAGSHIP_NAME, plan_registry
from gaoxin.demo.projects import split_evenly
from gaoxin.demo.zone import DEMO_PASSWORD, DEMO_USERS
from gaoxin.enterprises import credit_code, industry
from gaoxin.enterprises.choices import DataSource
from gaoxin.enterprises.models import Enterprise, EnterpriseYear, LandParcel, Lease
from gaoxin.enterprises.pinyin import initials
from gaoxin.enterprises.year_fields import YEAR_FIELDS
from gaoxin.evaluation.models import EvaluationRun
from gaoxin.investment.models import Lead
from gaoxin.projects.models import InvestmentPlan, MonthlyReport, Project

pytestmark = pytest.mark.django_db

TINY = SIZES["tiny"]


@pytest.fixture(autouse=True)
def fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


ENTERPRISE_VALUES = (
    *("credit_code", "name", "former_names", "name_initials", "legal_representative", "address"),
    *("industry_code", "scale", "registered_on", "park__code", "status"),
    *("contact_name", "contact_phone", "contact_email"),
)
PARCEL_VALUES = (
    *("certificate_no", "location", "area_mu", "use", "owner__credit_code", "park__code"),
    *("longitude", "latitude", "acquired_on"),
)
LEASE_VALUES = (
    *("lessee__credit_code", "lessor__credit_code", "parcel__certificate_no"),
    *("floor_area_m2", "land_mu", "starts_on", "ends_on"),
)
USER_VALUES = ("username", "role", "display_name", "department__code", "enterprise__credit_code")


def digest() -> str:
    """A fingerprint of every demo value in the database, independent of ids and timestamps."""
    tags = Enterprise.chains.through.objects.order_by("enterprise__credit_code", "chain__code")
    years = EnterpriseYear.objects.order_by("enterprise__credit_code", "year")
    parts = [
        list(Enterprise.objects.order_by("credit_code").values_list(*ENTERPRISE_VALUES)),
        list(tags.values_list("enterprise__credit_code", "chain__code")),
        list(LandParcel.objects.order_by("certificate_no").values_list(*PARCEL_VALUES)),
        list(
            Lease.objects.order_by("lessee__credit_code", "parcel__certificate_no").values_list(*LEASE_VALUES)
        ),
        list(
            years.values_list("enterprise__credit_code", "year", *YEAR_FIELDS, "sources", "confirmed_fields")
        ),
        list(User.objects.order_by("username").values_list(*USER_VALUES)),
        list(Department.objects.order_by("code").values_list("code", "name", "capabilities")),
    ]
    return hashlib.sha256(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()


def test_the_tiny_demo_loads_what_was_planned() -> None:
    steps: list[DemoStep] = []
    summary = load_demo("tiny", progress=steps.append)
    plan = plan_registry(TINY)
    assert Enterprise.objects.count() == summary.enterprises == TINY
    assert EnterpriseYear.objects.count() == summary.years == plan.row_count
    assert LandParcel.objects.count() == summary.parcels == len(plan.parcels)
    assert Lease.objects.count() == summary.leases == len(plan.leases) > 0
    # a firm registered before 2021 and still operating has all five years
    veterans = Enterprise.objects.filter(registered_on__year__lt=YEARS[0], status="operating")
    assert veterans.exists()
    assert set(veterans.annotate(n=Count("years")).values_list("n", flat=True)) == {len(YEARS)}
    assert [step.label for step in steps][:2] == ["Planned the zone's enterprises", "Departments"]
    assert [step.label for step in steps][-4:] == [
        "Users",
        "Major projects",
        "Investment leads",
        "Change log entries",
    ]
    assert steps[-4].count == len(DEMO_USERS)
    assert steps[-3].count == Project.objects.count() > 0
    assert steps[-2].count == Lead.objects.count() > 0
    assert set(Lead.objects.values_list("status", flat=True)) == {"active", "paused", "ended"}
    assert not Lead.objects.exclude(status="active").filter(stop_reason=None).exists()
    assert Lead.objects.filter(is_confidential=True).exclude(code_name="").exists()
    assert steps[-1].count == ChangeLogEntry.objects.filter(note="示例数据").count() > 0
    assert all(later.seconds >= earlier.seconds for earlier, later in itertools.pairwise(steps))


def test_stored_enterprises_are_valid() -> None:
    load_demo("tiny")
    for enterprise in Enterprise.objects.all():
        assert credit_code.is_valid(enterprise.credit_code)
        assert industry.is_valid_class(enterprise.industry_code)
        assert enterprise.name_initials == initials(enterprise.name)
        assert enterprise.park is not None
        enterprise.full_clean()  # what a form would check


def test_yearly_values_are_decimals_with_sources() -> None:
    load_demo("tiny")
    year = EnterpriseYear.objects.get(enterprise__name=FLAGSHIP_NAME, year=YEARS[-1])
    assert isinstance(year.tax, Decimal)
    assert year.tax == year.tax.quantize(Decimal("0.0001"))
    assert year.sources["tax"] == DataSource.TAX
    assert year.sources["value_added"] == DataSource.STATISTICS
    assert year.sources["electricity_10k_kwh"] == DataSource.POWER
    assert year.sources["land_mu"] == DataSource.LAND
    for row in EnterpriseYear.objects.all():
        assert set(row.sources.values()) <= set(DataSource.values)
        assert set(row.confirmed_fields) <= {name for name in YEAR_FIELDS if getattr(row, name) is not None}
        if row.emissions_t is not None:
            assert row.sources["emissions_t"] == DataSource.ENVIRONMENT
    confirmed_latest = EnterpriseYear.objects.filter(year=YEARS[-1]).exclude(confirmed_fields=[])
    assert 0 < confirmed_latest.count() < EnterpriseYear.objects.filter(year=YEARS[-1]).count()


def test_a_user_for_every_role_with_the_demo_password() -> None:
    load_demo("tiny")
    users = {user.username: user for user in User.objects.all()}
    assert set(users) == {spec.username for spec in DEMO_USERS}
    assert {user.role for user in users.values()} == set(Role.values)
    assert all(user.check_password(DEMO_PASSWORD) for user in users.values())
    assert users["admin"].is_administrator
    assert users["leader"].is_leader
    assert users["jingfa"].can_act_on(Capability.EVALUATION)
    assert not users["fuwu"].can_act_on(Capability.REGISTRY)
    assert users["fuwu"].can_act_on(Capability.SERVICEDESK)
    assert users["xiangmu"].can_act_on(Capability.PROJECTS)
    assert users["zhaoshang"].can_act_on(Capability.INVESTMENT)
    assert users["qiye"].is_enterprise_contact
    assert users["qiye"].enterprise is not None
    assert users["qiye"].enterprise.name == FLAGSHIP_NAME


def test_every_capability_is_held_by_a_bureau() -> None:
    load_demo("tiny")
    held = {capability for d in Department.objects.all() for capability in d.capabilities}
    assert held == set(Capability.values)
    assert Department.objects.filter(name__in=["自然资源分局", "生态环境分局", "税务联络组"]).count() == 3


def test_loading_is_deterministic_and_wiping_removes_everything() -> None:
    load_demo("tiny")
    first = digest()
    wipe_demo()
    assert not Enterprise.objects.exists()
    assert not User.objects.exists()
    assert not Department.objects.exists()
    load_demo("tiny")
    assert digest() == first


def test_wiping_keeps_other_users_and_departments() -> None:
    load_demo("tiny")
    other = Department.objects.create(code="other", name="其他部门")
    User.objects.create(username="someone", role=Role.OFFICER, department=other)
    wipe_demo()
    assert list(User.objects.values_list("username", flat=True)) == ["someone"]
    assert list(Department.objects.values_list("code", flat=True)) == ["other"]


def test_wiping_is_refused_when_other_records_refer_to_the_registry() -> None:
    load_demo("tiny")
    User.objects.create(
        username="contact", role=Role.ENTERPRISE_CONTACT, enterprise=Enterprise.objects.last()
    )
    with pytest.raises(DemoWipeBlocked):
        wipe_demo()
    assert Enterprise.objects.count() == TINY  # nothing half-deleted


def test_existing_users_and_departments_are_kept_when_loading() -> None:
    Department.objects.create(code="jingfa", name="经济发展与统计局", capabilities=["registry"])
    User.objects.create(username="admin", role=Role.ADMINISTRATOR)
    load_demo("tiny")
    assert Department.objects.get(code="jingfa").name == "经济发展与统计局"
    assert not User.objects.get(username="admin").check_password(DEMO_PASSWORD)
    assert User.objects.get(username="jingfa").department == Department.objects.get(code="jingfa")


def test_the_small_demo_has_about_1500_enterprises_with_five_years() -> None:
    summary = load_demo("small")
    assert Enterprise.objects.count() == 1500
    assert EnterpriseYear.objects.filter(year=YEARS[-1]).count() > 1400
    assert summary.years == EnterpriseYear.objects.count()
    assert set(EnterpriseYear.objects.values_list("year", flat=True).distinct()) == set(YEARS)
    leased = Lease.objects.values("lessee").distinct().count()
    assert 0.14 <= leased / 1500 <= 0.16
    above = Enterprise.objects.filter(scale="above_scale").count()
    assert 0.30 <= above / 1500 <= 0.40


def test_an_unknown_size_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown demo size"):
        load_demo("huge")


def test_the_demo_projects_pass_the_profile_checks_and_have_an_issuing_body() -> None:
    from gaoxin.projects import profile_checks
    from gaoxin.projects.selectors.rules import current_office_settings

    load_demo("tiny")
    fields = ("planned_start_on", "planned_completion_on", "planned_production_on")
    fields += ("total_investment", "fixed_asset_investment")
    for values in Project.objects.values(*fields):
        assert profile_checks.profile_problems(values) == []
    assert current_office_settings().issuing_body


def test_the_demo_evaluation_was_scored_before_its_publicity() -> None:
    load_demo("tiny")
    run = EvaluationRun.objects.get(status="published")
    assert run.scored_at is not None
    assert run.publicity_started_at is not None
    assert run.scored_at < run.publicity_started_at < run.approved_at < run.published_at


def test_the_demo_s_monthly_plans_add_up_to_its_annual_plans() -> None:
    """Every month of the plan year has its plan, and the twelve (or the months from the start) make the annual
    plan to the cent; completed investment only for the months already over."""
    load_demo("tiny")
    plans = InvestmentPlan.objects.all()
    assert plans.exists()
    for plan in plans:
        months = MonthlyReport.objects.filter(project=plan.project, year=plan.year).order_by("month")
        assert sum(m.planned for m in months) == plan.amount, plan
        assert [m.month for m in months] == list(range(months[0].month, 13)), plan
        assert all(m.completed is None for m in months if (m.year, m.month) > (today().year, today().month))


def test_an_amount_is_split_evenly_to_the_cent() -> None:
    assert split_evenly(Decimal("100.00"), 3) == [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]
    assert split_evenly(Decimal("0.05"), 12) == [Decimal(0)] * 7 + [Decimal("0.01")] * 5
    assert sum(split_evenly(Decimal("12345.67"), 7)) == Decimal("12345.67")
