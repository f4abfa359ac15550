"""Who is told when an enterprise disputes its data sheet (一企一单) and when the committee answers, through
the platform's notifications (the service desk's mechanism)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_noop

from gaoxin.accounts import selectors as account_selectors
from gaoxin.accounts.choices import Capability
from gaoxin.accounts.models import User
from gaoxin.evaluation.choices import DisputeOutcome
from gaoxin.evaluation.models import DataConfirmation
from gaoxin.servicedesk.services import notify

FILED = gettext_noop("%(enterprise)s objects to its %(year)s data sheet: %(comment)s")
ANSWERED = gettext_noop("Your objection to the %(year)s data sheet was answered: %(outcome_label)s")
# the outcomes' msgids, translated when the notification is read (DisputeOutcome's labels)
OUTCOME_MSGIDS = {
    DisputeOutcome.CORRECTED: gettext_noop("Data corrected"),
    DisputeOutcome.UPHELD: gettext_noop("Data upheld"),
}


def _others(users: list[User], by: User | None) -> list[User]:
    return [user for user in users if user.pk != getattr(by, "pk", None)]


def tell_officers(confirmation: DataConfirmation, *, by: User | None) -> int:
    params = {
        "enterprise": confirmation.enterprise.name,
        "year": confirmation.year,
        "comment": confirmation.comment[:60],
    }
    url = reverse("evaluation:dispute_detail", args=[confirmation.pk])
    officers = account_selectors.officers_holding(Capability.EVALUATION)
    return notify.send(_others(officers, by), request=None, msgid=FILED, params=params, url=url)


def tell_enterprise(confirmation: DataConfirmation, *, by: User | None) -> int:
    contacts = account_selectors.enterprise_contacts(confirmation.enterprise_id)
    params = {
        "year": confirmation.year,
        "outcome_label": OUTCOME_MSGIDS[DisputeOutcome(confirmation.outcome)],
    }
    url = f"{reverse('evaluation:portal')}?year={confirmation.year}"
    return notify.send(_others(contacts, by), request=None, msgid=ANSWERED, params=params, url=url)
