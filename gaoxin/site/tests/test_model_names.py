"""One name, one meaning: no two of the platform's models share a class name (a model is named for what it is,
whatever its app)."""

from __future__ import annotations

from collections import Counter

from django.apps import apps


def test_no_two_models_share_a_name() -> None:
    names = Counter(model.__name__ for model in apps.get_models() if model.__module__.startswith("gaoxin."))
    assert [name for name, count in names.items() if count > 1] == []
