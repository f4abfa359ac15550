"""Spreadsheets of the evaluation (xlsxwriter, constant memory): the ranking, entitlements, the chase list."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.core.tabular.workbooks import new_workbook
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.evaluation.choices import DisputeOutcome
from gaoxin.evaluation.engine.score import indicator_keys
from gaoxin.evaluation.entitlements import entitlements
from gaoxin.evaluation.messages import reason_text, status_label
from gaoxin.evaluation.models import EvaluationResult, EvaluationRun, GradePolicy

CHUNK = 5000


def workbook(
    sheet_name: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = ""
) -> bytes:
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    sheet = book.add_worksheet(sheet_name[:31])
    bold = book.add_format({"bold": True})
    first = 0
    if title:
        sheet.write(0, 0, title, book.add_format({"bold": True, "font_size": 14}))
        first = 2
    sheet.write_row(first, 0, headers, bold)
    for number, row in enumerate(rows, start=first + 1):
        sheet.write_row(number, 0, ["" if cell is None else cell for cell in row])
    sheet.freeze_panes(first + 1, 0)
    book.close()
    return buffer.getvalue()


def ranking_xlsx(run: EvaluationRun, results: QuerySet[EvaluationResult]) -> bytes:
    scheme = run.scheme.parsed()
    keys = indicator_keys(scheme)
    labels = {definition.key: definition for definition in scheme.indicators}
    groups = {group.key: group.label for group in scheme.groups}
    headers = [_("Group"), _("Rank"), _("Enterprise"), _("Credit code"), _("Park"), _("Industry")]
    for key in keys:
        unit = f"（{labels[key].unit}）" if labels[key].unit else ""
        headers += [f"{labels[key].label}{unit}", _("%(indicator)s score") % {"indicator": labels[key].label}]
    headers += [_("Indicator sum"), _("Adjustments"), _("Total"), _("Top percent"), _("Grade by score"), _("Grade"),
                _("Status"), _("Notes")]  # fmt: skip

    def rows() -> Iterable[list[Any]]:
        for result in results.iterator(chunk_size=CHUNK):
            enterprise = result.enterprise
            cells: list[Any] = [groups.get(result.group, result.group), result.rank, enterprise.name,
                                enterprise.credit_code, enterprise.park.name if enterprise.park else "",
                                enterprise.industry_code]  # fmt: skip
            for key in keys:
                parts = result.indicators.get(key, {})
                cells += [parts.get("value"), parts.get("score")]
            cells += [result.base_score, result.adjustment_total, result.total, result.top_percent,
                      result.grade_merit, result.grade, status_label(result.status),
                      "；".join(reason_text(reason) for reason in result.reasons)]  # fmt: skip
            yield cells

    return workbook(_("Ranking"), headers, rows(), title=str(run))


def entitlements_xlsx(
    run: EvaluationRun,
    results: QuerySet[EvaluationResult],
    policies: Sequence[GradePolicy],
    streaks: set[tuple[int, int]],
) -> bytes:
    """What each graded enterprise gets; ``streaks`` as ``selectors.escalation_streaks`` read them for the run."""
    headers = [_("Enterprise"), _("Credit code"), _("Grade")]
    headers += [f"{policy.label}（{policy.unit}）" if policy.unit else policy.label for policy in policies]

    def rows() -> Iterable[list[Any]]:
        for result in results.iterator(chunk_size=CHUNK):
            granted = entitlements([result], policies, streaks)[result.pk]
            values = [float(item.value) if item.value is not None else None for item in granted]
            yield [result.enterprise.name, result.enterprise.credit_code, result.grade, *values]

    return workbook(_("Policies by grade"), headers, rows(), title=str(run))


def confirmations_xlsx(year: int, rows: QuerySet[EnterpriseYear], files: dict[int, list[str]]) -> bytes:
    """The chase list, with what each enterprise wrote when it objected, its attachments (``files``: their names
    by confirmation id, as ``selectors.attachment_names_of_year`` reads them), and our answer."""
    headers = [_("Enterprise"), _("Credit code"), _("Park"), _("Contact person"), _("Contact phone"),
               _("Answer"), _("Answered at"), _("What the enterprise wrote"), _("Attachments"), _("Outcome"),
               _("Our answer"), _("Answered on")]  # fmt: skip
    answers = {"confirmed": _("Confirmed"), "objected": _("Objected")}
    outcomes = dict(DisputeOutcome.choices)

    def when(moment: Any) -> str:
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""

    def cells() -> Iterable[list[Any]]:
        for row in rows.iterator(chunk_size=CHUNK):
            enterprise = row.enterprise
            answer = getattr(row, "answer", None) or ""
            yield [enterprise.name, enterprise.credit_code, enterprise.park.name if enterprise.park else "",
                   enterprise.contact_name, enterprise.contact_phone, answers.get(answer, _("Not yet")),
                   when(getattr(row, "answered_at", None)), getattr(row, "comment", None) or "",
                   "；".join(files.get(getattr(row, "confirmation_id", None) or 0, [])),
                   str(outcomes.get(getattr(row, "outcome", None) or "", "")), getattr(row, "reply", None) or "",
                   when(getattr(row, "replied_at", None))]  # fmt: skip

    return workbook(
        _("Data confirmation"), headers, cells(), title=_("Data sheets of %(year)d") % {"year": year}
    )
