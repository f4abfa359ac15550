"""A finished evaluation of the demo zone, so that the evaluation pages have history: 2024 scored with the
shipped whole-zone scheme as the method of 2024, put through publicity by the economic development bureau,
approved by the leader and published; a few flags (high-tech firms, a safety accident, sub-lets) for 2024 and
2025; three grade policies; the zone's evaluation settings (issuer, contact, objection channel). Written
directly, like the rest of the demo (no change log)."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from gaoxin.accounts.models import User
from gaoxin.demo.catalogue import ZONE_NAME
from gaoxin.enterprises.models import Enterprise, Lease
from gaoxin.evaluation.choices import RunStatus
from gaoxin.evaluation.models import EvaluationInput, EvaluationRun, EvaluationSettings, GradePolicy, Scheme
from gaoxin.evaluation.services import scoring
from gaoxin.evaluation.shipped import shipped_texts

DEMO_YEAR = 2024
FLAG_YEARS = (2024, 2025)
DEMO_NOTE = "示例高新区 2024 年度评价（演示数据）"
DEMO_SCHEME = "whole_zone"
HIGH_TECH_EVERY = 6  # every sixth above-scale firm, by credit code, is a certified high-tech enterprise
PUBLICITY = (dt.date(2025, 4, 1), dt.date(2025, 4, 8))  # 5 working days (清明 4 to 6 April)
SCORED_AT = dt.datetime(2025, 3, 28, 15, 0)  # the demo year's history: scored, announced, approved, published
PUBLICITY_ANNOUNCED_AT = dt.datetime(2025, 3, 31, 16, 0)
APPROVED_AT = dt.datetime(2025, 4, 11, 9, 30)
PUBLISHED_AT = dt.datetime(2025, 4, 15, 10, 0)
PUBLICITY_BY, APPROVER = "jingfa", "leader"  # the bureau's officer starts the publicity, the leader approves
ISSUER = f"{ZONE_NAME}管理委员会经济发展局"
SETTINGS = {
    "issuer": ISSUER,
    "signature": ISSUER,
    "contact": "刘晓燕，0571-8800 0000",
    "objection_channel": "在本平台“我的评价”页面提交申诉并上传证明材料，或将书面申诉材料送交"
    f"{ZONE_NAME}经济发展局（行政服务中心 3 楼 305 室）。",
}

POLICIES = (
    ("land_use_tax_relief", "城镇土地使用税减免", "%", {"A": "100", "B": "80"}, None),
    ("electricity_surcharge", "差别化电价加价", "元/千瓦时", {"D": "0.3"}, ("D", 3, "0.4")),
    ("energy_quota_cut", "用能指标核减", "%", {"C": "10", "D": "20"}, None),
)


def shipped_schemes() -> dict[str, Scheme]:
    """The shipped schemes, stored when missing."""
    stored = {}
    for filename, text in shipped_texts():
        scheme = Scheme(text=text, source_file=filename)
        scheme.read_text()
        existing = Scheme.objects.filter(name=scheme.name, version=scheme.version).first()
        if existing is None:
            scheme.save()
        stored[scheme.name] = existing or scheme
    return stored


def _flags() -> None:
    above = list(
        Enterprise.objects.filter(scale="above_scale").order_by("credit_code").values_list("pk", flat=True)
    )
    values: dict[int, dict[str, object]] = {pk: {"high_tech": True} for pk in above[::HIGH_TECH_EVERY]}
    if len(above) > 3:
        values.setdefault(above[3], {})["safety_accident"] = True
    sublessor = (
        Lease.objects.filter(lessor__leases_taken__isnull=False).order_by("lessor__credit_code").first()
    )
    if sublessor is not None and sublessor.lessor_id is not None:
        values.setdefault(sublessor.lessor_id, {})["sublet_tenants"] = 1
    EvaluationInput.objects.filter(year__in=FLAG_YEARS, enterprise_id__in=values).delete()
    EvaluationInput.objects.bulk_create(
        EvaluationInput(enterprise_id=pk, year=year, values=flags)
        for year in FLAG_YEARS
        for pk, flags in values.items()
    )


def _policies() -> None:
    for order, (key, label, unit, values, escalation) in enumerate(POLICIES, start=1):
        grade, years, value = escalation or ("", None, None)
        GradePolicy.objects.get_or_create(
            key=key,
            defaults={
                "label": label,
                "unit": unit,
                "values": values,
                "escalation_grade": grade,
                "escalation_years": years,
                "escalation_value": value,
                "sort_order": order * 10,
            },
        )


def scheme_of_year(scheme: Scheme, year: int) -> Scheme:
    """The shipped method re-issued as the method of ``year`` (version "<year>.1"), stored when missing: a run
    of 2024 is made with the method of 2024, not with the 2025 one."""
    text = re.sub(r"^year = \d+$", f"year = {year}", scheme.text, count=1, flags=re.MULTILINE)
    text = re.sub(r'^version = ".*"$', f'version = "{year}.1"', text, count=1, flags=re.MULTILINE)
    existing = Scheme.objects.filter(name=scheme.name, version=f"{year}.1").first()
    if existing is not None:
        return existing
    stored = Scheme(text=text, source_file=scheme.source_file)
    stored.save()
    return stored


def _settings() -> None:
    settings = EvaluationSettings.current()
    for name, value in SETTINGS.items():
        setattr(settings, name, value)
    settings.save()


def load_demo_evaluation() -> EvaluationRun | None:
    """Store the demo's published 2024 evaluation (replacing an earlier demo one); None when another
    published 2024 run exists."""
    schemes = shipped_schemes()
    _flags()
    _policies()
    EvaluationRun.objects.filter(note=DEMO_NOTE).delete()
    if EvaluationRun.objects.filter(year=DEMO_YEAR, status=RunStatus.PUBLISHED).exists():
        return None
    _settings()
    scheme = scheme_of_year(schemes[DEMO_SCHEME], DEMO_YEAR)
    users = {user.username: user for user in User.objects.filter(username__in=[PUBLICITY_BY, APPROVER])}
    run = EvaluationRun.objects.create(
        year=DEMO_YEAR,
        scheme=scheme,
        scheme_name=scheme.name,
        scheme_version=scheme.version,
        scheme_hash=scheme.text_hash,
        note=DEMO_NOTE,
    )
    result, data = scoring.evaluate_year(run)
    scoring.store(run, result, data)
    run.status = RunStatus.PUBLISHED
    run.scored_at = timezone.make_aware(SCORED_AT)
    run.publicity_started_at = timezone.make_aware(PUBLICITY_ANNOUNCED_AT)
    run.publicity_started_by = users.get(PUBLICITY_BY)
    run.publicity_starts_on, run.publicity_ends_on = PUBLICITY
    run.approved_at, run.approved_by = timezone.make_aware(APPROVED_AT), users.get(APPROVER)
    run.published_at, run.published_by = timezone.make_aware(PUBLISHED_AT), users.get(PUBLICITY_BY)
    run.created_by = users.get(PUBLICITY_BY)
    run.save()
    return run
