"""What enterprises say back: the data sheet confirmed or objected (一企一单) and objections (申诉) to results."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.accounts.models import User
from gaoxin.core import attachments, changelog
from gaoxin.enterprises import services as enterprise_services
from gaoxin.enterprises.choices import DataSource
from gaoxin.enterprises.models import Enterprise, EnterpriseYear
from gaoxin.enterprises.year_fields import YEAR_FIELDS
from gaoxin.evaluation import disputes
from gaoxin.evaluation.choices import (
    OPEN_STATUSES,
    ConfirmationStatus,
    DisputeOutcome,
    ObjectionStatus,
    RunStatus,
)
from gaoxin.evaluation.models import (
    DataConfirmation,
    EvaluationResult,
    EvaluationRun,
    EvidenceFile,
    Objection,
)
from gaoxin.evaluation.services.runs import run_rescore

MAX_ATTACHMENTS = 10


def check_attachments(files: Sequence[UploadedFile]) -> None:
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError({"files": _("Attach at most %(n)d files.") % {"n": MAX_ATTACHMENTS}})
    for upload in files:
        problem = attachments.problem(upload)
        if problem:
            raise ValidationError({"files": problem})


def _attach(files: Sequence[UploadedFile], *, by: User | None, **owner: Any) -> None:
    for upload in files:
        attachment = EvidenceFile(
            name=Path(upload.name or "file").name[:200],
            size=upload.size or 0,
            uploaded_by=by if getattr(by, "pk", None) else None,
            **owner,
        )
        attachment.file.save(attachment.name, upload, save=False)
        attachment.save()


@transaction.atomic
def confirmation_submit(
    *,
    enterprise: Enterprise,
    year: int,
    status: str,
    comment: str,
    files: Sequence[UploadedFile] = (),
    by: User | None,
) -> DataConfirmation:
    """The enterprise confirms its data sheet of ``year``, or objects to it with a comment."""
    row = EnterpriseYear.objects.filter(enterprise=enterprise, year=year).first()
    if row is None:
        raise ValidationError(_("There is no data sheet for %(year)d.") % {"year": year})
    if status not in ConfirmationStatus.values:
        raise ValidationError({"status": _("Confirm the data or object to it.")})
    if status == ConfirmationStatus.OBJECTED and not comment.strip():
        raise ValidationError({"comment": _("Say which figures are wrong and why.")})
    check_attachments(files)
    confirmation = DataConfirmation.objects.filter(enterprise=enterprise, year=year).first()
    confirmation = confirmation or DataConfirmation(enterprise=enterprise, year=year)
    confirmation.status = status
    confirmation.comment = comment.strip()
    confirmation.values = {name: changelog.json_value(getattr(row, name)) for name in YEAR_FIELDS}
    confirmation.by = by if getattr(by, "pk", None) else None
    confirmation.at = timezone.now()
    # every answer of the enterprise starts afresh: an objection waits for the committee's answer again
    confirmation.outcome, confirmation.answer = "", ""
    confirmation.answered_by, confirmation.answered_at = None, None
    with changelog.acting(by=by):
        confirmation.save()
    _attach(files, by=by, confirmation=confirmation)
    enterprise_services.year_confirm(row=row, confirmed=status == ConfirmationStatus.CONFIRMED, by=by)
    if status == ConfirmationStatus.OBJECTED:
        disputes.tell_officers(confirmation, by=by)
    return confirmation


@transaction.atomic
def confirmation_answer(
    *, confirmation: DataConfirmation, outcome: str, answer: str, by: User | None
) -> DataConfirmation:
    """The committee answers an enterprise that objected to its data sheet: the data was corrected (through
    the registry) or is upheld, and why. The enterprise's contacts are told."""
    confirmation = (
        DataConfirmation.objects.select_for_update().select_related("enterprise").get(pk=confirmation.pk)
    )
    if confirmation.status != ConfirmationStatus.OBJECTED:
        raise ValidationError(_("The enterprise has not objected to this data sheet."))
    if confirmation.answered_at is not None:
        raise ValidationError(_("This objection to the data sheet has been answered already."))
    if outcome not in DisputeOutcome.values:
        raise ValidationError({"outcome": _("Say whether the data was corrected or is upheld.")})
    if not answer.strip():
        raise ValidationError({"answer": _("Give the enterprise your answer.")})
    confirmation.outcome, confirmation.answer = outcome, answer.strip()
    confirmation.answered_by = by if getattr(by, "pk", None) else None
    confirmation.answered_at = timezone.now()
    with changelog.acting(by=by, note="answered"):
        confirmation.save()
    disputes.tell_enterprise(confirmation, by=by)
    return confirmation


