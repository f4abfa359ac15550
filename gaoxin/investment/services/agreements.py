"""Investment agreements (投资协议): recording them, their incentives and clauses, and the periodic 履约 check.

A clause is an obligation of the projects' one 履约 mechanism (``projects.Obligation``): its subject is the
lead's project and its registered enterprise, set when the clause is written and kept up by the check as the lead
lands. The check (``check_obligations``, run daily by ``tasks.check_obligations``) judges every obligation through
``projects.services.commitments.run_obligation_checks``, which opens a problem (``ProjectIssue``) on the project
of each breach; a breach without a project yet (the investor has not landed) is told to the bureau in the app,
since the bureau alone follows a lead before it becomes a project. Obligations due within the configured warning
days are reminded once, in the app, to the agreement's service officer and the lead's officer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gaoxin.accounts.choices import Capability
from gaoxin.accounts.models import Department, User
from gaoxin.core import attachments, changelog
from gaoxin.investment import permissions
from gaoxin.investment.models import Agreement, AgreementClause, Incentive, Lead
from gaoxin.investment.selectors.leads import rules
from gaoxin.projects.models import Obligation
from gaoxin.projects.services import commitments as obligations
from gaoxin.servicedesk.services import notify

AGREEMENT_FIELDS = (
    "number",
    "title",
    "parties",
    "signed_on",
    "filed_on",
    "responsible_leader",
    "service_officer",
    "investor_name",
    "total_investment",
    "fixed_asset_investment",
    "foreign_investment_usd",
    "is_manufacturing",
    "document",
    "notes",
)
INCENTIVE_FIELDS = ("what", "amount", "clawback_conditions")

REMINDER_MSGID = gettext_noop("Obligation due on %(date)s under “%(agreement)s”: %(obligation)s")
BREACH_MSGID = gettext_noop("Obligation breached under “%(agreement)s”: %(obligation)s")


def _require_bureau(by: User) -> None:
    if not permissions.is_bureau(by):
        raise PermissionDenied


@transaction.atomic
def agreement_save(
    *, data: Mapping[str, Any], by: User, lead: Lead | None = None, agreement: Agreement | None = None
) -> Agreement:
    """Record (``agreement`` None, for ``lead``) or change an agreement: the investment bureau."""
    _require_bureau(by)
    target = agreement or Agreement(lead=lead)
    values = {name: data[name] for name in AGREEMENT_FIELDS if name in data}
    signed_on = values.get("signed_on", target.signed_on)
    filed_on = values.get("filed_on", target.filed_on)
    if signed_on is not None and filed_on is not None and filed_on < signed_on:
        raise ValidationError({"filed_on": _("An agreement is filed on or after its signing.")})
    document = values.get("document")
    if isinstance(document, UploadedFile) and (problem := attachments.problem(document)):
        raise ValidationError({"document": problem})
    if not values.get("investor_name", target.investor_name) and target.lead_id is not None:
        values["investor_name"] = target.lead.investor_name
    return changelog.save_as(target, values, by=by)


def filed_late(agreement: Agreement, filing_days: int) -> bool:
    """Filed (or, unfiled, still unfiled) later than the configured days after signing."""
    limit = agreement.signed_on + dt.timedelta(days=filing_days)
    return (agreement.filed_on or timezone.localdate()) > limit


@transaction.atomic
def incentive_save(
    *,
    data: Mapping[str, Any],
    by: User,
    agreement: Agreement | None = None,
    incentive: Incentive | None = None,
) -> Incentive:
    _require_bureau(by)
    target = incentive or Incentive(agreement=agreement)
    return changelog.save_as(target, {n: data[n] for n in INCENTIVE_FIELDS if n in data}, by=by)


@transaction.atomic
def clause_save(
    *, agreement: Agreement, data: Mapping[str, Any], by: User, clause: AgreementClause | None = None
) -> AgreementClause:
    """Add or change a clause: the obligation it states, bound to the lead's project and enterprise."""
    _require_bureau(by)
    lead = agreement.lead
    values = dict(data)
    values.setdefault("starts_on", agreement.signed_on)
    signed = agreement.signed_on
    errors = {}
    if values.get("first_year") and values["first_year"] < signed.year:
        errors["first_year"] = _(
            "A clause cannot bind a year before the agreement was signed (%(year)s)."
        ) % {"year": signed.year}
    if values.get("due_on") and values["due_on"] < signed:
        errors["due_on"] = _("A clause cannot fall due before the agreement was signed.")
    if errors:
        raise ValidationError(errors)
    obligation = obligations.obligation_save(
        data=values,
        by=by,
        obligation=clause.obligation if clause else None,
        project=lead.project,
        enterprise=lead.enterprise,
    )
    if clause is not None:
        return clause
    return AgreementClause.objects.create(agreement=agreement, obligation=obligation)


