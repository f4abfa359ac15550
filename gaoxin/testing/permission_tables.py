"""The persona permission tables, found where they are declared: each app's ``tests/test_permissions*.py``
exposes ``PERMISSIONS``, a table keyed by URL name (``"enterprises:list"``, ``"api:project-list"``) giving the
expected status per persona, and runs it. ``url_names`` lists every address the site answers, so that a test can
fail on one that no table states (``site/tests/test_permission_tables.py``)."""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.signals import request_finished
from django.db import close_old_connections, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

import gaoxin
from gaoxin.testing.personas import NAMES

Table = Mapping[str, Mapping[str, int]]  # URL name → persona → expected status


def _walk(resolver: URLResolver, namespace: str) -> Iterator[str]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name or pattern.pattern}"  # an unnamed pattern by its route


def url_names() -> set[str]:
    """Every URL pattern of the site, every namespace and every API route, by its namespaced name."""
    return set(_walk(get_resolver(), ""))


def permission_modules() -> list[str]:
    """The modules that declare permission tables: ``gaoxin.<app>.tests.test_permissions*``."""
    found = []
    for app in pkgutil.iter_modules(gaoxin.__path__):
        if not app.ispkg:
            continue
        try:
            tests = importlib.import_module(f"gaoxin.{app.name}.tests")
        except ModuleNotFoundError:
            continue
        found += [
            f"{tests.__name__}.{module.name}"
            for module in pkgutil.iter_modules(tests.__path__)
            if module.name.startswith("test_permissions")
        ]
    return sorted(found)


def declared() -> dict[str, Table]:
    """The ``PERMISSIONS`` table of each declaring module, by module."""
    tables = {}
    for name in permission_modules():
        table = getattr(importlib.import_module(name), "PERMISSIONS", None)
        if table is not None:
            tables[name] = table
    return tables


@dataclass(frozen=True)
class Call:
    """The request a table's cell sends: a page is opened (GET), an action posted with the data that would make
    it succeed, so that a persona who may act is seen doing it; ``json`` posts the data as an API client does."""

    url: str
    method: str = "get"
    data: Mapping[str, Any] = field(default_factory=dict)
    as_json: bool = False

    def send(self, client: Client) -> int:
        if self.method == "get":
            response = client.get(self.url, self.data)
        elif self.as_json:
            response = client.generic(
                self.method.upper(), self.url, json.dumps(self.data), "application/json"
            )
        else:
            response = client.post(self.url, self.data)
        # a file download's file is closed though its content is not read; closing a response announces the end of
        # the request, on which Django closes the database connection of a transaction (the cell's savepoint) —
        # kept open as the test client keeps it open while it handles a request
        request_finished.disconnect(close_old_connections)
        try:
            response.close()
        finally:
            request_finished.connect(close_old_connections)
        return response.status_code


def post(url: str, data: Mapping[str, Any] | None = None) -> Call:
    return Call(url, "post", data or {})


def api(url: str, method: str = "get", data: Mapping[str, Any] | None = None) -> Call:
    return Call(url, method, data or {}, as_json=method != "get")


def observe(
    client_for: Callable[[str], Client], calls: Mapping[str, Call | str], personas: Iterable[str] = NAMES
) -> dict[str, dict[str, int]]:
    """The status each persona gets from each address, for comparison with a ``PERMISSIONS`` table. Every cell
    runs in its own rolled-back savepoint, so an action one persona may do changes nothing another cell sees and
    the fixtures are built once for the whole table."""
    got: dict[str, dict[str, int]] = {}
    for name, call in calls.items():
        request = Call(call) if isinstance(call, str) else call
        row = got[name] = {}
        for persona in personas:
            with transaction.atomic():
                row[persona] = request.send(client_for(persona))
                transaction.set_rollback(True)
    return got
