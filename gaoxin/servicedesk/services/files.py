"""Storing a file attached to a request: checked by its content, recorded in the change log. The step that
carries it lists its id (``data["attachments"]``): that decides who sees it (``workflow.disclose``)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile

from gaoxin.accounts.models import User
from gaoxin.core import attachments, changelog
from gaoxin.servicedesk.models import RequestAttachment, ServiceRequest
from gaoxin.servicedesk.services.errors import StepRefused


def store_attachment(request: ServiceRequest, upload: UploadedFile, *, by: User) -> RequestAttachment:
    name = PurePath(upload.name or "file").name
    problem = attachments.problem(upload)
    if problem:
        raise StepRefused(problem, code="invalid")
    attachment = RequestAttachment(request=request, name=name[:200], size=upload.size or 0, uploaded_by=by)
    attachment.file.save(name, upload, save=False)
    with changelog.acting(by=by):
        attachment.save()
    return attachment


def store_attachments(request: ServiceRequest, uploads: Iterable[UploadedFile], *, by: User) -> list[int]:
    """Store each file; the ids, for the step that carries them."""
    return [store_attachment(request, upload, by=by).pk for upload in uploads]