@transaction.atomic
def clause_delete(*, clause: AgreementClause, by: User) -> None:
    _require_bureau(by)
    with changelog.acting(by=by):
        clause.obligation.delete()


def _follow_leads(by: User | None) -> int:
    """Bind the clauses of landed leads to the project and enterprise they became."""
    moved = 0
    clauses = AgreementClause.objects.select_related("obligation", "agreement__lead").filter(
        agreement__lead__project__isnull=False, obligation__project__isnull=True
    ) | AgreementClause.objects.select_related("obligation", "agreement__lead").filter(
        agreement__lead__enterprise__isnull=False, obligation__enterprise__isnull=True
    )
    with changelog.acting(**({} if by is None else {"by": by})):
        for clause in clauses:
            obligation, lead = clause.obligation, clause.agreement.lead
            obligation.project_id = obligation.project_id or lead.project_id
            obligation.enterprise_id = obligation.enterprise_id or lead.enterprise_id
            obligation.save()
            moved += 1
    return moved


def bureau_users() -> list[User]:
    departments = [d.pk for d in Department.objects.all() if d.holds(Capability.INVESTMENT)]
    return list(User.objects.filter(is_active=True, role="officer", department_id__in=departments))


def _clauses_of(items: list[Obligation]) -> dict[int, AgreementClause]:
    return {
        c.obligation_id: c
        for c in AgreementClause.objects.select_related("agreement__lead").filter(
            obligation__in=[o.pk for o in items]
        )
    }


def _tell(items: list[Obligation], msgid: str, audience: Any) -> int:
    sent = 0
    for obligation_id, clause in _clauses_of(items).items():
        obligation = next(o for o in items if o.pk == obligation_id)
        agreement = clause.agreement
        params = {
            "agreement": agreement.title[:60],
            "obligation": str(obligation)[:60],
            "date": obligation.due_on.isoformat() if obligation.due_on else "",
        }
        url = reverse("investment:agreement_detail", args=[agreement.pk])
        sent += notify.send(audience(agreement), request=None, msgid=msgid, params=params, url=url)
    return sent


def _reminded(agreement: Agreement) -> list[User]:
    ids = {agreement.service_officer_id, agreement.lead.officer_id} - {None}
    return list(User.objects.filter(pk__in=ids, is_active=True)) or bureau_users()


@transaction.atomic
def check_obligations(*, today: dt.date | None = None, by: User | None = None) -> obligations.ObligationRun:
    """The periodic 履约 check of every obligation, with its follow-ups and reminders (see the module)."""
    today = today or timezone.localdate()
    _follow_leads(by)
    run = obligations.run_obligation_checks(today=today, warn_days=rules().obligation_warning_days, by=by)
    _tell(run.due_soon, REMINDER_MSGID, _reminded)
    bureau = bureau_users()
    _tell([o for o in run.newly_breached if o.project_id is None], BREACH_MSGID, lambda agreement: bureau)
    return run
