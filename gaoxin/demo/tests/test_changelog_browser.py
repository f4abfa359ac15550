"""The histories on the pages of a result, a project's admission review and a project's plan, in Chromium, read
as Chinese prose: figures by the scheme's labels and units, criteria and steps by their names — no key of a
JSON object, no code, no Python value."""

from __future__ import annotations

import re

import pytest

from gaoxin.core import changelog
from gaoxin.core.models import ChangeAction
from gaoxin.demo.tests import test_readable_changelog as readable
from gaoxin.demo.tests.scenario import build_zone
from gaoxin.demo.zone import DEMO_PASSWORD
from gaoxin.evaluation.models import EvaluationResult
from gaoxin.projects.models import AdmissionReview, PlanStep
from gaoxin.testing.browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ASCII_CODE = re.compile(r"(?<![A-Za-z0-9])[a-z][a-z0-9]*(_[a-z0-9]+)*(?![A-Za-z0-9])")
IDENTIFIER_ROWS = ("标识：",)  # a plan step's key is an identifier by nature


def test_histories_read_as_prose(page, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    zone = build_zone()
    result = readable._fullest(EvaluationResult)
    assert result is not None
    changelog.record(
        [changelog.Change.created(result)], by=zone.administrator
    )  # every figure of the result, as a change
    review = AdmissionReview.objects.order_by("pk").first()
    assert review is not None
    changelog.record(
        [changelog.Change.of(review, ChangeAction.UPDATE, {"values": [{}, review.values]})], by=None
    )
    step = PlanStep.objects.filter(project=zone.project).exclude(predecessors=[]).first()
    assert step is not None

    login(page, "admin", DEMO_PASSWORD)
    histories = {}
    for url in (
        f"/evaluation/runs/{result.run_id}/results/{result.enterprise_id}/",
        f"/projects/{review.project_id}/admission/",
        f"/projects/{step.project_id}/plan/",
    ):
        page.goto(url)
        for summary in page.locator("details:not([open]) > summary").all():
            if "变更记录" in summary.inner_text():
                summary.click()
        histories[url] = "\n".join(page.locator("table.changelog").all_inner_texts())

    assert re.search(r"R&D经费支出占营业收入比重（指标值：\d+\.\d\d%", "".join(histories.values()))  # a ratio
    assert "前置步骤：" in histories[f"/projects/{step.project_id}/plan/"]
    codes = {
        f"{url}: {line}"
        for url, text in histories.items()
        for line in text.splitlines()
        if not line.startswith(IDENTIFIER_ROWS) and ASCII_CODE.search(line)
    }
    assert not codes, "\n".join(sorted(codes))
