"""Writing an evaluation result to an xlsx workbook with Chinese headers (xlsxwriter, constant memory).

Sheets: 评价结果 (one row per enterprise), 基准值 (the benchmarks used), 评价方案 (which scheme). Status and
reason texts are msgids passed through ``translate`` (the Django layer passes ``gettext``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from gaoxin.core.messages import gettext_noop
from gaoxin.core.tabular.workbooks import new_workbook
from gaoxin.evaluation.engine.columns import LABELS
from gaoxin.evaluation.engine.reasons import describe
from gaoxin.evaluation.engine.score import ScoreTable, Status

STATUS_MESSAGES = {
    Status.SCORED: gettext_noop("Scored"),
    Status.EXEMPT: gettext_noop("Exempt"),
    Status.EXCLUDED: gettext_noop("Not evaluated (data)"),
    Status.LEASED_FOLLOWER: gettext_noop("Follows its lessor"),
    Status.LESSOR_NOT_FOUND: gettext_noop("Lessor not evaluated"),
    Status.NO_GROUP: gettext_noop("No group"),
    Status.INVALID: gettext_noop("Cannot be computed"),
}
_FIXED = {
    "credit_code": LABELS["credit_code"][0],
    "name": LABELS["name"][0],
    "status": "评价状态",
    "group": "评价组",
    "lessor_credit_code": LABELS["lessor_credit_code"][0],
    "lessees": "合并计算的租赁企业数",
    "rank_partition": "排名分区",
    "base_score": "指标得分合计",
    "correction": "修正系数",
    "adjustment_total": "加减分合计",
    "total": "总分",
    "rank": "组内排名",
    "ranked_count": "参评企业数",
    "top_percent": "排名位次（前%）",
    "grade_merit": "按得分分类",
    "grade": "分类",
    "reasons": "说明",
}
_BENCHMARK_HEADERS = ("评价组", "指标", "分区", "方式", "基准值", "最小值", "企业数", "有效")


def headers(result: ScoreTable) -> list[str]:
    """The Chinese header of each column of ``result.frame``."""
    scheme = result.scheme
    labels = {definition.key: definition for definition in scheme.indicators}
    adjustments = {f"adj_{rule.key}": f"加减分：{rule.reason}" for rule in scheme.adjustments}
    parts = {"benchmark": "基准值", "minimum": "最小值", "score": "得分"}
    names = []
    for column in result.frame.columns:
        if column in _FIXED:
            names.append(_FIXED[column])
        elif column in adjustments:
            names.append(adjustments[column])
        else:
            key, part = column.removeprefix("ind_").rsplit("_", 1)
            definition = labels[key]
            unit = f"（{definition.unit}）" if definition.unit and part == "value" else ""
            names.append(f"{definition.label}{parts.get(part, '')}{unit}")
    return names


def _cells(result: ScoreTable, translate: Callable[[str], str]) -> Iterable[Sequence[object]]:
    group_labels = {group.key: group.label for group in result.scheme.groups}
    columns = result.frame.columns
    status, group, reasons = columns.index("status"), columns.index("group"), columns.index("reasons")
    for row in result.frame.iter_rows():
        cells = list(row)
        cells[status] = translate(STATUS_MESSAGES[row[status]])
        cells[group] = group_labels.get(row[group], row[group])
        texts = []
        for reason in row[reasons]:
            message = describe(reason["code"], reason["key"], reason["text"])
            texts.append(message.text(translate))
        cells[reasons] = "；".join(texts)
        yield cells


def write_result_xlsx(
    result: ScoreTable, target: str | Path | BinaryIO, *, translate: Callable[[str], str] = str
) -> None:
    workbook = new_workbook(target, nan_inf_to_errors=False)
    bold = workbook.add_format({"bold": True})
    sheet = workbook.add_worksheet("评价结果")
    sheet.write_row(0, 0, headers(result), bold)
    for number, cells in enumerate(_cells(result, translate), start=1):
        sheet.write_row(number, 0, cells)
    sheet.freeze_panes(1, 1)
    table = workbook.add_worksheet("基准值")
    table.write_row(0, 0, _BENCHMARK_HEADERS, bold)
    indicator_labels = {definition.key: definition.label for definition in result.scheme.indicators}
    for number, row in enumerate(result.benchmarks.iter_rows(named=True), start=1):
        table.write_row(
            number,
            0,
            [
                row["group"],
                indicator_labels[row["indicator"]],
                row["partition"],
                row["mode"],
                row["benchmark"],
                row["minimum"],
                row["firms"],
                "是" if row["valid"] else "否",
            ],
        )
    about = workbook.add_worksheet("评价方案")
    scheme = result.scheme
    for number, (label, value) in enumerate(
        (
            ("方案", scheme.name),
            ("版本", scheme.version),
            ("年度", result.year),
            ("说明", scheme.description.strip()),
        )
    ):
        about.write_row(number, 0, [label, value])
    workbook.close()
