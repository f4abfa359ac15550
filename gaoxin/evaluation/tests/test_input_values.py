"""Further inputs the JSON column cannot hold or the scheme should not believe are refused by row and column
(import) or by field (form), never stored: NaN, ±inf, negative counts, control characters."""

from __future__ import annotations

import io
import re

import pytest
import xlsxwriter
from django.core.exceptions import ValidationError
from django.urls import reverse

from gaoxin.core.models import Job
from gaoxin.evaluation import services
from gaoxin.evaluation.models import EvaluationInput
from gaoxin.evaluation.tests.zone import YEAR, Zone

pytestmark = pytest.mark.django_db
URL = "/evaluation/inputs/import/"
COUNTS = """
name = "counts"
version = "1"

[inputs.sublet_tenants]
label = "违规转租企业数"
type = "number"
min = 0

[indicators.tax_per_mu]
label = "亩均税收"
numerator = "tax"
denominator = "land_mu"
benchmark = { mode = "ratio_of_sums" }

[grading]
method = "threshold"
bands = [{ grade = "A", min = 60 }, { grade = "D" }]

[[groups]]
key = "all"
label = "全部企业"
indicators = { tax_per_mu = 100 }

[[adjustments]]
key = "sublet"
reason = "每转租一家扣 5 分"
kind = "points"
amount = -5
per = "sublet_tenants"
"""


@pytest.fixture
def counts(zone: Zone) -> Zone:
    services.scheme_create(text=COUNTS, by=zone.personas.administrator)
    return zone


def sheet(rows: list[list[str]]) -> io.BytesIO:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    data = book.add_worksheet("附加数据")
    data.write_row(0, 0, ["统一社会信用代码", "违规转租企业数", "发生安全生产事故"])
    for number, row in enumerate(rows, start=1):
        for column, text in enumerate(row):
            data.write_string(number, column, text)
    book.close()
    buffer.seek(0)
    buffer.name = "附加数据.xlsx"
    return buffer


@pytest.mark.parametrize(
    ("count", "flag"), [("nan", "否"), ("inf", "否"), ("-3", "否"), ("1e400", "否"), ("1", "是\x00")]
)
def test_an_import_refuses_values_the_column_cannot_hold_or_the_scheme_refuses(
    counts: Zone, client_for, settings, tmp_path, count: str, flag: str
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    upload = sheet([[counts.f1.credit_code, "0", "否"], [counts.f2.credit_code, count, flag]])
    client = client_for("officer_a")
    job_url = client.post(URL, {"year": YEAR, "file": upload}).url  # kept, checked by the worker
    html = client.get(job_url).content.decode()
    assert re.search(r'<tr><td class="num">3</td><td>(违规转租企业数|发生安全生产事故)</td>', html)
    client.post(reverse("evaluation:inputs_import_confirm", args=[Job.objects.get().id]))  # all rows
    assert not EvaluationInput.objects.exists()


def test_the_form_refuses_a_negative_count(counts: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    url = f"/evaluation/inputs/{counts.f1.pk}/{YEAR}/"
    response = client_for("officer_a").post(url, {"sublet_tenants": "-3", "safety_accident": "unknown"})
    assert response.status_code == 200
    assert "0" in response.content.decode()
    assert not EvaluationInput.objects.exists()
    assert (
        client_for("officer_a").post(url, {"sublet_tenants": "2", "safety_accident": "unknown"}).status_code
        == 302
    )
    assert EvaluationInput.objects.get().values == {"sublet_tenants": "2.0"}


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "甲\x00乙"])
def test_the_service_refuses_what_json_or_postgresql_cannot_hold(zone: Zone, value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        services.inputs_save(enterprise=zone.f1, year=YEAR, values={"note": value}, by=None)
    assert "note" in caught.value.message_dict
    assert not EvaluationInput.objects.exists()


def test_blank_text_removes_a_value(zone: Zone) -> None:
    services.inputs_save(enterprise=zone.f1, year=YEAR, values={"note": "甲", "flag": True}, by=None)
    services.inputs_save(enterprise=zone.f1, year=YEAR, values={"note": "  "}, by=None)
    assert EvaluationInput.objects.get().values == {"flag": True}
