"""Who may open the site's own addresses and the API's fixed ones. 302 = sent to log in (a redirect for all)."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

EVERYONE = dict.fromkeys(("administrator", "leader", "officer_a", "officer_b", "contact", "anonymous"), 200)
LOGGED_IN = {**EVERYONE, "anonymous": 302}
API_LOGGED_IN = {**EVERYONE, "anonymous": 401}

# URL name → persona → expected status (the completeness test of site/tests reads it); the addresses: ``URLS``
PERMISSIONS = {
    "core:home": LOGGED_IN,
    "core:favicon.ico": dict.fromkeys(EVERYONE, 301),
    "core:calendar_list": {**dict.fromkeys(EVERYONE, 403), "administrator": 200, "anonymous": 302},
    "set_language": dict.fromkeys(EVERYONE, 302),
    "api:schema": API_LOGGED_IN,
    "api:docs": API_LOGGED_IN,
    "api:api-root": API_LOGGED_IN,
    "api:^.*/$": {**dict.fromkeys(EVERYONE, 404), "anonymous": 401},  # who asks is known before what
}
URLS = {
    "core:home": reverse("core:home"),
    "core:favicon.ico": "/favicon.ico",
    "core:calendar_list": reverse("core:calendar_list"),
    "set_language": reverse("set_language"),
    "api:schema": reverse("api:schema"),
    "api:docs": reverse("api:docs"),
    "api:api-root": reverse("api:api-root"),
    "api:^.*/$": "/api/no-such-address/",
}


@pytest.mark.parametrize(
    ("name", "persona", "status"),
    [(name, persona, status) for name, table in PERMISSIONS.items() for persona, status in table.items()],
)
def test_page_access(client_for, name, persona, status):
    assert client_for(persona).get(URLS[name]).status_code == status
