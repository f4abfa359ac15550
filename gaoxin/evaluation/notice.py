"""The publicity notice (公示) and the final announcement of a run, as xlsx and as a PDF laid out as an
official notice (WeasyPrint with the Noto CJK fonts). The PDF is rendered by the worker: WeasyPrint lays
out about 250 table rows a second, so a long list takes a while."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from gaoxin.accounts.choices import Capability
from gaoxin.accounts.models import Department
from gaoxin.core.tabular.workbooks import new_workbook
from gaoxin.evaluation.choices import RunStatus
from gaoxin.evaluation.models import EvaluationResult, EvaluationRun


@dataclass(frozen=True)
class NoticeGroup:
    label: str
    rows: list[tuple[int, str, str, str]] = field(default_factory=list)  # number, name, credit code, grade
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Notice:
    title: str
    paragraphs: list[str]
    groups: list[NoticeGroup]
    issuer: str
    date: str
    draft: bool


def issuer() -> str:
    """The department that holds the evaluation (the first one, by the committee's order)."""
    for department in Department.objects.filter(is_active=True).order_by("sort_order", "code"):
        if department.holds(Capability.EVALUATION):
            return department.name
    return _("The management committee")


def notice(run: EvaluationRun) -> Notice:
    scheme = run.scheme.parsed()
    grade_order = {grade: position for position, grade in enumerate(scheme.grades)}
    groups = {group.key: NoticeGroup(group.label) for group in scheme.groups}
    results = (
        EvaluationResult.objects.filter(run=run)
        .exclude(grade="")
        .values_list("group", "grade", "rank", "enterprise__name", "enterprise__credit_code")
    )
    ordered = sorted(results, key=lambda r: (grade_order.get(r[1], 99), r[2] or 0, r[4]))
    for group_key, grade, _rank, name, code in ordered:
        target = groups.get(group_key) or groups.setdefault(group_key, NoticeGroup(group_key or _("Other")))
        target.rows.append((len(target.rows) + 1, name, code, grade))
        target.counts[grade] = target.counts.get(grade, 0) + 1
    signed_by = issuer()
    values = {"year": run.year, "scheme": f"{run.scheme_name} {run.scheme_version}", "issuer": signed_by}
    if run.status == RunStatus.PUBLISHED:
        title = _("Results of the %(year)s per-mu efficiency evaluation of industrial enterprises") % values
        paragraphs = [
            _(
                "The results of the %(year)s per-mu efficiency evaluation of industrial enterprises, made with the "
                "scheme %(scheme)s, reviewed after their publicity and approved, are published below."
            )
            % values
        ]
    else:
        title = _("Publicity of the %(year)s per-mu efficiency evaluation of industrial enterprises") % values
        window = {
            "start": run.publicity_starts_on.isoformat() if run.publicity_starts_on else "—",
            "end": run.publicity_ends_on.isoformat() if run.publicity_ends_on else "—",
        }
        paragraphs = [
            _(
                "The %(year)s per-mu efficiency evaluation of industrial enterprises has been made with the scheme "
                "%(scheme)s. The draft grades are published below for public review."
            )
            % values,
            _(
                "The publicity runs from %(start)s to %(end)s. An enterprise that disagrees with its result may file "
                "an objection with supporting evidence within this period, through the platform or in writing."
            )
            % window,
        ]
    date = run.published_at if run.status == RunStatus.PUBLISHED else None
    day = (
        date.date().isoformat()
        if date
        else (run.publicity_starts_on.isoformat() if run.publicity_starts_on else "")
    )
    return Notice(
        title=title,
        paragraphs=paragraphs,
        groups=[group for group in groups.values() if group.rows],
        issuer=signed_by,
        date=day,
        draft=run.status not in (RunStatus.PUBLICITY, RunStatus.APPROVED, RunStatus.PUBLISHED),
    )


def notice_xlsx(run: EvaluationRun) -> bytes:
    content = notice(run)
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
    sheet.write(row, 3, content.issuer)
    sheet.write(row + 1, 3, content.date)
    book.close()
    return buffer.getvalue()


def notice_pdf(run: EvaluationRun) -> bytes:
    from weasyprint import HTML  # imported here: loading WeasyPrint takes a second

    html = render_to_string("evaluation/notice_pdf.html", {"notice": notice(run), "run": run})
    return bytes(HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf())


def notice_path(job_id: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "evaluation" / "notices" / f"{job_id}.pdf"
