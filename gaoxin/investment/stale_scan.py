"""The periodic notice of stale leads: a lead in progress standing longer in its stage than the stage's expected
working days is told once (per stay in the stage) to its responsible officer — or the members of the responsible
team when it has no officer — in the app, by e-mail and on the responsible unit's group robots, through the
channels of the service desk's deadline alerts (``servicedesk.delivery``).

Run it from cron with ``gaoxin investment_stale`` (once a working day is plenty), or enqueue the
``scan_stale_leads`` task. Running it twice tells nobody twice: each notice is recorded (``StaleNotice``, unique
per lead, stage and day it entered the stage) before anyone is told.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gaoxin.investment.models import Lead
from gaoxin.investment.selectors.pipeline import stale_audience, stale_leads
from gaoxin.investment.services import notices
from gaoxin.servicedesk import delivery
from gaoxin.servicedesk.services import notify

STALE_MSGID = gettext_noop(
    "Lead %(code)s %(name)s has stood in %(stage)s since %(since)s, past its expected %(expected)s working days."
)
ROBOT_LINES = 20


@dataclass
class StaleScanResult:
    stale: int = 0
    notices: int = 0
    notifications: int = 0
    emails: int = 0
    robot_messages: int = 0
    robot_failures: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _params(lead: Lead) -> dict[str, Any]:
    """A confidential lead is named by its code name: the robots speak to a whole department."""
    return {
        "code": lead.code,
        "name": lead.code_name if lead.is_confidential else lead.name,
        "stage": lead.stage.name,
        "since": formats.date_format(lead.stage_since, "DATE_FORMAT"),
        "expected": lead.stage.expected_workdays,
    }


def run_stale_scan(today: dt.date | None = None) -> StaleScanResult:
    today = today or timezone.localdate()
    result = StaleScanResult()
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        leads = list(stale_leads(today))
        result.stale = len(leads)
        new = notices.stale_notices_record(leads)
        result.notices = len(new)
        audience = stale_audience(new)
        by_user: dict[int, list[Lead]] = defaultdict(list)
        for lead in new:
            params = _params(lead)
            users = audience[lead.pk]
            url = reverse("investment:detail", args=[lead.pk])
            result.notifications += notify.send(
                [_User(pk) for pk in users], request=None, msgid=STALE_MSGID, params=params, url=url
            )
            for user_id in users:
                by_user[user_id].append(lead)
    if not new:
        return result
    with translation.override(settings.LANGUAGE_CODE):
        lines = {lead.pk: _(STALE_MSGID) % _params(lead) for lead in new}
        title = _("Stale leads")
        result.emails = delivery.email(
            {
                user_id: delivery.Text(
                    _("%(count)s of your leads stand too long in their stage") % {"count": len(items)},
                    "\n".join(lines[lead.pk] for lead in items),
                )
                for user_id, items in by_user.items()
            }
        )
        by_unit: dict[int, list[Lead]] = defaultdict(list)
        for lead in new:
            by_unit[lead.responsible_unit_id].append(lead)
        texts = {}
        for unit_id, items in by_unit.items():
            body = [f"### {title}", *(f"- {lines[lead.pk]}" for lead in items[:ROBOT_LINES])]
            if len(items) > ROBOT_LINES:
                body.append(_("… and %(more)s more") % {"more": len(items) - ROBOT_LINES})
            texts[unit_id] = delivery.Text(title, "\n".join(body))
        result.robot_messages, result.robot_failures = delivery.post_to_robots(texts)
    return result


@dataclass(frozen=True)
class _User:
    """A recipient by id (``notify.send`` reads only the primary key)."""

    pk: int
