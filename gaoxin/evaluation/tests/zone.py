"""A three-firm zone whose results are checked by hand.

Scheme: two indicators on the group's ratio of sums, 亩均税收 (weight 60) and 亩均营业收入 (weight 40);
grades by score A ≥ 120, B ≥ 90, C ≥ 60, else D; a safety accident caps the grade at C.

2025 data (land 亩, tax 万元, revenue 万元): F1 10/300/3000, F2 20/240/2400, F3 10/60/600. Sums: land 40,
tax 600, revenue 6000, so the benchmarks are 15 万元/亩 and 150 万元/亩 and
F1 = 30/15×60 + 300/150×40 = 120 + 80 = 200 (A); F2 = 12/15×60 + 120/150×40 = 48 + 32 = 80 (C);
F3 = 6/15×60 + 60/150×40 = 24 + 16 = 40 (D).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone

from gaoxin.enterprises.models import Enterprise
from gaoxin.evaluation import services
from gaoxin.evaluation.models import EvaluationRun, Scheme
from gaoxin.testing.factories import EnterpriseFactory, EnterpriseYearFactory
from gaoxin.testing.personas import Personas

YEAR = 2025
SHANGHAI = ZoneInfo("Asia/Shanghai")
# The evaluation's tests run on this Monday (conftest): a publicity of the default 5 working days announced
# that morning ends on Friday 6 March.
ANNOUNCED = dt.datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI)
SCHEME = """
name = "test-scheme"
version = "1"
year = 2025

[inputs.safety_accident]
label = "发生安全生产事故"
type = "bool"

[indicators.tax_per_mu]
label = "亩均税收"
unit = "万元/亩"
numerator = "tax"
denominator = "land_mu"
benchmark = { mode = "ratio_of_sums" }

[indicators.revenue_per_mu]
label = "亩均营业收入"
unit = "万元/亩"
numerator = "revenue"
denominator = "land_mu"
benchmark = { mode = "ratio_of_sums" }

[grading]
method = "threshold"
bands = [{ grade = "A", min = 120 }, { grade = "B", min = 90 }, { grade = "C", min = 60 }, { grade = "D" }]

[[groups]]
key = "all"
label = "全部企业"
indicators = { tax_per_mu = 60, revenue_per_mu = 40 }

[[vetoes]]
key = "safety_accident"
reason = "发生安全生产事故，不得评为 A、B 类"
flag = "safety_accident"
max_grade = "C"
"""


@dataclass
class Zone:
    personas: Personas
    scheme: Scheme
    f1: Enterprise
    f2: Enterprise
    f3: Enterprise

    def run(self, **kwargs: object) -> EvaluationRun:
        run = services.run_start(year=YEAR, scheme=self.scheme, by=self.personas.officer_a, **kwargs)  # type: ignore[arg-type]
        run.refresh_from_db()
        return run

    def publicize(self, run: EvaluationRun, *, confirm: bool = False) -> EvaluationRun:
        """Put ``run`` into publicity from today for the shortest window allowed, as officer A."""
        start = timezone.localdate()
        end = services.publicity_rule(run, start).earliest_end
        assert end is not None
        return services.run_publicity(
            run=run, starts_on=start, ends_on=end, by=self.personas.officer_a, confirm=confirm
        )

    def publish(self, run: EvaluationRun) -> EvaluationRun:
        """The whole way: publicity by officer A, approval by the leader after the window, publication."""
        run = self.publicize(run)
        with after_publicity(run):
            run = services.run_approve(run=run, by=self.personas.leader)
            return services.run_publish(run=run, by=self.personas.officer_a)


@contextmanager
def after_publicity(run: EvaluationRun) -> Iterator[None]:
    """The morning after ``run``'s publicity window."""
    assert run.publicity_ends_on is not None
    morning = dt.datetime.combine(run.publicity_ends_on + dt.timedelta(days=1), dt.time(9), tzinfo=SHANGHAI)
    with time_machine.travel(morning):
        yield


def build_zone(personas: Personas) -> Zone:
    scheme = services.scheme_create(text=SCHEME, by=personas.administrator)
    f1, f2 = personas.own_enterprise, personas.other_enterprise
    f3 = EnterpriseFactory(name="第三精密机械有限公司")
    for enterprise, land, tax, revenue in ((f1, 10, 300, 3000), (f2, 20, 240, 2400), (f3, 10, 60, 600)):
        EnterpriseYearFactory(
            enterprise=enterprise,
            year=YEAR,
            land_mu=Decimal(land),
            tax=Decimal(tax),
            revenue=Decimal(revenue),
        )
    return Zone(personas, scheme, f1, f2, f3)
