"""The persona permission tables, found where they are declared: each app's ``tests/test_permissions*.py``
exposes ``PERMISSIONS``, a table keyed by URL name (``"enterprises:list"``, ``"api:project-list"``) giving the
expected status per persona, and runs it. ``url_names`` lists every address the site answers, so that a test can
fail on one that no table states (``site/tests/test_permission_tables.py``)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator, Mapping

from django.urls import URLPattern, URLResolver, get_resolver

import gaoxin

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
