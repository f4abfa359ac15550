"""The project card (项目一张卡): a project's profile (DOMAIN §4.2), this year's investment, its milestones, open
problems and commitments on one or two A4 pages, as a PDF (WeasyPrint, Noto CJK fonts). What it reads besides
the project comes from ``selectors.documents.card_reads``."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from gaoxin.core.message_text import translated
from gaoxin.core.reports.display import long_date, percent, wan
from gaoxin.projects import phrases
from gaoxin.projects.display import describe_reasons
from gaoxin.projects.models import Obligation, Project
from gaoxin.projects.selectors.documents import CardReads
from gaoxin.projects.selectors.figures import ProjectMonth
from gaoxin.projects.services.issues import latest_progress

PROFILE_FIELDS = (
    "code",
    "owner",
    "industry_code",
    "chain",
    "park",
    "address",
    "kind",
    "level",
    "total_investment",
    "fixed_asset_investment",
    "foreign_investment_usd",
    "land_mu",
    "parcel",
    "stage",
    "stage_since",
    "planned_start_on",
    "started_on",
    "planned_completion_on",
    "completed_on",
    "planned_production_on",
    "production_on",
    "lead_official",
    "responsible_unit",
    "contact_name",
    "contact_phone",
    "in_statistics",
)
AMOUNT_FIELDS = {"total_investment", "fixed_asset_investment", "foreign_investment_usd", "land_mu"}


@dataclass(frozen=True)
class CardInvestment:
    """The project's figures of the report month (``gaoxin.projects.selectors.figures``: the same as every
    page)."""

    year: int
    month: int
    figures: ProjectMonth

    @property
    def shown(self) -> dict[str, str]:
        figures = self.figures
        return {
            "annual_plan": wan(figures.annual_plan),
            "ytd": wan(figures.ytd),
            "since_start": wan(figures.since_start),
            "completion": percent(figures.completion),
            "time_progress": percent(figures.time_progress),
            "against_time_progress": "—"
            if figures.gap is None
            else translated(phrases.against_time_progress(figures.gap)),
        }


@dataclass(frozen=True)
class CardStep:
    name: str
    owner: str
    latest_start: dt.date | None
    latest_finish: dt.date | None
    actual_start: dt.date | None
    actual_finish: dt.date | None
    late: bool


@dataclass(frozen=True)
class CardIssue:
    title: str
    unit: str
    raised_on: dt.date
    deadline: dt.date
    progress: str
    overdue: bool


@dataclass(frozen=True)
class CardCommitment:
    parcel: str
    values: list[tuple[str, str]]


@dataclass(frozen=True)
class ProjectCard:
    project: Project
    profile: list[tuple[str, str]]
    light: str
    light_reasons: list[str]
    physical_progress: str
    investment: CardInvestment
    steps: list[CardStep]
    issues: list[CardIssue]
    commitments: list[CardCommitment]
    made_on: dt.date
    issued_by: str = ""  # the issuing body the project office configured


def _shown(project: Project, name: str) -> str:
    value: Any = getattr(project, name)
    if value is None or value == "":
        return "—"
    if name in AMOUNT_FIELDS:
        return wan(value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.date):
        return long_date(value)
    display = getattr(project, f"get_{name}_display", None)
    return str(display()) if callable(display) else str(value)


def _plain(value: object) -> str:
    """A committed figure without trailing zeros: Decimal("350.0000") → "350"."""
    return format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)


def _commitments(obligations: list[Obligation]) -> list[CardCommitment]:
    """The standard-parcel commitments by parcel (in the order read): each indicator's committed minimum and
    its status."""
    by_parcel: dict[str, list[tuple[str, str]]] = {}
    for obligation in obligations:
        committed = "—" if obligation.threshold is None else _plain(obligation.threshold)
        by_parcel.setdefault(str(obligation.parcel or "—"), []).append(
            (str(obligation.get_measure_display()), f"{committed}（{obligation.get_status_display()}）")
        )
    return [CardCommitment(parcel=parcel, values=values) for parcel, values in by_parcel.items()]


def project_card(project: Project, reads: CardReads, today: dt.date) -> ProjectCard:
    """The card of ``project`` made on ``today``, from what ``selectors.documents.card_reads(project, today)``
    read."""
    profile = [
        (str(Project._meta.get_field(name).verbose_name), _shown(project, name))  # type: ignore[union-attr]
        for name in PROFILE_FIELDS
    ]
    steps = [
        CardStep(
            name=step.name,
            owner=step.owner,
            latest_start=step.latest_start,
            latest_finish=step.latest_finish,
            actual_start=step.actual_start,
            actual_finish=step.actual_finish,
            late=step.actual_finish is None and step.latest_finish is not None and step.latest_finish < today,
        )
        for step in reads.steps
    ]
    issues = [
        CardIssue(
            title=issue.title,
            unit=issue.unit.short_name or issue.unit.name,
            raised_on=issue.raised_on,
            deadline=issue.deadline,
            progress=latest_progress(issue),
            overdue=issue.deadline < today,
        )
        for issue in reads.open_issues
    ]
    return ProjectCard(
        project=project,
        profile=profile,
        light=project.get_light_display(),
        light_reasons=describe_reasons(project.light_reasons),
        physical_progress=project.physical_progress,
        investment=CardInvestment(year=reads.year, month=reads.month, figures=reads.figures),
        steps=steps,
        issues=issues,
        commitments=_commitments(reads.commitments),
        made_on=today,
        issued_by=reads.issued_by,
    )


def page_numbers_css() -> str:
    """The CSS ``content`` of the page footer: "第 " counter(page) " 页，共 " counter(pages) " 页"."""
    parts = []
    for part in re.split(r"(%\(page\)s|%\(pages\)s)", _("Page %(page)s of %(pages)s")):
        if part == "%(page)s":
            parts.append("counter(page)")
        elif part == "%(pages)s":
            parts.append("counter(pages)")
        elif part:
            parts.append('"' + part.replace("\\", "").replace('"', "") + '"')
    return " ".join(parts)


def card_html(card: ProjectCard) -> str:
    return render_to_string(
        "projects/card_pdf.html", {"card": card, "page_numbers": mark_safe(page_numbers_css())}
    )


def card_pdf(card: ProjectCard) -> bytes:
    from weasyprint import HTML  # imported here: loading WeasyPrint takes a second

    return bytes(HTML(string=card_html(card), base_url=str(settings.BASE_DIR)).write_pdf())
