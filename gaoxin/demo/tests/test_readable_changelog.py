"""The change log reads as a person reads it, for every logged model: after a season of real work (see
``scenario``) and a logged create, update and deletion of one object of every model, the administrator's change
log page shows field labels, names, choice labels, 是/否 and local dates — never a field name, a bare id, an
English code, True/False/None or a Python list, dict or repr."""

from __future__ import annotations

import html
import re
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.test import Client
from django.urls import reverse

from gaoxin.core import change_display, changelog
from gaoxin.core.models import ChangeAction, ChangeLogEntry
from gaoxin.demo.tests.scenario import Zone, build_zone

pytestmark = pytest.mark.django_db

DOMAIN_APPS = ("core", "accounts", "enterprises", "evaluation", "servicedesk", "projects", "investment")
NOT_LOGGED = {
    # the log itself, and records that are written as part of a logged change of their owner
    "core.changelogentry",
    "core.job",
    "servicedesk.requestevent",
    "servicedesk.notification",
    "servicedesk.deadlinealert",
    "investment.leadmove",  # the lead's stage and status, logged on the lead
    "investment.agreementclause",  # the link of an agreement to its clause's obligation, logged on the obligation
    "investment.stalenotice",  # that a stale lead was told: a notification's record
}
RAW = re.compile(r"\b(True|False|None)\b|[{}\[\]]|<[^>]*object|object at 0x|method-wrapper")
JSON_KEY = re.compile(r"\b[a-z][a-z0-9]*(_[a-z0-9]+)+\b")  # a key of a JSON object (start_rate, tax_per_mu)
ASCII_WORD = re.compile(
    r"(?<![A-Za-z])[a-z]{3,}(?![A-Za-z])"
)  # a key or code of one word (value, short, lag)
CODE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")  # an identifier: a field name or a choice code
ROW = re.compile(
    r"<div><strong>(?P<label>.*?)</strong>(?:：|: )(?:<span class=\"diff-old\">(?P<old>.*?)</span> → )?"
    r"<span class=\"diff-new\">(?P<new>.*?)</span></div>",
    re.S,
)
CODED_NOTE = re.compile(r"^[a-z_]+:")  # a code before words ("regrade: 核实后调整")
NOTE = re.compile(r'<div class="muted">(?P<note>.*?)</div></td>', re.S)


def logged_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in DOMAIN_APPS and model._meta.label_lower not in NOT_LOGGED
    ]


def _one_of_each_kind_the_zone_lacks(zone: Zone) -> None:
    """Objects of the models the season did not touch, as their services would store them."""
    from gaoxin.accounts.models import Department
    from gaoxin.evaluation.models import DataConfirmation, EvidenceFile, Objection
    from gaoxin.projects.models import (
        LightRule,
        Obligation,
        ObligationCheck,
        ZoneMap,
    )
    from gaoxin.servicedesk.models import RequestAttachment, RobotWebhook

    admin, firm = zone.administrator, zone.request.enterprise
    RequestAttachment.objects.create(
        request=zone.request, file="service/a.pdf", name="营业执照.pdf", size=2048
    )
    RobotWebhook.objects.create(
        department=Department.objects.get(code="fuwu"), kind="wecom", url="https://qyapi.example.cn/x"
    )
    confirmation = DataConfirmation.objects.create(
        enterprise=firm,
        year=zone.run.year,
        status="objected",
        comment="税收有误",
        values={"tax": "12.5"},
        by=admin,
    )
    EvidenceFile.objects.create(confirmation=confirmation, file="evaluation/b.pdf", name="完税证明.pdf")
    figures = {  # as the 履约 check stores them
        "actual": None,
        "expected": None,
        "reached_on": None,
        "years": [
            {"year": 2024, "actual": "21", "status": "met", "missing": []},
            {"year": 2025, "actual": None, "status": "missing", "missing": ["tax", "land_mu"]},
        ],
        "missing": [],
    }
    obligation = Obligation.objects.create(
        project=zone.project,
        title="第七条 亩均税收",
        measure="tax_per_mu",
        threshold=Decimal(20),
        from_production_year=3,
        years=3,
        status="missing",
        figures=figures,
    )
    ObligationCheck.objects.create(
        obligation=obligation, year=zone.run.year, status="missing", figures=figures
    )
    LightRule.objects.create()
    objection = Objection.objects.order_by("pk").first()
    assert objection is not None
    objection.corrections = {"tax": ["12.5", "15"], "land_mu": [None, "30.25"]}  # as objection_accept stores
    objection.save(update_fields=["corrections"])
    ZoneMap.objects.create(
        name="园区边界", geojson={"type": "FeatureCollection", "features": []}, uploaded_by=admin
    )
    _investment_kinds_the_zone_lacks(zone)


