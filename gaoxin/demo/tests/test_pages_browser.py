"""Every page of the demo, as the administrator, in Chromium with the Content-Security-Policy on: no policy
violation, no JavaScript error, no failed request — also with each chart's tooltip shown (ECharts builds it as
HTML at that moment)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from gaoxin.demo.loader import load_demo
from gaoxin.demo.zone import DEMO_PASSWORD
from gaoxin.enterprises.models import Enterprise, LandParcel
from gaoxin.evaluation.models import EvaluationResult, EvaluationRun
from gaoxin.projects.models import Project
from gaoxin.servicedesk.models import ServiceRequest, Visit
from gaoxin.testing.browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Parameterless routes that are not pages: they sign out, switch the language, or answer htmx with a fragment.
NOT_PAGES = {"logout", "set_language", "notification_count"}
# Pages of the enterprise contact: the administrator sees the refusal page (also checked).
REFUSED = {
    "/evaluation/my/",
    "/investment/portal/referrals/",
    "/investment/portal/referrals/new/",
}  # contacts only


def page_routes(patterns: list[URLPattern | URLResolver] | None = None, prefix: str = "") -> Iterator[str]:
    """The paths of the URL patterns that take no parameter."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = str(pattern.pattern)
        if "<" in route or route.startswith("^"):
            continue  # needs a parameter, or a regex route (the API router's format suffixes)
        if isinstance(pattern, URLResolver):
            yield from page_routes(pattern.url_patterns, prefix + route)
        elif pattern.name not in NOT_PAGES:
            yield "/" + prefix + route


def detail_pages() -> list[str]:
    run = EvaluationRun.objects.order_by("-pk").first()
    result = EvaluationResult.objects.filter(run=run).first()
    project = Project.objects.order_by("pk").first()
    assert run is not None
    assert result is not None
    assert project is not None
    request = ServiceRequest.objects.order_by("pk").first()
    assert request is not None
    return [
        f"/enterprises/{Enterprise.objects.order_by('pk').first().pk}/",  # type: ignore[union-attr]
        f"/enterprises/parcels/{LandParcel.objects.order_by('pk').first().pk}/",  # type: ignore[union-attr]
        f"/evaluation/runs/{run.pk}/",
        f"/evaluation/runs/{run.pk}/results/{result.enterprise_id}/",
        f"/evaluation/runs/{run.pk}/policies/",
        f"/evaluation/runs/{run.pk}/aggregates/",
        f"/projects/{project.pk}/",
        f"/projects/{project.pk}/plan/",
        f"/projects/{project.pk}/investment/",
        f"/service/r/{request.public_id}/",
        f"/service/visits/{Visit.objects.order_by('pk').first().pk}/",  # type: ignore[union-attr]
        "/calendar/2026/",
    ]


SHOW_EVERY_TOOLTIP = """() => {
  let shown = 0;
  document.querySelectorAll('[data-chart], [data-timeline], #battle-map').forEach(el => {
    const chart = window.echarts && window.echarts.getInstanceByDom(el);
    if (!chart) return;
    chart.getOption().series.forEach((series, index) => {
      if ((series.data || []).length) {
        chart.dispatchAction({type: 'showTip', seriesIndex: index, dataIndex: 0});
        shown += 1;
      }
    });
  });
  return shown;
}"""


def test_every_page_keeps_to_the_content_security_policy(page, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo("tiny")
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    login(page, "admin", DEMO_PASSWORD)
    urls = [*page_routes(), *detail_pages()]
    assert "/projects/map/" in urls
    assert "/api/docs/" in urls
    tooltips = 0
    visited = []
    for url in urls:
        probe = page.request.get(url, headers={"Accept": "text/html"})
        if probe.status == 405 or not probe.headers.get("content-type", "").startswith("text/html"):
            continue  # a form's POST-only target, a download, the API schema
        response = page.goto(url)
        assert response is not None
        assert response.status == (403 if url in REFUSED else 200), url
        if url in REFUSED:
            problems.remove("Failed to load resource: the server responded with a status of 403 (Forbidden)")
        page.wait_for_load_state("networkidle")
        if page.locator("[data-chart], [data-timeline], #battle-map").count():
            page.wait_for_selector("canvas")
            tooltips += page.evaluate(SHOW_EVERY_TOOLTIP)
            page.wait_for_timeout(100)  # the tooltip renders on the next frame
        visited.append(url)
        assert problems == [], f"{url}: {problems}"
    assert tooltips > 10
    assert len(visited) > 40
    assert page.request.get("/favicon.ico").status == 200