@transaction.atomic
def objection_file(
    *,
    run: EvaluationRun,
    enterprise: Enterprise,
    text: str,
    files: Sequence[UploadedFile] = (),
    by: User | None,
) -> Objection:
    """File an objection to ``enterprise``'s result while the run is in publicity.

    An enterprise contact may object only for their own enterprise and only inside the window; officers
    record objections received on paper at any time of the publicity.
    """
    if run.status != RunStatus.PUBLICITY:
        raise ValidationError(_("Objections are taken only while the list is in publicity."))
    if by is not None and by.is_enterprise_contact:
        if by.enterprise_id != enterprise.pk:
            raise ValidationError(_("You may object only to your own enterprise's result."))
        if not run.publicity_open:
            raise ValidationError(_("The publicity window is closed."))
    if not EvaluationResult.objects.filter(run=run, enterprise=enterprise).exists():
        raise ValidationError(_("This enterprise has no result in this run."))
    if not text.strip():
        raise ValidationError({"text": _("Say what is wrong and why.")})
    check_attachments(files)
    with changelog.acting(by=by):
        objection = Objection.objects.create(
            run=run,
            enterprise=enterprise,
            text=text.strip(),
            filed_by=by if getattr(by, "pk", None) else None,
        )
        _attach(files, by=by, objection=objection)
    return objection


def _decide(
    objection: Objection, status: ObjectionStatus, decision: str, by: User | None, **fields: Any
) -> Objection:
    objection.status = status
    objection.decision = decision.strip()
    objection.handled_by = by if getattr(by, "pk", None) else None
    objection.handled_at = timezone.now()
    for name, value in fields.items():
        setattr(objection, name, value)
    with changelog.acting(by=by, note=str(status)):
        objection.save()
    return objection


def _open(objection: Objection) -> Objection:
    objection = Objection.objects.select_for_update().select_related("run", "enterprise").get(pk=objection.pk)
    if objection.status != ObjectionStatus.OPEN:
        raise ValidationError(_("This objection has been decided already."))
    if objection.run.status not in OPEN_STATUSES:
        raise ValidationError(_("The list has been approved; objections can no longer be decided."))
    return objection


def objection_accept(
    *, objection: Objection, values: Mapping[str, Any], decision: str, by: User | None
) -> Objection:
    """Accept: correct the enterprise's data for the run's year (through the registry), then re-score the run."""
    with transaction.atomic():
        objection = _open(objection)
        run, enterprise = objection.run, objection.enterprise
        current = EnterpriseYear.objects.filter(enterprise=enterprise, year=run.year).first()
        changed = {
            name: value
            for name, value in values.items()
            if name in YEAR_FIELDS
            and changelog.json_value(value) != changelog.json_value(getattr(current, name, None))
        }
        corrections = {
            name: [changelog.json_value(getattr(current, name, None)), changelog.json_value(value)]
            for name, value in changed.items()
        }
        if changed:
            enterprise_services.year_save(
                enterprise=enterprise,
                year=run.year,
                values=changed,
                sources=dict.fromkeys(changed, DataSource.ENTERPRISE),
                by=by,
            )
        objection = _decide(objection, ObjectionStatus.ACCEPTED, decision, by, corrections=corrections)
    run_rescore(run=run, by=by, note=f"objection {objection.pk} accepted")
    return objection


@transaction.atomic
def objection_reject(*, objection: Objection, decision: str, by: User | None) -> Objection:
    if not decision.strip():
        raise ValidationError({"decision": _("Give the reason for rejecting the objection.")})
    return _decide(_open(objection), ObjectionStatus.REJECTED, decision, by)
