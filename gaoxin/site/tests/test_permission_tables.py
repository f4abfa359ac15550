"""Every address the site answers — each URL pattern of every namespace, each API route — is stated in a persona
permission table (``PERMISSIONS`` of an app's ``tests/test_permissions*.py``, which also runs it), so that a new
page cannot ship without its permissions stated."""

from __future__ import annotations

from gaoxin.testing.permission_tables import declared, url_names
from gaoxin.testing.personas import NAMES


def test_every_address_is_in_a_permission_table() -> None:
    stated = set().union(*declared().values())
    assert sorted(url_names() - stated) == []


def test_the_tables_name_real_addresses_and_every_persona() -> None:
    names = url_names()
    for module, table in declared().items():
        assert sorted(set(table) - names) == [], module
        for name, expected in table.items():
            assert sorted(expected) == sorted(NAMES), (module, name)
