"""Every data table on the list pages has as many header cells as each of its rows has cells, so that no header
sits over another column's data (a sortable header rendered inside a second <th> once shifted a whole list)."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gaoxin.demo.loader import load_demo

pytestmark = pytest.mark.django_db


class _Tables(HTMLParser):
    """Per table: the width of the header row and the width of each body row (colspans counted)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, Any]] = []
        self._stack: list[dict[str, Any]] = []
        self._section = ""
        self._row: list[int] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table":
            self._stack.append({"id": attributes.get("id") or "", "header": None, "rows": []})
        elif not self._stack:
            return
        elif tag in ("thead", "tbody"):
            self._section = tag
        elif tag == "tr":
            self._row = [0]
        elif tag in ("th", "td") and self._row is not None:
            self._row[0] += int(attributes.get("colspan") or 1)

    def handle_endtag(self, tag: str) -> None:
        if not self._stack:
            return
        table = self._stack[-1]
        if tag == "tr" and self._row is not None:
            if self._section == "thead":
                table["header"] = self._row[0]
            else:
                table["rows"].append(self._row[0])
            self._row = None
        elif tag == "table":
            self.tables.append(self._stack.pop())


def _table_widths(html: str) -> list[dict[str, Any]]:
    parser = _Tables()
    parser.feed(html)
    return [t for t in parser.tables if t["header"] is not None]


def _pages_without_arguments() -> list[str]:
    """The named pages that need no argument: the lists, overviews and settings of every app."""
    names: list[str] = []

    def walk(patterns: list[Any], namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and p.name and not p.pattern.regex.groupindex:
                names.append(namespace + p.name)

    walk(get_resolver().url_patterns, "")
    return sorted(n for n in names if "logout" not in n and not n.startswith("api"))


def test_the_parser_sees_a_shifted_header():
    html = "<table><thead><tr><th><th>A</th></th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>"
    assert _table_widths(html) == [{"id": "", "header": 3, "rows": [2]}]


@pytest.fixture
def demo(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo("tiny")


@pytest.mark.parametrize("username", ["admin", "fuwu"])
def test_every_list_table_has_as_many_headers_as_cells(demo: None, username: str):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    checked: set[str] = set()
    mismatches: list[str] = []
    for name in _pages_without_arguments():
        response = client.get(reverse(name))
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        for table in _table_widths(response.content.decode()):
            checked.add(name)
            wrong = [w for w in table["rows"] if w != table["header"]]
            if wrong:
                mismatches.append(
                    f"{name} #{table['id']}: {table['header']} headers, rows of {sorted(set(wrong))}"
                )
    assert not mismatches
    assert {"servicedesk:visit_list", "servicedesk:plan_list", "servicedesk:settings"} <= checked
