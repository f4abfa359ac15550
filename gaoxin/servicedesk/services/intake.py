"""Requests come in: submitted by an enterprise contact on the portal, or recorded by an officer (from a visit,
a phone call, a 12345 transfer, a letter). The centre's own records are accepted at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.accounts.models import User
from gaoxin.core import changelog
from gaoxin.enterprises.models import Enterprise
from gaoxin.servicedesk import permissions
from gaoxin.servicedesk.choices import Channel, RequestState
from gaoxin.servicedesk.models import Category, RequestAttachment, RequestEvent, ServiceRequest, Visit
from gaoxin.servicedesk.services import deadlines as sync
from gaoxin.servicedesk.services import notify
from gaoxin.servicedesk.services.errors import StepRefused
from gaoxin.servicedesk.services.files import store_attachment, store_attachments
from gaoxin.servicedesk.services.steps import reclassify


def _number(request: ServiceRequest) -> str:
    """The reference the enterprise quotes (FW2025000123): year of receipt and the row's sequence."""
    return f"FW{timezone.localtime(request.received_at).year}{request.pk:06d}"


@transaction.atomic
def request_create(
    *,
    enterprise: Enterprise,
    title: str,
    description: str,
    category: Category,
    urgency: str,
    channel: str,
    by: User,
    contact_name: str = "",
    contact_phone: str = "",
    received_at: dt.datetime | None = None,
    visit: Visit | None = None,
    attachments: Iterable[UploadedFile] = (),
) -> ServiceRequest:
    if not permissions.may_create(by):
        raise PermissionDenied
    now = timezone.now()
    if by.is_enterprise_contact:
        if enterprise.pk != by.enterprise_id:
            raise PermissionDenied
        channel, received_at, visit = Channel.PORTAL, now, None
    received_at = received_at or now
    if received_at > now + dt.timedelta(minutes=5):
        raise StepRefused(_("The time of receipt cannot lie in the future."), code="invalid")
    if visit is not None and visit.enterprise_id != enterprise.pk:
        raise StepRefused(_("The visit was to another enterprise."), code="invalid")
    accept_now = permissions.is_centre(by)
    request = ServiceRequest(
        enterprise=enterprise,
        title=title.strip(),
        description=description.strip(),
        urgency=urgency,
        channel=Channel.VISIT if visit is not None else channel,
        contact_name=contact_name.strip(),
        contact_phone=contact_phone.strip(),
        visit=visit,
        submitted_by=by,
        received_at=received_at,
        state=RequestState.ACCEPTED if accept_now else RequestState.SUBMITTED,
    )
    reclassify(request, category.pk, urgency)
    if accept_now:
        request.accepted_at, request.accepted_by = now, by
    request.full_clean(exclude=["number"])
    sync.refresh(request)
    with changelog.acting(by=by):
        request.save()
        request.number = _number(request)
        request.save(update_fields=["number"])
    files = store_attachments(request, attachments, by=by)
    events = [
        RequestEvent(
            request=request,
            action="create",
            to_state=RequestState.SUBMITTED,
            at=received_at,
            by=by,
            by_name=str(by),
            by_enterprise=by.is_enterprise_contact,
            data={"attachments": files} if files else {},
        )
    ]
    if accept_now:
        events.append(
            RequestEvent(
                request=request,
                action="accept",
                from_state=RequestState.SUBMITTED,
                to_state=RequestState.ACCEPTED,
                at=now,
                by=by,
                by_name=str(by),
            )
        )
    RequestEvent.objects.bulk_create(events)
    if not accept_now:
        notify.step_taken(request, "create", by=by)
    return request


@transaction.atomic
def attachment_add(*, request: ServiceRequest, upload: UploadedFile, by: User) -> RequestAttachment:
    if not permissions.may(by, "attach", request):
        raise PermissionDenied
    attachment = store_attachment(request, upload, by=by)
    RequestEvent.objects.create(
        request=request,
        action="attach",
        from_state=request.state,
        to_state=request.state,
        by=by,
        by_name=str(by),
        by_enterprise=by.is_enterprise_contact,
        note=attachment.name,
        data={"attachments": [attachment.pk]},
    )
    return attachment
