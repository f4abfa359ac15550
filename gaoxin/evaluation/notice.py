"""The publicity notice (公示) and the final announcement (公布) of a run, as xlsx and as a PDF laid out as an
official notice (WeasyPrint with the Noto CJK fonts): the scheme's title, Chinese dates, the issuing authority,
signature, contact and objection channel the zone configured (``EvaluationSettings``); a draft is watermarked
and names no window; the file name follows the stage. What it reads comes from ``selectors.notice_data``. The PDF is rendered by the worker: WeasyPrint lays
out about 250 table rows a second, so a long list takes a while."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.core.tabular.workbooks import new_workbook
from gaoxin.evaluation import engine
from gaoxin.evaluation.choices import RunStatus
from gaoxin.evaluation.models import EvaluationRun, EvaluationSettings

if TYPE_CHECKING:
    from gaoxin.evaluation.selectors import GradedLine, NoticeData


@dataclass(frozen=True)
class NoticeGroup:
    label: str
    rows: list[tuple[int, str, str, str]] = field(default_factory=list)  # number, name, credit code, grade
    counts: dict[str, int] = field(default_factory=dict)


class Stage(StrEnum):
    """What a notice is: the draft list in publicity (公示), or the final results (公布)."""

    PUBLICITY = "publicity"
    ANNOUNCEMENT = "announcement"


@dataclass(frozen=True)
class Notice:
    title: str
    stage: Stage
    paragraphs: list[str]
    groups: list[NoticeGroup]
    issuer: str  # the issuing authority
    signature: str  # the signature block (the issuer unless the zone names another)
    date: str  # in Chinese: 2026年12月7日
    draft: bool  # not (yet) valid to publish: watermarked


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def default_issuer(departments: list[str]) -> str:
    """The first of the departments that hold the evaluation (in the committee's order), else the committee."""
    return departments[0] if departments else _("The management committee")


def stage_of(run: EvaluationRun) -> tuple[Stage, bool]:
    """The notice's stage and whether it is a draft: a list not yet in publicity is a draft publicity notice,
    an approved list not yet published a draft announcement."""
    if run.status in (RunStatus.APPROVED, RunStatus.PUBLISHED):
        return Stage.ANNOUNCEMENT, run.status != RunStatus.PUBLISHED
    return Stage.PUBLICITY, run.status != RunStatus.PUBLICITY


def filename(run: EvaluationRun, extension: str) -> str:
    """亩均评价公示-2025.pdf, 亩均评价结果公布-2025.xlsx; a draft says so."""
    stage, draft = stage_of(run)
    name = "亩均评价公示" if stage is Stage.PUBLICITY else "亩均评价结果公布"
    return f"{name}{'（草稿）' if draft else ''}-{run.year}.{extension}"


def _groups(graded: list[GradedLine], scheme: engine.Scheme) -> list[NoticeGroup]:
    grade_order = {grade: position for position, grade in enumerate(scheme.grades)}
    groups = {group.key: NoticeGroup(group.label) for group in scheme.groups}
    ordered = sorted(graded, key=lambda r: (grade_order.get(r[1], 99), r[2] or 0, r[4]))
    for group_key, grade, _rank, name, code in ordered:
        target = groups.get(group_key) or groups.setdefault(group_key, NoticeGroup(group_key or _("Other")))
        target.rows.append((len(target.rows) + 1, name, code, grade))
        target.counts[grade] = target.counts.get(grade, 0) + 1
    return [group for group in groups.values() if group.rows]


def _publicity_paragraphs(
    run: EvaluationRun, values: dict[str, object], zone: EvaluationSettings
) -> list[str]:
    paragraphs = [
        _(
            "Under the method %(scheme)s (version %(version)s), the %(year)s evaluation has been made. The draft "
            "grades are published below for public review."
        )
        % values
    ]
    if run.publicity_starts_on and run.publicity_ends_on:  # a draft has no window yet
        paragraphs.append(
            _(
                "The publicity runs from %(start)s to %(end)s. An enterprise that disagrees with its result may "
                "file an objection with supporting evidence within this period."
            )
            % {"start": chinese_date(run.publicity_starts_on), "end": chinese_date(run.publicity_ends_on)}
        )
    if zone.objection_channel:
        paragraphs.append(_("Objections are received: %(channel)s") % {"channel": zone.objection_channel})
    return paragraphs


def notice(run: EvaluationRun, data: NoticeData) -> Notice:
    """The notice of ``run`` from what ``selectors.notice_data(run)`` read."""
    scheme = run.scheme.parsed()
    zone = data.zone
    stage, draft = stage_of(run)
    issuer = zone.issuer or default_issuer(data.departments)
    values: dict[str, object] = {
        "year": run.year,
        "scheme": run.scheme.display_name,
        "version": run.scheme_version,
        "issuer": issuer,
    }
    if stage is Stage.ANNOUNCEMENT:
        title = _("%(year)s %(scheme)s: final results") % values
        paragraphs = [
            _(
                "The results of the %(year)s evaluation under the method %(scheme)s (version %(version)s), "
                "reviewed after their publicity and approved, are published below."
            )
            % values
        ]
        day = timezone.localtime(run.published_at).date() if run.published_at else None
    else:
        title = _("%(year)s %(scheme)s: results in publicity") % values
        paragraphs = _publicity_paragraphs(run, values, zone)
        day = (
            timezone.localtime(run.publicity_started_at).date()
            if run.publicity_started_at
            else run.publicity_starts_on
        )
    if zone.contact:
        paragraphs.append(_("Contact: %(contact)s") % {"contact": zone.contact})
    return Notice(
        title=title,
        stage=stage,
        paragraphs=paragraphs,
        groups=_groups(data.graded, scheme),
        issuer=issuer,
        signature=zone.signature or issuer,
        date=chinese_date(day or timezone.localdate()),
        draft=draft,
    )


def notice_xlsx(content: Notice) -> bytes:
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    sheet = book.add_worksheet(_("Notice")[:31])
    title = book.add_format({"bold": True, "font_size": 16, "align": "center"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    bold = book.add_format({"bold": True, "border": 1, "align": "center"})
    cell = book.add_format({"border": 1})
    sheet.set_column(0, 0, 8)
    sheet.set_column(1, 1, 44)
    sheet.set_column(2, 2, 24)
    sheet.set_column(3, 3, 8)
    sheet.merge_range(0, 0, 0, 3, content.title, title)
    row = 2
    if content.draft:
        watermark = book.add_format({"bold": True, "font_color": "#b71c1c", "align": "center"})
        sheet.merge_range(1, 0, 1, 3, _("Draft — not valid for publication"), watermark)
    for paragraph in content.paragraphs:
        sheet.merge_range(row, 0, row, 3, paragraph, wrap)
        sheet.set_row(row, 48)
        row += 1
    headers = [_("No."), _("Enterprise"), _("Credit code"), _("Grade")]
    for group in content.groups:
        row += 1
        sheet.write(row, 0, group.label, book.add_format({"bold": True}))
        row += 1
        sheet.write_row(row, 0, headers, bold)
        for number, name, code, grade in group.rows:
            row += 1
            sheet.write_row(row, 0, [number, name, code, grade], cell)
        row += 1
    row += 1
    sheet.write(row, 3, content.signature)
    sheet.write(row + 1, 3, content.date)
    book.close()
    return buffer.getvalue()


def notice_pdf(run: EvaluationRun, content: Notice) -> bytes:
    from weasyprint import HTML  # imported here: loading WeasyPrint takes a second

    html = render_to_string("evaluation/notice_pdf.html", {"notice": content, "run": run})
    return bytes(HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf())


def notice_path(job_id: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "evaluation" / "notices" / f"{job_id}.pdf"