def _investment_kinds_the_zone_lacks(zone: Zone) -> None:
    """A referral, a dispute, an admission review of a lead with its pre-evaluation, an agreement with an
    incentive and a yearly target, as the investment services store them."""
    import datetime as dt

    from gaoxin.accounts.models import Department
    from gaoxin.investment.models import (
        Agreement,
        ClaimDispute,
        Incentive,
        InvestmentTarget,
        Lead,
        LeadAdmission,
        Referral,
    )
    from gaoxin.projects.models import AdmissionReview

    admin, firm = zone.administrator, zone.request.enterprise
    holder, claimant = Lead.objects.order_by("pk")[:2]
    day = dt.date(2026, 5, 6)
    Referral.objects.create(
        lead=holder,
        kind="enterprise",
        enterprise=firm,
        referrer_name="李引荐",
        referrer_phone="13800000000",
        registered_on=day,
        submitted_by=admin,
        submitted_investor="宁远动力电池股份有限公司",
        note="老客户介绍",
    )
    ClaimDispute.objects.create(
        holder=holder,
        claimant=claimant,
        raised_by=admin,
        raised_on=day,
        statement="我方首谈在先",
        decision="holder_keeps",
        decision_note="首报在先",
        decided_by=admin,
        decided_on=day,
    )
    review = AdmissionReview.objects.filter(project__isnull=False).order_by("pk").first()
    assert review is not None
    lead_review = AdmissionReview.objects.create(
        scorecard=review.scorecard,
        values=review.values,
        decision="admitted",
        decided_by=admin,
        decided_on=day,
    )
    LeadAdmission.objects.create(
        lead=holder,
        review=lead_review,
        preevaluation={  # as investment.preevaluation stores it
            "evaluation": {
                "run": zone.run.pk,
                "year": zone.run.year,
                "scheme": "亩均评价办法",
                "scheme_version": 1,
                "status": "scored",
                "group": "industrial",
                "group_label": "工业企业",
                "total": 82.5,
                "grade": "A",
                "rank": 3,
                "ranked_count": 40,
                "percentile": 92.5,
                "published_count": 40,
                "indicators": [
                    {
                        "key": "tax_per_mu",
                        "label": "亩均税收",
                        "unit": "万元/亩",
                        "value": 31.2,
                        "benchmark": 25.0,
                        "gap": 6.2,
                        "score": 18.0,
                    }
                ],
            },
            "parcel": {
                "parcel": "苏(2026)高新区不动产权第0001号",
                "indicators": [
                    {"indicator": "tax_per_mu", "required": "30", "promised": "31.2", "status": "met"}
                ],
                "passed": True,
            },
        },
    )
    agreement = Agreement.objects.create(
        lead=holder,
        number="GX-2026-001",
        title="动力电池项目投资协议",
        parties="高新区管委会\n宁远动力电池股份有限公司",
        signed_on=day,
        filed_on=day,
        responsible_leader=admin,
        service_officer=admin,
        investor_name="宁远动力电池股份有限公司",
        total_investment=Decimal(120_000),
        fixed_asset_investment=Decimal(90_000),
        foreign_investment_usd=Decimal(1_000),
        is_manufacturing=True,
        notes="分两期建设",
    )
    Incentive.objects.create(
        agreement=agreement, what="厂房租金减免", amount=Decimal(300), clawback_conditions="五年内迁出须退还"
    )
    InvestmentTarget.objects.create(
        year=2026,
        department=Department.objects.get(code="fuwu"),
        measure="signed_investment",
        value=Decimal(500_000),
    )


def _json_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in changelog.tracked_fields(model) if isinstance(f, models.JSONField)]


def _fullest(model: type[models.Model]) -> models.Model | None:
    """The first object of ``model`` with the most JSON fields filled in, so that each is shown with content."""
    objects = list(model._default_manager.order_by("pk")[:500])
    fields = _json_fields(model)
    return max(objects, key=lambda obj: sum(bool(getattr(obj, f.name)) for f in fields), default=None)


# Fields the services keep out of the log, and why.
KEPT_OUT = {
    "projects.zonemap.geojson": "the map's name, state and size are logged, never the map (services.maps._log)",
}


