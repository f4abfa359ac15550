"""Accounts: ``User.objects.for_user`` — the administrator sees every account, anyone else only their own — and
the administrator's list filtered by name or enterprise and by role."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from gaoxin.accounts.models import User
from gaoxin.testing.personas import NAMES, Personas


@pytest.mark.parametrize("name", NAMES)
def test_the_administrator_sees_every_account_and_anyone_else_their_own(
    personas: Personas, name: str
) -> None:
    user = personas.by_name(name)
    seen = set(User.objects.for_user(user or AnonymousUser()))
    if name == "administrator":
        assert seen == set(User.objects.all())
        assert len(seen) == 5
    elif user is not None:
        assert seen == {user}
    else:
        assert seen == set()


def test_the_user_list_filters_by_enterprise_and_role(personas: Personas, client_for: Any) -> None:
    client = client_for("administrator")

    def listed(**params: str) -> list[str]:
        return [u.username for u in client.get(reverse("accounts:user_list"), params).context["page"]]

    assert listed(q="自有光伏") == ["p_contact"]
    assert listed(role="officer") == ["p_officer_a", "p_officer_b"]
    assert listed(role="nobody") == sorted(User.objects.values_list("username", flat=True))  # ignored
