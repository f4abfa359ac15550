"""The evaluation pages' query parameters (the year of the chase list and of an enterprise's own page, the years
of the grade history, the runs compared) go through FilterSets: a value the page does not offer is refused with
a Chinese sentence naming the parameter (400) and the page is shown at its default; an offered one applies."""

from __future__ import annotations

from typing import Any

import pytest

from gaoxin.evaluation.tests.zone import YEAR, Zone

pytestmark = pytest.mark.django_db

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def problems(page: Any) -> str:
    return str(page.content.decode().split('id="filter-problems"')[1].split("</ul>")[0])


def test_the_chase_list_refuses_a_year_without_data(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("officer_a")
    page = client.get("/evaluation/confirmations/", {"year": YEAR - 6}, **ZH)
    assert page.status_code == 400
    assert "年度：" in problems(page)
    assert page.context["year"] == YEAR
    export = client.get("/evaluation/confirmations/", {"year": "二〇二五", "export": "xlsx"}, **ZH)
    assert export.status_code == 400
    assert "年度：" in export.content.decode()
    good = client.get("/evaluation/confirmations/", {"year": YEAR})
    assert good.status_code == 200
    assert good.context["year"] == YEAR
    assert 'id="filter-problems"' not in good.content.decode()


def test_the_portal_refuses_a_year_the_enterprise_has_no_sheet_of(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("contact")
    page = client.get("/evaluation/my/", {"year": YEAR - 6}, **ZH)
    assert page.status_code == 400
    assert "年度：" in problems(page)
    assert page.context["sheet"].year == YEAR
    good = client.get("/evaluation/my/", {"year": YEAR})
    assert good.status_code == 200
    assert good.context["sheet"].year == YEAR


def test_the_history_refuses_a_year_without_a_published_run(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    run = zone.publish(zone.run())
    client = client_for("leader")
    page = client.get("/evaluation/history/", {"from": "x", "to": YEAR - 3}, **ZH)
    assert page.status_code == 400
    told = problems(page)
    assert "起：" in told
    assert "止：" in told
    assert (page.context["a"], page.context["b"]) == (None, run)  # the defaults: the last two runs
    good = client.get("/evaluation/history/", {"from": YEAR, "to": YEAR})
    assert good.status_code == 200
    assert (good.context["a"], good.context["b"]) == (run, run)


def test_the_comparison_refuses_a_run_the_user_may_not_compare(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    run = zone.run()
    client = client_for("officer_a")
    page = client.get("/evaluation/compare/", {"a": run.pk, "b": run.pk + 1000}, **ZH)
    assert page.status_code == 400
    assert "第二个批次：" in problems(page)
    assert page.context["comparison"] is None
    good = client.get("/evaluation/compare/", {"a": run.pk, "b": run.pk})
    assert good.status_code == 200
    assert good.context["a"] == good.context["b"] == run
    assert good.context["comparison"] is not None
