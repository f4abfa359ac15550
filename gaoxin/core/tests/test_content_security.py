"""The Content-Security-Policy goes with every response, and no template needs it loosened: no inline script, no
``on*=`` handler, no ``<style>`` block, no ``javascript:`` link (the Chromium pages test checks the result)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import gaoxin
from gaoxin.core.content_security import POLICY

pytestmark = pytest.mark.django_db

# Rendered by WeasyPrint into PDF on the server, never served to a browser.
PDF_TEMPLATES = {"notice_pdf.html", "card_pdf.html"}
INLINE = re.compile(r"<script(?![^>]*\bsrc=)|\son[a-z]+\s*=|<style|javascript:", re.IGNORECASE)


def test_the_policy_is_sent_with_pages_and_static_files(client) -> None:  # type: ignore[no-untyped-def]
    for url in ("/accounts/login/", "/static/gaoxin/app.js"):
        policy = client.get(url)["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self';" in policy
        assert re.search(r"(^|; )style-src 'self'(;|$)", policy)
        assert "object-src 'none'" in policy
        assert "frame-ancestors 'none'" in policy
        assert "unsafe-eval" not in policy


def test_no_template_has_inline_script_or_handlers() -> None:
    package = Path(gaoxin.__file__).parent
    offenders = [
        f"{path.relative_to(package)}: {match.group(0)}"
        for path in package.rglob("templates/**/*.html")
        if path.name not in PDF_TEMPLATES
        for match in INLINE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_favicon_is_found(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith("/static/gaoxin/favicon.svg")


def test_only_the_api_pages_rendered_as_html_allow_inline_styles(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("leader")
    docs = client.get("/api/docs/")["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in docs
    assert "script-src 'self';" in docs
    json = client.get("/api/v1/", HTTP_ACCEPT="application/json")["Content-Security-Policy"]
    assert re.search(r"(^|; )style-src 'self'(;|$)", json)
    assert client.get("/projects/")["Content-Security-Policy"] == POLICY
