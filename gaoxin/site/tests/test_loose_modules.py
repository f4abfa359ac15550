"""An app's loose modules — documents, exports, notices, explanations, checks, import parsers — take what the app's
selectors read: they build no ORM query.

Every module of every app is read as source, except where queries belong by the codebase's rule:

- ``selectors`` read; ``services`` write, with the reads a write needs; ``models`` and ``migrations`` are the ORM;
- ``tasks`` and ``management`` are the worker's and the commands' entry points (they fetch what they were handed
  by id and call services);
- view modules (``views``, ``*views.py``) and ``api`` are checked by ``test_view_modules``;
- ``filters`` and forms (``forms``, ``form_fields``) declare the choices of a filter or a choice field as a
  queryset, which Django evaluates when the form is shown or validated;
- ``permissions`` are predicates on a user and the object asked about, which may follow the object's relations
  (a team's members, the departments a user heads);
- ``seeds`` store the shipped defaults into a database that lost them (the data migrations keep their own copy);
- ``tests``.

The layers outside the apps are left out: ``core`` is the mechanism the apps' services use (change log, jobs,
uploads, bulk writes), ``demo`` writes its zone directly, ``testing`` builds test data, ``api`` is the router.

A module fails on a manager (``.objects``), a method only a queryset answers to (``select_related``,
``values_list``, ``order_by`` …), a ``filter``/``exclude`` with a keyword (a field lookup: a polars frame filters by
expressions, so a positional ``filter`` is not counted), ``get_object_or_404``, or an import of what builds a query
(``Q``, ``F``, ``Count``, ``Subquery``, ``connection`` …).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import gaoxin

ROOT = Path(gaoxin.__file__).parent

OUTSIDE_THE_APPS = frozenset({"core", "demo", "testing", "api", "formats", "locale", "templates"})
WHERE_QUERIES_BELONG = frozenset(
    {"selectors", "services", "models", "migrations", "tasks", "management", "api", "views", "filters", "forms",
     "form_fields", "permissions", "seeds", "tests"}
)  # fmt: skip

QUERY_METHODS = frozenset(
    {
        "select_related",
        "prefetch_related",
        "annotate",
        "aggregate",
        "values_list",
        "order_by",
        "only",
        "defer",
        "select_for_update",
        "in_bulk",
        "bulk_create",
        "bulk_update",
        "get_or_create",
        "update_or_create",
        "raw",
        "extra",
    }
)
LOOKUP_METHODS = frozenset({"filter", "exclude"})
SHORTCUTS = frozenset({"get_object_or_404", "get_list_or_404"})
# Names of django.db.models a module may import without building a query: types of what it is handed.
TYPES = frozenset({"QuerySet", "Model", "Manager"})

# Modules that query by their nature, with the reason.
EXCEPTIONS = {
    "accounts/login_throttle.py": "the login lock: counted and read while the authentication backend checks a "
    "login, before there is a user to act as",
    "enterprises/imports/upsert.py": "the registry import's writes: reads the stored rows it compares and writes "
    "only what changed, in one transaction with its change log",
    "servicedesk/scan.py": "the deadline scan: one INSERT … SELECT records each new alert, then tells people",
}


def loose_modules() -> list[Path]:
    found = []
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if len(parts) < 2 or parts[0] in OUTSIDE_THE_APPS:
            continue
        if WHERE_QUERIES_BELONG & set(parts) or parts[-1].endswith("views"):
            continue
        found.append(path)
    return sorted(found)


def name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def queries_in(source: str) -> list[str]:
    """Each ORM query built in ``source`` as "line: what"."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            found.append((node.lineno, ".objects"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method = node.func.attr
            receiver = node.func.value
            if method in QUERY_METHODS:
                found.append((node.lineno, f".{method}()"))
            elif method in LOOKUP_METHODS and node.keywords and not _is_register(receiver):
                found.append((node.lineno, f".{method}(lookup)"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in SHORTCUTS:
            found.append((node.lineno, f"{node.func.id}()"))
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            if node.module.startswith("django.db.models"):
                builders = [alias.name for alias in node.names if alias.name not in TYPES]
            elif node.module == "django.db":
                builders = [alias.name for alias in node.names if alias.name in {"connection", "connections"}]
            else:
                builders = []
            found.extend((node.lineno, f"import {builder}") for builder in builders)
    return [f"{line}: {what}" for line, what in sorted(found)]


def _is_register(node: ast.expr) -> bool:
    """``register.filter(name=…)`` declares a template filter."""
    return isinstance(node, ast.Name) and node.id == "register"


def test_the_check_sees_a_query_and_lets_frames_and_handed_data_pass() -> None:
    source = (
        "from django.db.models import Count, QuerySet\n"
        "def rows(results: QuerySet, frame):\n"
        "    a = Project.objects.all()\n"
        "    b = results.filter(run=run)\n"
        "    c = frame.filter(pl.col('status') == 'scored')\n"
        "    d = results.values_list('pk')\n"
        "    return [r.total for r in results.iterator()], selectors.peers(result)\n"
        "@register.filter(name='wan')\n"
        "def wan(value): ...\n"
    )
    assert queries_in(source) == ["1: import Count", "3: .objects", "4: .filter(lookup)", "6: .values_list()"]


def test_the_apps_loose_modules_are_found() -> None:
    found = {name(path) for path in loose_modules()}
    assert {
        "evaluation/explanation.py",
        "evaluation/notice.py",
        "evaluation/exports.py",
        "projects/documents/bulletin.py",
        "projects/documents/card.py",
        "projects/documents/meeting.py",
        "investment/pipeline.py",
    } <= found
    assert not found & {
        "evaluation/selectors/frames.py",
        "evaluation/services/scoring.py",
        "projects/forms/plans.py",
        "projects/seeds.py",
        "servicedesk/permissions.py",
    }


def unlisted_modules() -> list[Path]:
    return [path for path in loose_modules() if name(path) not in EXCEPTIONS]


@pytest.mark.parametrize("path", unlisted_modules(), ids=name)
def test_loose_module_builds_no_orm_query(path: Path) -> None:
    assert queries_in(path.read_text(encoding="utf-8")) == [], "move these reads into the app's selectors"


@pytest.mark.parametrize("listed", sorted(EXCEPTIONS))
def test_a_listed_module_exists_and_still_queries(listed: str) -> None:
    """A module that no longer queries leaves the list."""
    path = ROOT / listed
    assert path in loose_modules()
    assert queries_in(path.read_text(encoding="utf-8")), f"{listed} builds no query now: take it off the list"
