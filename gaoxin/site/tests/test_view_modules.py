"""View modules parse input, call one selector or service, and render: they hold no ORM query.

Every page and API view module of every app is read as source; a queryset method, a manager (``.objects``) or a
``get_object_or_404`` there fails the test with the module, line and call, so reads stay in ``selectors``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import gaoxin

ROOT = Path(gaoxin.__file__).parent

# Names that only a queryset or a manager answers to (``get``/``update``/``count``/``exists`` are left out: dicts,
# forms, request.GET and paths answer to them too).
QUERY_METHODS = frozenset(
    {
        "filter",
        "exclude",
        "select_related",
        "prefetch_related",
        "annotate",
        "aggregate",
        "values_list",
        "order_by",
        "only",
        "defer",
        "bulk_create",
        "bulk_update",
        "get_or_create",
        "update_or_create",
        "raw",
        "extra",
    }
)
SHORTCUTS = frozenset({"get_object_or_404", "get_list_or_404"})


def view_modules() -> list[Path]:
    found = [
        path
        for path in ROOT.rglob("*.py")
        if "tests" not in path.parts
        and "migrations" not in path.parts
        and (path.name.endswith("views.py") or path.parent.name == "views")
    ]
    return sorted(found)


def queries_in(source: str) -> list[str]:
    """Each ORM use in ``source`` as "line: what"."""
    tree = ast.parse(source)
    # ``Model.objects.none()`` declares an API view's model for the schema and never queries: allowed
    declared = {
        id(node.func.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "none"
    }
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "objects" and id(node) not in declared:
            found.append((node.lineno, ".objects"))
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in QUERY_METHODS:
                found.append((node.lineno, f".{func.attr}()"))
            elif isinstance(func, ast.Name) and func.id in SHORTCUTS:
                found.append((node.lineno, f"{func.id}()"))
    return [f"{line}: {what}" for line, what in sorted(found)]


def test_the_check_sees_a_query_and_lets_a_selector_call_pass() -> None:
    source = (
        "def page(request, pk):\n"
        "    a = Project.objects.all()\n"
        "    schema_only = Project.objects.none()\n"
        "    b = selectors.projects(request.user).filter(stage=1)\n"
        "    c = get_object_or_404(Project, pk=pk)\n"
        "    return render(request, 'x.html', {'p': selectors.project(request.user, pk), 'q': request.GET.get('q')})\n"
    )
    assert queries_in(source) == ["2: .objects", "4: .filter()", "5: get_object_or_404()"]


def test_every_app_has_view_modules_to_check() -> None:
    apps = {path.relative_to(ROOT).parts[0] for path in view_modules()}
    assert {"accounts", "enterprises", "evaluation", "servicedesk", "projects", "site", "api"} <= apps


@pytest.mark.parametrize("path", view_modules(), ids=lambda path: str(path.relative_to(ROOT)))
def test_view_module_holds_no_orm_query(path: Path) -> None:
    assert queries_in(path.read_text(encoding="utf-8")) == [], "move these reads into the app's selectors"
