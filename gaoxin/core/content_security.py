"""The Content-Security-Policy of every response: scripts, styles, fonts and connections from this site only.

Django 5.2 has no CSP of its own and the policy is one constant, so a middleware of a few lines does it (no
django-csp: no nonces are needed, because no template has an inline script or an ``on*=`` handler; data for
scripts travels in ``json_script`` blocks, which the browser does not execute).

``style-src-attr 'unsafe-inline'``: ECharts builds its HTML tooltips with ``style`` attributes, and a blocked
attribute leaves the tooltip unstyled (and logs a violation on every hover). Style attributes cannot run
script; ``<style>`` elements and style sheets from elsewhere stay forbidden (``style-src 'self'``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    )
)


# The pages Django REST framework renders as HTML — the browsable API and the Swagger UI (drf-spectacular's
# sidecar copy, its script served as a file by the "split" view) — insert <style> elements (DRF inlines the
# code-highlighting styles, Swagger UI adds its own at start). Those pages allow inline styles; scripts stay
# strict everywhere.
POLICY_WITH_INLINE_STYLES = POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'", 1)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        renderer = getattr(response, "accepted_renderer", None)
        third_party_html = getattr(renderer, "media_type", "") == "text/html"
        policy = POLICY_WITH_INLINE_STYLES if third_party_html else POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        return response
