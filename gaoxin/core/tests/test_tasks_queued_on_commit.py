"""Every background task is queued once the transaction commits: ``transaction.on_commit(task.enqueue)`` or
``transaction.on_commit(partial(task.enqueue, …))``, never ``task.enqueue(…)`` directly, so that a transaction
that rolls back queues nothing (the services' own tests show it, e.g. a new light rule, an upload)."""

from __future__ import annotations

import ast
from pathlib import Path

import gaoxin

ROOT = Path(gaoxin.__file__).resolve().parent


def _is_on_commit(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and ast.unparse(node.func) in ("transaction.on_commit", "on_commit")


def _queued_on_commit(attribute: ast.Attribute, parents: dict[ast.AST, ast.AST]) -> bool:
    parent = parents.get(attribute)
    if _is_on_commit(parent) and parent.args[:1] == [attribute]:  # type: ignore[union-attr]
        return True
    return (
        isinstance(parent, ast.Call)
        and ast.unparse(parent.func) == "partial"
        and parent.args[:1] == [attribute]
        and _is_on_commit(parents.get(parent))
        and parents[parent].args[:1] == [parent]  # type: ignore[attr-defined]
    )


def enqueues_outside_on_commit(source: str) -> list[int]:
    """The lines of ``source`` that use a task's ``enqueue`` other than through ``transaction.on_commit``."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "enqueue" and not _queued_on_commit(node, parents)
    ]


def test_the_check_tells_a_direct_enqueue_from_one_on_commit() -> None:
    source = (
        "transaction.on_commit(task_a.enqueue)\n"
        "transaction.on_commit(partial(task_b.enqueue, 1, 2))\n"
        "task_c.enqueue(1)\n"
        "later = partial(task_d.enqueue, 1)\n"
    )
    assert enqueues_outside_on_commit(source) == [3, 4]


def test_every_task_is_queued_on_commit() -> None:
    modules = [
        path
        for path in ROOT.rglob("*.py")
        if "tests" not in path.relative_to(ROOT).parts and "migrations" not in path.parts
    ]
    assert len(modules) > 100
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in modules
        for line in enqueues_outside_on_commit(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