def _log_every_kind_of_change(model: type[models.Model], obj: models.Model, by: Any) -> None:
    """A create, an update from a blank row and a deletion, as the services record them."""
    kept_out = {f.name for f in model._meta.concrete_fields if field_key(f) in KEPT_OUT}
    values = {k: v for k, v in changelog.snapshot(obj).items() if k not in kept_out and v not in (None, "")}
    changelog.record(
        [
            changelog.Change.of(obj, ChangeAction.CREATE, {k: [None, v] for k, v in values.items()}),
            changelog.Change.of(obj, ChangeAction.UPDATE, {k: [None, v] for k, v in values.items()}),
            changelog.Change.of(obj, ChangeAction.DELETE, {k: [v, None] for k, v in values.items()}),
        ],
        by=by,
    )


# Fields whose values are identifiers by nature (a code a person types, a key, a digest): shown as they are.
IDENTIFIERS = {
    "code",
    "username",
    "key",
    "credit_code",
    "scheme_hash",
    "data_fingerprint",
}


def field_key(field: models.Field[Any, Any]) -> str:
    return f"{field.model._meta.label_lower}.{field.name}"


def _fields_by_label(model: type[models.Model]) -> dict[str, models.Field[Any, Any]]:
    return {str(f.verbose_name): f for f in model._meta.concrete_fields}


def _problem(field: models.Field[Any, Any] | None, label: str, text: str) -> str | None:
    """What is wrong with ``text`` shown for ``field``, or None."""
    if field is not None and field.name in IDENTIFIERS:
        return None
    free_text = isinstance(field, models.CharField | models.TextField) and not field.choices
    if RAW.search(text) and not free_text:
        return "raw value"
    if field is not None and text in {
        str(code) for code, shown in field.flatchoices if str(code) != str(shown)
    }:
        return "code instead of its label"
    if CODE.match(text) and not free_text:
        return "code instead of its label"
    if isinstance(field, models.JSONField) and (JSON_KEY.search(text) or ASCII_WORD.search(text)):
        return "raw key of a JSON object"
    if field is not None and change_display.is_year(field) and not text.isdigit() and text != "—":
        return "year not written as a year"
    if field is not None and (field.many_to_one or field.one_to_one) and text.isdigit():
        return "id instead of a name"
    return None


def test_every_logged_model_reads_as_a_person_reads_it(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    zone = build_zone()
    _one_of_each_kind_the_zone_lacks(zone)
    without_objects = []
    for model in logged_models():
        obj = _fullest(model)
        if obj is None:
            without_objects.append(model._meta.label)
            continue
        _log_every_kind_of_change(model, obj, zone.administrator)
    assert not without_objects, f"the zone has no object of {without_objects}: add one to the scenario"

    client = Client()
    client.force_login(zone.administrator)
    problems: list[str] = []
    seen: set[str] = set()
    shown_with_content: set[str] = set()
    for content_type_id in ChangeLogEntry.objects.values_list("content_type", flat=True).distinct():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        assert model is not None
        seen.add(model._meta.label_lower)
        response = client.get(reverse("core:changelog"), {"model": model._meta.label_lower})
        assert response.status_code == 200, model
        body = response.content.decode()
        fields = _fields_by_label(model)
        rows = list(ROW.finditer(body))
        assert rows, f"{model._meta.label}: no change shown"
        for row in rows:
            label = html.unescape(row["label"])
            for value in (row["old"], row["new"]):
                text = html.unescape(value or "").strip()
                problem = _problem(fields.get(label), label, text) if value is not None else None
                if problem:
                    problems.append(f"{problem}: {model._meta.label} · {label}: {text[:80]!r}")
                if label in fields and text not in ("", "—"):
                    shown_with_content.add(field_key(fields[label]))
            if CODE.match(label):
                problems.append(f"field name instead of its label: {model._meta.label} · {label}")
        for note in NOTE.finditer(body):
            text = html.unescape(note["note"]).strip()
            if CODE.match(text) or RAW.search(text) or CODED_NOTE.match(text):
                problems.append(f"note as a code {model._meta.label}: {text!r}")
    assert not problems, "\n".join(sorted(set(problems)))
    assert {m._meta.label_lower for m in logged_models()} <= seen
    json_fields = {field_key(f) for model in logged_models() for f in _json_fields(model)} - KEPT_OUT.keys()
    assert json_fields <= shown_with_content, f"never shown with content: {json_fields - shown_with_content}"
