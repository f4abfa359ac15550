"""Login throttling: too many failed logins for one account, or from one client address, within a window lock
that account or address for a while. Counts and locks live in the database (``LoginThrottle``), so that every
web server process sees them; the administrator sees the locks and may lift them. Locks and lifts are logged.

Settings: ``LOGIN_FAILURES_PER_ACCOUNT``, ``LOGIN_FAILURES_PER_ADDRESS``, ``LOGIN_FAILURE_WINDOW`` and
``LOGIN_LOCKOUT`` (timedeltas), ``LOGIN_CLIENT_ADDRESS_HEADER`` (the header a trusted proxy puts the client's
address in, e.g. ``HTTP_X_REAL_IP``; without it, the connection's address).
"""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gaoxin.accounts.models import LoginThrottle, User
from gaoxin.core import changelog
from gaoxin.core.models import ChangeAction

Scope = LoginThrottle.Scope
KEY_LENGTH = 150


def client_address(request: HttpRequest) -> str:
    header = settings.LOGIN_CLIENT_ADDRESS_HEADER
    value = str(request.META.get(header, "")) if header else ""
    # a proxy appends the address it saw; what the client sent itself comes first and is not believed
    value = value.split(",")[-1].strip() or str(request.META.get("REMOTE_ADDR", ""))
    return value[:KEY_LENGTH]


def _limits() -> tuple[tuple[str, int], ...]:
    return (
        (Scope.ACCOUNT, settings.LOGIN_FAILURES_PER_ACCOUNT),
        (Scope.ADDRESS, settings.LOGIN_FAILURES_PER_ADDRESS),
    )


def _keys(username: str, address: str) -> dict[str, str]:
    return {Scope.ACCOUNT: username.strip()[:KEY_LENGTH], Scope.ADDRESS: address[:KEY_LENGTH]}


def active_locks() -> QuerySet[LoginThrottle]:
    return LoginThrottle.objects.filter(locked_until__gt=timezone.now()).order_by("locked_until")


def lock_of_account(username: str) -> LoginThrottle | None:
    return active_locks().filter(scope=Scope.ACCOUNT, key=username).first()


def lock_for(username: str, address: str) -> LoginThrottle | None:
    """The lock that refuses this login (the one lasting longest), if any."""
    query = Q()
    for scope, key in _keys(username, address).items():
        if key:
            query |= Q(scope=scope, key=key)
    if not query:
        return None
    return active_locks().filter(query).order_by("-locked_until").first()


@transaction.atomic
def record_failure(username: str, address: str) -> LoginThrottle | None:
    """Count a failed login for the account and the address; returns the lock it set off, if any."""
    now = timezone.now()
    window: dt.timedelta = settings.LOGIN_FAILURE_WINDOW
    # counters of a past window that never locked anything are forgotten
    LoginThrottle.objects.filter(locked_until__isnull=True, last_failure_at__lt=now - window).delete()
    keys = _keys(username, address)
    locks = []
    for scope, limit in _limits():
        if not keys[scope]:
            continue
        row, _created = LoginThrottle.objects.select_for_update().get_or_create(
            scope=scope, key=keys[scope], defaults={"window_started_at": now, "last_failure_at": now}
        )
        if row.window_started_at <= now - window:
            row.failures, row.window_started_at = 0, now
        row.failures += 1
        row.last_failure_at = now
        before = changelog.snapshot(row)
        if row.failures >= limit:
            row.locked_until = now + settings.LOGIN_LOCKOUT
            row.failures, row.window_started_at = 0, now  # the next lock takes as many failures again
            locks.append(row)
        row.save()
        if row in locks:
            note = ngettext("%(count)d failed login", "%(count)d failed logins", limit) % {"count": limit}
            _record_lock_change(row, before, by=None, note=note)
    return max(locks, key=lambda lock: lock.locked_until or now, default=None)


def record_success(username: str) -> None:
    """A successful login clears the account's count (not the address's: one known password must not
    reset the count of an address trying others)."""
    LoginThrottle.objects.filter(
        scope=Scope.ACCOUNT, key=username.strip()[:KEY_LENGTH], locked_until__isnull=True
    ).delete()


@transaction.atomic
def lift(*, lock: LoginThrottle, by: User | None) -> None:
    """The administrator lifts a lock before it expires."""
    row = LoginThrottle.objects.select_for_update().get(pk=lock.pk)
    before = changelog.snapshot(row)
    row.locked_until = None
    row.failures = 0
    row.save()
    _record_lock_change(row, before, by=by, note=_("Lock lifted by the administrator"))


def _record_lock_change(
    row: LoginThrottle, before: changelog.Snapshot, *, by: User | None, note: str
) -> None:
    """The counters are not a logged model (they change at every failed login); a lock set or lifted is
    recorded through the change log's explicit entry."""
    changes = changelog.diff(before, changelog.snapshot(row))
    changelog.record([changelog.Change.of(row, ChangeAction.UPDATE, changes, note)], by=by)


def refusal(lock: LoginThrottle) -> str:
    """What the login page says: which lock, until when, and for how many more minutes."""
    until = lock.locked_until or timezone.now()
    minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
    values = {
        "key": lock.key,
        "minutes": minutes,
        "until": timezone.localtime(until).strftime("%H:%M"),
    }
    if lock.scope == Scope.ACCOUNT:
        return (
            ngettext(
                "The account %(key)s is temporarily locked after too many failed logins: try again in "
                "%(minutes)d minute (at %(until)s), or ask the administrator to lift the lock.",
                "The account %(key)s is temporarily locked after too many failed logins: try again in "
                "%(minutes)d minutes (at %(until)s), or ask the administrator to lift the lock.",
                minutes,
            )
            % values
        )
    return (
        ngettext(
            "Logins from your address %(key)s are temporarily locked after too many failures: try again in "
            "%(minutes)d minute (at %(until)s), or ask the administrator to lift the lock.",
            "Logins from your address %(key)s are temporarily locked after too many failures: try again in "
            "%(minutes)d minutes (at %(until)s), or ask the administrator to lift the lock.",
            minutes,
        )
        % values
    )
