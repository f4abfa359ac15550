"""The side navigation lists only pages the user may open: no link that answers 403."""

from __future__ import annotations

import pytest
from django.test import Client

from gaoxin.testing.personas import NAMES


@pytest.mark.parametrize("persona", [name for name in NAMES if name != "anonymous"])
def test_every_navigation_link_opens_for_the_user_who_sees_it(client_for, persona: str) -> None:  # type: ignore[no-untyped-def]
    client: Client = client_for(persona)
    links = client.get("/").context["nav_items"]
    assert links
    for link in links:
        assert client.get(link["url"], follow=True).status_code == 200, (persona, link["url"])


def test_imports_are_shown_to_those_who_keep_the_registry_only(client_for) -> None:  # type: ignore[no-untyped-def]
    def sections(persona: str) -> set[str]:
        return {link["section"] for link in client_for(persona).get("/").context["nav_items"]}

    assert "imports" in sections("officer_a")  # 经济发展局 keeps the registry
    assert "imports" in sections("administrator")
    assert "imports" not in sections("leader")
    assert "imports" not in sections("officer_b")
    assert "imports" not in sections("contact")


INVESTMENT_PAGES = [
    "/investment/",
    "/investment/leads/",
    "/investment/funnel/",
    "/investment/agreements/",
    "/investment/agreements/signings/",
    "/investment/agreements/performance/",
    "/investment/agreements/three-not/",
    "/investment/referrers/",
    "/investment/reports/",
    "/investment/targets/",
    "/investment/disputes/",
]
BUREAU_PAGES = ["/investment/referrals/pool/", "/investment/import/", "/investment/settings/"]


def test_the_investment_section_lists_the_pages_each_user_may_open(client_for) -> None:  # type: ignore[no-untyped-def]
    def pages(persona: str) -> list[str]:
        return [link["url"] for link in client_for(persona).get("/").context["nav_items"] if link["sub"]]

    assert pages("administrator") == INVESTMENT_PAGES + BUREAU_PAGES  # the bureau's rights
    assert pages("leader") == INVESTMENT_PAGES
    assert pages("officer_b") == INVESTMENT_PAGES
    assert pages("contact") == []


def test_the_section_s_pages_show_under_it_while_the_user_is_in_it(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("leader")
    home = client.get("/").content.decode()
    assert 'href="/investment/agreements/signings/"' not in home
    signings = client.get("/investment/agreements/signings/").content.decode()
    assert 'class="sub current" aria-current="page">' in signings
    assert 'href="/investment/disputes/" class="sub"' in signings
