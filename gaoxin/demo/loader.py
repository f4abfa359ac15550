"""Load (and wipe) the demo zone "示例高新区" in one transaction, reporting progress step by step."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext_noop

from gaoxin.accounts.models import Department, User
from gaoxin.core.models import ChangeLogEntry
from gaoxin.demo import history, zone
from gaoxin.demo.evaluation import load_demo_evaluation
from gaoxin.demo.investment import load_investment, wipe_investment
from gaoxin.demo.plan import plan_registry
from gaoxin.demo.projects import load_projects, wipe_projects
from gaoxin.demo.registry import store_enterprises, store_land, store_years
from gaoxin.demo.servicedesk import load_servicedesk, wipe_servicedesk
from gaoxin.demo.workdays import ensure_calendar
from gaoxin.enterprises.models import Chain, Enterprise, EnterpriseYear, LandParcel, Lease, Park

SIZES: dict[str, int] = {"tiny": 60, "small": 1500, "large": 100_000}


@dataclass(frozen=True, slots=True)
class DemoStep:
    label: str  # English msgid, translated by whoever shows it
    count: int
    seconds: float  # since the load started


@dataclass(frozen=True, slots=True)
class DemoSummary:
    enterprises: int
    years: int
    parcels: int
    leases: int
    users: int
    seconds: float


Progress = Callable[[DemoStep], None]


class DemoWipeBlocked(Exception):
    """Other records refer to the registry, so it cannot be wiped; ``msgid`` says so to the user."""

    msgid = gettext_noop(
        "The demo data cannot be wiped because other records refer to it. "
        "Delete the data directory to start afresh."
    )


def load_demo(size: str = "small", *, progress: Progress | None = None) -> DemoSummary:
    """Load the deterministic demo zone: departments, parks, chains, enterprises with land, leases and five
    years of data, and one user per role (password ``zone.DEMO_PASSWORD``), every object with a "created" entry
    in the change log by the demo's administrator. All or nothing."""
    if size not in SIZES:
        raise ValueError(f"unknown demo size {size!r}; choose one of {', '.join(SIZES)}")
    started = time.perf_counter()

    def report(label: str, count: int) -> None:
        if progress is not None:
            progress(DemoStep(label, count, time.perf_counter() - started))

    plan = plan_registry(SIZES[size])
    report(gettext_noop("Planned the zone's enterprises"), len(plan.firms))
    with transaction.atomic():
        departments = zone.create_departments()
        report(gettext_noop("Departments"), len(departments))
        parks, chains = zone.create_parks(), zone.create_chains()
        report(gettext_noop("Parks and industrial chains"), len(parks) + len(chains))
        enterprise_ids = store_enterprises(plan, parks=parks, chains=chains)
        report(gettext_noop("Enterprises"), len(enterprise_ids))
        parcels, leases = store_land(plan, enterprise_ids, parks=parks)
        report(gettext_noop("Land parcels"), parcels)
        report(gettext_noop("Leases"), leases)
        gettext_noop("Yearly data rows")  # the label store_years reports with
        years = store_years(plan, enterprise_ids, report=report)
        flagship = Enterprise.objects.get(pk=enterprise_ids[0])
        users = zone.create_users(enterprise=flagship, departments=departments)
        report(gettext_noop("Users"), len(users))
        loaded_by = User.objects.get(username=zone.ADMINISTRATOR)
        history.record_demo_history(history.REGISTRY, by=loaded_by)
        ensure_calendar(timezone.localdate(), by=User.objects.get(username="xiangmu"))
        load_servicedesk(size)
        report(gettext_noop("Major projects"), load_projects(size))
        report(gettext_noop("Investment leads"), load_investment(size))
        if size != "large":  # the published 2024 evaluation, for history on the evaluation pages
            load_demo_evaluation()
        history.record_demo_history(history.OTHERS, by=loaded_by)
        report(
            gettext_noop("Change log entries"), ChangeLogEntry.objects.filter(note=history.DEMO_NOTE).count()
        )
    return DemoSummary(
        enterprises=len(enterprise_ids),
        years=years,
        parcels=parcels,
        leases=leases,
        users=len(users),
        seconds=time.perf_counter() - started,
    )


def wipe_demo() -> None:
    """Delete the registry (enterprises, land, leases, yearly data, parks, chains), the demo users and the
    demo departments. Raises DemoWipeBlocked if other records still refer to them."""
    try:
        with transaction.atomic():
            wipe_investment()
            wipe_projects()
            wipe_servicedesk()
            User.objects.filter(username__in=[spec.username for spec in zone.DEMO_USERS]).delete()
            EnterpriseYear.objects.all().delete()
            Lease.objects.all().delete()
            LandParcel.objects.all().delete()
            Enterprise.chains.through.objects.all().delete()
            Enterprise.objects.all().delete()
            Chain.objects.all().delete()
            Park.objects.all().delete()
            Department.objects.filter(code__in=[spec.code for spec in zone.DEPARTMENTS]).delete()
    except (ProtectedError, RestrictedError) as error:
        raise DemoWipeBlocked(DemoWipeBlocked.msgid) from error
