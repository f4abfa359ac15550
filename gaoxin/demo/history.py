"""The demo's own history: one "created" change-log entry for every object the demo loads.

The demo writes its rows in bulk, without the services that log each change, so without this every history page
of the demo would read "no changes recorded". The entries are written as each group of objects is loaded, by the
demo's administrator, with the note ``DEMO_NOTE``, through ``core.changelog.record`` a batch at a time (the large
demo makes some 700,000 of them).
An object that has a "created" entry already (written by a service the demo called) gets no second one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from gaoxin.accounts.models import Department, User
from gaoxin.core import changelog
from gaoxin.core.models import ChangeAction, ChangeLogEntry
from gaoxin.enterprises.models import Chain, Enterprise, EnterpriseYear, LandParcel, Lease, Park
from gaoxin.evaluation.models import EvaluationInput, EvaluationRun, EvaluationSettings, GradePolicy, Scheme
from gaoxin.investment.models import (
    Agreement,
    Incentive,
    InvestmentTarget,
    InvestmentTeam,
    Lead,
    LeadActivity,
    LeadAdmission,
)
from gaoxin.projects.models import (
    AdmissionOpinion,
    AdmissionReview,
    ClockStop,
    InvestmentPlan,
    MonthlyReport,
    Obligation,
    Project,
    ProjectIssue,
    StageTransition,
)
from gaoxin.servicedesk.models import EnterpriseOfficer, ExtensionRequest, ServiceRequest, Visit, VisitPlan

DEMO_NOTE = "示例数据"  # demo content, like the demo's names and addresses
BATCH = 5000
Labelled = Iterable[tuple[Any, str]]  # (primary key, how the log names the object)


def _by_str(model: type[models.Model]) -> Labelled:
    """Each object named as ``str()`` names it (the objects it names by a foreign key read in the same query)."""
    return ((obj.pk, str(obj)) for obj in model._default_manager.select_related().iterator(chunk_size=BATCH))


def _years() -> Labelled:
    """Half a million rows in the large demo: named from two columns, without making model instances."""
    rows = EnterpriseYear.objects.values_list("pk", "enterprise__name", "year")
    return ((pk, f"{name} {year}") for pk, name, year in rows.iterator(chunk_size=BATCH))


def _enterprises() -> Labelled:
    return Enterprise.objects.values_list("pk", "name").iterator(chunk_size=BATCH)


def _parcels() -> Labelled:
    return LandParcel.objects.values_list("pk", "certificate_no").iterator(chunk_size=BATCH)


def _leases() -> Labelled:
    rows = Lease.objects.values_list("pk", "lessee__name", "lessor__name")
    return ((pk, f"{lessee} ← {lessor or '—'}") for pk, lessee, lessor in rows.iterator(chunk_size=BATCH))


# What the demo loads, in four groups written as they are loaded, so that an object's "created" entry comes before
# the changes the demo's services then make to it (a project's light, its plan). Derived rows (an evaluation's
# results, a request's timeline events, notifications) and the configuration every installation seeds are not the
# demo's.
REGISTRY: tuple[type[models.Model], ...] = (
    Department, Park, Chain, Enterprise, LandParcel, Lease, EnterpriseYear, User,
)  # fmt: skip
PROJECTS: tuple[type[models.Model], ...] = (Project, StageTransition, InvestmentPlan, MonthlyReport)
OTHERS: tuple[type[models.Model], ...] = (
    EnterpriseOfficer, Visit, VisitPlan, ServiceRequest, ExtensionRequest, ProjectIssue, ClockStop,
    Scheme, GradePolicy, EvaluationSettings, EvaluationInput, EvaluationRun,
)  # fmt: skip
# the leads, before the bureau's work on them changes them (``demo.investment_work`` logs the rest as it goes)
INVESTMENT: tuple[type[models.Model], ...] = (InvestmentTeam, Lead, LeadActivity)
# the agreements (their clauses are obligations) and targets, before the obligation check judges the clauses
INVESTMENT_WORK: tuple[type[models.Model], ...] = (
    AdmissionReview, AdmissionOpinion, LeadAdmission, Agreement, Incentive, Obligation, InvestmentTarget,
)  # fmt: skip
LOADED = (*REGISTRY, *PROJECTS, *INVESTMENT, *INVESTMENT_WORK, *OTHERS)
NAMED: dict[type[models.Model], Callable[[], Labelled]] = {
    Enterprise: _enterprises,
    LandParcel: _parcels,
    Lease: _leases,
    EnterpriseYear: _years,
}


def _batches(items: Iterable[changelog.Change]) -> Iterator[list[changelog.Change]]:
    iterator = iter(items)
    while batch := list(islice(iterator, BATCH)):
        yield batch


def record_created(model: type[models.Model], labelled: Labelled, *, by: Any) -> int:
    """A "created" entry with the demo note for each (pk, name) of ``model`` that has none yet; returns how many."""
    logged = set(
        ChangeLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), action=ChangeAction.CREATE
        ).values_list("object_id", flat=True)
    )
    changes = (
        changelog.Change(model, pk, ChangeAction.CREATE, {}, DEMO_NOTE, label)
        for pk, label in labelled
        if str(pk) not in logged
    )
    return sum(changelog.record(batch, by=by) for batch in _batches(changes))


def record_demo_history(loaded: Iterable[type[models.Model]], *, by: User) -> int:
    """The "created" entries of the objects of the models ``loaded`` (from REGISTRY, PROJECTS, INVESTMENT, …); returns
    how many were written."""
    return sum(record_created(model, _labelled(model), by=by) for model in loaded)


def _labelled(model: type[models.Model]) -> Labelled:
    return NAMED[model]() if model in NAMED else _by_str(model)
